import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AlreadyExistsError, ConflictError, ExpiredError, InvalidError, KubeObject, NotFoundError } from '@app/api-machinery';
import { ApplicationCrdCheck, KubeApiResourceClientFactory, KubeConnectionError, loadKubeConfig, resolveClusterOptions } from '@app/cluster';
import { ResourceClient } from '@app/resources';
import { firstValueFrom, filter, take, toArray } from 'rxjs';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';
import { writeKubeconfig } from '../support/kubectl.js';
import { startTestOperator, tempDir } from '../support/operator.js';
import { until } from './cluster-harness.js';

const APPLICATIONS = { group: 'cloudnative.elide.dev', version: 'v1', resource: 'applications' };
const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments' };

const application = (name: string, replicas = 1): KubeObject => ({ apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name, namespace: 'client' }, spec: { image: 'nginx:1.27', replicas, resources: { limits: { memory: '64Mi' } } } });

/** A factory over the kube-apiserver at `url`, as cluster mode builds it from KUBECONFIG. */
function factoryFor(dir: string, url: string, file = 'kubeconfig'): KubeApiResourceClientFactory {
  const options = resolveClusterOptions({ kubeconfig: writeKubeconfig(dir, url, 'default', file), requestTimeoutMs: 5000 });
  return new KubeApiResourceClientFactory(loadKubeConfig(options), options);
}

