import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError } from '../errors/status-error.js';
import { formatLabelSelector, labelSelectorFromMeta } from './meta-label-selector.js';

describe(labelSelectorFromMeta.name, () => {
  it('selects nothing for a missing selector and everything for an empty one', () => {
    assert.equal(labelSelectorFromMeta(undefined).matches({ a: 'b' }), false);
    assert.equal(labelSelectorFromMeta(null).empty, false);
    assert.equal(labelSelectorFromMeta({}).empty, true);
    assert.equal(labelSelectorFromMeta({}).matches({ a: 'b' }), true);
  });

  it('combines matchLabels and matchExpressions, sorted by key', () => {
    const selector = labelSelectorFromMeta({
      matchLabels: { tier: 'fe', app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'NotIn', values: ['b'] },
        { key: 'owner', operator: 'Exists', values: [] },
      ],
    });
    assert.equal(selector.toString(), 'app=web,!canary,env in (dev,prod),owner,tier=fe,zone notin (b)');
    assert.equal(selector.matches({ app: 'web', tier: 'fe', env: 'dev', owner: 'me' }), true);
    assert.equal(selector.matches({ app: 'web', tier: 'fe', env: 'dev', owner: 'me', canary: 'y' }), false);
  });

  const invalid: [name: string, selector: Parameters<typeof labelSelectorFromMeta>[0], message: string][] = [
    ['an unknown operator', { matchExpressions: [{ key: 'a', operator: 'Foo' }] }, '"Foo" is not a valid label selector operator'],
    ['In without values', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"],
    ['Exists with values', { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: ["x"]: values set must be empty for exists and does not exist'],
    [
      'an invalid matchLabels key',
      { matchLabels: { 'a b': 'c' } },
      "key: Invalid value: \"a b\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    ],
  ];
  for (const [name, selector, message] of invalid) {
    it(`rejects ${name}`, () => {
      assert.throws(() => labelSelectorFromMeta(selector), (error: unknown) => error instanceof BadRequestError && error.message === message);
    });
  }
});

describe(formatLabelSelector.name, () => {
  it('prints matchLabels as a sorted equality selector', () => {
    assert.equal(formatLabelSelector({ tier: 'fe', app: 'web' }), 'app=web,tier=fe');
    assert.equal(formatLabelSelector({}), '');
    assert.equal(formatLabelSelector(undefined), '');
  });
});
