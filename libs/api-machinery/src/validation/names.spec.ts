import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isDns1123Label, isDns1123Subdomain, validateDns1123Label } from './dns.js';
import { generateNameSuffix, generateObjectName, NAME_SUFFIX_ALPHABET, validateNamespaceName, validateObjectName } from './names.js';
import { validateQualifiedName } from './qualified-name.js';

const SUBDOMAIN_ERROR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_ERROR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART_ERROR =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe(validateObjectName.name, () => {
  const cases: [name: string, errors: string[]][] = [
    ['my-app', []],
    ['a.b-c.d', []],
    ['0', []],
    ['My_App', [SUBDOMAIN_ERROR]],
    ['-a', [SUBDOMAIN_ERROR]],
    ['a-', [SUBDOMAIN_ERROR]],
    ['a..b', [SUBDOMAIN_ERROR]],
    ['', [SUBDOMAIN_ERROR]],
    ['a'.repeat(253), []],
    ['a'.repeat(254), ['must be no more than 253 characters']],
    [`${'A'.repeat(254)}`, ['must be no more than 253 characters', SUBDOMAIN_ERROR]],
  ];
  for (const [name, errors] of cases) {
    it(`reports ${errors.length} problem(s) for ${JSON.stringify(name.length > 20 ? `${name.slice(0, 8)}…(${name.length})` : name)}`, () => {
      assert.deepEqual(validateObjectName(name), errors);
      assert.equal(isDns1123Subdomain(name), errors.length === 0);
    });
  }

  it('allows a trailing dash in a generateName prefix', () => {
    assert.deepEqual(validateObjectName('web-', true), []);
    assert.deepEqual(validateObjectName('web-'), [SUBDOMAIN_ERROR]);
  });
});

describe(validateNamespaceName.name, () => {
  const cases: [name: string, errors: string[]][] = [
    ['default', []],
    ['kube-system', []],
    ['a.b', ['must not contain dots']],
    ['Prod', [LABEL_ERROR]],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['must be no more than 63 characters']],
  ];
  for (const [name, errors] of cases) {
    it(`reports ${JSON.stringify(errors)} for a ${name.length}-character name`, () => {
      assert.deepEqual(validateNamespaceName(name), errors);
      assert.deepEqual(validateDns1123Label(name), errors);
      assert.equal(isDns1123Label(name), errors.length === 0);
    });
  }
});

describe(validateQualifiedName.name, () => {
  const cases: [name: string, errors: string[]][] = [
    ['app', []],
    ['example.com/app', []],
    ['App.Name_1', []],
    ['/app', ['prefix part must be non-empty']],
    ['example.com/', ['name part must be non-empty', NAME_PART_ERROR]],
    ['Example.com/app', [`prefix part ${SUBDOMAIN_ERROR}`]],
    ['a b', [NAME_PART_ERROR]],
    ['k'.repeat(64), ['name part must be no more than 63 characters']],
  ];
  for (const [name, errors] of cases) {
    it(`reports ${errors.length} problem(s) for ${JSON.stringify(name)}`, () => assert.deepEqual(validateQualifiedName(name), errors));
  }
});

describe(generateNameSuffix.name, () => {
  it('draws five characters from kube’s alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const suffix = generateNameSuffix();
      assert.match(suffix, /^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      seen.add(suffix);
    }
    assert.ok(seen.size > 190, 'suffixes are random');
    assert.equal(NAME_SUFFIX_ALPHABET.length, 27);
  });

  it('cuts generateName to 58 characters like SimpleNameGenerator', () => {
    const name = generateObjectName('x'.repeat(70));
    assert.equal(name.length, 63);
    assert.ok(name.startsWith('x'.repeat(58)));
    assert.match(generateObjectName('web-'), /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });
});
