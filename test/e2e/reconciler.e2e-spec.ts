import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestOperator } from '../support/operator.js';
import { waitFor as poll } from '../support/wait.js';
import { APPS, application, Http } from '../support/http.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';

const FINALIZER = 'cloudnative.elide.dev/finalizer';
const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const waitFor = <T>(fn: () => Promise<T> | T, timeoutMs: number, what: string, intervalMs = 20) => poll(fn, timeoutMs, what, intervalMs);
const apps = (namespace: string) => `${APPS}/namespaces/${namespace}/applications`;


type WatchEvent = { type: string; object: any };

/**
 * A Kubernetes watch over one collection (list, then `?watch=true` from the list's
 * resourceVersion): keeps the current objects by name and every event in order, and resolves
 * `until(predicate)` as soon as the predicate holds, without polling the API.
 */
class CollectionWatch {
  readonly objects = new Map<string, any>();
  readonly events: WatchEvent[] = [];
  private readonly abort = new AbortController();
  private waiters = new Set<() => void>();
  private failure?: Error;

  private constructor(private readonly url: string) {}

  static async open(baseUrl: string, path: string): Promise<CollectionWatch> {
    const watch = new CollectionWatch(baseUrl + path);
    const list = await (await fetch(watch.url)).json();
    for (const item of list.items) watch.objects.set(item.metadata.name, item);
    const res = await fetch(`${watch.url}?watch=true&resourceVersion=${list.metadata.resourceVersion}`, { signal: watch.abort.signal });
    assert.equal(res.status, 200);
    void watch.pump(res.body!);
    return watch;
  }

  until(predicate: (objects: Map<string, any>) => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.failure) return finish(this.failure);
        if (predicate(this.objects)) finish();
      };
      const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      const finish = (error?: Error) => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (error) reject(error);
        else resolve();
      };
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    this.abort.abort();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline).trim();
          buffer = buffer.slice(newline + 1);
          if (line) this.apply(JSON.parse(line) as WatchEvent);
        }
        for (const waiter of [...this.waiters]) waiter();
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') this.fail(error as Error);
      return;
    }
    this.fail(new Error('the watch ended'));
  }

  private apply(event: WatchEvent): void {
    if (event.type === 'ERROR') return this.fail(new Error(`watch error: ${JSON.stringify(event.object)}`));
    if (event.type === 'BOOKMARK') return;
    this.events.push(event);
    if (event.type === 'DELETED') this.objects.delete(event.object.metadata.name);
    else this.objects.set(event.object.metadata.name, event.object);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of [...this.waiters]) waiter();
  }
}

const condition = (app: any, type: string) => app?.status?.conditions?.find((c: any) => c.type === type);
const phaseOf = (app: any) => app?.status?.phase;
/** Running at its current generation with every desired replica ready and updated. */
const converged = (app: any) =>
  phaseOf(app) === 'Running' &&
  app.status.observedGeneration === app.metadata.generation &&
  app.status.readyReplicas === app.spec.replicas &&
  app.status.updatedReplicas === app.spec.replicas &&
  app.status.replicas === app.spec.replicas;

