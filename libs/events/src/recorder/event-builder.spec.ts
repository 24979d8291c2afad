import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildEvent, EventNamer, referenceOf } from './event-builder.js';
import { SEVERITY_ANNOTATION } from './core-event.js';
import { rfc3339Seconds } from './event-clock.js';

const identity = { component: 'application-operator', instance: 'operator-0', host: 'node-a' };
const app = {
  apiVersion: 'cloudnative.elide.dev/v1',
  kind: 'Application',
  metadata: { name: 'web', namespace: 'shop', uid: 'u-1', resourceVersion: '7', labels: { a: 'b' } },
  spec: { replicas: 3 },
};

describe(EventNamer.name, () => {
  it('names `<name>.<hex nanoseconds>` like client-go, strictly increasing within a millisecond', () => {
    const namer = new EventNamer();
    const now = Date.UTC(2026, 0, 1);
    const names = Array.from({ length: 50 }, () => namer.next('web', now));
    for (const name of names) assert.match(name, /^web\.[0-9a-f]+$/);
    const nanos = names.map((n) => BigInt(`0x${n.slice(4)}`));
    for (let i = 1; i < nanos.length; i++) assert.ok(nanos[i] > nanos[i - 1]);
    assert.ok(nanos[0] >= BigInt(now) * 1_000_000n && nanos[0] < BigInt(now + 1) * 1_000_000n);
  });

  it('keeps names within 253 characters', () => {
    const name = new EventNamer().next('x'.repeat(253), Date.now());
    assert.equal(name.length, 253);
    assert.match(name, /^x+\.[0-9a-f]+$/);
  });

  it('makes a valid prefix of a name that is not a DNS-1123 subdomain (a refused create)', () => {
    const namer = new EventNamer();
    const now = Date.now();
    assert.match(namer.next('Bad_Name', now), /^bad-name\.[0-9a-f]+$/);
    assert.match(namer.next('-x_', now), /^x\.[0-9a-f]+$/);
    assert.match(namer.next('__', now), /^event\.[0-9a-f]+$/);
    assert.match(namer.next('a.b-c', now), /^a\.b-c\.[0-9a-f]+$/);
    assert.match(namer.next('A..B', now), /^a\.b\.[0-9a-f]+$/);
  });

  it('never ends the truncated prefix on a separator', () => {
    const name = new EventNamer().next(`${'x'.repeat(235)}-${'y'.repeat(20)}`, Date.now());
    assert.ok(name.length <= 253);
    assert.match(name, /^x+\.[0-9a-f]+$/);
  });
});

describe('buildEvent', () => {
  it('builds a core/v1 Event with every field client-go writes, plus severity', () => {
    const now = Date.UTC(2026, 4, 1, 12, 30, 15, 999);
    const event = buildEvent({ regarding: app, type: 'Warning', reason: 'ReconcileError', message: 'boom', severity: 'Error', action: 'Reconcile' }, 'Error', identity, 'web.abc', now);
    assert.deepEqual(event, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.abc', namespace: 'shop', annotations: { [SEVERITY_ANNOTATION]: 'Error' } },
      involvedObject: { kind: 'Application', apiVersion: 'cloudnative.elide.dev/v1', name: 'web', namespace: 'shop', uid: 'u-1', resourceVersion: '7' },
      reason: 'ReconcileError',
      message: 'boom',
      type: 'Warning',
      count: 1,
      firstTimestamp: '2026-05-01T12:30:15Z',
      lastTimestamp: '2026-05-01T12:30:15Z',
      eventTime: null,
      source: { component: 'application-operator', host: 'node-a' },
      reportingComponent: 'application-operator',
      reportingInstance: 'operator-0',
      action: 'Reconcile',
    });
  });

  it('puts events about cluster-scoped objects in `default`', () => {
    const ref = { kind: 'Node', apiVersion: 'v1', name: 'node-a' };
    const event = buildEvent({ regarding: ref, type: 'Normal', reason: 'Ready', message: 'ok' }, 'Info', identity, 'node-a.1', 0);
    assert.equal(event.metadata.namespace, 'default');
    assert.deepEqual(event.involvedObject, ref);
    assert.equal(event.action, undefined);
  });
});

describe('referenceOf', () => {
  it('copies a reference rather than aliasing it', () => {
    const ref = { kind: 'Application', apiVersion: 'cloudnative.elide.dev/v1', name: 'web', namespace: 'a', fieldPath: 'spec' };
    const copy = referenceOf(ref);
    assert.deepEqual(copy, ref);
    assert.notEqual(copy, ref);
  });
});

describe('rfc3339Seconds', () => {
  it('truncates to whole seconds in UTC', () => {
    assert.equal(rfc3339Seconds(Date.UTC(2026, 0, 2, 3, 4, 5, 678)), '2026-01-02T03:04:05Z');
  });
});
