/**
 * `npm run bench:reconcile`: how long N Applications (BENCH_N, default 10000) take to all reach
 * Running with the simulated workload at SIM_POD_STARTUP_MS=0, in an in-process operator;
 * reconciles per second (controller_reconcile_total on /metrics, before and after) and peak RSS
 * (process.memoryUsage().rss sampled every 100 ms, and process.resourceUsage().maxRSS).
 * Env: BENCH_N; BENCH_STORAGE memory (default) | sqlite (SQLITE_SYNCHRONOUS=normal);
 * BENCH_CREATE client (default: ResourceClient, in process, so the reconciler is what is measured) |
 * http (POSTs through the API: the HTTP create path then dominates the CPU);
 * BENCH_CONCURRENCY (creates in flight, 32); other operator variables pass through
 * (MAX_CONCURRENT_RECONCILES, ...). Convergence is detected from a watch, not by polling objects.
 */
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { loadConfig } from '@app/config';
import { ResourceClient, ResourceClientFactory } from '@app/resources';
import { RunningOperator, startOperator } from '../apps/operator/src/bootstrap.js';
import { envChoice, envNumber, metricSum, round, tempDir } from './support.js';
import { ConvergenceWatch } from './convergence-watch.js';

const NAMESPACE = 'bench';
const APPS = `/apis/cloudnative.elide.dev/v1/namespaces/${NAMESPACE}/applications`;
const total = Math.floor(envNumber('BENCH_N', 10_000));
const storage = envChoice('BENCH_STORAGE', ['memory', 'sqlite'] as const, 'memory');
const createVia = envChoice('BENCH_CREATE', ['http', 'client'] as const, 'client');
const concurrency = Math.floor(envNumber('BENCH_CONCURRENCY', 32));

const application = (name: string) => ({
  apiVersion: 'cloudnative.elide.dev/v1',
  kind: 'Application',
  metadata: { name, labels: { 'app.kubernetes.io/name': 'bench' } },
  spec: { image: 'nginx:1.25', replicas: 2 },
});

/** Peak RSS, sampled every 100 ms. */
function sampleRss(): { peak(): number; stop(): void } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  return { peak: () => Math.max(peak, process.memoryUsage().rss), stop: () => clearInterval(timer) };
}

/** Runs `create(i)` for i in [0, total) with `concurrency` in flight. */
async function createAll(create: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await create(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}

function creator(url: string, client: ResourceClient): (i: number) => Promise<void> {
  const name = (i: number) => `app-${String(i).padStart(6, '0')}`;
  if (createVia === 'client') return async (i) => void (await client.create(NAMESPACE, application(name(i))));
  return async (i) => {
    const res = await fetch(url + APPS, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(application(name(i))) });
    if (res.status !== 201) throw new Error(`create ${name(i)}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer().catch(() => undefined);
  };
}

function startBenchOperator(dataDir: string): Promise<RunningOperator> {
  return startOperator(
    loadConfig({
      ...process.env,
      STORAGE: storage,
      DATA_DIR: dataDir,
      SQLITE_SYNCHRONOUS: 'normal',
      ENABLE_LEADER_ELECTION: 'false',
      RECONCILER_ENABLED: 'true',
      SIM_POD_STARTUP_MS: '0',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
    }),
  );
}

interface Timings {
  createdMs: number;
  convergedMs: number;
  cpu: NodeJS.CpuUsage;
  reconciles: number;
}

/** Creates every Application and waits, on the watch, until all are Running. */
async function run(operator: RunningOperator, client: ResourceClient, watch: ConvergenceWatch): Promise<Timings> {
  const reconcileTotal = async () => metricSum(await (await fetch(`${operator.url}/metrics`)).text(), 'controller_reconcile_total');
  const before = await reconcileTotal();
  const cpuAtStart = process.cpuUsage();
  const started = performance.now();
  await createAll(creator(operator.url, client));
  const createdMs = performance.now() - started;
  console.log(`created ${total} in ${round(createdMs / 1000, 2)} s (${round(total / (createdMs / 1000), 0)}/s); ${watch.running} Running so far`);
  await watch.allRunning(total);
  const convergedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuAtStart);
  return { createdMs, convergedMs, cpu, reconciles: (await reconcileTotal()) - before };
}

function report({ createdMs, convergedMs, cpu, reconciles }: Timings, rssAtStart: number, peakRss: number): void {
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const result = {
    bench: 'reconcile',
    n: total,
    storage,
    createVia,
    createSeconds: round(createdMs / 1000, 2),
    createsPerSecond: round(total / (createdMs / 1000), 0),
    convergeSeconds: round(convergedMs / 1000, 2),
    convergeAfterLastCreateSeconds: round((convergedMs - createdMs) / 1000, 2),
    reconciles,
    reconcilesPerApplication: round(reconciles / total, 2),
    reconcilesPerSecond: round(reconciles / (convergedMs / 1000), 0),
    cpuSeconds: round(cpuMs / 1000, 1),
    cpuMsPerApplication: round(cpuMs / total, 2),
    peakRssMb: round(peakRss / 2 ** 20, 0),
    rssAtStartMb: round(rssAtStart / 2 ** 20, 0),
    maxRssMb: round(process.resourceUsage().maxRSS / 1024, 0),
    node: process.version,
    loadAverage: round(loadavg()[0], 2),
  };
  console.log(`all ${total} Running ${result.convergeSeconds} s after the first create (${result.convergeAfterLastCreateSeconds} s after the last)`);
  console.log(`reconciles: ${reconciles} (${result.reconcilesPerApplication} per Application), ${result.reconcilesPerSecond}/s`);
  console.log(`CPU: ${result.cpuSeconds} s in this process (${result.cpuMsPerApplication} ms per Application, creation included)`);
  console.log(`RSS: peak ${result.peakRssMb} MB sampled (${result.rssAtStartMb} MB before the first create), maxRSS ${result.maxRssMb} MB`);
  console.log(JSON.stringify(result));
}

async function main(): Promise<void> {
  const dir = tempDir('bench-reconcile-');
  const rss = sampleRss();
  const operator = await startBenchOperator(dir.path);
  try {
    const client = operator.app.get(ResourceClientFactory).client({ group: 'cloudnative.elide.dev', version: 'v1', resource: 'applications' });
    const watch = await ConvergenceWatch.start(client, NAMESPACE);
    const rssAtStart = process.memoryUsage().rss;
    const sqlite = storage === 'sqlite' ? ' (synchronous=normal)' : '';
    console.log(
      `bench:reconcile: N=${total}, storage ${storage}${sqlite}, creates via ${createVia} (${concurrency} in flight), SIM_POD_STARTUP_MS=0, ` +
        `MAX_CONCURRENT_RECONCILES=${process.env.MAX_CONCURRENT_RECONCILES ?? 4}, node ${process.version}, load average ${loadavg()[0].toFixed(2)}`,
    );
    const timings = await run(operator, client, watch);
    report(timings, rssAtStart, rss.peak());
    watch.stop();
  } finally {
    rss.stop();
    await operator.shutdown();
    dir.remove();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
