import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as k8s from '@kubernetes/client-node';
import { Store } from '@app/storage';
import { startTestOperator, tempDir } from '../support/operator.js';
import { writeKubeconfig } from '../support/kubectl.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';

const GROUP = 'cloudnative.elide.dev';
type App = k8s.KubernetesObject & { spec: { image: string; replicas: number }; status?: Record<string, unknown> };

function body(name: string, replicas = 2): App {
  return { apiVersion: `${GROUP}/v1`, kind: 'Application', metadata: { name }, spec: { image: 'nginx:1.25', replicas } };
}

/** What an informer reported, in order, and a way to await the next report. */
class Recorder {
  readonly seen: string[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(informer: k8s.Informer<App>) {
    for (const verb of [k8s.ADD, k8s.UPDATE, k8s.DELETE] as const) {
      informer.on(verb, (object) => this.push(`${verb} ${object.metadata!.name} ${object.spec.replicas}`));
    }
    informer.on(k8s.CONNECT, () => this.push('connect'));
    informer.on(k8s.ERROR, (error) => this.push(`error ${String(error?.statusCode ?? error?.message ?? error)}`));
  }

  /** Resolves once `predicate` holds over what was seen (checked after every report). */
  until(predicate: (seen: string[]) => boolean, timeoutMs = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`informer did not report as expected; saw:\n${this.seen.join('\n')}`)), timeoutMs);
      const check = () => {
        if (!predicate(this.seen)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
      check();
    });
  }

  count(entry: string | RegExp): number {
    return this.seen.filter((seen) => (typeof entry === 'string' ? seen === entry : entry.test(seen))).length;
  }

  private push(entry: string): void {
    this.seen.push(entry);
    this.waiters.forEach((waiter) => waiter());
  }
}

