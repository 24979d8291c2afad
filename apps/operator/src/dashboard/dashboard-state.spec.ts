import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppObject, feedEventFromObject, feedEventFromSummary } from './assets/model.js';
import { AppState, EventState } from './assets/state.js';

const app = (name: string, resourceVersion: string, phase?: string): AppObject => ({
  kind: 'Application',
  metadata: { namespace: 'default', name, resourceVersion },
  spec: { image: 'nginx:1.27' },
  ...(phase ? { status: { phase } } : {}),
});

const coreEvent = (name: string, resourceVersion: string, lastTimestamp: string, extra: Record<string, unknown> = {}) => ({
  kind: 'Event',
  metadata: { namespace: 'default', name, resourceVersion },
  involvedObject: { kind: 'Application', namespace: 'default', name: 'web' },
  type: 'Normal',
  reason: 'Reconciled',
  message: 'Running',
  lastTimestamp,
  ...extra,
});

describe('dashboard state', () => {
  it('applies changes by key and ignores a replayed older version after a resume', () => {
    const state = new AppState();
    let notified = 0;
    state.onChange(() => notified++);
    state.reset([app('web', '5', 'Pending')]);
    state.apply('MODIFIED', app('web', '7', 'Running'));
    state.apply('MODIFIED', app('web', '6', 'Pending'));
    assert.equal(state.get('default/web')?.status?.phase, 'Running');
    state.apply('ADDED', app('api', '8'));
    state.apply('DELETED', app('web', '9'));
    assert.deepEqual([...state.items.keys()], ['default/api']);
    assert.equal(notified, 4);
  });

  it('keeps events newest first, replaces aggregated ones, and caps the feed', () => {
    const state = new EventState(2);
    state.reset([feedEventFromSummary({ severity: 'Info', count: 1, lastTimestamp: '2026-01-01T00:00:01Z', resourceVersion: '3', event: coreEvent('a', '3', '2026-01-01T00:00:01Z') })]);
    state.apply('ADDED', feedEventFromObject(coreEvent('b', '4', '2026-01-01T00:00:02Z', { type: 'Warning' })));
    state.apply('MODIFIED', feedEventFromObject(coreEvent('a', '5', '2026-01-01T00:00:03Z', { count: 4 })));
    assert.deepEqual(state.list().map((e) => [e.name, e.count, e.severity]), [['a', 4, 'Info'], ['b', 1, 'Warning']]);
    state.apply('ADDED', feedEventFromObject(coreEvent('c', '6', '2026-01-01T00:00:04Z', { metadata: { namespace: 'default', name: 'c', resourceVersion: '6', annotations: { 'cloudnative.elide.dev/severity': 'Error' } } })));
    assert.deepEqual(state.list().map((e) => [e.name, e.severity]), [['c', 'Error'], ['a', 'Info']]);
  });
});
