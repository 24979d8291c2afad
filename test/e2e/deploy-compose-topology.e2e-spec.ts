import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freePort, tempDir } from '../support/operator.js';
import { APPS, application, Http } from '../support/http.js';
import { composeFile, ContainerProcess, imageEnvironment, OPERATOR_SERVICES, serviceEnvironment, startContainerProcess, until } from './deploy-support.js';
import { Scrape } from './deploy-promql.js';

/** Short lease timings for the test only (the compose file keeps 15/10/2 s). */
const LEASE = { LEASE_DURATION_SECONDS: '4', RENEW_DEADLINE_SECONDS: '2', RETRY_PERIOD_SECONDS: '1' };
const SLACK_MS = 3000;
const NS = `${APPS}/namespaces/compose/applications`;

interface Replica {
  name: string;
  process: ContainerProcess;
  http: Http;
}

const leaderView = async (replica: Replica) => (await replica.http.get('/leader')).body as { identity: string; isLeader: boolean; holderIdentity: string | null };

/** What the dashboard's "Leader per replica" panel and the leader alerts read, per replica. */
async function masterStatus(replica: Replica): Promise<number> {
  const scrape = new Scrape((await replica.http.get('/metrics')).text);
  const samples = scrape.samplesNamed('leader_election_master_status');
  assert.equal(samples.length, 1, `${replica.name} exports one leader_election_master_status series`);
  return samples[0].value;
}

/** Waits for exactly one leader among `replicas`, agreed on by all of them. */
async function agreedLeader(replicas: Replica[], what: string, timeoutMs = 15_000): Promise<Replica> {
  return until(what, async () => {
    const views = await Promise.all(replicas.map(leaderView));
    const leaders = replicas.filter((_, i) => views[i].isLeader);
    return leaders.length === 1 && views.every((view) => view.holderIdentity === leaders[0].name) && leaders[0];
  }, timeoutMs);
}

/**
 * The compose stack's three operator services, run as plain processes with the image's ENV and
 * each service's environment exactly as docker-compose.yml gives them; only what a container
 * has of its own is adjusted: DATA_DIR (the shared volume) is a temp dir, PORT/WEBHOOK_PORT
 * free ports (each container has its own network namespace), and the lease timings shortened.
 */
describe('The compose topology as processes: three replicas, one leader, failover (e2e)', () => {
  const data = tempDir('compose-topology-');
  const replicas: Replica[] = [];

  before(async () => {
    const services = composeFile().services;
    const started = await Promise.all(
      OPERATOR_SERVICES.map(async (name) => {
        const env = { ...imageEnvironment(), ...serviceEnvironment(services[name]), ...LEASE, DATA_DIR: data.path, PORT: String(await freePort()), WEBHOOK_PORT: String(await freePort()) };
        return startContainerProcess(name, env);
      }),
    );
    // The compose default is AUTH_BOOTSTRAP=true: every replica accepts the admin token the first one wrote.
    const token = readFileSync(join(data.path, 'bootstrap-tokens.csv'), 'utf8').split(',')[0];
    replicas.push(...started.map((process) => ({ name: process.name, process, http: new Http(process.url, { authorization: `Bearer ${token}` }) })));
  });
  after(async () => {
    await Promise.all(replicas.map((replica) => replica.process.kill('SIGKILL')));
    data.remove();
  });

  let leader: Replica;

  it('elects exactly one leader; each replica reports its POD_NAME and one master_status of 1 in total', async () => {
    leader = await agreedLeader(replicas, 'one agreed leader');
    const views = await Promise.all(replicas.map(leaderView));
    assert.deepEqual(views.map((view) => view.identity), [...OPERATOR_SERVICES]);
    const statuses = await Promise.all(replicas.map(masterStatus));
    assert.deepEqual(statuses, replicas.map((replica) => (replica === leader ? 1 : 0)));
    for (const replica of replicas) assert.equal((await replica.http.get('/healthz')).status, 200);
  });

  it('after kill -9 of the leader another replica takes over and reconciles', async () => {
    const survivors = replicas.filter((replica) => replica !== leader);
    const killedAt = Date.now();
    await leader.process.kill('SIGKILL');
    const next = await agreedLeader(survivors, 'a new leader after kill -9', (Number(LEASE.LEASE_DURATION_SECONDS) + Number(LEASE.RETRY_PERIOD_SECONDS)) * 1000 + SLACK_MS);
    assert.ok(Date.now() - killedAt >= 1000, 'not before the old lease could expire');
    assert.notEqual(next.name, leader.name);
    assert.deepEqual(await Promise.all(survivors.map(masterStatus)), survivors.map((replica) => (replica === next ? 1 : 0)));
    const follower = survivors.find((replica) => replica !== next)!;
    assert.equal((await follower.http.post(NS, application('after-failover', { replicas: 1 }))).status, 201);
    await until('the new leader to reconcile it', async () => (await follower.http.get(`${NS}/after-failover`)).body.status?.phase === 'Running');
  });
});
