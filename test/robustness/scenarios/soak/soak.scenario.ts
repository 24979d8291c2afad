import { Scenario, ScenarioContext } from '../../scenario.js';
import { ScenarioRecorder } from '../../report/report.js';
import { Api, application, appsPath } from '../../support/api.js';
import { Metrics } from '../../support/metrics.js';
import { bounded, MiB, mib } from '../../support/stats.js';
import { sleep } from '../../support/time.js';
import { WatchClient } from '../watch/watch-client.js';
import { sample, SoakSample } from './sampler.js';
import { SOAK_NAMESPACE, workloadLoop, WorkloadStats } from './workload.js';

const POOL = 60;
const EVENT_MAX = 300;
const ENV = {
  RECONCILER_ENABLED: 'true',
  RESYNC_PERIOD_SECONDS: '10',
  COMPACTION_INTERVAL_SECONDS: '2',
  COMPACTION_MIN_RETENTION_SECONDS: '5',
  COMPACTION_MIN_REVISIONS: '200',
  EVENT_MAX: String(EVENT_MAX),
  EVENT_TTL_SECONDS: '30',
};

/**
 * Scenario 6: a mixed workload (creates, updates, deletes, reads, watches, webhook calls and the
 * reconciles they cause) for a fixed time, sampled periodically: RSS, heap, event-loop lag,
 * database size, live keys, events and p99 latency. Compaction and event retention must keep
 * every size bounded: the last sample stays within a tolerance of the first half's maximum.
 */
export const soakScenario: Scenario = {
  id: 'soak',
  title: 'Soak: mixed workload, bounded database, memory and events',
  async run(ctx: ScenarioContext, rec: ScenarioRecorder): Promise<void> {
    const { durationSeconds, sampleSeconds, writers } = ctx.profile.soak;
    const dataDir = ctx.dataDir();
    const server = await ctx.server('operator', { DATA_DIR: dataDir, ...ENV }).start();
    const api = new Api(server.url);
    for (let i = 0; i < POOL; i += 2) await api.post(appsPath(SOAK_NAMESPACE), application(`soak-${i}`));
    const stats = new WorkloadStats();
    let stopped = false;
    const watchers = ['sse', 'k8s', 'sse', 'k8s'].map((kind) => new WatchClient(kind as 'sse' | 'k8s', { port: server.port, namespace: SOAK_NAMESPACE }, 0, true));
    watchers.forEach((w) => w.start());
    const loops = Array.from({ length: writers }, () => workloadLoop(api, ctx.random.fork(), POOL, stats, () => stopped));
    const samples: SoakSample[] = [];
    try {
      await sleep(Math.min(15, sampleSeconds) * 1000); // warm-up: pool filled, compaction and event retention running
      const started = Date.now();
      const since = { at: started, ops: stats.operations, events: (await Metrics.scrape(server.url)).sum('event_total') };
      stats.latencies.drain();
      for (let t = 0; t <= durationSeconds; t += sampleSeconds) {
        if (t > 0) await sleep(started + t * 1000 - Date.now());
        const s = await sample(server, api, dataDir, stats, since, started);
        samples.push(s);
        ctx.log(`t=${s.t}s rss ${mib(s.rssBytes)} MiB, heap ${mib(s.heapUsedBytes)} MiB (after GC ${mib(s.heapAfterGcBytes)}), lag p99 ${(s.eventLoopLagP99Seconds * 1000).toFixed(0)} ms, db ${mib(s.dbSizeBytes)} MiB (files ${mib(s.dbFilesBytes)}), keys ${s.storeKeys}, events ${s.events} (+${s.eventsPerSecond}/s), ${s.opsPerSecond} ops/s, p99 ${s.p99LatencyMs} ms`);
      }
    } finally {
      stopped = true;
      await Promise.all(loops);
      watchers.forEach((w) => w.close());
    }
    judge(rec, samples, stats, watchers);
  },
};

