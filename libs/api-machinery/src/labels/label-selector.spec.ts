import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BadRequestError } from '../errors/status-error.js';
import { LabelSelector, parseLabelSelector } from './label-selector.js';

const NAME_PART_ERROR =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const VALUE_ERROR =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const PREFIX_ERROR =
  "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe(parseLabelSelector.name, () => {
  const valid: [input: string, canonical: string][] = [
    ['', ''],
    ['   ', ''],
    ['x=a', 'x=a'],
    ['x==a', 'x==a'],
    ['x!=a', 'x!=a'],
    ['x in (a,b)', 'x in (a,b)'],
    ['x in (b,a,b)', 'x in (a,b)'],
    ['x notin (a)', 'x notin (a)'],
    ['x', 'x'],
    ['!x', '!x'],
    [' x = a ,  y ', 'x=a,y'],
    ['z=1,a=2', 'a=2,z=1'],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['x=', 'x='],
    ['x=,z= ', 'x=,z='],
    ['x>1', 'x>1'],
    ['x>1,z<5', 'x>1,z<5'],
    ['example.com/app=web', 'example.com/app=web'],
    ['in in (in)', 'in in (in)'],
    ['x\tin\t(a)', 'x in (a)'],
    ['x in (a,)', 'x in (,a)'],
  ];
  for (const [input, canonical] of valid) {
    it(`parses ${JSON.stringify(input)} as ${JSON.stringify(canonical)}`, () => {
      const selector = parseLabelSelector(input);
      assert.equal(selector.toString(), canonical);
      assert.equal(selector.empty, canonical === '');
      assert.equal(parseLabelSelector(canonical).toString(), canonical);
    });
  }

  const invalid: [input: string, message: string][] = [
    ['x=a||y=b', `unable to parse requirement: values[0][x]: Invalid value: "a||y": ${VALUE_ERROR}`],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x<a', `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`],
    ['x in (a,b', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['a in (,,)', "unable to parse requirement: found ')', expected: ',', or identifier"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['a b', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
    [',', "found ',', expected: !, identifier, or 'end of string'"],
    ['a,', "found '', expected: identifier after ','"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['x=(a)', "unable to parse requirement: found '(', expected: identifier"],
    ['app:monolith', `unable to parse requirement: <nil>: Invalid value: "app:monolith": ${NAME_PART_ERROR}`],
    ['app.kubernetes_io/name=x', `unable to parse requirement: <nil>: Invalid value: "app.kubernetes_io/name": ${PREFIX_ERROR}`],
    [
      'a/b/c ?=? def',
      "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ],
    [`x=${'a'.repeat(64)}`, `unable to parse requirement: values[0][x]: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`],
    [`${'k'.repeat(64)}=v`, `unable to parse requirement: <nil>: Invalid value: "${'k'.repeat(64)}": name part must be no more than 63 characters`],
  ];
  for (const [input, message] of invalid) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      assert.throws(() => parseLabelSelector(input), (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.equal(error.code, 400);
        assert.equal(error.message, message);
        return true;
      });
    });
  }

  it('round-trips generated selectors through toString', () => {
    const key = fc.stringMatching(/^([a-z]([a-z0-9-]{0,4}[a-z0-9])?(\.[a-z]([a-z0-9-]{0,4}[a-z0-9])?)?\/)?[A-Za-z0-9]([A-Za-z0-9_.-]{0,8}[A-Za-z0-9])?$/);
    const value = fc.stringMatching(/^([A-Za-z0-9]([A-Za-z0-9_.-]{0,6}[A-Za-z0-9])?)?$/);
    const setValue = value.filter((v) => v !== '');
    const term = fc.oneof(
      fc.tuple(key, fc.constantFrom('=', '==', '!='), value).map(([k, op, v]) => `${k}${op}${v}`),
      fc.tuple(key, fc.constantFrom('in', 'notin'), fc.array(setValue, { minLength: 1, maxLength: 3 })).map(([k, op, vs]) => `${k} ${op} (${vs.join(',')})`),
      key.map((k) => k),
      key.map((k) => `!${k}`),
    );
    fc.assert(
      fc.property(fc.array(term, { maxLength: 4 }), (terms) => {
        const canonical = parseLabelSelector(terms.join(',')).toString();
        assert.equal(parseLabelSelector(canonical).toString(), canonical);
      }),
      { numRuns: 200 },
    );
  });
});

describe(LabelSelector.name, () => {
  const cases: [selector: string, labels: Record<string, string> | undefined, matches: boolean][] = [
    ['', undefined, true],
    ['x=a', { x: 'a' }, true],
    ['x=a', { x: 'b' }, false],
    ['x=a', {}, false],
    ['x==a', { x: 'a', y: 'b' }, true],
    ['x!=a', {}, true],
    ['x!=a', { x: 'b' }, true],
    ['x!=a', { x: 'a' }, false],
    ['x in (a,b)', { x: 'b' }, true],
    ['x in (a,b)', {}, false],
    ['x notin (a)', {}, true],
    ['x notin (a)', { x: 'b' }, true],
    ['x notin (a)', { x: 'a' }, false],
    ['x', { x: '' }, true],
    ['x', undefined, false],
    ['!x', {}, true],
    ['!x', { x: '' }, false],
    ['x>1', { x: '2' }, true],
    ['x>1', { x: '1' }, false],
    ['x>1', { x: 'a' }, false],
    ['x<1', { x: '-5' }, true],
    ['x>1', {}, false],
    ['x=', {}, false],
    ['x=', { x: '' }, true],
    ['x=a,y', { x: 'a' }, false],
    ['x=a,y', { x: 'a', y: 'z' }, true],
    ['constructor', {}, false],
    ['!toString', {}, true],
  ];
  for (const [selector, labels, expected] of cases) {
    it(`${JSON.stringify(selector)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(labels)}`, () => {
      assert.equal(parseLabelSelector(selector).matches(labels), expected);
    });
  }

  it('nothing() matches nothing and is not empty', () => {
    const nothing = LabelSelector.nothing();
    assert.equal(nothing.matches({}), false);
    assert.equal(nothing.empty, false);
    assert.equal(nothing.toString(), '');
  });

  it('reports exact-match requirements', () => {
    const selector = parseLabelSelector('app=web,tier in (fe),env in (a,b),x!=y');
    assert.equal(selector.requiresExactMatch('app'), 'web');
    assert.equal(selector.requiresExactMatch('tier'), 'fe');
    assert.equal(selector.requiresExactMatch('env'), undefined);
    assert.equal(selector.requiresExactMatch('x'), undefined);
  });

  it('exposes sorted requirements with sorted values', () => {
    assert.deepEqual(parseLabelSelector('b in (z,y),a').requirements, [
      { key: 'a', operator: 'exists', values: [] },
      { key: 'b', operator: 'in', values: ['y', 'z'] },
    ]);
  });
});
