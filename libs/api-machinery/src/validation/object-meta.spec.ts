import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TOTAL_ANNOTATION_SIZE_LIMIT_BYTES, validateAnnotations, validateFinalizers, validateLabels, validateOwnerReferences } from './object-meta.js';

const NAME_PART_ERROR =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_ERROR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe(validateLabels.name, () => {
  it('accepts valid labels, including empty values', () => {
    assert.deepEqual(validateLabels({ app: 'web', 'example.com/tier': '', v: 'a_b.c-d' }), []);
    assert.deepEqual(validateLabels(undefined), []);
  });

  it('reports invalid keys and values at metadata.labels with kube’s wording', () => {
    assert.deepEqual(validateLabels({ 'bad key': 'ok', good: 'bad value!', long: 'v'.repeat(64) }), [
      { reason: 'FieldValueInvalid', field: 'metadata.labels', message: `Invalid value: "bad key": ${NAME_PART_ERROR}` },
      { reason: 'FieldValueInvalid', field: 'metadata.labels', message: `Invalid value: "bad value!": ${VALUE_ERROR}` },
      { reason: 'FieldValueInvalid', field: 'metadata.labels', message: `Invalid value: "${'v'.repeat(64)}": must be no more than 63 characters` },
    ]);
  });

  it('uses the given field path', () => {
    assert.equal(validateLabels({ 'a b': 'c' }, 'spec.template.metadata.labels')[0].field, 'spec.template.metadata.labels');
  });
});

describe(validateAnnotations.name, () => {
  it('checks keys case-insensitively and ignores values', () => {
    assert.deepEqual(validateAnnotations({ 'Example.COM/Foo': 'any value, even {json}', 'kubectl.kubernetes.io/last-applied-configuration': '{}' }), []);
    assert.deepEqual(validateAnnotations({ 'no spaces': 'x' }), [{ reason: 'FieldValueInvalid', field: 'metadata.annotations', message: `Invalid value: "no spaces": ${NAME_PART_ERROR}` }]);
  });

  it('limits keys and values together to 256 KiB', () => {
    const atLimit = { a: 'x'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT_BYTES - 1) };
    assert.deepEqual(validateAnnotations(atLimit), []);
    assert.deepEqual(validateAnnotations({ ...atLimit, b: '' }), [
      { reason: 'FieldValueTooLong', field: 'metadata.annotations', message: 'Too long: may not be more than 262144 bytes' },
    ]);
  });

  it('counts bytes, not characters', () => {
    assert.equal(validateAnnotations({ a: 'é'.repeat(TOTAL_ANNOTATION_SIZE_LIMIT_BYTES / 2) }).length, 1);
  });
});

describe(validateFinalizers.name, () => {
  it('accepts qualified names', () => {
    assert.deepEqual(validateFinalizers(['cloudnative.elide.dev/cleanup', 'kubernetes']), []);
    assert.deepEqual(validateFinalizers(undefined), []);
  });

  it('rejects other names and the orphan/foreground pair', () => {
    assert.deepEqual(validateFinalizers(['a/b/c', 'orphan', 'foregroundDeletion']), [
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.finalizers',
        message:
          "Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      },
      {
        reason: 'FieldValueInvalid',
        field: 'metadata.finalizers',
        message: 'Invalid value: ["a/b/c","orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set',
      },
    ]);
  });
});

describe(validateOwnerReferences.name, () => {
  const owner = { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', name: 'web', uid: 'u1' };

  it('accepts complete references', () => {
    assert.deepEqual(validateOwnerReferences([owner, { ...owner, name: 'b', uid: 'u2', controller: true }]), []);
  });

  it('reports missing members, Event owners and a second controller', () => {
    const causes = validateOwnerReferences([
      { apiVersion: '', kind: '', name: '', uid: '' },
      { apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u' },
      { ...owner, controller: true },
      { ...owner, name: 'other', controller: true },
    ]);
    assert.deepEqual(
      causes.map((c) => `${c.field}: ${c.message}`),
      [
        'metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty',
        'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
        'metadata.ownerReferences.name: Invalid value: "": must not be empty',
        'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
        'metadata.ownerReferences: Invalid value: {"apiVersion":"v1","kind":"Event","name":"e","uid":"u"}: /v1, Kind=Event is disallowed from being an owner',
        'metadata.ownerReferences: Invalid value: [{"apiVersion":"","kind":"","name":"","uid":""},{"apiVersion":"v1","kind":"Event","name":"e","uid":"u"},{"apiVersion":"cloudnative.elide.dev/v1","kind":"Application","name":"web","uid":"u1","controller":true},{"apiVersion":"cloudnative.elide.dev/v1","kind":"Application","name":"other","uid":"u1","controller":true}]: Only one reference can have Controller set to true. Found "true" in references for Application/web and Application/other',
      ],
    );
  });
});
