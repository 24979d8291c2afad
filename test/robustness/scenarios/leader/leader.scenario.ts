import { Scenario, ScenarioContext } from '../../scenario.js';
import { ScenarioRecorder } from '../../report/report.js';
import { application, appsPath, NoReply } from '../../support/api.js';
import { sleep, until } from '../../support/time.js';
import { findOverlaps } from './reconcile-log.js';
import { LEASE, ReplicaSet } from './replicas.js';

const NAMESPACE = 'leader';
const PAUSE_MS = 5000; // longer than the lease: a follower must take over
/** Lease (3 s) + retry (1 s), plus scheduling slack for a loaded machine. */
const HANDOVER_LIMIT_MS = 10_000;

/**
 * Scenario 4: replicas on one data directory with short leases, started at the same instant;
 * the leader is SIGSTOPped past its lease and resumed, then killed with SIGKILL during a
 * reconcile, while a client keeps changing Applications. From every replica's reconcile log: no
 * two replicas ever reconcile at once (except a paused leader's interrupted reconcile, which
 * fencing makes harmless), and afterwards the queue drains and every Application is Running.
 */
export const leaderScenario: Scenario = {
  id: 'leader',
  title: 'Leader faults: SIGSTOP/SIGCONT and kill -9 of the leader, simultaneous start',
  async run(ctx: ScenarioContext, rec: ScenarioRecorder): Promise<void> {
    const { replicas: count, applications, faultRounds } = ctx.profile.leader;
    const set = new ReplicaSet(ctx, { DATA_DIR: ctx.dataDir(), ENABLE_LEADER_ELECTION: 'true', ...LEASE, RECONCILER_ENABLED: 'true', LOG_LEVEL: 'debug', SIM_POD_STARTUP_MS: '150', RESYNC_PERIOD_SECONDS: '5', BACKOFF_BASE_MS: '50' });
    await set.startTogether(count);
    const first = await set.leader();
    await createApplications(set, applications);
    let stopped = false;
    const load = churn(set, applications, () => stopped);
    let faults: FaultFigures;
    try {
      faults = await injectFaults(ctx, set, faultRounds);
    } finally {
      stopped = true;
      await load;
    }
    const drained = await drain(set, applications);
    judge(rec, set, { count, first: first.identity, faultRounds, ...faults, drained });
    await set.stopAll();
  },
};

interface FaultFigures {
  handovers: number[];
  killedMidReconcile: number;
}

/** Each round: SIGSTOP/SIGCONT of the leader, then kill -9 of the leader during a reconcile. */
async function injectFaults(ctx: ScenarioContext, set: ReplicaSet, rounds: number): Promise<FaultFigures> {
  const handovers: number[] = [];
  let killedMidReconcile = 0;
  for (let round = 1; round <= rounds; round++) {
    handovers.push(await pauseLeader(set));
    const { ms, mid } = await killLeaderDuringReconcile(set);
    handovers.push(ms);
    if (mid) killedMidReconcile++;
    ctx.log(`round ${round}/${rounds}: handovers ${handovers.slice(-2).join(' ms, ')} ms`);
  }
  return { handovers, killedMidReconcile };
}

function judge(rec: ScenarioRecorder, set: ReplicaSet, m: FaultFigures & { count: number; first: string; faultRounds: number; drained: { ok: boolean; ms: number; detail: string } }): void {
  const overlaps = findOverlaps(set.log.intervals, set.pauses, Date.now());
  const unfenced = overlaps.filter((o) => !o.fenced);
  const reconcilers = new Set(set.log.intervals.map((i) => i.identity));
  const maxHandover = Math.max(...m.handovers);
  rec.figure('replicas (started together)', m.count);
  rec.figure('replicas started in all', set.replicas.length);
  rec.figure('first leader', m.first);
  rec.figure('replicas that reconciled', reconcilers.size);
  rec.figure('reconciles logged', set.log.intervals.length);
  rec.figure('SIGSTOP/SIGCONT of the leader', m.faultRounds);
  rec.figure('kill -9 of the leader', m.faultRounds);
  rec.figure('kill -9 with a reconcile in flight', m.killedMidReconcile);
  rec.figure('handover ms (fault to new leader), max', maxHandover);
  rec.figure('overlapping reconciles fenced by a pause', overlaps.filter((o) => o.fenced === 'pause').length);
  rec.figure('overlapping reconciles fenced by the renew deadline', overlaps.filter((o) => o.fenced === 'renew-deadline').length);
  rec.figure('overlapping reconciles (unfenced)', unfenced.length);
  rec.figure('drain ms', m.drained.ms);
  const example = unfenced.slice(0, 2).map((o) => `${o.a.identity} ${o.a.key} [${o.a.start},${o.a.end}] vs ${o.b.identity} ${o.b.key} [${o.b.start},${o.b.end}]`).join('; ');
  rec.check('never two replicas reconciling at once', unfenced.length === 0 && set.log.intervals.length > 0, unfenced.length === 0 ? `${set.log.intervals.length} reconciles by ${reconcilers.size} replicas, 0 overlaps` : `${unfenced.length} overlaps: ${example}`);
  rec.check('a new leader within lease + retry after each fault', maxHandover < HANDOVER_LIMIT_MS, `max handover ${maxHandover} ms < ${HANDOVER_LIMIT_MS} ms`);
  rec.check('queue drains: every Application Running, leader queue depth 0', m.drained.ok, m.drained.detail);
}

