import { Scenario, ScenarioContext } from '../../scenario.js';
import { ScenarioRecorder } from '../../report/report.js';
import { Api, appsPath, contentHash } from '../../support/api.js';
import { Gate } from '../../support/gate.js';
import { ServerProcess } from '../../support/server.js';
import { sleep } from '../../support/time.js';
import { findLosses, Ledger, Loss, Observed } from './ledger.js';
import { Writer, WriterCounts } from './writer.js';

const NAMESPACE = 'crash';

/**
 * Scenario 1: writers hammer the API while the server is killed with SIGKILL at random moments
 * and restarted on the same data directory (SQLITE_SYNCHRONOUS=full); after every restart each
 * acknowledged write must be readable (itself or a later version). The reconciler is off and on
 * in alternate lives of the server.
 */
export const crashScenario: Scenario = {
  id: 'crash',
  title: 'Crash under write load: kill -9, restart, every acknowledged write survives',
  async run(ctx: ScenarioContext, rec: ScenarioRecorder): Promise<void> {
    const { kills, writers: writerCount } = ctx.profile.crash;
    const server = ctx.server('operator', { DATA_DIR: ctx.dataDir(), SQLITE_SYNCHRONOUS: 'full', RECONCILER_ENABLED: 'false' });
    await server.start();
    const api = new Api(server.url, 10_000);
    const ledger = new Ledger();
    const counts: WriterCounts = { noReply: 0, serverErrors: 0, refused: 0, rejected: 0, byOperation: {} };
    const gate = new Gate(writerCount);
    let stopped = false;
    const loops = Array.from({ length: writerCount }, (_, i) => new Writer(i, api, NAMESPACE, ledger, counts, ctx.random.fork()).run(gate, () => stopped));
    let outcome: Outcome;
    try {
      outcome = await killAndVerify(ctx, server, gate, ledger);
    } finally {
      stopped = true;
      gate.resume();
      await Promise.all(loops);
    }
    judge(rec, ledger, counts, kills, outcome);
  },
};

interface Outcome {
  losses: Loss[];
  recoveries: number[];
  verified: number;
}

/** kill -9 at random moments under load, restart, verify; then a graceful restart and a last verification. */
async function killAndVerify(ctx: ScenarioContext, server: ServerProcess, gate: Gate, ledger: Ledger): Promise<Outcome> {
  const { kills, loadMsMin, loadMsMax } = ctx.profile.crash;
  const outcome: Outcome = { losses: [], recoveries: [], verified: 0 };
  const record = (found: { checked: number; losses: Loss[] }) => {
    outcome.verified += found.checked;
    outcome.losses.push(...found.losses);
  };
  for (let life = 1; life <= kills; life++) {
    await sleep(ctx.random.int(loadMsMin, loadMsMax));
    const killedAt = Date.now();
    await server.kill('SIGKILL');
    const reconciler = life % 2 === 1 ? 'true' : 'false';
    await server.start({ RECONCILER_ENABLED: reconciler });
    outcome.recoveries.push(Date.now() - killedAt);
    const found = await verify(server, gate, ledger);
    record(found);
    ctx.log(`kill ${life}/${kills}: ${ledger.acknowledged} acknowledged so far, ${found.checked} objects checked, ${found.losses.length} lost (reconciler ${reconciler} now)`);
  }
  await sleep(loadMsMin);
  await gate.pause();
  await server.stop();
  await server.start();
  record(await verify(server, gate, ledger));
  return outcome;
}

function judge(rec: ScenarioRecorder, ledger: Ledger, counts: WriterCounts, kills: number, { losses, recoveries, verified }: Outcome): void {
  rec.figure('acknowledged writes', ledger.acknowledged);
  for (const [op, n] of Object.entries(counts.byOperation)) rec.figure(`acknowledged ${op}`, n);
  rec.figure('writes without reply (outcome unknown)', counts.noReply);
  rec.figure('writes refused while down (never sent)', counts.refused);
  rec.figure('writes answered 4xx/5xx', counts.rejected);
  rec.figure('kill -9', kills);
  rec.figure('restarts', kills + 1);
  rec.figure('objects verified', verified);
  rec.figure('recovery ms (kill to serving), max', Math.max(...recoveries));
  rec.figure('lost writes', losses.length);
  rec.figure('5xx answers', counts.serverErrors);
  const examples = losses.slice(0, 3).map((l) => `${l.name} ${l.why} (acked rv ${l.expected.resourceVersion}, found ${l.observed ? `rv ${l.observed.resourceVersion}` : 'nothing'})`);
  rec.check('every acknowledged write survives kill -9 (itself or a later version)', losses.length === 0 && ledger.acknowledged > 0, `${losses.length} lost of ${ledger.acknowledged} acknowledged${examples.length ? `: ${examples.join('; ')}` : ''}`);
  rec.check('no 5xx under write load', counts.serverErrors === 0, `${counts.serverErrors} answers with 5xx`);
}

/** Pauses the writers, reads every object back and compares with the ledger. */
async function verify(server: ServerProcess, gate: Gate, ledger: Ledger): Promise<{ checked: number; losses: Loss[] }> {
  await gate.pause();
  try {
    const snapshot = ledger.snapshot();
    const list = await new Api(server.url).get(appsPath(NAMESPACE));
    if (list.status !== 200 || !Array.isArray(list.body?.items)) throw new Error(`list after restart answered ${list.status}: ${list.text.slice(0, 300)}`);
    const observed = new Map<string, Observed>();
    for (const item of list.body.items) {
      observed.set(item.metadata.name, { resourceVersion: Number(item.metadata.resourceVersion), hash: contentHash(item), terminating: Boolean(item.metadata.deletionTimestamp) });
    }
    return { checked: snapshot.size, losses: findLosses(snapshot, observed) };
  } finally {
    gate.resume();
  }
}