async function metric(http: Http, name: string): Promise<number> {
  const text = (await http.get('/metrics')).text;
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

describe('Application reconciliation (e2e)', () => {
  let operator: RunningOperator;
  let http: Http;
  const watches: CollectionWatch[] = [];
  const watch = async (namespace: string) => {
    const opened = await CollectionWatch.open(operator.url, apps(namespace));
    watches.push(opened);
    return opened;
  };

  before(async () => {
    operator = await startTestOperator({ SIM_POD_STARTUP_MS: '20', BACKOFF_BASE_MS: '50', BACKOFF_MAX_MS: '400', MAX_RETRIES: '3' });
    http = new Http(operator.url);
  });
  after(async () => {
    for (const opened of watches) opened.close();
    await operator.shutdown();
  });

  it('converges an Application to Running with status, conditions and the finalizer', async () => {
    const w = await watch('conv');
    const created = await http.post(apps('conv'), application('web', { replicas: 3 }));
    assert.equal(created.status, 201);
    await w.until((objects) => converged(objects.get('web')), 10_000, 'web Running');
    const app = (await http.get(`${apps('conv')}/web`)).body;
    assert.deepEqual(
      { phase: app.status.phase, replicas: app.status.replicas, readyReplicas: app.status.readyReplicas, updatedReplicas: app.status.updatedReplicas },
      { phase: 'Running', replicas: 3, readyReplicas: 3, updatedReplicas: 3 },
    );
    assert.equal(app.status.observedGeneration, app.metadata.generation);
    assert.deepEqual(app.metadata.finalizers, [FINALIZER]);
    const ready = condition(app, 'Ready');
    assert.deepEqual([ready.status, ready.reason, ready.observedGeneration], ['True', 'ReplicasReady', 1]);
    assert.match(ready.lastTransitionTime, RFC3339);
    const progressing = condition(app, 'Progressing');
    assert.deepEqual([progressing.status, progressing.reason, progressing.observedGeneration], ['False', 'RolloutComplete', 1]);
    assert.equal(condition(app, 'Degraded').status, 'False');
    const phases = w.events.filter((e) => e.object.metadata.name === 'web').map((e) => phaseOf(e.object) ?? '-');
    assert.deepEqual([phases[0], phases.at(-1)], ['-', 'Running'], `phases seen: ${phases}`);
    assert.ok(phases.includes('Pending'), `Pending before Running: ${phases}`);
  });

  it('converges a scale change made with PATCH spec.replicas and through /scale', async () => {
    const w = await watch('scale');
    await http.post(apps('scale'), application('api', { replicas: 2 }));
    await w.until((objects) => converged(objects.get('api')), 10_000, 'api Running at 2');
    const patched = await http.patch(`${apps('scale')}/api`, { spec: { replicas: 5 } }, 'application/merge-patch+json');
    assert.equal(patched.status, 200);
    assert.equal(patched.body.metadata.generation, 2);
    await w.until((objects) => converged(objects.get('api')) && objects.get('api').status.readyReplicas === 5, 10_000, 'api Running at 5');
    assert.equal(w.objects.get('api').status.observedGeneration, 2);

    const scaled = await http.patch(`${apps('scale')}/api/scale`, { spec: { replicas: 1 } }, 'application/merge-patch+json');
    assert.equal(scaled.status, 200);
    assert.equal(scaled.body.kind, 'Scale');
    assert.equal(scaled.body.spec.replicas, 1);
    await w.until((objects) => converged(objects.get('api')) && objects.get('api').status.replicas === 1, 10_000, 'api Running at 1');

    const scale = (await http.get(`${apps('scale')}/api/scale`)).body;
    const put = await http.put(`${apps('scale')}/api/scale`, { ...scale, spec: { replicas: 4 } });
    assert.equal(put.status, 200);
    await w.until((objects) => converged(objects.get('api')) && objects.get('api').status.readyReplicas === 4, 10_000, 'api Running at 4');
    const after = (await http.get(`${apps('scale')}/api/scale`)).body;
    assert.deepEqual([after.spec.replicas, after.status.replicas], [4, 4]);
    assert.equal(w.objects.get('api').metadata.generation, 4);
    assert.equal(w.objects.get('api').status.observedGeneration, 4);
  });

  it('backs off a broken image, shows it in /debug/queue, then marks it Failed/Degraded with Warning events', async () => {
    const w = await watch('broken');
    const started = Date.now();
    const created = await http.post(apps('broken'), application('bad', { image: 'nginx:broken', replicas: 2 }));
    const uid = created.body.metadata.uid;
    const waiting = await waitFor(
      async () => ((await http.get('/debug/queue')).body.items as any[]).find((item) => item.key === 'broken/bad' && item.state === 'waiting' && item.retries >= 1),
      5_000,
      'broken/bad waiting in /debug/queue',
      5,
    );
    assert.match(waiting.lastError, /^(ErrImagePull|ImagePullBackOff): .*nginx:broken/);
    assert.match(waiting.nextAttemptTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.ok(Date.parse(waiting.nextAttemptTime) >= started, 'next attempt is in the run, not in the past');

    await w.until((objects) => phaseOf(objects.get('bad')) === 'Failed', 10_000, 'bad Failed');
    // Three retries at 50, 100 and 200 ms: Failed cannot come sooner than their sum (less a
    // millisecond per timer: Node's timers run on the loop's clock, which Date.now() may lead).
    assert.ok(Date.now() - started >= 350 - 3, `Failed after ${Date.now() - started} ms`);
    const failed = w.objects.get('bad');
    assert.equal(condition(failed, 'Degraded').status, 'True');
    assert.equal(condition(failed, 'Degraded').reason, 'ImagePullBackOff');
    assert.equal(condition(failed, 'Ready').status, 'False');
    assert.equal(condition(failed, 'Progressing').reason, 'RolloutFailed');
    assert.equal(failed.status.readyReplicas, 0);
    const firstFailed = w.events.findIndex((e) => phaseOf(e.object) === 'Failed');
    const retrying = w.events.slice(0, firstFailed).filter((e) => phaseOf(e.object) === 'Pending' && condition(e.object, 'Degraded')?.status === 'True');
    assert.ok(retrying.length > 0, 'Pending and Degraded while retrying, before Failed');
    const queue = (await http.get('/debug/queue')).body.items as any[];
    assert.equal(queue.find((item) => item.key === 'broken/bad'), undefined, 'forgotten until its next change');

    const events = await waitFor(async () => {
      const body = (await http.get('/events?namespace=broken&name=bad&type=Warning')).body;
      return body.items.some((e: any) => e.reason === 'ReconcileFailed') && body;
    }, 5_000, 'the ReconcileFailed event');
    const failedEvent = events.items.find((e: any) => e.reason === 'ReconcileFailed');
    assert.match(failedEvent.message, /^Giving up after 3 retries: ImagePullBackOff: /);
    assert.equal(failedEvent.severity, 'Error');
    assert.equal(failedEvent.involvedObject.uid, uid);
    const errors = events.items.filter((e: any) => e.reason === 'ReconcileError');
    assert.equal(errors.reduce((sum: number, e: any) => sum + e.count, 0), 4, 'one ReconcileError per failed attempt (1 + 3 retries)');
    assert.ok(events.items.every((e: any) => e.type === 'Warning'));

    const selector = encodeURIComponent(`involvedObject.name=bad,involvedObject.namespace=broken,type=Warning`);
    const kube = await http.get(`/api/v1/namespaces/broken/events?fieldSelector=${selector}`);
    assert.equal(kube.status, 200);
    assert.equal(kube.body.kind, 'EventList');
    assert.deepEqual(kube.body.items.map((e: any) => e.reason).sort(), events.items.map((e: any) => e.reason).sort());
    assert.ok(kube.body.items.every((e: any) => e.involvedObject.name === 'bad' && e.type === 'Warning'));

    // Retried on its next change: a working image converges and clears Degraded.
    await http.patch(`${apps('broken')}/bad`, { spec: { image: 'nginx:1.25' } }, 'application/merge-patch+json');
    await w.until((objects) => converged(objects.get('bad')), 10_000, 'bad Running after the fix');
    assert.equal(condition(w.objects.get('bad'), 'Degraded').status, 'False');
  });

  it('runs cleanup on delete: deletionTimestamp while finalizers remain, then 404', async () => {
    const w = await watch('del');
    await http.post(apps('del'), application('gone', {}, { finalizers: ['example.com/hold'] }));
    await w.until((objects) => converged(objects.get('gone')), 10_000, 'gone Running');
    assert.deepEqual(w.objects.get('gone').metadata.finalizers, ['example.com/hold', FINALIZER]);

    const deleted = await http.delete(`${apps('del')}/gone`);
    assert.equal(deleted.status, 200);
    assert.match(deleted.body.metadata.deletionTimestamp, RFC3339);
    await w.until((objects) => objects.get('gone')?.metadata.finalizers?.join() === 'example.com/hold', 10_000, 'our finalizer removed');
    const held = await http.get(`${apps('del')}/gone`);
    assert.equal(held.status, 200);
    assert.equal(held.body.metadata.deletionTimestamp, deleted.body.metadata.deletionTimestamp);
    const reasons = await waitFor(async () => {
      const items = (await http.get('/events?namespace=del&name=gone')).body.items as any[];
      const found = items.map((e) => e.reason);
      return found.includes('CleanupComplete') && found.includes('Deleted') && found;
    }, 5_000, 'CleanupComplete and Deleted events');
    assert.ok(reasons.includes('Created'));

    await http.patch(`${apps('del')}/gone`, { metadata: { finalizers: null } }, 'application/merge-patch+json');
    await w.until((objects) => !objects.has('gone'), 10_000, 'gone deleted');
    assert.equal(w.events.at(-1)!.type, 'DELETED');
    assert.equal((await http.get(`${apps('del')}/gone`)).status, 404);

    // Only the operator's finalizer: the delete completes on its own.
    await http.post(apps('del'), application('quick'));
    await w.until((objects) => objects.get('quick')?.metadata.finalizers?.includes(FINALIZER), 10_000, 'quick has the finalizer');
    assert.equal((await http.delete(`${apps('del')}/quick`)).status, 200);
    await w.until((objects) => !objects.has('quick'), 10_000, 'quick deleted');
    assert.equal((await http.get(`${apps('del')}/quick`)).status, 404);
  });

  it('rolls out with Recreate (all pods stop first) and RollingUpdate (bounded unavailability)', async () => {
    const w = await watch('strategy');
    await http.post(apps('strategy'), application('re', { replicas: 4, strategy: 'Recreate' }));
    await http.post(apps('strategy'), application('ru', { replicas: 4 }));
    await w.until((objects) => converged(objects.get('re')) && converged(objects.get('ru')), 10_000, 're and ru Running');
    const mark = w.events.length;
    for (const name of ['re', 'ru']) await http.patch(`${apps('strategy')}/${name}`, { spec: { image: 'nginx:1.26' } }, 'application/merge-patch+json');
    await w.until(
      (objects) => ['re', 'ru'].every((name) => converged(objects.get(name)) && objects.get(name).status.observedGeneration === 2),
      10_000,
      're and ru rolled out',
    );
    const rollout = (name: string) => w.events.slice(mark).map((e) => e.object).filter((o) => o.metadata.name === name && o.status?.observedGeneration === 2);
    assert.ok(rollout('re').some((o) => o.status.readyReplicas === 0 && o.status.updatedReplicas === 4), 'Recreate stops every old pod before new ones are ready');
    assert.ok(rollout('ru').every((o) => o.status.readyReplicas >= 3), 'RollingUpdate keeps replicas - maxUnavailable (4 - 1) ready');
    assert.equal(w.objects.get('re').spec.strategy, 'Recreate');
  });

  it('converges 1,000 Applications created at once', async () => {
    const total = 1000;
    const w = await watch('bulk');
    const started = Date.now();
    for (let batch = 0; batch < total; batch += 50) {
      const posts = Array.from({ length: 50 }, (_, i) => http.post(apps('bulk'), application(`app-${batch + i}`, { replicas: 1 })));
      for (const res of await Promise.all(posts)) assert.equal(res.status, 201, res.text);
    }
    const createdMs = Date.now() - started;
    const running = (objects: Map<string, any>) => [...objects.values()].filter(converged).length;
    await w.until((objects) => objects.size === total && running(objects) === total, 90_000, `${total} Applications Running`);
    const convergedMs = Date.now() - started;
    console.log(`# ${total} Applications: created in ${createdMs} ms, all Running ${convergedMs} ms after the first POST`);
    assert.ok(convergedMs < 90_000);
    const list = (await http.get(`${apps('bulk')}?fieldSelector=status.phase%3DRunning`)).body;
    assert.equal(list.items.length, total);
    assert.ok(list.items.every((app: any) => app.metadata.finalizers.includes(FINALIZER) && app.status.readyReplicas === 1));
  });
});

describe('Application conditions across resyncs (e2e)', () => {
  let operator: RunningOperator;
  let http: Http;
  let w: CollectionWatch;

  before(async () => {
    operator = await startTestOperator({ SIM_POD_STARTUP_MS: '20', RESYNC_PERIOD_SECONDS: '1', BACKOFF_BASE_MS: '50', BACKOFF_MAX_MS: '400', MAX_RETRIES: '3' });
    http = new Http(operator.url);
    w = await CollectionWatch.open(operator.url, apps('resync'));
  });
  after(async () => {
    w.close();
    await operator.shutdown();
  });

  it('keeps lastTransitionTime of Ready across resyncs and moves it only on a flip', async () => {
    await http.post(apps('resync'), application('steady'));
    await w.until((objects) => converged(objects.get('steady')), 10_000, 'steady Running');
    const before = w.objects.get('steady');
    const readySince = condition(before, 'Ready').lastTransitionTime;
    const reconciles = await metric(http, 'controller_reconcile_total');
    // +3: the reconcile that wrote Running may count after its watch event; then two resyncs, a second apart.
    await waitFor(async () => (await metric(http, 'controller_reconcile_total')) >= reconciles + 3, 10_000, 'two resyncs', 100);
    const steady = (await http.get(`${apps('resync')}/steady`)).body;
    assert.equal(steady.metadata.resourceVersion, before.metadata.resourceVersion, 'a no-op resync writes nothing');
    assert.equal(condition(steady, 'Ready').lastTransitionTime, readySince);
    assert.equal(condition(steady, 'Ready').status, 'True');
    assert.notEqual(new Date().toISOString().slice(0, 19) + 'Z', readySince, 'at least a second has passed');

    await http.patch(`${apps('resync')}/steady`, { spec: { image: 'nginx:broken' } }, 'application/merge-patch+json');
    await w.until((objects) => condition(objects.get('steady'), 'Ready')?.status === 'False', 10_000, 'Ready flips to False');
    const flipped = condition(w.objects.get('steady'), 'Ready');
    assert.notEqual(flipped.lastTransitionTime, readySince);
    assert.ok(Date.parse(flipped.lastTransitionTime) > Date.parse(readySince));
    assert.equal(flipped.observedGeneration, 2);
  });
});