describe('@kubernetes/client-node against the operator (e2e)', () => {
  let operator: RunningOperator;
  let dir: ReturnType<typeof tempDir>;
  let kubeconfig: k8s.KubeConfig;
  let api: k8s.CustomObjectsApi;
  const scope = (namespace: string) => ({ group: GROUP, version: 'v1', namespace, plural: 'applications' });
  const mergePatch = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);

  before(async () => {
    // No reconciler: every write in this file is the test's own, so resourceVersions are predictable.
    operator = await startTestOperator({ RECONCILER_ENABLED: 'false' });
    dir = tempDir('client-node-e2e-');
    kubeconfig = new k8s.KubeConfig();
    kubeconfig.loadFromFile(writeKubeconfig(dir.path, operator.url));
    api = kubeconfig.makeApiClient(k8s.CustomObjectsApi);
  });
  after(async () => {
    await operator.shutdown();
    dir.remove();
  });

  describe('CustomObjectsApi', () => {
    const ns = scope('crud');

    it('creates, gets, lists, patches (JSON and merge), replaces and deletes', async () => {
      const created = (await api.createNamespacedCustomObject({ ...ns, body: body('one') })) as App;
      assert.equal(created.metadata!.namespace, 'crud');
      assert.match(created.metadata!.uid!, /^[0-9a-f-]{36}$/);
      assert.equal(created.spec.replicas, 2);
      const got = (await api.getNamespacedCustomObject({ ...ns, name: 'one' })) as App;
      assert.deepEqual(got.metadata, created.metadata);
      await api.createNamespacedCustomObject({ ...ns, body: body('two') });
      const list = (await api.listNamespacedCustomObject(ns)) as k8s.KubernetesListObject<App>;
      assert.equal(list.kind, 'ApplicationList');
      assert.match(list.metadata!.resourceVersion!, /^\d+$/);
      assert.deepEqual(list.items.map((item) => item.metadata!.name), ['one', 'two']);
      const selected = (await api.listNamespacedCustomObject({ ...ns, fieldSelector: 'metadata.name=two' })) as k8s.KubernetesListObject<App>;
      assert.deepEqual(selected.items.map((item) => item.metadata!.name), ['two']);

      const jsonPatched = (await api.patchNamespacedCustomObject({ ...ns, name: 'one', body: [{ op: 'replace', path: '/spec/replicas', value: 3 }] })) as App;
      assert.equal(jsonPatched.spec.replicas, 3);
      assert.equal(jsonPatched.metadata!.generation, 2);
      const merged = (await api.patchNamespacedCustomObject({ ...ns, name: 'one', body: { metadata: { labels: { tier: 'web' } }, spec: { replicas: 4 } } }, mergePatch)) as App;
      assert.equal(merged.spec.replicas, 4);
      assert.equal(merged.metadata!.labels!.tier, 'web');

      const replaced = (await api.replaceNamespacedCustomObject({ ...ns, name: 'one', body: { ...merged, spec: { ...merged.spec, image: 'nginx:1.27' } } })) as App;
      assert.equal(replaced.spec.image, 'nginx:1.27');
      const stale = await api.replaceNamespacedCustomObject({ ...ns, name: 'one', body: merged }).catch((error: k8s.ApiException<string>) => error);
      assert.ok(stale instanceof k8s.ApiException);
      assert.equal(stale.code, 409);
      assert.equal(JSON.parse(stale.body).reason, 'Conflict');

      const deleted = (await api.deleteNamespacedCustomObject({ ...ns, name: 'two' })) as App;
      assert.equal(deleted.metadata!.name, 'two');
      const missing = await api.getNamespacedCustomObject({ ...ns, name: 'two' }).catch((error: k8s.ApiException<string>) => error);
      assert.ok(missing instanceof k8s.ApiException);
      assert.equal(missing.code, 404);
      assert.equal(JSON.parse(missing.body).message, `applications.${GROUP} "two" not found`);
    });

    it('deletes a collection by label selector', async () => {
      const ns2 = scope('collection');
      for (const name of ['c1', 'c2', 'keep']) {
        await api.createNamespacedCustomObject({ ...ns2, body: { ...body(name), metadata: { name, labels: { batch: name === 'keep' ? 'no' : 'yes' } } } });
      }
      const deleted = (await api.deleteCollectionNamespacedCustomObject({ ...ns2, labelSelector: 'batch=yes' })) as k8s.KubernetesListObject<App>;
      assert.deepEqual(deleted.items.map((item) => item.metadata!.name), ['c1', 'c2']);
      const left = (await api.listNamespacedCustomObject(ns2)) as k8s.KubernetesListObject<App>;
      assert.deepEqual(left.items.map((item) => item.metadata!.name), ['keep']);
    });

    it('reads and patches the status subresource', async () => {
      await api.createNamespacedCustomObject({ ...ns, body: body('status') });
      const before = (await api.getNamespacedCustomObjectStatus({ ...ns, name: 'status' })) as App;
      assert.equal(before.status, undefined);
      const patched = (await api.patchNamespacedCustomObjectStatus({
        ...ns,
        name: 'status',
        body: [{ op: 'add', path: '/status', value: { phase: 'Running', readyReplicas: 2 } }],
      })) as App;
      assert.deepEqual(patched.status, { phase: 'Running', readyReplicas: 2 });
      assert.equal(patched.metadata!.generation, 1, 'status writes leave generation alone');
      const merged = (await api.patchNamespacedCustomObjectStatus({ ...ns, name: 'status', body: { status: { message: 'ok' }, spec: { replicas: 9 } } }, mergePatch)) as App;
      assert.equal(merged.status!.message, 'ok');
      assert.equal(merged.spec.replicas, 2, '/status ignores spec');
      const read = (await api.getNamespacedCustomObjectStatus({ ...ns, name: 'status' })) as App;
      assert.deepEqual(read.status, { phase: 'Running', readyReplicas: 2, message: 'ok' });
    });

    it('reads and patches the scale subresource', async () => {
      await api.createNamespacedCustomObject({ ...ns, body: body('scaled') });
      const scale = (await api.getNamespacedCustomObjectScale({ ...ns, name: 'scaled' })) as k8s.V1Scale;
      assert.equal(scale.apiVersion, 'autoscaling/v1');
      assert.equal(scale.kind, 'Scale');
      assert.equal(scale.metadata!.name, 'scaled');
      assert.equal(scale.spec!.replicas, 2);
      const jsonPatched = (await api.patchNamespacedCustomObjectScale({ ...ns, name: 'scaled', body: [{ op: 'replace', path: '/spec/replicas', value: 5 }] })) as k8s.V1Scale;
      assert.equal(jsonPatched.spec!.replicas, 5);
      const merged = (await api.patchNamespacedCustomObjectScale({ ...ns, name: 'scaled', body: { spec: { replicas: 6 } } }, mergePatch)) as k8s.V1Scale;
      assert.equal(merged.spec!.replicas, 6);
      const app = (await api.getNamespacedCustomObject({ ...ns, name: 'scaled' })) as App;
      assert.equal(app.spec.replicas, 6);
    });
  });

  describe('makeInformer', () => {
    const informers: k8s.Informer<App>[] = [];
    /** Between informers and the operator: records each request, and can keep them waiting. */
    let proxy: TcpProxy;
    let viaProxy: k8s.KubeConfig;
    before(async () => {
      proxy = await TcpProxy.start(operator.port);
      viaProxy = new k8s.KubeConfig();
      viaProxy.loadFromFile(writeKubeconfig(dir.path, proxy.url, 'default', 'kubeconfig-proxy'));
    });
    after(async () => {
      for (const informer of informers) await informer.stop();
      await proxy.close();
    });

    /** An informer over CustomObjectsApi; `timeoutSeconds` makes the server end each watch after that long. */
    function informer(namespace: string, options: { timeoutSeconds?: number; config?: k8s.KubeConfig } = {}) {
      const config = options.config ?? kubeconfig;
      const client = config.makeApiClient(k8s.CustomObjectsApi);
      const lists = { count: 0, resourceVersions: [] as string[] };
      const query = options.timeoutSeconds ? `?timeoutSeconds=${options.timeoutSeconds}` : '';
      const made = k8s.makeInformer<App>(config, `/apis/${GROUP}/v1/namespaces/${namespace}/applications${query}`, async () => {
        lists.count++;
        const list = (await client.listNamespacedCustomObject(scope(namespace))) as k8s.KubernetesListObject<App>;
        lists.resourceVersions.push(list.metadata!.resourceVersion!);
        return list;
      });
      informers.push(made);
      return { informer: made, recorder: new Recorder(made), lists };
    }

    const isWatchOf = (namespace: string) => (target: string) =>
      target.startsWith(`/apis/${GROUP}/v1/namespaces/${namespace}/applications?`) && target.includes('watch=true');

    /** The resourceVersion of each watch request the proxy forwarded for `namespace`. */
    function watchedFrom(namespace: string): string[] {
      return proxy.requests.filter(isWatchOf(namespace)).map((target) => new URL(target, 'http://x').searchParams.get('resourceVersion') ?? '');
    }

    it('sees add, update and delete', async () => {
      const ns = scope('informed');
      await api.createNamespacedCustomObject({ ...ns, body: body('existing') });
      const { informer: watching, recorder } = informer('informed');
      await watching.start();
      await recorder.until((seen) => seen.includes('add existing 2'));
      await api.createNamespacedCustomObject({ ...ns, body: body('fresh') });
      await recorder.until((seen) => seen.includes('add fresh 2'));
      await api.patchNamespacedCustomObject({ ...ns, name: 'fresh', body: { spec: { replicas: 3 } } }, mergePatch);
      await recorder.until((seen) => seen.includes('update fresh 3'));
      await api.deleteNamespacedCustomObject({ ...ns, name: 'existing' });
      await recorder.until((seen) => seen.includes('delete existing 2'));
      assert.deepEqual(recorder.seen.filter((entry) => entry !== 'connect'), ['add existing 2', 'add fresh 2', 'update fresh 3', 'delete existing 2']);
      assert.deepEqual(watching.list('informed').map((app) => app.metadata!.name), ['fresh']);
      assert.equal(watching.get('fresh', 'informed')!.spec.replicas, 3);
      await watching.stop();
    });

    it('re-watches from its last resourceVersion when the server ends the stream, without a relist', async () => {
      const ns = scope('reconnect');
      await api.createNamespacedCustomObject({ ...ns, body: body('first') });
      // timeoutSeconds=1: the server ends every watch after a second, as kube-apiserver does at its timeout.
      const { informer: watching, recorder, lists } = informer('reconnect', { config: viaProxy, timeoutSeconds: 1 });
      await watching.start();
      await recorder.until((seen) => seen.includes('add first 2'));
      await proxy.waitForRequests(isWatchOf('reconnect'), 2);
      assert.equal(lists.count, 1, 'no relist after a clean end of the stream');
      const [listed] = lists.resourceVersions;
      assert.deepEqual(watchedFrom('reconnect').slice(0, 2), [listed, listed], 'nothing changed: the re-watch resumes from the list');
      await api.createNamespacedCustomObject({ ...ns, body: body('second') });
      const patched = (await api.patchNamespacedCustomObject({ ...ns, name: 'first', body: [{ op: 'replace', path: '/spec/replicas', value: 4 }] })) as App;
      await recorder.until((seen) => seen.includes('update first 4') && seen.includes('add second 2'));
      const connects = recorder.count('connect');
      await recorder.until(() => recorder.count('connect') > connects);
      await api.deleteNamespacedCustomObject({ ...ns, name: 'second' });
      await recorder.until((seen) => seen.includes('delete second 2'));
      assert.equal(lists.count, 1);
      assert.ok(watchedFrom('reconnect').includes(patched.metadata!.resourceVersion!), `re-watched from the last event seen: ${watchedFrom('reconnect').join(', ')}`);
      assert.deepEqual(recorder.seen.filter((entry) => entry !== 'connect'), ['add first 2', 'add second 2', 'update first 4', 'delete second 2']);
      assert.ok(!recorder.seen.some((entry) => entry.startsWith('error')), recorder.seen.join('\n'));
      await watching.stop();
    });

    it('relists after a 410 when its resourceVersion was compacted away while it was disconnected', async () => {
      const ns = scope('expired');
      await api.createNamespacedCustomObject({ ...ns, body: body('kept') });
      await api.createNamespacedCustomObject({ ...ns, body: body('gone') });
      const { informer: watching, recorder, lists } = informer('expired', { config: viaProxy, timeoutSeconds: 1 });
      await watching.start();
      await recorder.until((seen) => seen.includes('add kept 2') && seen.includes('add gone 2'));
      // Disconnected: the stream ends at its timeout and the informer's re-watch waits in the proxy.
      proxy.hold();
      await proxy.waitForHeld();
      await api.createNamespacedCustomObject({ ...ns, body: body('born') });
      await api.patchNamespacedCustomObject({ ...ns, name: 'kept', body: { spec: { replicas: 7 } } }, mergePatch);
      await api.deleteNamespacedCustomObject({ ...ns, name: 'gone' });
      for (let i = 0; i < 20; i++) await api.createNamespacedCustomObject({ ...scope('elsewhere'), body: body(`noise-${i}`) });
      const store = operator.app.get(Store);
      await store.compact(await store.currentRevision());
      proxy.release();
      await recorder.until((seen) => seen.includes('add born 2') && seen.includes('update kept 7') && seen.includes('delete gone 2'));
      assert.equal(lists.count, 2, 'one relist after the 410');
      assert.ok(!recorder.seen.some((entry) => entry.startsWith('error')), recorder.seen.join('\n'));
      await api.createNamespacedCustomObject({ ...ns, body: body('later') });
      await recorder.until((seen) => seen.includes('add later 2'));
      assert.deepEqual(watching.list('expired').map((app) => app.metadata!.name).sort(), ['born', 'kept', 'later']);
      assert.equal(watchedFrom('expired').at(-1), lists.resourceVersions[1], 'after the relist it watches from the new list');
      await watching.stop();
    });
  });
});