describe('KubeApiResourceClient against a kube-apiserver-compatible server (e2e)', () => {
  const dir = tempDir('cluster-client-');
  let operator: RunningOperator;
  let factory: KubeApiResourceClientFactory;
  let apps: ResourceClient;

  before(async () => {
    // Compaction every second with no retention: old resourceVersions expire quickly (410).
    operator = await startTestOperator({ RECONCILER_ENABLED: 'false', COMPACTION_INTERVAL_SECONDS: '1', COMPACTION_MIN_RETENTION_SECONDS: '0', COMPACTION_MIN_REVISIONS: '0' });
    factory = factoryFor(dir.path, operator.url);
    apps = factory.client(APPLICATIONS);
  });

  after(async () => {
    factory.onModuleDestroy();
    await operator.shutdown();
    dir.remove();
  });

  it('creates, reads and lists, with list items carrying apiVersion and kind', async () => {
    const created = await apps.create('client', application('one'));
    assert.equal(created.created, true);
    assert.equal(created.object.metadata?.name, 'one');
    assert.equal((await apps.get('client', 'one')).metadata?.uid, created.object.metadata?.uid);
    const list = await apps.list('client');
    assert.deepEqual(list.items.map((item) => [item.apiVersion, item.kind, item.metadata?.name]), [['cloudnative.elide.dev/v1', 'Application', 'one']]);
    assert.match(list.metadata.resourceVersion ?? '', /^\d+$/);
  });

  it('throws the StatusError subclasses the embedded store throws, with the server\'s messages', async () => {
    await assert.rejects(apps.get('client', 'missing'), (error: Error) => error instanceof NotFoundError && error.message === 'applications.cloudnative.elide.dev "missing" not found');
    await assert.rejects(apps.create('client', application('one')), (error: Error) => error instanceof AlreadyExistsError && error.message === 'applications.cloudnative.elide.dev "one" already exists');
    const current = await apps.get('client', 'one');
    await apps.update('client', { ...current, spec: { ...(current.spec as object), replicas: 2 } });
    await assert.rejects(apps.update('client', { ...current, spec: { ...(current.spec as object), replicas: 3 } }), (error: Error) => error instanceof ConflictError && /the object has been modified/.test(error.message));
    await assert.rejects(apps.create('client', application('bad', 500)), (error: Error) => error instanceof InvalidError && error.details?.causes?.[0]?.field === 'spec.replicas');
  });

  it('writes status only through /status, and returns the server\'s warnings', async () => {
    const current = await apps.get('client', 'one');
    const { object } = await apps.updateStatus('client', { ...current, spec: { image: 'ignored:1' }, status: { phase: 'Pending', replicas: 0 } });
    assert.deepEqual([(object.spec as { image: string }).image, (object.status as { phase: string }).phase], ['nginx:1.27', 'Pending']);
    const warned = await apps.create('client', { ...application('warned'), spec: { image: 'nginx:1.27' } });
    assert.ok(warned.warnings.some((warning) => /resources/.test(warning)), `warnings: ${JSON.stringify(warned.warnings)}`);
  });

  it('patches with merge, JSON patch and server-side apply (fieldManager, force)', async () => {
    await apps.patch('client', 'one', 'merge', { metadata: { labels: { tier: 'web' } } });
    const { object } = await apps.patch('client', 'one', 'json', [{ op: 'replace', path: '/spec/replicas', value: 4 }]);
    assert.deepEqual([object.metadata?.labels?.tier, (object.spec as { replicas: number }).replicas], ['web', 4]);
    const deployments = factory.client(DEPLOYMENTS);
    const config = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'client' }, spec: { replicas: 2, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } } } };
    const first = await deployments.patch('client', 'api', 'apply', config, { fieldManager: 'application-operator', force: true });
    assert.equal(first.created, true);
    const again = await deployments.patch('client', 'api', 'apply', config, { fieldManager: 'application-operator', force: true });
    assert.equal(again.created, false);
    assert.equal(again.object.metadata?.resourceVersion, first.object.metadata?.resourceVersion, 'a no-op apply changes nothing');
    assert.ok(again.object.metadata?.managedFields?.some((entry) => entry.manager === 'application-operator' && entry.operation === 'Apply'));
  });

  it('deletes: a finalizer keeps the object (returned with deletionTimestamp); a Status answer names the deleted object', async () => {
    const { object } = await apps.create('client', { ...application('held'), metadata: { name: 'held', namespace: 'client', finalizers: ['example.com/hold'] } });
    const held = await apps.delete('client', 'held');
    assert.ok(held.object.metadata?.deletionTimestamp);
    await apps.patch('client', 'held', 'merge', { metadata: { finalizers: null } });
    await assert.rejects(apps.get('client', 'held'), NotFoundError);
    const gone = await factory.client(DEPLOYMENTS).delete('client', 'api', { propagationPolicy: 'Background' });
    assert.equal(gone.object.metadata?.name, 'api');
    assert.ok(object.metadata?.uid);
  });

  it('watches from a resourceVersion, and answers ExpiredError once it is compacted', async () => {
    const { metadata } = await apps.list('client');
    const events = firstValueFrom(apps.watch('client', { resourceVersion: metadata.resourceVersion }).pipe(filter((event) => event.type !== 'BOOKMARK'), take(2), toArray()));
    await apps.create('client', application('two'));
    await apps.patch('client', 'two', 'merge', { spec: { replicas: 2 } });
    assert.deepEqual((await events).map((event) => [event.type, (event.object as KubeObject).metadata?.name]), [['ADDED', 'two'], ['MODIFIED', 'two']]);
    const expired = await until('the watch from an old resourceVersion to expire', async () => {
      const error = await firstValueFrom(apps.watch('client', { resourceVersion: '2' })).then(() => undefined, (error: Error) => error);
      return error instanceof ExpiredError ? error : undefined;
    });
    assert.equal(expired.code, 410);
  });

  it('checks the Application CRD, and applies it first with INSTALL_CRD (idempotent)', async () => {
    const check = (installCrd: boolean) => new ApplicationCrdCheck(factory, resolveClusterOptions({ installCrd }));
    const checked = await check(false).ensure();
    assert.deepEqual(checked.spec.versions.map((version) => [version.name, version.served]), [['v1', true], ['v1beta1', true]]);
    const installed = await check(true).ensure();
    assert.equal(installed.metadata.name, 'applications.cloudnative.elide.dev');
    assert.ok(installed.metadata.managedFields?.some((entry) => entry.manager === 'application-operator' && entry.operation === 'Apply'));
    assert.equal((await check(true).ensure()).metadata.resourceVersion, installed.metadata.resourceVersion, 'applying the same CRD again changes nothing');
  });

  it('reports an unreachable API server as KubeConnectionError', async () => {
    const closed = factoryFor(dir.path, 'http://127.0.0.1:1', 'kubeconfig-closed');
    await assert.rejects(closed.client(APPLICATIONS).list(undefined), (error: Error) => error instanceof KubeConnectionError && /cannot reach the Kubernetes API at http:\/\/127\.0\.0\.1:1/.test(error.message));
    closed.onModuleDestroy();
  });
});
