import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from '../../support/api.js';
import { Metrics } from '../../support/metrics.js';
import { ServerProcess } from '../../support/server.js';
import { quantile } from '../../support/stats.js';
import { retrying } from '../../support/time.js';
import { WorkloadStats } from './workload.js';

/** One periodic measurement of the soak. */
export interface SoakSample {
  [figure: string]: number;
  t: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** After a forced full GC in the server (what is really retained). */
  heapAfterGcBytes: number;
  eventLoopLagP99Seconds: number;
  dbSizeBytes: number;
  dbFilesBytes: number;
  storeKeys: number;
  storeRevision: number;
  compactedRevision: number;
  events: number;
  /** Events recorded per second since the last sample (event_total). */
  eventsPerSecond: number;
  opsPerSecond: number;
  p99LatencyMs: number;
  serverErrors: number;
}

/** Reads the server's /metrics, the event count, the database files and the workload's latencies since the last sample. */
export async function sample(server: ServerProcess, api: Api, dataDir: string, stats: WorkloadStats, since: { at: number; ops: number; events: number }, started: number): Promise<SoakSample> {
  const metrics = await Metrics.scrape(api.baseUrl);
  const memory = await server.memory();
  const events = await retrying(() => api.get('/events?limit=1'), Metrics.failures);
  const now = Date.now();
  const latencies = stats.latencies.drain();
  const result: SoakSample = {
    t: Math.round((now - started) / 1000),
    rssBytes: metrics.sum('process_resident_memory_bytes'),
    heapUsedBytes: metrics.sum('nodejs_heap_size_used_bytes'),
    heapAfterGcBytes: memory.heapUsed,
    eventLoopLagP99Seconds: metrics.sum('nodejs_eventloop_lag_p99_seconds'),
    dbSizeBytes: metrics.sum('store_db_size_bytes'),
    dbFilesBytes: ['operator.db', 'operator.db-wal', 'operator.db-shm'].reduce((n, f) => n + fileSize(join(dataDir, f)), 0),
    storeKeys: metrics.sum('store_keys'),
    storeRevision: metrics.sum('store_revision'),
    compactedRevision: metrics.sum('store_compacted_revision'),
    events: Number(events.body?.total ?? NaN),
    eventsPerSecond: Math.round(((metrics.sum('event_total') - since.events) * 1000) / Math.max(1, now - since.at)),
    opsPerSecond: Math.round(((stats.operations - since.ops) * 1000) / Math.max(1, now - since.at)),
    p99LatencyMs: Math.round(quantile(latencies, 0.99) * 10) / 10,
    serverErrors: stats.serverErrors,
  };
  since.at = now;
  since.ops = stats.operations;
  since.events = metrics.sum('event_total');
  return result;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