async function createApplications(set: ReplicaSet, count: number): Promise<void> {
  const api = set.live()[0].api;
  for (let i = 0; i < count; i++) {
    const res = await api.post(appsPath(NAMESPACE), application(`app-${i}`, { replicas: 1 }));
    if (res.status !== 201) throw new Error(`create app-${i}: ${res.status} ${res.text.slice(0, 200)}`);
  }
}

/** Keeps changing replicas and images through whichever replica answers, so reconciles never stop. */
async function churn(set: ReplicaSet, count: number, stopped: () => boolean): Promise<void> {
  for (let i = 0; !stopped(); i++) {
    const live = set.live();
    const api = live[i % live.length].api;
    try {
      await api.patch(appsPath(NAMESPACE, `app-${i % count}`), { spec: { replicas: 1 + (i % 3), image: `nginx:1.${20 + (i % 5)}` } });
    } catch (error) {
      if (!(error instanceof NoReply)) throw error;
    }
    await sleep(50);
  }
}

/** SIGSTOP the leader past its lease; resolves with the time until another replica leads. */
async function pauseLeader(set: ReplicaSet): Promise<number> {
  const leader = await set.leader();
  const resume = set.pause(leader);
  const paused = Date.now();
  try {
    await set.leader(20_000, leader);
    const handover = Date.now() - paused;
    await sleep(Math.max(0, PAUSE_MS - handover));
    return handover;
  } finally {
    resume();
    await sleep(1500);
  }
}

/** Waits for the leader to log a reconcile start and kills it at once; a replacement replica joins. */
async function killLeaderDuringReconcile(set: ReplicaSet): Promise<{ ms: number; mid: boolean }> {
  const leader = await set.leader();
  await leader.server.waitForLine(/reconcile start /, 15_000);
  leader.server.signal('SIGKILL');
  const killed = Date.now();
  const mid = set.log.openCount(leader.identity) > 0;
  await set.kill(leader);
  const replacement = set.add();
  await set.leader(20_000);
  const ms = Date.now() - killed;
  await replacement;
  return { ms, mid };
}

/** Waits until every Application is Running at its generation and the leader's queue is empty. */
async function drain(set: ReplicaSet, count: number): Promise<{ ok: boolean; ms: number; detail: string }> {
  const started = Date.now();
  let last = '';
  try {
    await until('the queue to drain', async () => {
      const leader = await set.leader(5000);
      const list = await leader.api.get(appsPath(NAMESPACE));
      const items: any[] = list.body?.items ?? [];
      const pending = items.filter((a) => a.status?.phase !== 'Running' || a.status?.observedGeneration !== a.metadata.generation);
      const queue = await leader.api.get('/debug/queue');
      last = `${items.length - pending.length}/${count} Running, leader ${leader.identity} queue depth ${queue.body?.depth}`;
      return items.length === count && pending.length === 0 && queue.status === 200 && queue.body.depth === 0;
    }, 60_000, 250);
    return { ok: true, ms: Date.now() - started, detail: last };
  } catch (error) {
    return { ok: false, ms: Date.now() - started, detail: `${last} (${(error as Error).message.split('\n')[0]})` };
  }
}

