/**
 * `npm run bench:api`: create, get and list throughput and p99 latency of the operator's
 * Application API (SQLite storage, reconciler off so the API is measured alone) against a raw
 * `node:http` + better-sqlite3 baseline doing the same work, in the same run, over loopback.
 * Both servers run in this process, one under load at a time; autocannon runs in a child process.
 * Env: BENCH_DURATION (s, 10), BENCH_WARMUP (s, 2; 0 skips), BENCH_CONNECTIONS (10),
 * BENCH_LIST_SIZE (100), BENCH_SCENARIOS (create,get,list), SQLITE_SYNCHRONOUS (full | normal; default full).
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadConfig } from '@app/config';
import { RunningOperator, startOperator } from '../apps/operator/src/bootstrap.js';
import { startBaseline } from './baseline-server.js';
import type { LoadResult, LoadSpec } from './load.js';
import { NAME_PLACEHOLDER } from './load.js';
import { envChoice, envNumber, round, table, tempDir } from './support.js';

const APPS = '/apis/cloudnative.elide.dev/v1';
const LOAD_JS = fileURLToPath(new URL('./load.js', import.meta.url));
const run = promisify(execFile);

const duration = envNumber('BENCH_DURATION', 10);
const warmup = process.env.BENCH_WARMUP === '0' ? 0 : envNumber('BENCH_WARMUP', 2);
const connections = envNumber('BENCH_CONNECTIONS', 10);
const listSize = envNumber('BENCH_LIST_SIZE', 100);
const synchronous = envChoice('SQLITE_SYNCHRONOUS', ['full', 'normal'] as const, 'full');
const only = (process.env.BENCH_SCENARIOS ?? 'create,get,list').split(',').map((s) => s.trim());

/** The Application every create sends (the name is filled in per request, fixed width). */
function applicationBody(name: string): string {
  return JSON.stringify({
    apiVersion: 'cloudnative.elide.dev/v1',
    kind: 'Application',
    metadata: { name, labels: { 'app.kubernetes.io/name': 'bench', tier: 'web' } },
    spec: { image: 'nginx:1.25', replicas: 3, strategy: 'RollingUpdate', config: { LOG_LEVEL: 'info', FEATURE_X: 'on' } },
  });
}

