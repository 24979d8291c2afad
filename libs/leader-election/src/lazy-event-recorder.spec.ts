import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ModuleRef } from '@nestjs/core';
import { EventInput, EventRecorder } from '@app/events';
import { LazyEventRecorder } from './lazy-event-recorder.js';

const input: EventInput = { regarding: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: 'default', name: 'l' }, type: 'Normal', reason: 'LeaderElection', message: 'a became leader' };

function moduleRef(recorder?: EventRecorder) {
  let lookups = 0;
  const ref = {
    get: (token: unknown) => {
      lookups++;
      assert.equal(token, EventRecorder);
      if (!recorder) throw new Error('Nest could not find EventRecorder element');
      return recorder;
    },
  } as unknown as ModuleRef;
  return { ref, lookups: () => lookups };
}

describe(LazyEventRecorder.name, () => {
  it('forwards to the application EventRecorder, looked up once on first use', async () => {
    const recorded: EventInput[] = [];
    let flushed = 0;
    const target = { record: (event: EventInput) => recorded.push(event), flush: async () => void flushed++ } as EventRecorder;
    const { ref, lookups } = moduleRef(target);
    const lazy = new LazyEventRecorder(ref);
    assert.equal(lookups(), 0, 'nothing resolved at construction (no injection cycle)');
    lazy.record(input);
    lazy.record(input);
    await lazy.flush();
    assert.deepEqual(recorded, [input, input]);
    assert.equal(flushed, 1);
    assert.equal(lookups(), 1);
  });

  it('does nothing when the application has no EventRecorder', async () => {
    const { ref, lookups } = moduleRef();
    const lazy = new LazyEventRecorder(ref);
    assert.doesNotThrow(() => lazy.record(input));
    await lazy.flush();
    assert.equal(lookups(), 1);
  });
});
