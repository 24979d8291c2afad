import 'reflect-metadata';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SchedulerRegistry } from '@nestjs/schedule';
import { KubeObject } from '@app/api-machinery';
import { Application, WorkloadRef } from '@app/reconciler';
import { firstValueFrom, take, toArray } from 'rxjs';
import { resolveClusterOptions } from '../cluster.options.js';
import { FakeClient, FakeClientFactory } from '../testing/fake-clients.js';
import { KubernetesWorkloadDriver } from './kubernetes-workload-driver.js';
import { CONFIGMAPS_RESOURCE, Deployment, DEPLOYMENTS_RESOURCE } from './workload.resources.js';

const app = (spec: Partial<Application['spec']> = {}, uid = 'u-1'): Application => ({ apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name: 'web', namespace: 'shop', uid }, spec: { image: 'nginx:1.27', replicas: 2, ...spec } });

async function started() {
  const clients = new FakeClientFactory();
  const driver = new KubernetesWorkloadDriver(clients, new SchedulerRegistry(), resolveClusterOptions({}));
  driver.onApplicationBootstrap();
  await Promise.all([driver.deployments.waitForSync(), driver.configMaps.waitForSync()]);
  const deployments = clients.client<Deployment>(DEPLOYMENTS_RESOURCE);
  const configMaps = clients.client(CONFIGMAPS_RESOURCE);
  return { driver, deployments, configMaps, stop: () => driver.onModuleDestroy() };
}

const applies = (client: FakeClient<KubeObject>) => client.calls.filter((call) => call.verb === 'patch');
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(KubernetesWorkloadDriver.name, () => {
  it('lists and watches only what it manages, then applies a ConfigMap and a Deployment with server-side apply', async () => {
    const { driver, deployments, configMaps, stop } = await started();
    assert.deepEqual(deployments.calls.find((call) => call.verb === 'list')?.options, { labelSelector: 'app.kubernetes.io/managed-by=application-operator' });
    const status = await driver.sync(app());
    assert.deepEqual(status, { replicas: 0, readyReplicas: 0, updatedReplicas: 0, availableReplicas: 0, progressing: true });
    const [configMapApply] = applies(configMaps);
    const [deploymentApply] = applies(deployments);
    assert.deepEqual([configMapApply.name, configMapApply.type, configMapApply.options], ['web', 'apply', { fieldManager: 'application-operator', force: true }]);
    assert.deepEqual([deploymentApply.namespace, deploymentApply.name, deploymentApply.type], ['shop', 'web', 'apply']);
    await stop();
  });

  it('applies nothing when the cached objects already match, and again when the spec changes', async () => {
    const { driver, deployments, stop } = await started();
    await driver.sync(app());
    await settle();
    await driver.sync(app());
    assert.equal(applies(deployments).length, 1, 'an unchanged spec is not re-applied');
    await driver.sync(app({ replicas: 3 }));
    assert.equal(applies(deployments).length, 2);
    await stop();
  });

  it('mirrors the Deployment status from its cache and reports its owner when it changes', async () => {
    const { driver, deployments, stop } = await started();
    await driver.sync(app());
    await settle();
    const owners = firstValueFrom(driver.changes$.pipe(take(1), toArray()));
    const live = [...deployments.objects.values()][0];
    deployments.put({ ...live, status: { observedGeneration: 0, replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2 } }, 'MODIFIED');
    assert.deepEqual(await owners, [{ namespace: 'shop', name: 'web' } satisfies WorkloadRef]);
    await settle();
    assert.deepEqual(await driver.sync(app()), { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2, progressing: false });
    await stop();
  });

  it('refuses to take over objects another controller owns', async () => {
    const { driver, deployments, stop } = await started();
    await driver.sync(app({}, 'old-uid'));
    await settle();
    await assert.rejects(driver.sync(app({}, 'new-uid')), /ConfigMap shop\/web is controlled by Application web \(uid old-uid\)/);
    await stop();
    assert.equal(applies(deployments).length, 1);
  });

  it('removes only objects the Application controls, with a uid precondition; idempotent', async () => {
    const { driver, deployments, configMaps, stop } = await started();
    await driver.sync(app());
    configMaps.objects.clear();
    configMaps.put({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'shop', name: 'web' } });
    await driver.remove('shop', 'web');
    const deletion = deployments.calls.find((call) => call.verb === 'delete');
    assert.deepEqual(deletion?.options, { propagationPolicy: 'Background', preconditions: { uid: 'uid-web' } });
    assert.equal(deployments.objects.size, 0);
    assert.equal(configMaps.objects.size, 1, 'a ConfigMap the Application does not control is left alone');
    await driver.remove('shop', 'web');
    await stop();
  });
});
