import { Scenario, ScenarioContext } from '../../scenario.js';
import { ScenarioRecorder } from '../../report/report.js';
import { Api, application, appsPath } from '../../support/api.js';
import { ServerProcess } from '../../support/server.js';
import { until } from '../../support/time.js';
import { COUNT_ANNOTATION, emptyCounts, increment, IncrementCounts, PRECONDITIONS } from './incrementer.js';

const NAMESPACE = 'counters';

/**
 * Scenario 2: many clients increment one annotation with read-modify-write loops conditioned on
 * resourceVersion, retrying on 409; the final count must equal the acknowledged increments.
 * Then the same with two processes sharing one data directory, clients split between them.
 */
export const lostUpdatesScenario: Scenario = {
  id: 'lost-updates',
  title: 'Lost updates: read-modify-write with resourceVersion preconditions, one and two processes',
  async run(ctx: ScenarioContext, rec: ScenarioRecorder): Promise<void> {
    const { clients, incrementsPerClient, sharedClients, sharedIncrementsPerClient } = ctx.profile.lostUpdates;
    const single = ctx.server('single', { DATA_DIR: ctx.dataDir('single-'), RECONCILER_ENABLED: 'true' });
    await single.start();
    await runVariant(ctx, rec, 'one process', [single], clients, incrementsPerClient);
    await single.stop();

    const dataDir = ctx.dataDir('shared-');
    const shared = { DATA_DIR: dataDir, RECONCILER_ENABLED: 'true', ENABLE_LEADER_ELECTION: 'true', LEASE_DURATION_SECONDS: '4', RENEW_DEADLINE_SECONDS: '3', RETRY_PERIOD_SECONDS: '1' };
    const a = ctx.server('shared-a', { ...shared, POD_NAME: 'shared-a' });
    const b = ctx.server('shared-b', { ...shared, POD_NAME: 'shared-b' });
    await Promise.all([a.start(), b.start()]);
    await runVariant(ctx, rec, 'two processes', [a, b], sharedClients, sharedIncrementsPerClient);
  },
};

async function runVariant(ctx: ScenarioContext, rec: ScenarioRecorder, variant: string, servers: ServerProcess[], clients: number, perClient: number): Promise<void> {
  const apis = servers.map((s) => new Api(s.url));
  const name = `counter-${variant.replace(/\W+/g, '-')}`;
  const path = appsPath(NAMESPACE, name);
  const created = await apis[0].post(appsPath(NAMESPACE), application(name, {}, { annotations: { [COUNT_ANNOTATION]: '0' } }));
  if (created.status !== 201) throw new Error(`create ${name}: ${created.status} ${created.text.slice(0, 200)}`);
  const counts: IncrementCounts = emptyCounts();
  const started = Date.now();
  await Promise.all(Array.from({ length: clients }, (_, i) => increment(apis[i % apis.length], path, PRECONDITIONS[i % PRECONDITIONS.length], perClient, counts)));
  const seconds = (Date.now() - started) / 1000;
  // Every process must read the same final count (another process sees a write within its poll interval).
  const finals = await Promise.all(apis.map((api) => until(`${name} readable`, async () => {
    const res = await api.get(path);
    return res.status === 200 ? Number(res.body.metadata.annotations?.[COUNT_ANNOTATION]) : undefined;
  })));
  const final = finals[0];
  rec.figure(`${variant}: clients`, clients);
  rec.figure(`${variant}: increments acknowledged`, counts.acknowledged);
  for (const [precondition, n] of Object.entries(counts.byPrecondition)) rec.figure(`${variant}: acknowledged via ${precondition}`, n);
  rec.figure(`${variant}: 409 conflicts retried`, counts.conflicts);
  rec.figure(`${variant}: other errors retried`, counts.errors);
  for (const [answer, n] of Object.entries(counts.otherAnswers)) rec.figure(`${variant}: retried after ${answer}`, n);
  rec.figure(`${variant}: final count`, final);
  rec.figure(`${variant}: lost updates`, counts.acknowledged - final);
  rec.figure(`${variant}: increments/s`, counts.acknowledged / seconds);
  ctx.log(`${variant}: ${counts.acknowledged} acknowledged, ${counts.conflicts} conflicts, final ${finals.join('/')}`);
  rec.check(`${variant}: final count equals acknowledged increments`, final === counts.acknowledged && counts.acknowledged === clients * perClient, `final ${final}, acknowledged ${counts.acknowledged} (expected ${clients * perClient})`);
  if (apis.length > 1) rec.check(`${variant}: every process reads the same final count`, finals.every((f) => f === final), `counts read: ${finals.join(', ')}`);
  rec.check(`${variant}: no 5xx`, counts.serverErrors === 0, `${counts.serverErrors} answers with 5xx`);
}
