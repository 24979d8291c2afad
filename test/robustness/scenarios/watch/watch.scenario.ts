import { Scenario, ScenarioContext } from '../../scenario.js';
import { ScenarioRecorder } from '../../report/report.js';
import { Api, application, appsPath, NoReply } from '../../support/api.js';
import { Metrics } from '../../support/metrics.js';
import { MemorySample, ServerProcess } from '../../support/server.js';
import { MiB, mib } from '../../support/stats.js';
import { sleep, until } from '../../support/time.js';
import { NonReadingClients, vanishingClients } from './faulty-clients.js';
import { checkSequence, WatchClient } from './watch-client.js';

const WATCHED = 'watched';
const FAT = 'fat';
const FAT_BYTES = 200 * 1024;
/** Heap after GC may exceed the baseline by this ratio plus this many bytes. */
const HEAP_RATIO = 1.2;
const HEAP_SLACK = 16 * MiB;

/**
 * Scenario 5: watch clients that vanish, clients that never read, and a kill -9 restart under
 * hundreds of SSE and Kubernetes watch clients. Memory returns to its baseline; every client
 * that reconnects from its last resourceVersion sees each acknowledged change exactly once, in order.
 */
export const watchScenario: Scenario = {
  id: 'watch',
  title: 'Watch faults: vanishing and non-reading clients, restart under many watchers',
  async run(ctx: ScenarioContext, rec: ScenarioRecorder): Promise<void> {
    const p = ctx.profile.watch;
    const server = await ctx.server('operator', { DATA_DIR: ctx.dataDir(), RECONCILER_ENABLED: 'false' }).start();
    const api = new Api(server.url);
    await api.post(appsPath(WATCHED), application('warmup'));
    const baseline = await server.memory();
    rec.figure('heap after GC, baseline (MiB)', mib(baseline.heapUsed));

    await vanishingClients(server.port, WATCHED, p.vanishingClients);
    const vanishedGone = await watchersGone(server);
    rec.figure('vanishing clients', p.vanishingClients);
    rec.check('clients that vanish are released (watch_clients back to 0)', vanishedGone.ok, vanishedGone.detail);

    const dropped = await nonReaders(server, api, p.nonReadingClients);
    rec.figure('non-reading clients', p.nonReadingClients);
    rec.figure('non-reading clients dropped by the server', dropped.dropped);
    rec.check('clients that never read are dropped, memory bounded meanwhile', dropped.ok, dropped.detail);
    const afterFaults = await server.memory();
    rec.figure('heap after GC after vanishing/non-reading clients (MiB)', mib(afterFaults.heapUsed));
    rec.check('heap back to baseline after vanishing and non-reading clients', withinBaseline(afterFaults, baseline), heapDetail(afterFaults, baseline));

    await restartUnderWatchers(ctx, rec, server, api, baseline);
  },
};

async function watchersGone(server: ServerProcess): Promise<{ ok: boolean; detail: string }> {
  let last = NaN;
  try {
    await until('watch_clients to reach 0', async () => (last = (await Metrics.scrape(server.url)).sum('watch_clients')) === 0, 15_000, 200);
    return { ok: true, detail: 'watch_clients 0' };
  } catch {
    return { ok: false, detail: `watch_clients still ${last}` };
  }
}

/** Opens non-reading watchers on the fat namespace and writes big objects until the server drops them all. */
async function nonReaders(server: ServerProcess, api: Api, count: number): Promise<{ ok: boolean; dropped: number; detail: string }> {
  const clients = new NonReadingClients();
  await clients.open(server.port, FAT, count);
  const droppedBefore = (await Metrics.scrape(server.url)).sum('watch_clients_dropped_total');
  let peakHeap = 0;
  let dropped = 0;
  for (let i = 0; i < 120 && dropped < count; i++) {
    const res = await api.post(appsPath(FAT), application(`fat-${i}`, {}, { annotations: { 'robustness/fat': 'x'.repeat(FAT_BYTES) } }));
    if (res.status !== 201) throw new Error(`fat write: ${res.status} ${res.text.slice(0, 200)}`);
    if (i % 10 === 9) {
      const metrics = await Metrics.scrape(server.url);
      dropped = metrics.sum('watch_clients_dropped_total') - droppedBefore;
      peakHeap = Math.max(peakHeap, metrics.sum('nodejs_heap_size_used_bytes'));
    }
  }
  clients.close();
  const bound = count * 8 * MiB + 200 * MiB;
  const ok = dropped === count && peakHeap < bound;
  return { ok, dropped, detail: `${dropped}/${count} dropped, peak heap ${mib(peakHeap)} MiB (bound ${mib(bound)} MiB)` };
}

function withinBaseline(sample: MemorySample, baseline: MemorySample): boolean {
  return sample.heapUsed <= baseline.heapUsed * HEAP_RATIO + HEAP_SLACK;
}

