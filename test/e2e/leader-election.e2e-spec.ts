import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OperatorProcess, spawnOperator, tempDir } from '../support/operator.js';
import { APPS, application, Http } from '../support/http.js';
import { until } from '../support/wait.js';

const LEASE_SECONDS = 4;
const RETRY_SECONDS = 1;
const ELECTION_ENV = {
  STORAGE: 'sqlite',
  ENABLE_LEADER_ELECTION: 'true',
  LEASE_DURATION_SECONDS: String(LEASE_SECONDS),
  RENEW_DEADLINE_SECONDS: '2',
  RETRY_PERIOD_SECONDS: String(RETRY_SECONDS),
};
/** Scheduling slack for a loaded 2-core CI machine (polling is every 50 ms). */
const SLACK_MS = 1500;
const LEASE_PATH = '/apis/coordination.k8s.io/v1/namespaces/default/leases/application-operator';
const NS = `${APPS}/namespaces/ha/applications`;

/** One replica: its process and an HTTP client for it. */
interface Replica {
  name: string;
  process: OperatorProcess;
  http: Http;
}

interface LeaderView {
  identity: string;
  isLeader: boolean;
  holderIdentity: string | null;
  leaseTransitions: number | null;
}


const leaderView = async (replica: Replica) => (await replica.http.get<LeaderView>('/leader')).body;

