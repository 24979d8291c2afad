/**
 * `npm run bench:watch`: change-stream fan-out. An operator runs as a child process (in-memory
 * store, reconciler and leader election off, so only the API and the watch hub work); this
 * process opens N watch clients on raw `http.get` streams (in a worker thread) and creates
 * Applications at a steady rate, each stamped with its send time in an annotation. Latency is
 * send → receipt of its ADDED event, over every client (so it includes the write itself; the
 * write's own acknowledgement latency is reported beside it). Phase 1: SSE clients on `/watch`;
 * phase 2: Kubernetes watch clients (`?watch=true`, newline-delimited JSON). Server memory is the
 * child's VmRSS; server CPU is the child's utime + stime, also per event delivered. Env:
 * BENCH_CLIENTS (1000), BENCH_RATE (writes/s, 50), BENCH_SECONDS (10), BENCH_DRAIN_SECONDS (15),
 * BENCH_SERVER_NODE_ARGS (extra node flags for the operator, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`),
 * BENCH_PHASES (`sse,k8s`: which phases run, in that order; `k8s` profiles the Kubernetes watch alone),
 * BENCH_K8S_VERSIONS (`v1`: the Application versions the Kubernetes watchers ask for, spread evenly).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { envNumber, round, table } from './support.js';
import { ClientKind, nowMs, quantile, SENT_AT } from './watch-clients.js';
import { ClientWorker } from './watch-worker.js';

const MAIN_JS = fileURLToPath(new URL('../apps/operator/src/main.js', import.meta.url));
const GROUP = '/apis/cloudnative.elide.dev';
const APPS = `${GROUP}/v1`;
const clients = envNumber('BENCH_CLIENTS', 1000);
const rate = envNumber('BENCH_RATE', 50);
const seconds = envNumber('BENCH_SECONDS', 10);
const drainSeconds = envNumber('BENCH_DRAIN_SECONDS', 15);
const phases = phaseKinds(process.env.BENCH_PHASES ?? 'sse,k8s');
const k8sVersions = (process.env.BENCH_K8S_VERSIONS ?? 'v1').split(',').map((version) => version.trim()).filter(Boolean);

/** The phases to run, from a comma-separated list of `sse` and `k8s`. */
function phaseKinds(list: string): ClientKind[] {
  const kinds = list.split(',').map((item) => item.trim()).filter(Boolean);
  const unknown = kinds.filter((kind) => kind !== 'sse' && kind !== 'k8s');
  if (kinds.length === 0 || unknown.length > 0) throw new Error(`BENCH_PHASES: expected a comma-separated list of sse and k8s, got "${list}"`);
  return kinds as ClientKind[];
}

