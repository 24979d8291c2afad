import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError } from '@app/api-machinery';
import { application, eventsFixture } from '../testing/events-fixture.js';
import { EventQueryService } from './event-query.service.js';

const MINUTE = 60_000;
let f: ReturnType<typeof eventsFixture>;
let service: EventQueryService;
const names = async (params: Record<string, unknown>) => (await service.query(params)).items.map((i) => i.message);

describe(EventQueryService.name, () => {
  beforeEach(async () => {
    f = eventsFixture({ correlator: { spamBurst: 1000 } });
    service = new EventQueryService(f.client, f.config);
    const node = { kind: 'Node', apiVersion: 'v1', name: 'node-a' };
    const inputs = [
      { regarding: application('web', 'shop'), type: 'Normal', reason: 'Created', message: 'm1' },
      { regarding: application('api', 'shop'), type: 'Warning', reason: 'ReconcileError', message: 'm2', severity: 'Error' },
      { regarding: application('web', 'blog'), type: 'Normal', reason: 'Scaled', message: 'm3' },
      { regarding: node, type: 'Warning', reason: 'NodeNotReady', message: 'm4', severity: 'Critical' },
      { regarding: application('db', 'shop'), type: 'Warning', reason: 'Degraded', message: 'm5' },
    ] as const;
    for (const input of inputs) {
      f.recorder.record(input);
      await f.recorder.flush();
      f.clock.advance(MINUTE);
    }
  });

  it('answers every event newest first, with summary fields and the full Event', async () => {
    const result = await service.query({});
    assert.equal(result.kind, 'EventQueryResult');
    assert.equal(result.total, 5);
    assert.equal(result.limit, 100);
    assert.equal(result.metadata.resourceVersion, '5');
    assert.deepEqual(result.items.map((i) => i.message), ['m5', 'm4', 'm3', 'm2', 'm1']);
    const [first] = result.items;
    assert.deepEqual(
      { ...first, event: undefined, name: undefined, uid: undefined, source: undefined },
      {
        name: undefined, uid: undefined, source: undefined, event: undefined,
        namespace: 'shop', resourceVersion: '5', type: 'Warning', severity: 'Warning', reason: 'Degraded', message: 'm5', count: 1,
        firstTimestamp: '2026-01-01T12:04:00Z', lastTimestamp: '2026-01-01T12:04:00Z',
        involvedObject: { kind: 'Application', apiVersion: 'cloudnative.elide.dev/v1', name: 'db', namespace: 'shop', uid: 'uid-shop-db', resourceVersion: '42' },
        reportingComponent: 'application-operator', reportingInstance: 'operator-0',
      },
    );
    assert.equal(first.name, first.event.metadata?.name);
    assert.equal(first.event['kind'], 'Event');
  });

  it('orders by lastTimestamp, so a bumped event moves to the front', async () => {
    f.recorder.record({ regarding: application('web', 'shop'), type: 'Normal', reason: 'Created', message: 'm1' });
    await f.recorder.flush();
    assert.deepEqual(await names({}), ['m1', 'm5', 'm4', 'm3', 'm2']);
  });

  it('filters by namespace, kind, name, type, severity and reason', async () => {
    assert.deepEqual(await names({ namespace: 'shop' }), ['m5', 'm2', 'm1']);
    assert.deepEqual(await names({ namespace: 'default' }), ['m4']);
    assert.deepEqual(await names({ kind: 'Node' }), ['m4']);
    assert.deepEqual(await names({ name: 'web' }), ['m3', 'm1']);
    assert.deepEqual(await names({ name: 'web', namespace: 'blog' }), ['m3']);
    assert.deepEqual(await names({ type: 'Warning' }), ['m5', 'm4', 'm2']);
    assert.deepEqual(await names({ type: 'Normal' }), ['m3', 'm1']);
    assert.deepEqual(await names({ severity: 'Critical' }), ['m4']);
    assert.deepEqual(await names({ severity: 'Warning' }), ['m5']);
    assert.deepEqual(await names({ severity: 'Info' }), ['m3', 'm1']);
    assert.deepEqual(await names({ reason: 'ReconcileError' }), ['m2']);
    assert.deepEqual(await names({ namespace: '', kind: '' }), ['m5', 'm4', 'm3', 'm2', 'm1']);
  });

  it('filters by since, as RFC 3339 and as a duration', async () => {
    // Events at 12:00..12:04; now is 12:05.
    assert.deepEqual(await names({ since: '2026-01-01T12:03:00Z' }), ['m5', 'm4']);
    assert.deepEqual(await names({ since: '2026-01-01T14:03:00+02:00' }), ['m5', 'm4']);
    assert.deepEqual(await names({ since: '2m' }), ['m5', 'm4']);
    assert.deepEqual(await names({ since: '1h30m' }), ['m5', 'm4', 'm3', 'm2', 'm1']);
    assert.deepEqual(await names({ since: '30s' }), []);
  });

  it('limits the items but counts every match', async () => {
    const result = await service.query({ limit: '2', type: 'Warning' });
    assert.deepEqual(result.items.map((i) => i.message), ['m5', 'm4']);
    assert.equal(result.total, 3);
    assert.equal(result.limit, 2);
  });

  it('reads severity from type for events written by others', async () => {
    await f.client.create('other', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'x.1', namespace: 'other' }, involvedObject: { kind: 'Pod', name: 'x' }, type: 'Warning', reason: 'BackOff', message: 'kubelet', eventTime: '2026-01-01T12:10:00.000000Z' } as never);
    const [item] = (await service.query({ namespace: 'other' })).items;
    assert.deepEqual([item.severity, item.count, item.lastTimestamp, item.firstTimestamp], ['Warning', 1, '2026-01-01T12:10:00.000000Z', '2026-01-01T12:10:00.000000Z']);
    assert.deepEqual(await names({ since: '30s' }), ['kubelet']);
  });

  it('answers 400 with a clear message for bad filters', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ type: 'Error' }, /^type "Error" is not supported: supported values: "Normal", "Warning"$/],
      [{ severity: 'Fatal' }, /^severity "Fatal" is not supported: supported values: "Info", "Warning", "Error", "Critical"$/],
      [{ since: 'yesterday' }, /^since "yesterday" is neither an RFC 3339 time/],
      [{ since: '-5m' }, /non-negative duration/],
      [{ limit: '0' }, /^limit "0" must be an integer from 1 to 1000$/],
      [{ limit: '1001' }, /^limit "1001" must be/],
      [{ limit: 'ten' }, /^limit "ten" must be/],
      [{ namespace: 'Not_Valid' }, /^namespace "Not_Valid" is not a valid namespace name/],
      [{ namspace: 'shop' }, /^unknown query parameter "namspace"; supported: namespace, kind, name, type, severity, reason, since, limit$/],
      [{ type: ['Normal', 'Warning'] }, /^query parameter "type" must be given once, as a plain value$/],
    ];
    for (const [params, message] of cases) {
      await assert.rejects(service.query(params), (error: unknown) => {
        assert.ok(error instanceof BadRequestError, `${JSON.stringify(params)} → ${String(error)}`);
        assert.equal(error.code, 400);
        assert.match(error.message, message);
        return true;
      });
    }
  });
});
