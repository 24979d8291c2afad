import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Global, Module } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeObject, StatusError } from '@app/api-machinery';
import { CrdModule } from '@app/crd';
import { EventInput, EventRecorder } from '@app/events';
import { metricProviders } from '@app/metrics';
import { ResourceClient, ResourceClientFactory, ResourcesModule } from '@app/resources';
import { StorageModule } from '@app/storage';
import { AdmissionModule } from '../admission.module.js';

class RecordingRecorder extends EventRecorder {
  readonly events: EventInput[] = [];
  record(input: EventInput): void {
    this.events.push(input);
  }
  async flush(): Promise<void> {}
}

@Global()
@Module({ providers: [...metricProviders, { provide: EventRecorder, useClass: RecordingRecorder }], exports: [...metricProviders, EventRecorder] })
class SupportModule {}

const user = { username: 'jane', groups: ['system:authenticated'] };
const app = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'cloudnative.elide.dev/v1',
  kind: 'Application',
  metadata: { name, namespace: 'default' },
  spec,
});

describe('admission on the API path', () => {
  let moduleRef: TestingModule;
  let applications: ResourceClient;
  let recorder: RecordingRecorder;
  let directory: string;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'admission-api-'));
    const policyFile = join(directory, 'policy.yaml');
    await writeFile(policyFile, 'blockedImages: ["*:latest"]\nmaxReplicas: 10\n');
    moduleRef = await Test.createTestingModule({
      imports: [SupportModule, StorageModule.forRoot({ path: ':memory:' }), CrdModule, ResourcesModule, AdmissionModule.forRoot({ policyFile, webhookPort: 0, dnsNames: [], dataDir: directory })],
    }).compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    applications = moduleRef.get(ResourceClientFactory).client({ group: 'cloudnative.elide.dev', version: 'v1', resource: 'applications' });
    recorder = moduleRef.get(EventRecorder) as RecordingRecorder;
  });

  after(async () => {
    await moduleRef.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('stores the mutated object and returns the validators\' warnings', async () => {
    const { object, warnings } = await applications.create('default', app('web', { image: 'nginx:1.25', replicas: 1 }), { user });
    assert.equal(object.metadata?.labels?.['app.kubernetes.io/managed-by'], 'application-operator');
    assert.equal(object.metadata?.annotations?.['cloudnative.elide.dev/last-admitted-by'], 'jane');
    assert.equal((object.spec as Record<string, unknown>).strategy, 'RollingUpdate');
    assert.ok(warnings.includes('spec.replicas is 1: the application has no redundancy'), warnings.join('\n'));
    assert.deepEqual(recorder.events, []);
  });

  it('keeps a no-op write a no-op: the tracking annotations do not change the resourceVersion', async () => {
    const stored = await applications.get('default', 'web');
    const { object } = await applications.patch('default', 'web', 'merge', { spec: { image: 'nginx:1.25' } }, { user: { username: 'someone-else' } });
    assert.equal(object.metadata?.resourceVersion, stored.metadata?.resourceVersion);
    assert.equal(object.metadata?.annotations?.['cloudnative.elide.dev/last-admitted-by'], 'jane');
    const changed = await applications.patch('default', 'web', 'merge', { metadata: { labels: { tier: 'web' } } }, { user: { username: 'someone-else' } });
    assert.notEqual(changed.object.metadata?.resourceVersion, stored.metadata?.resourceVersion);
    assert.equal(changed.object.metadata?.annotations?.['cloudnative.elide.dev/last-admitted-by'], 'someone-else');
  });

  it('refuses a denied create with kube-apiserver\'s Status and records a Warning event', async () => {
    await assert.rejects(applications.create('default', app('latest', { image: 'nginx:latest', replicas: 2 }), { user }), (error: unknown) => {
      assert.ok(error instanceof StatusError);
      const status = error.toStatus();
      assert.equal(status.code, 403);
      assert.equal(status.reason, 'Forbidden');
      assert.equal(
        status.message,
        'admission webhook "vapplication.cloudnative.elide.dev" denied the request: applications.cloudnative.elide.dev "latest" is forbidden: spec.image: Forbidden: image "nginx:latest" is blocked by policy (matches "*:latest")',
      );
      return true;
    });
    await assert.rejects(applications.get('default', 'latest'), /not found/);
    assert.equal(recorder.events.length, 1);
    assert.deepEqual({ ...recorder.events[0], message: undefined }, {
      regarding: { kind: 'Application', apiVersion: 'cloudnative.elide.dev/v1', name: 'latest', namespace: 'default' },
      type: 'Warning',
      reason: 'AdmissionDenied',
      severity: 'Warning',
      message: undefined,
    });
  });

  it('refuses what only the policy forbids (the schema allows 100 replicas), on update and /scale', async () => {
    await assert.rejects(applications.patch('default', 'web', 'merge', { spec: { replicas: 20 } }, { user }), (error: unknown) => {
      assert.ok(error instanceof StatusError);
      assert.equal(error.code, 422);
      assert.equal(error.message, 'admission webhook "vapplication.cloudnative.elide.dev" denied the request: Application.cloudnative.elide.dev "web" is invalid: spec.replicas: Invalid value: 20: must be between 0 and 10, inclusive');
      return true;
    });
    await assert.rejects(applications.patch('default', 'web', 'merge', { spec: { replicas: 50 } }, { user, subresource: 'scale' }), /must be between 0 and 10, inclusive/);
    assert.equal(((await applications.get('default', 'web')).spec as Record<string, unknown>).replicas, 1);
  });

  it('runs the chain for dry runs, stores nothing and records no event', async () => {
    const events = recorder.events.length;
    await assert.rejects(applications.create('default', app('dry', { image: 'redis:latest' }), { user, dryRun: true }), /denied the request/);
    const { object } = await applications.create('default', app('dry', { image: 'redis:7' }), { user, dryRun: true });
    assert.equal(object.metadata?.labels?.['app.kubernetes.io/managed-by'], 'application-operator');
    await assert.rejects(applications.get('default', 'dry'), /not found/);
    assert.equal(recorder.events.length, events);
  });
});
