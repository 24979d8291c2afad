import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError } from '@app/api-machinery';
import { ResourceChange } from '@app/resources';
import { APPLICATIONS, application, coreEvent, EVENTS, LEASES } from '../testing/fake-change-feed.js';
import { changeFilter } from './change-filter.js';
import { parseSseRequest } from './sse-query.js';

let revision = 0;
const change = (resource: ResourceChange['resource'], object: ResourceChange['object']): ResourceChange => ({ type: 'ADDED', resource, object, revision: ++revision });
const webA = change(APPLICATIONS, application('team-a', 'web', { tier: 'web' }));
const dbB = change(APPLICATIONS, application('team-b', 'db', { tier: 'db' }));
const lease = change(LEASES, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { namespace: 'default', name: 'application-operator' } });
const eventWebA = change(EVENTS, coreEvent('team-a', 'web.1', { kind: 'Application', name: 'web' }));
const eventDbB = change(EVENTS, coreEvent('team-b', 'db.1', { kind: 'Application', name: 'db' }));
const eventLease = change(EVENTS, coreEvent('default', 'lease.1', { kind: 'Lease', name: 'application-operator' }, 'LeaderElection'));
const all = [webA, dbB, lease, eventWebA, eventDbB, eventLease];

const matching = (query: Record<string, string>) => {
  const predicate = changeFilter(parseSseRequest(query));
  return all.filter(predicate).map((c) => `${c.object.kind}/${c.object.metadata?.name}`);
};

describe(changeFilter.name, () => {
  it('matches Applications only by default', () => {
    assert.deepEqual(matching({}), ['Application/web', 'Application/db']);
  });

  it('matches any kind, by kind name or plural resource, case-insensitively', () => {
    assert.deepEqual(matching({ kind: 'Lease' }), ['Lease/application-operator']);
    assert.deepEqual(matching({ kind: 'applications,LEASES' }), ['Application/web', 'Application/db', 'Lease/application-operator']);
    assert.deepEqual(matching({ kind: 'Event' }), ['Event/web.1', 'Event/db.1', 'Event/lease.1']);
  });

  it('filters by namespace, name and label selector', () => {
    assert.deepEqual(matching({ namespace: 'team-b' }), ['Application/db']);
    assert.deepEqual(matching({ name: 'web' }), ['Application/web']);
    assert.deepEqual(matching({ labelSelector: 'tier in (db,cache)' }), ['Application/db']);
    assert.deepEqual(matching({ labelSelector: 'tier!=db' }), ['Application/web']);
  });

  it('with include=events, adds Events whose involvedObject matches kind, namespace and name', () => {
    assert.deepEqual(matching({ include: 'events' }), ['Application/web', 'Application/db', 'Event/web.1', 'Event/db.1']);
    assert.deepEqual(matching({ include: 'events', namespace: 'team-a' }), ['Application/web', 'Event/web.1']);
    assert.deepEqual(matching({ include: 'events', name: 'db' }), ['Application/db', 'Event/db.1']);
    assert.deepEqual(matching({ include: 'events', kind: 'Lease' }), ['Lease/application-operator', 'Event/lease.1']);
  });

  it('rejects an invalid label selector with 400', () => {
    assert.throws(() => changeFilter(parseSseRequest({ labelSelector: 'tier in (web' })), BadRequestError);
  });
});