interface Scenario {
  id: string;
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

type Measured = LoadResult & { serverCpuUsPerRequest: number };
type Comparison = { scenario: string; operator: Measured; baseline: Measured; ratio: number };

/** One autocannon run; also the CPU this process (the server under load; the other one idles) spent per request. */
async function load(url: string, scenario: Scenario, namePrefix: string, seconds: number): Promise<Measured> {
  const spec: LoadSpec = { url, method: scenario.method, path: scenario.path, body: scenario.body, namePrefix, connections, durationSeconds: seconds };
  const cpuAtStart = process.cpuUsage();
  const { stdout } = await run(process.execPath, [LOAD_JS, JSON.stringify(spec)], { maxBuffer: 1 << 20 });
  const cpu = process.cpuUsage(cpuAtStart);
  const result = JSON.parse(stdout) as LoadResult;
  return { ...result, serverCpuUsPerRequest: result.requests > 0 ? Math.round((cpu.user + cpu.system) / result.requests) : 0 };
}

/** Creates `listSize` Applications on the operator and copies them, as stored, into the baseline. */
async function seed(operatorUrl: string, baseline: { seed(ns: string, objects: any[]): void }): Promise<void> {
  const path = `${operatorUrl}${APPS}/namespaces/bench-read/applications`;
  for (let i = 0; i < listSize; i++) {
    const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: applicationBody(`app-${String(i).padStart(5, '0')}`) });
    if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  }
  const list = (await (await fetch(path)).json()) as { items: any[] };
  baseline.seed('bench-read', list.items.map((item) => ({ apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', ...item })));
}

function startBenchOperator(dataDir: string): Promise<RunningOperator> {
  mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({
    ...process.env,
    STORAGE: 'sqlite',
    DATA_DIR: dataDir,
    SQLITE_SYNCHRONOUS: synchronous,
    ENABLE_LEADER_ELECTION: 'false',
    RECONCILER_ENABLED: 'false',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'error',
  });
  return startOperator(config);
}

function scenarios(): Scenario[] {
  const all: Scenario[] = [
    { id: 'create', name: 'create', method: 'POST', path: `${APPS}/namespaces/bench-create/applications`, body: applicationBody(NAME_PLACEHOLDER) },
    { id: 'get', name: 'get', method: 'GET', path: `${APPS}/namespaces/bench-read/applications/app-00000` },
    { id: 'list', name: `list (${listSize} items)`, method: 'GET', path: `${APPS}/namespaces/bench-read/applications` },
  ];
  return all.filter((scenario) => only.includes(scenario.id));
}

/** Operator then baseline for each scenario, one server under load at a time, each after its own warm-up. */
async function measureAll(targets: Array<['operator' | 'baseline', string]>): Promise<Comparison[]> {
  const results: Comparison[] = [];
  for (const scenario of scenarios()) {
    const measured = {} as Record<'operator' | 'baseline', Measured>;
    for (const [target, url] of targets) {
      if (warmup > 0) await load(url, scenario, 'warm', warmup);
      measured[target] = await load(url, scenario, 'run', duration);
      check(scenario.name, target, measured[target]);
    }
    results.push({ scenario: scenario.name, ...measured, ratio: measured.operator.requestsPerSecond / measured.baseline.requestsPerSecond });
  }
  return results;
}

async function main(): Promise<void> {
  const dir = tempDir('bench-api-');
  const operator = await startBenchOperator(join(dir.path, 'operator'));
  const baseline = await startBaseline(dir.path, synchronous);
  try {
    await seed(operator.url, baseline);
    console.log(`bench:api: storage sqlite, synchronous=${synchronous} (both servers, WAL), leader election off, reconciler off`);
    console.log(`autocannon: ${connections} connections, ${duration} s per run (+${warmup} s warm-up), loopback; node ${process.version}; load average ${loadavg()[0].toFixed(2)}\n`);
    report(await measureAll([['operator', operator.url], ['baseline', baseline.url]]));
  } finally {
    await operator.shutdown();
    await baseline.close();
    dir.remove();
  }
}

/** A run with errors or non-2xx answers is not a measurement: say so loudly. */
function check(scenario: string, target: string, result: LoadResult): void {
  if (result.non2xx > 0 || result.errors > 0) {
    console.warn(`WARNING: ${target} ${scenario}: ${result.non2xx} non-2xx answers, ${result.errors} errors (${JSON.stringify(result.statusCodes)})`);
  }
}

function report(results: Comparison[]): void {
  const rows = results.map(({ scenario, operator, baseline, ratio }) => [
    scenario,
    round(operator.requestsPerSecond, 0),
    round(operator.latencyP99Ms, 1),
    operator.serverCpuUsPerRequest,
    operator.bytesPerResponse,
    round(baseline.requestsPerSecond, 0),
    round(baseline.latencyP99Ms, 1),
    baseline.serverCpuUsPerRequest,
    baseline.bytesPerResponse,
    `${round(ratio * 100, 1)}%`,
  ]);
  const header = ['scenario', 'operator req/s', 'p99 ms', 'CPU µs/req', 'bytes/resp', 'baseline req/s', 'p99 ms', 'CPU µs/req', 'bytes/resp', 'req/s ratio'];
  console.log(table(header, rows));
  console.log('(req/s ratio = operator / baseline; CPU µs/req = CPU time of the server process per request)');
  const json = { bench: 'api', synchronous, connections, durationSeconds: duration, listSize, node: process.version, loadAverage: round(loadavg()[0], 2), results };
  console.log('\n' + JSON.stringify(json));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
