import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findLosses, Ledger, Observed } from './ledger.js';

describe(Ledger.name, () => {
  const observed = (entries: Record<string, Observed>) => new Map(Object.entries(entries));

  it('accepts the acknowledged version or any later one', () => {
    const ledger = new Ledger();
    ledger.written('a', 10, 'h1');
    ledger.written('b', 11, 'h2');
    const losses = findLosses(ledger.snapshot(), observed({ a: { resourceVersion: 10, hash: 'h1', terminating: false }, b: { resourceVersion: 40, hash: 'other', terminating: false } }));
    assert.deepEqual(losses, []);
  });

  it('reports missing, older and changed-content objects', () => {
    const ledger = new Ledger();
    ledger.written('missing', 5, 'h');
    ledger.written('older', 9, 'h');
    ledger.written('content', 7, 'h');
    const losses = findLosses(ledger.snapshot(), observed({ older: { resourceVersion: 8, hash: 'h', terminating: false }, content: { resourceVersion: 7, hash: 'x', terminating: false } }));
    assert.deepEqual(losses.map((l) => `${l.name}:${l.why}`).sort(), ['content:content', 'missing:missing', 'older:older']);
  });

  it('requires an acknowledged delete to stay deleted or terminating', () => {
    const ledger = new Ledger();
    ledger.deleted('gone', 3);
    ledger.deleted('terminating', 4);
    ledger.deleted('back', 5);
    const losses = findLosses(ledger.snapshot(), observed({ terminating: { resourceVersion: 6, hash: 'h', terminating: true }, back: { resourceVersion: 6, hash: 'h', terminating: false } }));
    assert.deepEqual(losses.map((l) => `${l.name}:${l.why}`), ['back:resurrected']);
    assert.equal(ledger.acknowledged, 3);
  });

  it('stops checking a name whose last request had no reply', () => {
    const ledger = new Ledger();
    ledger.written('a', 1, 'h');
    ledger.forget('a');
    assert.deepEqual(findLosses(ledger.snapshot(), new Map()), []);
  });
});
