import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { Application } from '../application/application.types.js';
import { imageTag } from './image.js';
import { rollingUpdateBounds } from './simulated-deployment.js';
import { SimulatedWorkloadDriver } from './simulated-workload-driver.js';
import { WorkloadRef } from './workload-driver.js';

function app(spec: Partial<Application['spec']>, name = 'web'): Application {
  return { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { namespace: 'ns', name }, spec: { image: 'nginx:1', ...spec } };
}

describe(SimulatedWorkloadDriver.name, () => {
  let driver: SimulatedWorkloadDriver;
  let changes: WorkloadRef[];

  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
    driver = new SimulatedWorkloadDriver({ podStartupMs: 100 });
    changes = [];
    driver.changes$.subscribe((ref) => changes.push(ref));
  });

  afterEach(() => {
    driver.onModuleDestroy();
    mock.timers.reset();
  });

  const pods = () => driver.deploymentOf('ns', 'web')!.listPods();
  /** mock.timers runs each timer at the end of a tick: step so that timers set by timers fire on time. */
  const elapse = (ms: number) => {
    for (let t = 0; t < ms; t += 10) mock.timers.tick(10);
  };

  it('creates pods that become ready after podStartupMs, and announces the change', async () => {
    const first = await driver.sync(app({ replicas: 3 }));
    assert.deepEqual(first, { replicas: 3, readyReplicas: 0, updatedReplicas: 3, availableReplicas: 0, progressing: true });
    mock.timers.tick(99);
    assert.deepEqual(changes, []);
    mock.timers.tick(1);
    assert.deepEqual(changes, [{ namespace: 'ns', name: 'web' }]);
    assert.deepEqual(await driver.sync(app({ replicas: 3 })), { replicas: 3, readyReplicas: 3, updatedReplicas: 3, availableReplicas: 3, progressing: false });
  });

  it('is idempotent: syncing the same spec again changes nothing', async () => {
    await driver.sync(app({ replicas: 2 }));
    mock.timers.tick(100);
    const before = pods();
    await driver.sync(app({ replicas: 2 }));
    assert.deepEqual(pods(), before);
  });

  for (const replicas of [1, 3, 4, 10]) {
    it(`rolls ${replicas} replicas within maxSurge/maxUnavailable at every step`, async () => {
      const { maxSurge, maxUnavailable } = rollingUpdateBounds(replicas);
      await driver.sync(app({ replicas }));
      mock.timers.tick(100);
      const v2 = app({ replicas, image: 'nginx:2' });
      let status = await driver.sync(v2);
      let mixed = false;
      for (let t = 0; t < 10_000 && status.progressing; t += 10) {
        const all = pods();
        const ready = all.filter((pod) => pod.ready).length;
        assert.ok(all.length <= replicas + maxSurge, `at most ${replicas + maxSurge} pods, saw ${all.length}`);
        assert.ok(ready >= replicas - maxUnavailable, `at least ${replicas - maxUnavailable} ready, saw ${ready}`);
        mixed ||= new Set(all.map((pod) => pod.image)).size === 2;
        mock.timers.tick(10);
        status = await driver.sync(v2);
      }
      assert.equal(mixed, true, 'old and new pods overlapped (a rolling update, not a recreate)');
      assert.deepEqual(status, { replicas, readyReplicas: replicas, updatedReplicas: replicas, availableReplicas: replicas, progressing: false });
      assert.ok(pods().every((pod) => pod.image === 'nginx:2'));
    });
  }

  it('progresses a rollout on its own timers, without further syncs', async () => {
    await driver.sync(app({ replicas: 4 }));
    mock.timers.tick(100);
    await driver.sync(app({ replicas: 4, image: 'nginx:2' }));
    elapse(1000);
    assert.ok(pods().every((pod) => pod.image === 'nginx:2' && pod.ready));
    assert.equal(pods().length, 4);
  });

  it('Recreate stops every old pod before starting new ones', async () => {
    await driver.sync(app({ replicas: 3, strategy: 'Recreate' }));
    mock.timers.tick(100);
    const status = await driver.sync(app({ replicas: 3, strategy: 'Recreate', image: 'nginx:2' }));
    assert.deepEqual(status, { replicas: 3, readyReplicas: 0, updatedReplicas: 3, availableReplicas: 0, progressing: true });
    assert.ok(pods().every((pod) => pod.image === 'nginx:2'), 'no old pod is left once new ones exist');
    mock.timers.tick(100);
    assert.equal(pods().filter((pod) => pod.ready).length, 3);
  });

  it('reports ErrImagePull then ImagePullBackOff for a failing tag, and never becomes ready', async () => {
    await driver.sync(app({ replicas: 2, image: 'nginx:broken' }));
    mock.timers.tick(100);
    let status = await driver.sync(app({ replicas: 2, image: 'nginx:broken' }));
    assert.equal(status.failure?.reason, 'ErrImagePull');
    mock.timers.tick(100);
    status = await driver.sync(app({ replicas: 2, image: 'nginx:broken' }));
    assert.equal(status.failure?.reason, 'ImagePullBackOff');
    assert.match(status.failure!.message, /Back-off pulling image "nginx:broken"/);
    mock.timers.tick(60_000);
    status = await driver.sync(app({ replicas: 2, image: 'nginx:broken' }));
    assert.equal(status.readyReplicas, 0);
    assert.equal(status.progressing, true);
  });

  it('keeps old pods serving when a rolling update goes to a failing image', async () => {
    await driver.sync(app({ replicas: 4 }));
    mock.timers.tick(100);
    await driver.sync(app({ replicas: 4, image: 'nginx:doesnotexist' }));
    elapse(1000);
    const status = await driver.sync(app({ replicas: 4, image: 'nginx:doesnotexist' }));
    assert.equal(status.readyReplicas, 3, 'replicas - maxUnavailable stay ready');
    assert.equal(status.replicas, 5, 'replicas + maxSurge pods');
    assert.equal(status.failure?.reason, 'ImagePullBackOff');
  });

  it('scales up and down, and to 0 with every pod stopped', async () => {
    await driver.sync(app({ replicas: 3 }));
    mock.timers.tick(100);
    assert.equal((await driver.sync(app({ replicas: 5 }))).replicas, 5);
    mock.timers.tick(100);
    assert.equal((await driver.sync(app({ replicas: 5 }))).readyReplicas, 5);
    assert.deepEqual(await driver.sync(app({ replicas: 2 })), { replicas: 2, readyReplicas: 2, updatedReplicas: 2, availableReplicas: 2, progressing: false });
    assert.deepEqual(await driver.sync(app({ replicas: 0 })), { replicas: 0, readyReplicas: 0, updatedReplicas: 0, availableReplicas: 0, progressing: false });
    assert.deepEqual(pods(), []);
  });

  it('with podStartupMs 0, pods are ready on the next tick', async () => {
    const instant = new SimulatedWorkloadDriver({ podStartupMs: 0 });
    const seen: WorkloadRef[] = [];
    instant.changes$.subscribe((ref) => seen.push(ref));
    assert.equal((await instant.sync(app({ replicas: 2 }))).readyReplicas, 0);
    mock.timers.tick(0);
    assert.equal(seen.length, 1);
    assert.equal((await instant.sync(app({ replicas: 2 }))).readyReplicas, 2);
    instant.onModuleDestroy();
  });

  it('remove is idempotent and cancels the workload timers', async () => {
    await driver.sync(app({ replicas: 2 }));
    await driver.remove('ns', 'web');
    await driver.remove('ns', 'web');
    mock.timers.tick(1000);
    assert.deepEqual(changes, []);
    assert.equal(driver.deploymentOf('ns', 'web'), undefined);
  });
});

describe('rollingUpdateBounds', () => {
  it('rounds surge up and unavailable down, with unavailable 1 when both are 0', () => {
    assert.deepEqual([0, 1, 2, 4, 10].map(rollingUpdateBounds), [
      { maxSurge: 0, maxUnavailable: 1 },
      { maxSurge: 1, maxUnavailable: 0 },
      { maxSurge: 1, maxUnavailable: 0 },
      { maxSurge: 1, maxUnavailable: 1 },
      { maxSurge: 3, maxUnavailable: 2 },
    ]);
  });
});

describe('imageTag', () => {
  it('reads the tag, defaulting to latest, ignoring registry ports and digests', () => {
    assert.deepEqual(
      ['nginx:broken', 'nginx', 'registry:5000/team/app', 'registry:5000/app:doesnotexist', 'app@sha256:abc', 'app:1.2@sha256:abc'].map(imageTag),
      ['broken', 'latest', 'latest', 'doesnotexist', undefined, '1.2'],
    );
  });
});
