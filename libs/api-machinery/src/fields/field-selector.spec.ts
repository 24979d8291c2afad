import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError } from '../errors/status-error.js';
import { escapeFieldValue } from './field-escaping.js';
import { FieldLabelNotSupportedError, FieldSelector, parseFieldSelector } from './field-selector.js';

describe(parseFieldSelector.name, () => {
  const valid: [input: string, requirements: { field: string; operator: '=' | '!='; value: string }[], canonical: string][] = [
    ['', [], ''],
    ['metadata.name=foo', [{ field: 'metadata.name', operator: '=', value: 'foo' }], 'metadata.name=foo'],
    ['a==b', [{ field: 'a', operator: '=', value: 'b' }], 'a=b'],
    ['a!=b', [{ field: 'a', operator: '!=', value: 'b' }], 'a!=b'],
    ['b=1,a=2', [{ field: 'a', operator: '=', value: '2' }, { field: 'b', operator: '=', value: '1' }], 'a=2,b=1'],
    ['a=', [{ field: 'a', operator: '=', value: '' }], 'a='],
    ['a=b,,c=d', [{ field: 'a', operator: '=', value: 'b' }, { field: 'c', operator: '=', value: 'd' }], 'a=b,c=d'],
    ['a=x\\,y', [{ field: 'a', operator: '=', value: 'x,y' }], 'a=x\\,y'],
    ['a=x\\=y', [{ field: 'a', operator: '=', value: 'x=y' }], 'a=x\\=y'],
    ['a=x\\\\y', [{ field: 'a', operator: '=', value: 'x\\y' }], 'a=x\\\\y'],
    ['a=b c', [{ field: 'a', operator: '=', value: 'b c' }], 'a=b c'],
  ];
  for (const [input, requirements, canonical] of valid) {
    it(`parses ${JSON.stringify(input)}`, () => {
      const selector = parseFieldSelector(input);
      assert.deepEqual(selector.requirements, requirements);
      assert.equal(selector.toString(), canonical);
      assert.equal(selector.empty, requirements.length === 0);
    });
  }

  const invalid: [input: string, message: string][] = [
    ['foo', "invalid selector: 'foo'; can't understand 'foo'"],
    ['a=b,foo', "invalid selector: 'a=b,foo'; can't understand 'foo'"],
    ['a=b=c', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\,c=d', 'invalid field selector: unescaped character in value: 61'],
    ['a=b\\', 'invalid field selector: invalid escape sequence: \\'],
    ['a=\\x', 'invalid field selector: invalid escape sequence: \\x'],
  ];
  for (const [input, message] of invalid) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      assert.throws(() => parseFieldSelector(input), (error: unknown) => error instanceof BadRequestError && error.message === message);
    });
  }
});

describe(FieldSelector.name, () => {
  const fields: Record<string, string> = { 'metadata.name': 'web', 'metadata.namespace': 'prod', 'involvedObject.kind': 'Application' };
  const get = (field: string) => fields[field];

  const cases: [selector: string, matches: boolean][] = [
    ['', true],
    ['metadata.name=web', true],
    ['metadata.name==web', true],
    ['metadata.name=api', false],
    ['metadata.name!=api', true],
    ['metadata.name=web,metadata.namespace=prod', true],
    ['metadata.name=web,metadata.namespace=dev', false],
    ['spec.missing=', true],
    ['spec.missing!=', false],
    ['spec.missing=x', false],
  ];
  for (const [selector, expected] of cases) {
    it(`${JSON.stringify(selector)} ${expected ? 'matches' : 'does not match'}`, () => {
      assert.equal(parseFieldSelector(selector).matches(get), expected);
    });
  }

  it('lists referenced fields once and finds exact matches', () => {
    const selector = parseFieldSelector('involvedObject.name=a,involvedObject.kind=App,involvedObject.name!=b');
    assert.deepEqual(selector.fields(), ['involvedObject.kind', 'involvedObject.name']);
    assert.equal(selector.requiresExactMatch('involvedObject.name'), 'a');
    assert.equal(selector.requiresExactMatch('metadata.name'), undefined);
  });

  it('rejects unsupported fields with kube-apiserver’s message', () => {
    const selector = parseFieldSelector('spec.replicas=1,metadata.name=a');
    assert.throws(
      () => selector.assertSupported(['metadata.name', 'metadata.namespace'], 'applications.cloudnative.elide.dev'),
      (error: unknown) => {
        assert.ok(error instanceof FieldLabelNotSupportedError);
        assert.equal(error.field, 'spec.replicas');
        assert.equal(error.resource, 'applications.cloudnative.elide.dev');
        assert.deepEqual(error.toStatus(), {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'field label not supported: spec.replicas',
          reason: 'BadRequest',
          code: 400,
        });
        return true;
      },
    );
    assert.doesNotThrow(() => parseFieldSelector('metadata.name=a').assertSupported(['metadata.name']));
  });

  it('escapes values so that they parse back', () => {
    const value = 'a,b=c\\d';
    assert.equal(escapeFieldValue(value), 'a\\,b\\=c\\\\d');
    assert.equal(parseFieldSelector(`x=${escapeFieldValue(value)}`).requirements[0].value, value);
  });
});
