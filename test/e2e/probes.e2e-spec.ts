import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request, type IncomingMessage, type Server } from 'node:http';
import { Test } from '@nestjs/testing';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@app/config';
import { LeaderElectionRecord, LeaderElector, Leadership, LeaseLock } from '@app/leader-election';
import { Store } from '@app/storage';
import { startTestOperator, tempDir, TEST_ENV } from '../support/operator.js';
import { APPS, application, Http } from '../support/http.js';
import { until } from '../support/wait.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';
import { OperatorModule } from '../../apps/operator/src/operator.module.js';
import { HealthService } from '../../apps/operator/src/observability/health/health.service.js';

const ELECTION = { ENABLE_LEADER_ELECTION: 'true', LEASE_DURATION_SECONDS: '3', RENEW_DEADLINE_SECONDS: '2', RETRY_PERIOD_SECONDS: '1' };


describe('Probes (e2e)', () => {
  describe('a serving single instance', () => {
    let operator: RunningOperator;
    let http: Http;
    before(async () => {
      operator = await startTestOperator();
      http = new Http(operator.url);
    });
    after(() => operator.shutdown());

    it('is live: /healthz and /livez answer 200 with each check', async () => {
      for (const path of ['/healthz', '/livez']) {
        const res = await http.get(path);
        assert.equal(res.status, 200, path);
        assert.equal(res.headers.get('cache-control'), 'no-store');
        assert.deepEqual(res.body, { status: 'ok', checks: { 'event-loop': 'ok', store: 'ok' } });
      }
    });

    it('is ready: /readyz lists every check and the leader status', async () => {
      const res = await http.get('/readyz');
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.checks, { 'event-loop': 'ok', store: 'ok', startup: 'ok', 'informer-sync': 'ok', 'leader-election': 'ok', shutdown: 'ok' });
      assert.equal(res.body.status, 'ok');
      assert.deepEqual(
        { enabled: res.body.leader.enabled, running: res.body.leader.running, leading: res.body.leader.leading, ready: res.body.leader.ready, message: res.body.leader.message },
        { enabled: false, running: true, leading: true, ready: true, message: 'leader election disabled: leading' },
      );
    });

    it('answers ?verbose as kube-apiserver does, with ?exclude and per-check paths', async () => {
      const verbose = await http.get('/readyz?verbose');
      assert.equal(verbose.status, 200);
      assert.match(verbose.headers.get('content-type') ?? '', /^text\/plain/);
      assert.equal(verbose.text, '[+]event-loop ok\n[+]store ok\n[+]startup ok\n[+]informer-sync ok\n[+]leader-election ok\n[+]shutdown ok\nreadyz check passed\n');
      const excluded = await http.get('/readyz?verbose&exclude=informer-sync&exclude=nope');
      assert.match(excluded.text, /^\[\+\]informer-sync excluded: ok$/m);
      assert.match(excluded.text, /^warn: some health checks cannot be excluded: no matches for "nope"$/m);
      assert.equal((await http.get('/livez?verbose')).text, '[+]event-loop ok\n[+]store ok\nlivez check passed\n');
      const one = await http.get('/readyz/leader-election');
      assert.deepEqual([one.status, one.text], [200, 'ok']);
      const unknown = await http.get('/readyz/nope');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body.kind, 'Status');
    });
  });

  it('has no informer-sync check when the reconciler is off', async () => {
    const operator = await startTestOperator({ RECONCILER_ENABLED: 'false' });
    try {
      const res = await new Http(operator.url).get('/readyz');
      assert.equal(res.status, 200);
      assert.deepEqual(Object.keys(res.body.checks), ['event-loop', 'store', 'startup', 'leader-election', 'shutdown']);
    } finally {
      await operator.shutdown();
    }
  });

  it('is neither live nor ready when the store is unusable', async () => {
    const operator = await startTestOperator();
    try {
      const http = new Http(operator.url);
      await operator.app.get(Store).close();
      const live = await http.get('/healthz');
      assert.equal(live.status, 503);
      assert.deepEqual(live.body, { status: 'failed', checks: { 'event-loop': 'ok', store: 'store is not open or does not answer' } });
      const ready = await http.get('/readyz?verbose');
      assert.equal(ready.status, 503);
      assert.match(ready.text, /^\[-\]store failed: store is not open or does not answer$/m);
      assert.match(ready.text, /\nreadyz check failed\n$/);
      assert.equal((await http.get('/healthz/store')).status, 503);
      assert.equal((await http.get('/healthz/event-loop')).text, 'ok');
    } finally {
      await operator.shutdown();
    }
  });

  it('is not ready from the moment shutdown begins, while an in-flight request still completes', async () => {
    const operator = await startTestOperator({ RECONCILER_ENABLED: 'false' });
    const health = operator.app.get(HealthService);
    const server = operator.app.getHttpServer() as Server;
    const body = JSON.stringify(application('slow'));
    const received = new Promise((resolve) => server.once('request', resolve));
    const slow = request(`${operator.url}${APPS}/namespaces/default/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    });
    const response = new Promise<IncomingMessage>((resolve, reject) => slow.on('response', resolve).on('error', reject));
    slow.write(body.slice(0, 20));
    await received;
    assert.equal((await health.ready()).ok, true);

    const stopped = operator.shutdown('SIGTERM');
    const ready = await health.ready();
    assert.equal(ready.ok, false);
    assert.deepEqual(ready.checks.find((check) => check.name === 'shutdown'), { name: 'shutdown', ok: false, message: 'shutting down' });
    assert.equal((await health.live()).ok, true, 'still live while draining');

    slow.end(body.slice(20));
    const res = await response;
    res.resume();
    assert.equal(res.statusCode, 201, 'the in-flight request is served during the drain');
    await stopped;
  });

  describe('with leader election', () => {
    const dir = tempDir('probes-');
    const started: RunningOperator[] = [];
    const start = async (podName: string) => {
      const operator = await startTestOperator({ ...ELECTION, STORAGE: 'sqlite', DATA_DIR: dir.path, POD_NAME: podName });
      started.push(operator);
      return operator;
    };
    after(async () => {
      for (const operator of started.reverse()) await operator.shutdown();
      dir.remove();
    });

    it('a leader and a follower with a known leader are both ready', async () => {
      const leader = new Http((await start('probe-a')).url);
      await until('probe-a to lead', async () => (await leader.get('/leader')).body.isLeader === true);
      const follower = new Http((await start('probe-b')).url);
      const info = await until('probe-b to see the lease', async () => {
        const res = await follower.get('/leader');
        return res.body.holderIdentity === 'probe-a' && res.body;
      });
      assert.equal(info.isLeader, false);
      const ready = await follower.get('/readyz');
      assert.equal(ready.status, 200);
      assert.equal(ready.body.checks['leader-election'], 'ok');
      assert.equal(ready.body.leader.leading, false);
      assert.equal(ready.body.leader.leader, 'probe-a');
      assert.equal(ready.body.leader.message, 'following leader probe-a');
      const leaderReady = await leader.get('/readyz');
      assert.equal(leaderReady.status, 200);
      assert.equal(leaderReady.body.leader.leading, true);
      assert.equal(leaderReady.body.leader.message, 'leading (lease default/application-operator)');
    });
  });

  describe('before any leader is known', () => {
    let app: INestApplication;
    let lock: GatedLeaseLock;
    before(async () => {
      lock = new GatedLeaseLock();
      const config = loadConfig({ ...TEST_ENV, ...ELECTION, POD_NAME: 'probe-waiting' });
      const elector = new LeaderElector({ identity: 'probe-waiting', leaseDurationSeconds: 3, renewDeadlineSeconds: 2, retryPeriodSeconds: 1 }, lock);
      const moduleRef = await Test.createTestingModule({ imports: [OperatorModule.forRoot(config)] })
        .overrideProvider(Leadership)
        .useValue(elector)
        .compile();
      app = moduleRef.createNestApplication({ logger: false });
      await app.listen(0, '127.0.0.1');
    });
    after(async () => {
      lock.open();
      await app.close();
    });

    it('is not ready while starting and while no leader is known; ready once it follows one', async () => {
      const http = new Http(await app.getUrl().then((url) => url.replace('[::1]', '127.0.0.1')));
      const starting = await http.get('/readyz?verbose');
      assert.equal(starting.status, 503);
      assert.match(starting.text, /^\[-\]startup failed: starting$/m);
      app.get(HealthService).markStarted();

      const waiting = await http.get('/readyz');
      assert.equal(waiting.status, 503);
      assert.equal(waiting.body.checks.startup, 'ok');
      assert.equal(waiting.body.checks['leader-election'], 'no known leader (lease default/application-operator)');
      assert.deepEqual([waiting.body.leader.running, waiting.body.leader.leading, waiting.body.leader.leader], [true, false, null]);
      assert.equal((await http.get('/healthz')).status, 200, 'live all along');

      lock.open();
      const following = await until('the lease to be read', async () => {
        const res = await http.get('/readyz');
        return res.status === 200 && res;
      });
      assert.equal(following.body.leader.leader, 'operator-elsewhere');
      assert.equal(following.body.leader.message, 'following leader operator-elsewhere');
      assert.equal(lock.writes, 0, 'a follower of a live lease never writes it');
    });
  });
});

/** A Lease held by another replica that cannot be read until `open()` (a store that has not answered yet). */
class GatedLeaseLock extends LeaseLock {
  writes = 0;
  private release!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));
  private readonly renewTime = new Date().toISOString();

  open(): void {
    this.release();
  }
  describe(): string {
    return 'default/application-operator';
  }
  async get(): Promise<LeaderElectionRecord> {
    await this.gate;
    return { holderIdentity: 'operator-elsewhere', leaseDurationSeconds: 30, acquireTime: this.renewTime, renewTime: this.renewTime, leaseTransitions: 0 };
  }
  async create(): Promise<void> {
    this.writes++;
    throw new Error('not expected: the lease exists');
  }
  async update(): Promise<void> {
    this.writes++;
    throw new Error('not expected: the lease is held');
  }
  reference() {
    return { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: 'default', name: 'application-operator' };
  }
}
