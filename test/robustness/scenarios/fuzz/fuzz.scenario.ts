import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Scenario, ScenarioContext } from '../../scenario.js';
import { ScenarioRecorder } from '../../report/report.js';
import { Api } from '../../support/api.js';
import { MemorySample, ServerProcess } from '../../support/server.js';
import { MiB, mib } from '../../support/stats.js';
import { Oracle, Violation } from './oracle.js';
import { FuzzTarget } from './target.js';
import { applyApplication, createApplication, deleteApplication, jsonPatchApplication, mergePatchApplication, oddContentTypePatch, readApplications, replaceApplication, strategicPatchApplication, subresources } from './targets-applications.js';
import { hugeDocuments } from './targets-huge.js';
import { admissionTarget, events, nonResource, otherResources, sseWatch } from './targets-other.js';
import { rawRequests } from './targets-raw.js';

export const TARGETS: FuzzTarget[] = [
  createApplication, replaceApplication, mergePatchApplication, jsonPatchApplication, strategicPatchApplication, applyApplication, oddContentTypePatch,
  subresources, deleteApplication, readApplications, sseWatch, admissionTarget('/validate'), admissionTarget('/mutate'), events, otherResources, nonResource,
  rawRequests, hugeDocuments,
];

/** Heap after GC may exceed the warmed-up baseline by this ratio plus this many bytes. */
const HEAP_RATIO = 1.2;
const HEAP_SLACK = 16 * MiB;
const LISTS = ['/apis/cloudnative.elide.dev/v1/applications', '/api/v1/namespaces/fuzz-other/configmaps', '/apis/coordination.k8s.io/v1/leases', '/api/v1/events', '/api/v1/namespaces', '/apis/apps/v1/deployments', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', '/events'];

/**
 * Scenario 3: property-based and mutation fuzzing of every endpoint (fast-check generates the
 * inputs from a seed): no 5xx, an answer to every request, no half-stored object, the process
 * alive and healthy afterwards, lists still parse, and heap after GC back near its baseline.
 */
export const fuzzScenario: Scenario = {
  id: 'fuzz',
  title: 'Fuzzing every endpoint: no 5xx, no crash, no half-stored object, memory flat',
  async run(ctx: ScenarioContext, rec: ScenarioRecorder): Promise<void> {
    const server = await ctx.server('operator', { DATA_DIR: ctx.dataDir(), RECONCILER_ENABLED: 'false' }).start();
    const errorLines = countErrorLines(server);
    const oracle = new Oracle(server.url, server.port);
    const seed = ctx.random.int(0, 2 ** 31 - 1);
    await fuzzAll(oracle, Math.min(5, ctx.profile.fuzz.runsPerEndpoint), seed + 1, ctx.profile.fuzz.workers);
    const baseline = await server.memory();
    const warmup = oracle.violations.length;
    const started = Date.now();
    await fuzzAll(oracle, ctx.profile.fuzz.runsPerEndpoint, seed, ctx.profile.fuzz.workers);
    const seconds = (Date.now() - started) / 1000;
    const after = server.alive ? await server.memory() : undefined;
    await judge(ctx, rec, server, oracle, { baseline, after, seconds, warmup, errorLines: errorLines() });
  },
};

async function fuzzAll(oracle: Oracle, runs: number, seed: number, workers: number): Promise<void> {
  const all = TARGETS.map((target, index) => ({ target, index }));
  await fuzzLanes(oracle, all.filter((t) => !t.target.solo), runs, seed, workers);
  await fuzzLanes(oracle, all.filter((t) => t.target.solo), runs, seed, 1);
}

async function fuzzLanes(oracle: Oracle, queue: Array<{ target: FuzzTarget; index: number }>, runs: number, seed: number, workers: number): Promise<void> {
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const { target, index } = next;
      const numRuns = Math.max(1, Math.round(runs * (target.weight ?? 1)));
      const started = Date.now();
      await fc.assert(fc.asyncProperty(target.arbitrary, async (input) => {
        await oracle.run(target, input, index);
        return true;
      }), { numRuns, seed: seed + index });
      oracle.timed(target.name, Date.now() - started);
    }
  };
  await Promise.all(Array.from({ length: workers }, lane));
}

