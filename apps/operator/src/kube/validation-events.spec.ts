import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '@nestjs/common';
import { fieldCause, InvalidError } from '@app/api-machinery';
import { EventInput, EventRecorder } from '@app/events';
import { CrdRegistry } from '@app/crd';
import { RequestScope, SYSTEM_USER } from '@app/resources';
import { FAILED_VALIDATION_REASON, recordValidationFailure } from './validation-events.js';

class CapturingRecorder extends EventRecorder {
  readonly events: EventInput[] = [];
  record(input: EventInput): void {
    if (!input.regarding?.name) throw new Error('the involved object needs a kind and a name');
    this.events.push(input);
  }
  async flush(): Promise<void> {}
}

function appsScope(): RequestScope {
  const registry = new CrdRegistry();
  registry.registerDefaults();
  const definition = registry.resolve('cloudnative.elide.dev', 'v1', 'applications')!;
  registry.onModuleDestroy();
  return { definition, version: definition.versions.find((v) => v.name === 'v1')!, namespace: 'ns', user: SYSTEM_USER };
}

const invalid = (name: string) => new InvalidError({ group: 'cloudnative.elide.dev', kind: 'Application' }, name, [fieldCause.required('metadata.name', 'name or generateName is required')]);

describe(recordValidationFailure.name, () => {
  const scope = appsScope();

  it('records FailedValidation against the named Application', () => {
    const recorder = new CapturingRecorder();
    recordValidationFailure(recorder, scope, invalid('web'), { dryRun: false, body: { metadata: { name: 'web' } } });
    assert.deepEqual(recorder.events.map((e) => [e.reason, e.regarding.name, e.regarding.namespace]), [[FAILED_VALIDATION_REASON, 'web', 'ns']]);
  });

  it('records nothing, and logs no error or warning, for a refused write of an object with no name', (t) => {
    const recorder = new CapturingRecorder();
    const loud = [t.mock.method(Logger.prototype, 'error'), t.mock.method(Logger.prototype, 'warn')];
    for (const body of [{ metadata: {} }, {}, undefined, { metadata: { name: 5 } }]) {
      assert.doesNotThrow(() => recordValidationFailure(recorder, scope, invalid(''), { dryRun: false, body }));
    }
    assert.deepEqual(recorder.events, []);
    assert.deepEqual(loud.map((m) => m.mock.callCount()), [0, 0]);
  });
});
