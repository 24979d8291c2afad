import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contains } from './object-contains.js';

describe(contains.name, () => {
  it('ignores what the server or other managers added, in maps and lists', () => {
    const live = { spec: { replicas: 2, revisionHistoryLimit: 10, containers: [{ name: 'sidecar' }, { name: 'app', image: 'a', imagePullPolicy: 'IfNotPresent' }] } };
    assert.equal(contains(live, { spec: { replicas: 2, containers: [{ name: 'app', image: 'a' }] } }), true);
  });

  it('sees any field that differs or is missing', () => {
    const live = { spec: { replicas: 2, containers: [{ name: 'app', image: 'a' }] }, data: { A: '1' } };
    assert.equal(contains(live, { spec: { replicas: 3 } }), false);
    assert.equal(contains(live, { spec: { containers: [{ name: 'app', image: 'b' }] } }), false);
    assert.equal(contains(live, { data: { B: '1' } }), false);
    assert.equal(contains(live, { spec: { replicas: '2' } }), false);
    assert.equal(contains(undefined, { a: 1 }), false);
  });
});
