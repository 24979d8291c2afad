import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it, mock } from 'node:test';
import Database from 'better-sqlite3';
import { CompactedError } from '../store.js';
import { FutureRevisionError } from '../storage.errors.js';
import { SqliteStore } from './sqlite-store.js';
import { Recorder } from './testing/recorder.js';
import { openTempStore } from './testing/temp-store.js';

function countRows(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM kv_log').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe(`${SqliteStore.name} compaction`, () => {
  let store: SqliteStore;
  let path: string;
  let dispose: () => Promise<void>;
  before(async () => ({ store, path, dispose } = await openTempStore()));
  after(() => dispose());

  it('drops superseded history and tombstones, keeps live keys, the revision and newer history', async () => {
    const first = await store.create('/c/kept', 'v1');
    await store.update('/c/kept', 'v2');
    const latest = await store.update('/c/kept', 'v3');
    await store.create('/c/gone', 'x');
    const midpoint = await store.currentRevision();
    const old = await store.create('/c/superseded-later', 'old');
    await store.delete('/c/gone');
    const target = await store.currentRevision();
    const newer = await store.update('/c/superseded-later', 'new');
    await store.create('/d/deleted-last', 'x');
    const lastDelete = await store.delete('/d/deleted-last');

    await store.compact(target);
    assert.equal(await store.compactedRevision(), target);
    assert.equal(countRows(path), 5, 'kept@v3, superseded-later@old (current at target), its update, /d/ create+delete');
    assert.deepEqual((await store.list('/c/', { revision: target })).items, [latest, old]);
    await assert.rejects(store.list('/c/', { revision: midpoint }), CompactedError);
    assert.deepEqual(await store.get('/c/kept'), latest);
    assert.equal(await store.get('/c/gone'), undefined);
    assert.equal(first.createRevision, latest.createRevision);

    await store.compact(lastDelete.modRevision);
    assert.equal(countRows(path), 2);
    assert.equal(await store.currentRevision(), lastDelete.modRevision, 'the deleted newest tombstone still counts');
    assert.equal((await store.create('/d/next', 'x')).modRevision, lastDelete.modRevision + 1);
    assert.deepEqual((await store.list('/c/')).items, [latest, newer]);
  });

  it('errors watches from below the compacted revision and serves those from it', async () => {
    const compacted = await store.compactedRevision();
    const below = new Recorder(store.watch('/', compacted - 1));
    const error = await below.failure();
    assert.ok(error instanceof CompactedError);
    assert.deepEqual([error.requested, error.compacted], [compacted - 1, compacted]);
    const at = new Recorder(store.watch('/', compacted));
    const current = await store.currentRevision();
    assert.deepEqual((await at.take(current - compacted)).map((e) => e.kv.modRevision).at(-1), current);
    at.unsubscribe();
  });

  it('is a no-op at or below the compacted revision and refuses a future one', async () => {
    const compacted = await store.compactedRevision();
    await store.compact(compacted - 1);
    assert.equal(await store.compactedRevision(), compacted);
    await assert.rejects(store.compact((await store.currentRevision()) + 1), FutureRevisionError);
  });

  it('is harmless when two connections compact at once', async (t) => {
    const other = new SqliteStore({ path, compaction: { intervalMs: 0 } });
    await other.open();
    t.after(() => other.close());
    for (let i = 0; i < 20; i++) await store.update('/c/kept', `n${i}`);
    const target = await store.currentRevision();
    await Promise.all([store.compact(target), other.compact(target - 5), other.compact(target)]);
    assert.equal(await other.compactedRevision(), target);
    assert.equal((await store.get('/c/kept'))?.value, 'n19');
  });

  it('gives freed space back so the file does not grow without bound', async () => {
    const big = 'x'.repeat(20_000);
    for (let i = 0; i < 100; i++) await store.update('/c/kept', `${big}${i}`);
    const grown = (await store.stats()).dbSizeBytes;
    await store.compact(await store.currentRevision());
    const stats = await store.stats();
    assert.ok(stats.dbSizeBytes < grown / 4, `${stats.dbSizeBytes} < ${grown} / 4`);
    assert.equal(stats.compactedRevision, stats.revision);
  });
});

describe(`${SqliteStore.name} compaction in batches`, () => {
  it('compacts more revisions than one batch holds', async (t) => {
    const { store, dispose } = await openTempStore({ memory: true });
    t.after(dispose);
    await store.create('/k', '0');
    for (let i = 1; i <= 2500; i++) await store.update('/k', String(i));
    await store.compact(2400);
    assert.equal(await store.compactedRevision(), 2400);
    const events = await new Recorder(store.watch('/', 2400)).take(101);
    assert.equal(events[0]?.prevKv?.modRevision, 2400);
    assert.equal((await store.list('/', { revision: 2400 })).items[0]?.value, '2399');
  });
});

describe(`${SqliteStore.name} automatic compaction`, () => {
  afterEach(() => mock.timers.reset());

  it('compacts only history both older than minRetentionMs and minRetainedRevisions behind', async (t) => {
    const { store, dispose } = await openTempStore({ compaction: { intervalMs: 0, minRetentionMs: 1000, minRetainedRevisions: 15 } });
    t.after(dispose);
    for (let i = 0; i < 10; i++) await store.create(`/a/${i}`, 'v');
    assert.equal(await store.applyRetention(10_000), 0, 'revision 10 is sampled at t=10s, too young');
    for (let i = 10; i < 20; i++) await store.create(`/a/${i}`, 'v');
    assert.equal(await store.applyRetention(10_500), 0, 'still too young');
    assert.equal(await store.applyRetention(11_000), 5, 'old enough: 10; retained revisions: 20 - 15');
    for (let i = 20; i < 40; i++) await store.create(`/a/${i}`, 'v');
    assert.equal(await store.applyRetention(11_500), 20, 'old enough: 20 (sampled at 10.5s); retained: 40 - 15');
    assert.equal(await store.applyRetention(12_500), 25, 'old enough: 40 (sampled at 11.5s); retained: 40 - 15');
    assert.equal((await store.list('/a/')).items.length, 40);
  });

  it('runs on its interval', async (t) => {
    mock.timers.enable({ apis: ['setInterval', 'Date'], now: 1_000_000 });
    const compaction = { intervalMs: 1000, minRetentionMs: 2000, minRetainedRevisions: 1 };
    const { store, dispose } = await openTempStore({ compaction });
    t.after(dispose);
    for (let i = 0; i < 5; i++) await store.create(`/t/${i}`, 'v');
    mock.timers.tick(1000);
    assert.equal(await store.compactedRevision(), 0);
    await store.create('/t/5', 'v');
    mock.timers.tick(2000);
    assert.equal(await store.compactedRevision(), 5, 'at 1003s: revision 5 (seen at 1001s) is old enough, and 6 - 1 retained');
  });
});