function judge(rec: ScenarioRecorder, samples: SoakSample[], stats: WorkloadStats, watchers: WatchClient[]): void {
  rec.samples = samples;
  const series = (key: keyof SoakSample) => samples.map((s) => s[key] as number);
  const last = samples[samples.length - 1];
  rec.figure('duration s', last.t);
  rec.figure('operations', stats.operations);
  for (const [op, n] of Object.entries(stats.byOperation).sort()) rec.figure(`operations: ${op}`, n);
  rec.figure('watch events received', watchers.reduce((n, w) => n + w.seen.length, 0));
  rec.figure('RSS MiB (first / max / last)', `${mib(samples[0].rssBytes)} / ${mib(Math.max(...series('rssBytes')))} / ${mib(last.rssBytes)}`);
  rec.figure('heap after GC MiB (first / max / last)', `${mib(samples[0].heapAfterGcBytes)} / ${mib(Math.max(...series('heapAfterGcBytes')))} / ${mib(last.heapAfterGcBytes)}`);
  rec.figure('event-loop lag p99 ms (max)', Math.round(Math.max(...series('eventLoopLagP99Seconds')) * 1000));
  rec.figure('request p99 ms (max per sample)', Math.max(...series('p99LatencyMs')));
  rec.figure('database MiB (first / max / last)', `${mib(samples[0].dbSizeBytes)} / ${mib(Math.max(...series('dbSizeBytes')))} / ${mib(last.dbSizeBytes)}`);
  rec.figure('database files incl. WAL MiB (max)', mib(Math.max(...series('dbFilesBytes'))));
  rec.figure('revisions written during the soak', last.storeRevision - samples[0].storeRevision);
  rec.figure('compacted revision (first / last)', `${samples[0].compactedRevision} / ${last.compactedRevision}`);
  rec.figure('events stored (max)', Math.max(...series('events')));
  rec.figure('5xx answers', stats.serverErrors);
  rec.figure('requests without reply (workload)', stats.noReply);
  rec.figure('sampler requests retried', Metrics.failures.length ? `${Metrics.failures.length}: ${Metrics.failures.slice(-2).join('; ')}` : 0);
  const check = (promise: string, key: keyof SoakSample, ratio: number, slack: number) => {
    const verdict = bounded(series(key), ratio, slack);
    rec.check(promise, verdict.ok, verdict.detail);
  };
  check('database size bounded (compaction works)', 'dbSizeBytes', 1.5, 2 * MiB);
  check('database files incl. WAL bounded', 'dbFilesBytes', 1.5, 8 * MiB);
  check('live keys bounded', 'storeKeys', 1.2, 50);
  check('RSS bounded', 'rssBytes', 1.3, 40 * MiB);
  check('heap after GC bounded', 'heapAfterGcBytes', 1.25, 16 * MiB);
  check('events bounded (retention works)', 'events', 1.2, 100);
  // Retention sweeps start at most every 5 s once EVENT_MAX is passed: allow what 10 s of recording adds.
  const allowance = EVENT_MAX + 10 * Math.max(...series('eventsPerSecond'));
  rec.check('events near EVENT_MAX', Math.max(...series('events')) <= allowance, `max ${Math.max(...series('events'))} <= ${allowance} (EVENT_MAX ${EVENT_MAX} + 10 s of events at the peak rate)`);
  rec.check('compaction keeps up (compacted revision advances)', last.compactedRevision > samples[0].compactedRevision, `${samples[0].compactedRevision} -> ${last.compactedRevision}`);
  rec.check('every request answered during the soak', stats.noReply === 0, `${stats.noReply} of ${stats.operations + stats.noReply} without reply${stats.noReply ? `: ${stats.noReplyCauses.join('; ')}` : ''}`);
  rec.check('no 5xx during the soak', stats.serverErrors === 0, stats.serverErrors === 0 ? `0 of ${stats.operations}` : `${stats.serverErrors}: ${stats.lastServerErrors.join(' | ')}`);
}