function heapDetail(sample: MemorySample, baseline: MemorySample): string {
  return `${mib(sample.heapUsed)} MiB <= ${mib(baseline.heapUsed * HEAP_RATIO + HEAP_SLACK)} MiB (baseline ${mib(baseline.heapUsed)} x ${HEAP_RATIO} + ${mib(HEAP_SLACK)}), sockets ${sample.sockets}`;
}

/** Many watchers, known writes, a kill -9 and restart in the middle; each client must see every acknowledged change exactly once, in order. */
async function restartUnderWatchers(ctx: ScenarioContext, rec: ScenarioRecorder, server: ServerProcess, api: Api, baseline: MemorySample): Promise<void> {
  const p = ctx.profile.watch;
  const start = Number((await api.get(appsPath(WATCHED))).body.metadata.resourceVersion);
  const target = { port: server.port, namespace: WATCHED };
  const clients = [...Array.from({ length: p.sseClients }, () => new WatchClient('sse', target, start)), ...Array.from({ length: p.kubeClients }, () => new WatchClient('k8s', target, start))];
  clients.forEach((c) => c.start());
  try {
    await until('every watch client connected', () => clients.every((c) => c.connected), 30_000, 100);
    const connected = await server.memory();
    rec.figure('watch clients (SSE + Kubernetes)', `${p.sseClients} + ${p.kubeClients}`);
    rec.figure('heap per connected watch client (KiB)', Math.round((connected.heapUsed - baseline.heapUsed) / clients.length / 1024));
    const writes = await writeThroughRestart(server, api, p.writes);
    const last = Math.max(...writes.acknowledged);
    const caughtUp = await Promise.race([Promise.all(clients.map((c) => c.reached(last))).then(() => true), sleep(30_000).then(() => false)]);
    judgeSequences(rec, clients, writes.acknowledged, caughtUp);
    rec.figure('acknowledged writes watched', writes.acknowledged.length);
    rec.figure('writes without reply', writes.unknown);
    rec.figure('server down ms (kill to serving)', writes.downMs);
    rec.figure('streams resumed after the restart', clients.reduce((n, c) => n + c.streams, 0) - clients.length);
    rec.figure('reconnect attempts (refused while down included)', clients.reduce((n, c) => n + c.connects, 0) - clients.length);
  } finally {
    clients.forEach((c) => c.close());
  }
  const gone = await watchersGone(server);
  const after = await server.memory();
  rec.figure('heap after GC after all clients left (MiB)', mib(after.heapUsed));
  rec.check('after the restart and all clients leaving: watch_clients 0, heap back to baseline', gone.ok && withinBaseline(after, baseline), `${gone.detail}; ${heapDetail(after, baseline)}`);
}

/** Creates and patches Applications one after another, with a kill -9 and restart halfway; the resourceVersion of every acknowledged write. */
async function writeThroughRestart(server: ServerProcess, api: Api, count: number): Promise<{ acknowledged: number[]; unknown: number; downMs: number }> {
  const acknowledged: number[] = [];
  let unknown = 0;
  let downMs = 0;
  for (let i = 0; i < count; i++) {
    if (i === Math.floor(count / 2)) {
      const killed = Date.now();
      await server.kill('SIGKILL');
      await server.start();
      downMs = Date.now() - killed;
    }
    try {
      const res = i % 3 === 0 ? await api.post(appsPath(WATCHED), application(`w-${i}`)) : await api.patch(appsPath(WATCHED, `w-${i - (i % 3)}`), { spec: { replicas: i % 5 } });
      if (res.status >= 200 && res.status < 300) acknowledged.push(Number(res.body.metadata.resourceVersion));
    } catch (error) {
      if (!(error instanceof NoReply)) throw error;
      unknown++;
    }
    await sleep(20);
  }
  return { acknowledged, unknown, downMs };
}

function judgeSequences(rec: ScenarioRecorder, clients: WatchClient[], acknowledged: number[], caughtUp: boolean): void {
  const failures = clients.map((c) => ({ c, result: checkSequence(c.seen, acknowledged) })).filter((x) => !x.result.ok);
  const reference = clients[0].seen.join(',');
  const differing = clients.filter((c) => c.seen.join(',') !== reference).length;
  rec.figure('events received (all clients)', clients.reduce((n, c) => n + c.seen.length, 0));
  rec.figure('clients with a gap, duplicate or reordering', failures.length);
  rec.check('every client sees every acknowledged change exactly once, in order', caughtUp && failures.length === 0, failures.length === 0 ? (caughtUp ? `${clients.length} clients x ${acknowledged.length} changes` : 'clients did not catch up within 30 s') : `${failures.length} clients, e.g. ${failures[0].c.kind}: ${failures[0].result.why}`);
  rec.check('every client saw the same sequence', differing === 0, `${differing} of ${clients.length} differ from the first`);
}