interface Server {
  child: ChildProcess;
  url: string;
  /** VmRSS in MiB (Linux /proc). */
  rssMiB(): number;
  /** User + system CPU seconds so far. */
  cpuSeconds(): number;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startServer(): Promise<Server> {
  const port = await freePort();
  const env = { ...process.env, STORAGE: 'memory', RECONCILER_ENABLED: 'false', ENABLE_LEADER_ELECTION: 'false', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' };
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, MAIN_JS], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 30_000; ; await sleep(100)) {
    if (child.exitCode !== null) throw new Error(`the operator exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error('the operator did not become ready in 30 s');
    if (await fetch(`${url}/readyz`).then((res) => res.ok, () => false)) break;
  }
  const proc = (file: string) => readFileSync(`/proc/${child.pid}/${file}`, 'utf8');
  return {
    child,
    url,
    rssMiB: () => Number(/VmRSS:\s+(\d+) kB/.exec(proc('status'))?.[1] ?? Number.NaN) / 1024,
    cpuSeconds: () => {
      const fields = proc('stat').slice(proc('stat').lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
    },
  };
}

/** Creates `rate × seconds` Applications at a steady rate; resolves with the acknowledged count and ack latencies. */
async function writeAtRate(url: string, namespace: string): Promise<{ acknowledged: number; failed: number; ackMs: number[] }> {
  const total = Math.round(rate * seconds);
  const ackMs: number[] = [];
  let failed = 0;
  const start = performance.now();
  const writes: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    const sentAt = nowMs();
    const body = { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name: `app-${i}`, annotations: { [SENT_AT]: sentAt.toFixed(3) } }, spec: { image: 'nginx:1.25', replicas: 3 } };
    const request = fetch(`${url}${APPS}/namespaces/${namespace}/applications`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    writes.push(request.then(async (res) => {
      await res.arrayBuffer();
      if (res.status === 201) ackMs.push(nowMs() - sentAt);
      else failed++;
    }, () => void failed++));
  }
  await Promise.all(writes);
  return { acknowledged: ackMs.length, failed, ackMs };
}

async function currentResourceVersion(url: string, namespace: string): Promise<string> {
  const list = (await (await fetch(`${url}${APPS}/namespaces/${namespace}/applications?limit=1`)).json()) as { metadata: { resourceVersion: string } };
  return list.metadata.resourceVersion;
}

async function metric(url: string, name: string, kind: ClientKind): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`) && candidate.includes(`kind="${kind}"`));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

async function phase(server: Server, kind: ClientKind) {
  const namespace = `bench-${kind}`;
  const baseRss = server.rssMiB();
  const resourceVersion = kind === 'k8s' ? await currentResourceVersion(server.url, namespace) : '';
  const urls = kind === 'sse'
    ? [`${server.url}/watch?kind=Application&namespace=${namespace}`]
    : k8sVersions.map((version) => `${server.url}${GROUP}/${version}/namespaces/${namespace}/applications?watch=true&resourceVersion=${resourceVersion}`);
  const openedAt = performance.now();
  const watchers = new ClientWorker();
  await watchers.open(urls, kind, clients);
  const connectSeconds = (performance.now() - openedAt) / 1000;
  await sleep(1000);
  const connectedRss = server.rssMiB();
  let peakRss = connectedRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.rssMiB())), 250);
  const cpuBefore = server.cpuSeconds();
  const startedAt = performance.now();
  const writes = await writeAtRate(server.url, namespace);
  const expected = writes.acknowledged * clients;
  for (const deadline = performance.now() + drainSeconds * 1000; (await watchers.delivered()) < expected && performance.now() < deadline; ) await sleep(50);
  const busySeconds = (performance.now() - startedAt) / 1000;
  const serverCpuSeconds = server.cpuSeconds() - cpuBefore;
  const serverCpu = serverCpuSeconds / busySeconds;
  clearInterval(sampler);
  const dropped = await metric(server.url, 'watch_clients_dropped_total', kind);
  const receipts = await watchers.finish(writes.acknowledged);
  await watchers.terminate();
  const latencies = Array.from(receipts.latencies).sort((a, b) => a - b);
  const acks = writes.ackMs.sort((a, b) => a - b);
  return {
    kind,
    clients,
    connectSeconds: round(connectSeconds, 2),
    writes: writes.acknowledged,
    failedWrites: writes.failed,
    expected,
    delivered: latencies.length,
    shortClients: receipts.shortClients,
    latencyMs: { p50: round(quantile(latencies, 0.5), 2), p90: round(quantile(latencies, 0.9), 2), p99: round(quantile(latencies, 0.99), 2), max: round(latencies.at(-1) ?? Number.NaN, 2) },
    writeAckMs: { p50: round(quantile(acks, 0.5), 2), p99: round(quantile(acks, 0.99), 2) },
    serverRssMiB: { before: round(baseRss), connected: round(connectedRss), peak: round(peakRss) },
    serverKiBPerClient: round(((connectedRss - baseRss) * 1024) / clients, 1),
    serverCpuPercent: round(serverCpu * 100, 0),
    serverCpuSeconds: round(serverCpuSeconds, 2),
    serverCpuUsPerEvent: round((serverCpuSeconds * 1e6) / latencies.length, 1),
    droppedClients: dropped,
  };
}

function report(results: Awaited<ReturnType<typeof phase>>[]): void {
  console.log(table(
    ['clients', 'writes', 'delivered / expected', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'write ack p50/p99 ms', 'server RSS MiB (before → connected → peak)', 'KiB/client', 'server CPU', 'CPU µs/event', 'dropped'],
    results.map((r) => [
      `${r.clients} ${r.kind}`, r.writes, `${r.delivered} / ${r.expected}`, r.latencyMs.p50, r.latencyMs.p90, r.latencyMs.p99, r.latencyMs.max,
      `${r.writeAckMs.p50} / ${r.writeAckMs.p99}`, `${r.serverRssMiB.before} → ${r.serverRssMiB.connected} → ${r.serverRssMiB.peak}`, r.serverKiBPerClient, `${r.serverCpuPercent}%`, r.serverCpuUsPerEvent, r.droppedClients,
    ]),
  ));
  console.log('\n' + JSON.stringify({ bench: 'watch', clients, k8sVersions, ratePerSecond: rate, seconds, node: process.version, loadAverage: loadavg().map((value) => round(value, 2)), results }));
}

async function main(): Promise<void> {
  console.log(`bench:watch: ${clients} clients per phase (${phases.join(', ')}; Kubernetes watchers on ${k8sVersions.join(', ')}), ${rate} creates/s for ${seconds} s; operator in a child process (memory store, reconciler off); node ${process.version}; load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}\n`);
  const server = await startServer();
  try {
    const results = [];
    for (const kind of phases) results.push(await phase(server, kind));
    report(results);
    const incomplete = results.filter((r) => r.delivered < r.expected || r.failedWrites > 0);
    if (incomplete.length > 0) console.warn(`WARNING: incomplete delivery in ${incomplete.map((r) => r.kind).join(', ')} (see delivered / expected, failedWrites)`);
  } finally {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
