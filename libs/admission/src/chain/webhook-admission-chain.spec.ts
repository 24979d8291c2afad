import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '@nestjs/common';
import { StatusError } from '@app/api-machinery';
import { EventInput, EventRecorder } from '@app/events';
import { AdmissionEngine } from '../engine/admission-engine.js';
import { application, attributesFor, fixedClock, fixedPolicies, testMetrics } from '../testing/admission-fixtures.js';
import { WebhookAdmissionChain } from './webhook-admission-chain.js';
import { WebhookDeniedError } from './webhook-denied.error.js';

class RecordingRecorder extends EventRecorder {
  readonly events: EventInput[] = [];
  record(input: EventInput): void {
    this.events.push(input);
  }
  async flush(): Promise<void> {}
}

function chain(recorder?: EventRecorder) {
  return new WebhookAdmissionChain(new AdmissionEngine(fixedPolicies({ blockedImages: ['*:latest'] }), testMetrics().metrics, fixedClock), recorder);
}

Logger.overrideLogger(false);

describe(WebhookAdmissionChain.name, () => {
  it('returns the mutated copy and leaves the input alone', async () => {
    const input = application({ strategy: undefined });
    const outcome = await chain().mutate(attributesFor('CREATE', input));
    assert.equal((outcome.object?.spec as Record<string, unknown>).strategy, 'RollingUpdate');
    assert.equal(outcome.object?.metadata?.labels?.['app.kubernetes.io/managed-by'], 'application-operator');
    assert.equal((input.spec as Record<string, unknown>).strategy, undefined);
    assert.deepEqual(outcome.warnings, []);
  });

  it('returns the validators\' warnings when it admits', async () => {
    assert.deepEqual(await chain().validate(attributesFor('CREATE', application({ replicas: 1 }))), { warnings: ['spec.replicas is 1: the application has no redundancy'] });
  });

  it('throws the Status kube-apiserver returns for a denying webhook', async () => {
    const denied = chain().validate(attributesFor('CREATE', application({ replicas: 101, image: 'nginx' })));
    await assert.rejects(denied, (error: unknown) => {
      assert.ok(error instanceof WebhookDeniedError && error instanceof StatusError);
      assert.deepEqual(error.toStatus(), {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'admission webhook "vapplication.cloudnative.elide.dev" denied the request: applications.cloudnative.elide.dev "web" is forbidden: ' +
          '[spec.image: Forbidden: image "nginx" is blocked by policy (matches "*:latest"), spec.replicas: Invalid value: 101: must be between 0 and 100, inclusive]',
        reason: 'Forbidden',
        code: 403,
        details: {
          name: 'web',
          group: 'cloudnative.elide.dev',
          kind: 'applications',
          causes: [
            { reason: 'FieldValueForbidden', message: 'Forbidden: image "nginx" is blocked by policy (matches "*:latest")', field: 'spec.image' },
            { reason: 'FieldValueInvalid', message: 'Invalid value: 101: must be between 0 and 100, inclusive', field: 'spec.replicas' },
          ],
        },
      });
      assert.equal(error.headers['Warning'], '299 - "spec.image \\"nginx\\" has no tag and resolves to \\"latest\\"; pin a version or digest so rollouts are reproducible"');
      return true;
    });
  });

  it('maps denials to kube-apiserver\'s shape: code floor 400, reason or message, or no explanation', () => {
    assert.equal(new WebhookDeniedError('w', undefined).message, 'admission webhook "w" denied the request without explanation');
    assert.equal(new WebhookDeniedError('w', undefined).code, 400);
    const fromReason = new WebhookDeniedError('w', { code: 200, reason: 'NotAllowed', message: '', metadata: {} });
    assert.equal(fromReason.message, 'admission webhook "w" denied the request: NotAllowed');
    assert.equal(fromReason.code, 400);
  });

  it('records an AdmissionDenied Warning event for a denial', async () => {
    const recorder = new RecordingRecorder();
    const stored = application({}, 'v1', { uid: 'uid-1' });
    await assert.rejects(chain(recorder).validate(attributesFor('UPDATE', application({ replicas: 500 }, 'v1', { uid: 'uid-1' }), stored)));
    assert.deepEqual(recorder.events, [{
      regarding: { kind: 'Application', apiVersion: 'cloudnative.elide.dev/v1', name: 'web', namespace: 'default', uid: 'uid-1' },
      type: 'Warning',
      reason: 'AdmissionDenied',
      severity: 'Warning',
      message: 'admission webhook "vapplication.cloudnative.elide.dev" denied the request: Application.cloudnative.elide.dev "web" is invalid: spec.replicas: Invalid value: 500: must be between 0 and 100, inclusive',
    }]);
  });

  it('records nothing for a dry run, and nothing when admitted', async () => {
    const recorder = new RecordingRecorder();
    await assert.rejects(chain(recorder).validate(attributesFor('CREATE', application({ replicas: 500 }), undefined, { dryRun: true })), WebhookDeniedError);
    await chain(recorder).validate(attributesFor('CREATE', application()));
    assert.deepEqual(recorder.events, []);
  });

  it('still denies with the same Status when the recorder fails or is absent', async () => {
    const broken = new (class extends RecordingRecorder {
      override record(): void {
        throw new Error('recorder down');
      }
    })();
    for (const recorder of [broken, undefined]) {
      await assert.rejects(chain(recorder).validate(attributesFor('CREATE', application({ replicas: 500 }))), (error: unknown) => error instanceof WebhookDeniedError && error.code === 422);
    }
  });
});