function countErrorLines(server: ServerProcess): () => number {
  let errors = 0;
  server.onLine((line) => {
    if (/\bERROR\b|FATAL|Uncaught|unhandled/i.test(line)) errors++;
  });
  return () => errors;
}

interface Measured {
  baseline: MemorySample;
  after?: MemorySample;
  seconds: number;
  warmup: number;
  errorLines: number;
}

async function judge(ctx: ScenarioContext, rec: ScenarioRecorder, server: ServerProcess, oracle: Oracle, m: Measured): Promise<void> {
  const api = new Api(server.url);
  let inputs = 0;
  for (const target of TARGETS) {
    const tally = oracle.tallies.get(target.name);
    inputs += tally?.inputs ?? 0;
    rec.figure(`inputs: ${target.name}`, `${tally?.inputs ?? 0} (${Object.entries(tally?.byClass ?? {}).sort().map(([k, v]) => `${k} ${v}`).join(', ')}; ${((tally?.ms ?? 0) / 1000).toFixed(1)} s)`);
  }
  rec.figure('inputs tried', inputs);
  rec.figure('inputs/s', inputs / m.seconds);
  const byKind = (kind: Violation['kind']) => oracle.violations.filter((v) => v.kind === kind);
  for (const kind of ['5xx', 'no reply', 'half-written', 'not a Status', 'unparseable list'] as const) rec.figure(`${kind} answers`, byKind(kind).length);
  rec.figure('server error log lines', m.errorLines);
  rec.figure('slowest answer ms', oracle.slowest.ms);
  rec.figure('slowest request', oracle.slowest.request.slice(0, 160));
  const examples = (kind: Violation['kind']) => byKind(kind).slice(0, 3).map((v) => `[${v.target}] ${v.request} -> ${v.detail}`).join(' | ');
  rec.check('no 5xx on any input', byKind('5xx').length === 0, byKind('5xx').length === 0 ? `0 of ${inputs}` : `${byKind('5xx').length}: ${examples('5xx')}`);
  rec.check('every well-formed request answered', byKind('no reply').length === 0, byKind('no reply').length === 0 ? '0 unanswered' : examples('no reply'));
  rec.check('no half-stored object after a refused write', byKind('half-written').length === 0, byKind('half-written').length === 0 ? '0 changed' : examples('half-written'));
  rec.check('API errors are Status objects with the HTTP code', byKind('not a Status').length === 0, byKind('not a Status').length === 0 ? 'all' : examples('not a Status'));
  const healthy = server.alive && (await api.healthy());
  rec.check('process alive and /healthz 200 afterwards', healthy, server.alive ? `alive, healthz ${healthy ? 200 : 'failing'}` : `exited: ${server.recentOutput(15)}`);
  const lists = await Promise.all(LISTS.map(async (path) => [path, await api.get(path).then((r) => r.status === 200 && typeof r.body === 'object', () => false)] as const));
  const broken = lists.filter(([, ok]) => !ok).map(([path]) => path);
  rec.check('every list still answers 200 and parses', broken.length === 0 && byKind('unparseable list').length === 0, broken.length === 0 ? `${LISTS.length} lists` : `broken: ${broken.join(', ')}`);
  if (m.after) {
    rec.figure('heap after GC before fuzz (MiB)', mib(m.baseline.heapUsed));
    rec.figure('heap after GC after fuzz (MiB)', mib(m.after.heapUsed));
    rec.figure('RSS before/after (MiB)', `${mib(m.baseline.rss)} / ${mib(m.after.rss)}`);
    rec.figure('open sockets/timers after', `${m.after.sockets} / ${m.after.timers}`);
    const limit = m.baseline.heapUsed * HEAP_RATIO + HEAP_SLACK;
    rec.check('heap after GC back near baseline', m.after.heapUsed <= limit, `${mib(m.after.heapUsed)} MiB <= ${mib(limit)} MiB (baseline ${mib(m.baseline.heapUsed)} x ${HEAP_RATIO} + ${mib(HEAP_SLACK)})`);
  }
  writeFileSync(join(ctx.logDir, 'violations.json'), `${JSON.stringify(oracle.violations, null, 2)}\n`);
  ctx.log(`${inputs} inputs, ${oracle.violations.length} violations (${m.warmup} during warmup)${oracle.violations.length ? `, all in ${join(ctx.logDir, 'violations.json')}` : ''}`);
}
