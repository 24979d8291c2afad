import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findOverlaps, ReconcileLog } from './reconcile-log.js';

const start = (key: string, identity: string, t: number) => `LOG [Controller:application] reconcile start ${key} identity=${identity} t=${t}`;
const end = (key: string, identity: string, t: number, fenced = false) => `reconcile end ${key} identity=${identity} t=${t} fenced=${fenced}`;

describe(ReconcileLog.name, () => {
  it('pairs start and end lines per replica and key, ignoring other lines', () => {
    const log = new ReconcileLog();
    [start('ns/a', 'r1', 100), 'unrelated', start('ns/b', 'r1', 105), end('ns/a', 'r1', 110), end('ns/b', 'r1', 120, true)].forEach((l) => log.line(l));
    assert.deepEqual(log.intervals.map((i) => [i.key, i.start, i.end, i.fenced]), [['ns/a', 100, 110, false], ['ns/b', 105, 120, true]]);
    assert.equal(log.openCount(), 0);
  });

  it('closes the open reconciles of a replica that died', () => {
    const log = new ReconcileLog();
    log.line(start('ns/a', 'r1', 100));
    log.line(start('ns/a', 'r2', 100));
    log.died('r1', 150);
    assert.deepEqual(log.intervals.map((i) => [i.identity, i.end, i.cutShort]), [['r1', 150, true], ['r2', undefined, undefined]]);
    assert.equal(log.openCount('r2'), 1);
  });
});

describe(findOverlaps.name, () => {
  const interval = (identity: string, s: number, e?: number) => ({ identity, key: 'ns/a', start: s, end: e });

  it('finds reconciles of different replicas that ran at the same time', () => {
    const overlaps = findOverlaps([interval('r1', 0, 10), interval('r2', 5, 15), interval('r1', 12, 20)], [], 100);
    assert.deepEqual(overlaps.map((o) => [o.a.identity, o.a.start, o.b.identity, o.b.start, o.fenced]), [['r1', 0, 'r2', 5, undefined], ['r2', 5, 'r1', 12, undefined]]);
  });

  it('does not count back-to-back handovers or one replica overlapping itself', () => {
    assert.deepEqual(findOverlaps([interval('r1', 0, 10), interval('r2', 10, 20), interval('r2', 12, 14)], [], 100), []);
  });

  it('marks an overlap as fenced when one side spans a SIGSTOP of its own process', () => {
    const overlaps = findOverlaps([interval('r1', 0, 5000), interval('r2', 3000, 3100)], [{ identity: 'r1', from: 100, to: 4900 }], 6000);
    assert.equal(overlaps.length, 1);
    assert.equal(overlaps[0].fenced, 'pause');
  });

  it('marks an overlap as fenced when one side ended finding it no longer leads', () => {
    const overlaps = findOverlaps([{ ...interval('r1', 0, 50), fenced: true }, interval('r2', 40, 60)], [], 100);
    assert.deepEqual(overlaps.map((o) => o.fenced), ['renew-deadline']);
  });

  it('treats an open interval as running until now', () => {
    assert.equal(findOverlaps([interval('r1', 0), interval('r2', 50, 60)], [], 100).length, 1);
  });
});