/** Sum of every `controller_reconcile_total` series on a replica's /metrics (0 when none). */
async function reconcileCount(replica: Replica): Promise<number> {
  const text = (await replica.http.get('/metrics')).text;
  return text
    .split('\n')
    .filter((line) => /^controller_reconcile_total[{ ]/.test(line))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/** The first of `replicas` that reports isLeader, polled every 50 ms; with when it did. */
async function nextLeader(replicas: Replica[], what: string): Promise<{ replica: Replica; at: number }> {
  return until(what, async () => {
    for (const replica of replicas) if ((await leaderView(replica)).isLeader) return { replica, at: Date.now() };
    return undefined;
  });
}

/** Waits until the Application is Running and answers the identities that recorded its events. */
async function reconciledBy(via: Replica, name: string): Promise<Set<string>> {
  await until(`${name} Running`, async () => (await via.http.get(`${NS}/${name}`)).body.status?.phase === 'Running');
  const events = await until(`events of ${name}`, async () => {
    const res = await via.http.get(`/events?namespace=ha&kind=Application&name=${name}`);
    return res.body.items.length > 0 && res.body.items;
  });
  return new Set(events.map((event: { reportingInstance: string; source: { host?: string } }) => event.reportingInstance));
}

describe('Leader election across processes (e2e)', () => {
  const dir = tempDir('leader-election-');
  const replicas: Replica[] = [];
  const spawn = async (name: string): Promise<Replica> => {
    const process = await spawnOperator({ ...ELECTION_ENV, DATA_DIR: dir.path, POD_NAME: name });
    const replica = { name, process, http: new Http(process.url) };
    replicas.push(replica);
    return replica;
  };
  const alive = () => replicas.filter((replica) => replica.process.child.exitCode === null && replica.process.child.signalCode === null);
  let leader: Replica;
  let followers: Replica[];
  /** Every replica that led, in order. */
  const history: string[] = [];

  before(async () => {
    await Promise.all(['operator-1', 'operator-2', 'operator-3'].map(spawn));
  });
  after(async () => {
    await Promise.all(replicas.map((replica) => replica.process.kill('SIGKILL')));
    dir.remove();
  });

  it('elects exactly one leader, and every replica agrees who it is', async () => {
    leader = (await nextLeader(replicas, 'a leader')).replica;
    history.push(leader.name);
    followers = replicas.filter((replica) => replica !== leader);
    await until('every replica to see the leader', async () => {
      const views = await Promise.all(replicas.map(leaderView));
      return views.every((view) => view.holderIdentity === leader.name) && views;
    });
    const views = await Promise.all(replicas.map(leaderView));
    assert.deepEqual(views.map((view) => [view.identity, view.isLeader]), replicas.map((replica) => [replica.name, replica === leader]));
    const lease = await followers[0].http.get(LEASE_PATH);
    assert.equal(lease.status, 200);
    assert.equal(lease.body.spec.holderIdentity, leader.name);
    assert.equal(lease.body.spec.leaseDurationSeconds, LEASE_SECONDS);
  });

  it('reconciles only on the leader; followers serve reads, writes and webhooks', async () => {
    const [follower] = followers;
    assert.equal((await follower.http.post(NS, application('ha-one', { replicas: 1 }))).status, 201, 'a follower accepts writes');
    assert.deepEqual([...(await reconciledBy(follower, 'ha-one'))], [leader.name]);
    for (const other of followers) {
      const got = await other.http.get(`${NS}/ha-one`);
      assert.equal(got.status, 200);
      assert.equal(got.body.status.phase, 'Running', 'a follower reads what the leader wrote');
      const review = await other.http.post('/validate', {
        apiVersion: 'admission.k8s.io/v1',
        kind: 'AdmissionReview',
        request: { uid: 'u-1', operation: 'CREATE', namespace: 'ha', kind: { group: 'cloudnative.elide.dev', version: 'v1', kind: 'Application' }, object: application('x') },
      });
      assert.equal(review.status, 200);
      assert.equal(review.body.response.allowed, true);
      assert.equal(await reconcileCount(other), 0, `${other.name} never reconciled`);
      assert.equal((await other.http.get('/debug/queue')).body.leader, false);
      assert.equal((await other.http.get('/readyz')).status, 200, 'a follower of a known leader is ready');
    }
    assert.ok((await reconcileCount(leader)) > 0);
    assert.equal((await leader.http.get('/debug/queue')).body.leader, true);
  });

  it('fails over after kill -9 of the leader within lease duration + retry period', async (t) => {
    const before = (await followers[0].http.get(LEASE_PATH)).body.spec;
    const killedAt = Date.now();
    await leader.process.kill('SIGKILL');
    const next = await nextLeader(followers, 'a new leader after kill -9');
    const elapsed = next.at - killedAt;
    t.diagnostic(`${next.replica.name} took over ${elapsed} ms after kill -9 of ${leader.name}`);
    const bound = (LEASE_SECONDS + RETRY_SECONDS) * 1000 + SLACK_MS;
    assert.ok(elapsed <= bound, `took over in ${elapsed} ms (bound ${bound} ms)`);
    assert.ok(elapsed >= (LEASE_SECONDS - RETRY_SECONDS) * 1000 - 500, `took over in ${elapsed} ms: before the lease could have expired`);
    const after = (await next.replica.http.get(LEASE_PATH)).body.spec;
    assert.equal(after.holderIdentity, next.replica.name);
    assert.equal(after.leaseTransitions, before.leaseTransitions + 1);
    leader = next.replica;
    history.push(leader.name);
    followers = alive().filter((replica) => replica !== leader);
  });

  it('hands over within about one retry period when the leader gets SIGTERM (release on cancel)', async (t) => {
    const [follower] = followers;
    const before = (await follower.http.get(LEASE_PATH)).body.spec;
    const signalledAt = Date.now();
    const exit = leader.process.kill('SIGTERM');
    const next = await nextLeader([follower], 'the follower to lead after SIGTERM');
    const elapsed = next.at - signalledAt;
    t.diagnostic(`${next.replica.name} took over ${elapsed} ms after SIGTERM of ${leader.name}`);
    assert.equal(await exit, 0, 'graceful exit');
    assert.match(leader.process.output(), /shutting down on SIGTERM/);
    const unreleasedBound = (LEASE_SECONDS - RETRY_SECONDS) * 1000;
    assert.ok(elapsed < unreleasedBound, `took over in ${elapsed} ms: an unreleased lease could not be taken before ${unreleasedBound} ms`);
    assert.ok(elapsed <= RETRY_SECONDS * 1000 + SLACK_MS, `took over in ${elapsed} ms`);
    const lease = (await follower.http.get(LEASE_PATH)).body.spec;
    assert.equal(lease.holderIdentity, follower.name);
    assert.equal(lease.leaseTransitions, before.leaseTransitions + 1, 'released (holder "") then acquired: one transition');
    leader = next.replica;
    history.push(leader.name);
  });

  it('fences a leader paused past its lease (SIGSTOP/SIGCONT): it never leads or writes again', async () => {
    const paused = leader;
    const fresh = await spawn('operator-4');
    await until('operator-4 to follow', async () => (await leaderView(fresh)).holderIdentity === paused.name);
    const reconcilesBefore = await reconcileCount(paused);

    paused.process.child.kill('SIGSTOP');
    await nextLeader([fresh], 'operator-4 to take over from the paused leader');
    history.push(fresh.name);
    const lease = (await fresh.http.get(LEASE_PATH)).body;
    assert.equal(lease.spec.holderIdentity, fresh.name);
    const leaseWrites = watchLease(fresh, lease.metadata.resourceVersion);

    paused.process.child.kill('SIGCONT');
    const resumed = await leaderView(paused);
    assert.equal(resumed.isLeader, false, 'the first answer after resuming already says it is not the leader');
    assert.equal((await paused.http.get('/debug/queue')).body.leader, false);
    await until('the paused replica to see the new holder', async () => (await leaderView(paused)).holderIdentity === fresh.name);

    assert.equal((await paused.http.post(NS, application('after-resume', { replicas: 1 }))).status, 201);
    assert.deepEqual([...(await reconciledBy(paused, 'after-resume'))], [fresh.name], 'only the new leader reconciles');
    // Two more retry periods: a stale leader would have renewed by now.
    await new Promise((resolve) => setTimeout(resolve, 2 * RETRY_SECONDS * 1000));
    const writes = await leaseWrites.stop();
    assert.ok(writes.length > 0, 'the new leader renewed meanwhile');
    assert.deepEqual([...new Set(writes)], [fresh.name], 'every write of the Lease after the takeover is by the new leader');
    assert.equal(await reconcileCount(paused), reconcilesBefore, 'the resumed replica reconciled nothing');
    assert.equal((await leaderView(fresh)).isLeader, true);
    assert.ok(paused.process.output().includes(`lost leadership (lease default/application-operator, identity ${paused.name}): lease not renewed within the renew deadline`));
  });

  it('records and logs every leadership change', async () => {
    const [any] = alive();
    const events = (await any.http.get('/events?kind=Lease&reason=LeaderElection&limit=100')).body.items as Array<{ message: string; involvedObject: { name: string } }>;
    const messages = new Set(events.map((event) => event.message));
    assert.equal(history.length, 4);
    for (const name of history) assert.ok(messages.has(`${name} became leader`), `event "${name} became leader" in ${[...messages].join('; ')}`);
    assert.ok(messages.has(`${history[1]} stopped leading`), 'the leader stopped on SIGTERM recorded it');
    assert.ok(messages.has(`${history[2]} stopped leading`), 'the fenced leader recorded it');
    assert.ok(events.every((event) => event.involvedObject.name === 'application-operator'));
    const fresh = replicas.find((replica) => replica.name === 'operator-4')!;
    assert.ok(fresh.process.output().includes('became leader (lease default/application-operator, identity operator-4)'));
    assert.ok(fresh.process.output().includes(`new leader elected: ${history[2]}`));
  });
});

/** Follows the Lease through a Kubernetes watch; `stop()` answers the holderIdentity of every write seen. */
function watchLease(replica: Replica, resourceVersion: string): { stop(): Promise<string[]> } {
  const abort = new AbortController();
  const holders: string[] = [];
  const done = (async () => {
    const res = await fetch(`${replica.http.baseUrl}/apis/coordination.k8s.io/v1/namespaces/default/leases?watch=true&resourceVersion=${resourceVersion}`, { signal: abort.signal });
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffered += decoder.decode(chunk, { stream: true });
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter((text) => text.trim())) holders.push(JSON.parse(line).object?.spec?.holderIdentity ?? '');
    }
  })().catch((error: unknown) => {
    if ((error as Error).name !== 'AbortError') throw error;
  });
  return {
    stop: async () => {
      abort.abort();
      await done;
      return holders;
    },
  };
}
