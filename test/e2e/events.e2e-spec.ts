import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestOperator, tempDir } from '../support/operator.js';
import { waitFor as poll } from '../support/wait.js';
import { APPS, application, Http } from '../support/http.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const SEVERITY = 'cloudnative.elide.dev/severity';
const waitFor = <T>(fn: () => Promise<T> | T, timeoutMs: number, what: string, intervalMs = 20) => poll(fn, timeoutMs, what, intervalMs);
const apps = (namespace: string) => `${APPS}/namespaces/${namespace}/applications`;
const merge = 'application/merge-patch+json';


/** Newest first: lastTimestamp descending, then resourceVersion descending. */
function assertNewestFirst(items: Array<{ lastTimestamp: string; resourceVersion: string }>): void {
  for (let i = 1; i < items.length; i++) {
    const [a, b] = [items[i - 1], items[i]];
    const order = Date.parse(a.lastTimestamp) - Date.parse(b.lastTimestamp) || Number(a.resourceVersion) - Number(b.resourceVersion);
    assert.ok(order > 0, `item ${i - 1} (${a.lastTimestamp} rv ${a.resourceVersion}) before item ${i} (${b.lastTimestamp} rv ${b.resourceVersion})`);
  }
}

describe('Events (e2e)', () => {
  let operator: RunningOperator;
  let http: Http;
  const dir = tempDir('operator-events-');

  /** GET /events with these filters; asserts 200. */
  const query = async (params: Record<string, string>) => {
    const res = await http.get(`/events?${new URLSearchParams(params)}`);
    assert.equal(res.status, 200, res.text);
    return res.body as { kind: string; total: number; limit: number; items: any[] };
  };
  const reasonsOf = async (namespace: string, name: string) => (await query({ namespace, name, limit: '1000' })).items.map((e) => e.reason as string);
  const waitForReasons = (namespace: string, name: string, wanted: string[]) =>
    waitFor(async () => {
      const reasons = await reasonsOf(namespace, name);
      return wanted.every((reason) => reasons.includes(reason)) && reasons;
    }, 10_000, `${wanted.join(', ')} events of ${namespace}/${name}`);
  const waitForPhase = (namespace: string, name: string, phase: string, generation = 1) =>
    waitFor(async () => {
      const app = (await http.get(`${apps(namespace)}/${name}`)).body;
      return app?.status?.phase === phase && app.status.observedGeneration === generation && app;
    }, 10_000, `${namespace}/${name} ${phase} at generation ${generation}`);

  before(async () => {
    const policy = join(dir.path, 'policy.yaml');
    writeFileSync(policy, 'blockedImages: ["registry.evil/*"]\nmaxReplicas: 100\n');
    operator = await startTestOperator({ SIM_POD_STARTUP_MS: '20', BACKOFF_BASE_MS: '50', BACKOFF_MAX_MS: '400', MAX_RETRIES: '2', POLICY_FILE: policy });
    http = new Http(operator.url);
  });
  after(async () => {
    await operator.shutdown();
    dir.remove();
  });

  it('records creation, update, reconcile outcome, cleanup and deletion of an Application', async () => {
    const created = await http.post(apps('life'), application('web', { replicas: 2 }));
    await waitForPhase('life', 'web', 'Running');
    await http.patch(`${apps('life')}/web`, { spec: { replicas: 3 } }, merge);
    await waitForPhase('life', 'web', 'Running', 2);
    assert.equal((await http.delete(`${apps('life')}/web`)).status, 200);
    await waitFor(async () => (await http.get(`${apps('life')}/web`)).status === 404, 10_000, 'web gone');
    const reasons = await waitForReasons('life', 'web', ['Created', 'ScalingReplicaSet', 'Reconciled', 'Updated', 'CleanupComplete', 'Deleted']);
    assert.equal(reasons[0], 'Deleted', `newest first: ${reasons}`);

    const { items } = await query({ namespace: 'life', name: 'web', reason: 'Created' });
    assert.equal(items.length, 1);
    const [event] = items;
    assert.deepEqual(
      { kind: event.involvedObject.kind, apiVersion: event.involvedObject.apiVersion, namespace: event.involvedObject.namespace, name: event.involvedObject.name, uid: event.involvedObject.uid },
      { kind: 'Application', apiVersion: 'cloudnative.elide.dev/v1', namespace: 'life', name: 'web', uid: created.body.metadata.uid },
    );
    assert.match(event.involvedObject.resourceVersion, /^\d+$/);
    assert.deepEqual([event.type, event.severity, event.count], ['Normal', 'Info', 1]);
    assert.equal(event.message, 'Accepted: image nginx:1.25, 2 replicas, strategy RollingUpdate');
    assert.match(event.firstTimestamp, RFC3339);
    assert.match(event.lastTimestamp, RFC3339);
    assert.equal(event.source.component, 'application-operator');
    assert.equal(event.reportingComponent, 'application-operator');
    assert.ok(event.reportingInstance.length > 0);
    const stored = await http.get(`/api/v1/namespaces/life/events/${event.name}`);
    assert.equal(stored.status, 200);
    assert.equal(stored.body.kind, 'Event');
    assert.equal(stored.body.metadata.annotations[SEVERITY], 'Info');
    assert.deepEqual(stored.body, event.event);
    const updated = (await query({ namespace: 'life', name: 'web', reason: 'Updated' })).items[0];
    assert.match(updated.message, /^Spec changed \(generation 2\): image nginx:1\.25, 3 replicas/);
  });

  it('records reconcile failures as Warning events with severities', async () => {
    await http.post(apps('fail'), application('bad', { image: 'nginx:doesnotexist' }));
    await waitForPhase('fail', 'bad', 'Failed');
    await waitForReasons('fail', 'bad', ['ReconcileError', 'ReconcileFailed']);
    const warnings = await query({ namespace: 'fail', name: 'bad', type: 'Warning' });
    assert.deepEqual([...new Set(warnings.items.map((e) => e.reason))].sort(), ['ReconcileError', 'ReconcileFailed']);
    const errors = await query({ namespace: 'fail', name: 'bad', severity: 'Error' });
    assert.deepEqual(errors.items.map((e) => e.reason), ['ReconcileFailed']);
    assert.match(errors.items[0].message, /^Giving up after 2 retries: ImagePullBackOff: /);
    const retried = await query({ namespace: 'fail', name: 'bad', reason: 'ReconcileError' });
    assert.equal(retried.items.reduce((sum, e) => sum + e.count, 0), 3, 'one per failed attempt (1 + 2 retries)');
    assert.ok(retried.items.every((e) => e.severity === 'Warning'));
    // The same message twice is one Event with count 2 (ImagePullBackOff on retries 1 and 2).
    const backOff = retried.items.find((e) => e.message.startsWith('ImagePullBackOff'));
    assert.equal(backOff.count, 2);
    assert.ok(Date.parse(backOff.lastTimestamp) >= Date.parse(backOff.firstTimestamp));
  });

  it('records FailedValidation for refused writes (aggregated), AdmissionDenied for denials, nothing for dry runs', async () => {
    const invalid = application('huge', { replicas: 500 });
    const first = await http.post(apps('val'), invalid);
    assert.equal(first.status, 422);
    assert.equal((await http.post(apps('val'), invalid)).status, 422);
    const dry = await http.post(`${apps('val')}?dryRun=All`, application('dry', { replicas: 500 }));
    assert.equal(dry.status, 422);
    assert.equal((await http.post(apps('val'), application('noimage', { image: undefined }))).status, 422);
    await waitForReasons('val', 'noimage', ['FailedValidation']);

    const huge = (await query({ namespace: 'val', name: 'huge' })).items;
    assert.equal(huge.length, 1, 'the same event twice is one Event');
    assert.deepEqual([huge[0].reason, huge[0].type, huge[0].severity, huge[0].count], ['FailedValidation', 'Warning', 'Warning', 2]);
    assert.equal(huge[0].message, first.body.message);
    assert.deepEqual(huge[0].involvedObject, { kind: 'Application', apiVersion: 'cloudnative.elide.dev/v1', name: 'huge', namespace: 'val' });
    const stored = (await http.get(`/api/v1/namespaces/val/events/${huge[0].name}`)).body;
    assert.equal(stored.count, 2);
    assert.deepEqual((await query({ namespace: 'val', name: 'dry' })).items, [], 'a dry run records nothing');

    // Refused updates (PATCH, /scale) of a stored Application carry its uid, as kubectl describe selects.
    const ok = (await http.post(apps('val'), application('ok'))).body;
    assert.equal((await http.patch(`${apps('val')}/ok`, { spec: { replicas: 101 } }, merge)).status, 422);
    assert.equal((await http.patch(`${apps('val')}/ok/scale`, { spec: { replicas: 102 } }, merge)).status, 422);
    const refused = await waitFor(async () => {
      const items = (await query({ namespace: 'val', name: 'ok', reason: 'FailedValidation' })).items;
      return items.length === 2 && items;
    }, 10_000, 'two FailedValidation events of val/ok');
    assert.ok(refused.every((e) => e.involvedObject.uid === ok.metadata.uid));
    assert.deepEqual(refused.map((e) => /Invalid value: (\d+)/.exec(e.message)?.[1]).sort(), ['101', '102']);

    // A name that is not a DNS-1123 subdomain still gets a valid Event about it.
    assert.equal((await http.post(apps('val'), application('Bad_Name'))).status, 422);
    const [badName] = await waitFor(async () => {
      const items = (await query({ namespace: 'val', name: 'Bad_Name' })).items;
      return items.length > 0 && items;
    }, 10_000, 'the Bad_Name event');
    assert.match(badName.name, /^bad-name\.[0-9a-f]+$/);
    assert.equal(badName.reason, 'FailedValidation');
    assert.match(badName.message, /metadata\.name: Invalid value: "Bad_Name"/);

    const denied = await http.post(apps('val'), application('evil', { image: 'registry.evil/miner:1' }));
    assert.equal(denied.status, 403);
    assert.match(denied.body.message, /^admission webhook ".*" denied the request: /);
    const deniedEvents = (await waitForReasons('val', 'evil', ['AdmissionDenied'])).filter((r) => r !== 'AdmissionDenied');
    assert.deepEqual(deniedEvents, [], 'a denial is not also a FailedValidation');
  });

  it('combines more than 10 similar events into one "(combined from similar events)" Event', async () => {
    for (let replicas = 101; replicas <= 112; replicas++) {
      assert.equal((await http.post(apps('agg'), application('many', { replicas }))).status, 422);
    }
    const items = await waitFor(async () => {
      const found = (await query({ namespace: 'agg', name: 'many' })).items;
      return found.reduce((sum, e) => sum + e.count, 0) === 12 && found;
    }, 10_000, '12 occurrences of agg/many');
    const combined = items.filter((e) => e.message.startsWith('(combined from similar events): '));
    assert.equal(combined.length, 1);
    assert.equal(combined[0].count, 3, 'the 10th, 11th and 12th distinct messages');
    assert.match(combined[0].message, /Invalid value: 112/);
    assert.equal(items.length, 10, '9 single events and the combined one');
  });

  it('filters GET /events by namespace, kind, name, type, severity, reason and limit, newest first', async () => {
    await http.post(apps('filt-a'), application('one'));
    await http.post(apps('filt-b'), application('two', { image: 'nginx:broken' }));
    await waitForReasons('filt-a', 'one', ['Reconciled']);
    await waitForReasons('filt-b', 'two', ['ReconcileFailed']);

    const all = await query({ limit: '1000' });
    assert.equal(all.kind, 'EventQueryResult');
    assert.ok(all.total >= 10);
    assertNewestFirst(all.items);
    const inA = await query({ namespace: 'filt-a' });
    assert.ok(inA.total > 0 && inA.items.every((e) => e.namespace === 'filt-a' && e.involvedObject.name === 'one'));
    assertNewestFirst(inA.items);
    const apps_ = await query({ kind: 'Application', limit: '1000' });
    assert.ok(apps_.items.every((e) => e.involvedObject.kind === 'Application'));
    assert.equal((await query({ kind: 'NoSuchKind' })).total, 0);
    const two = await query({ name: 'two' });
    assert.ok(two.total > 0 && two.items.every((e) => e.involvedObject.name === 'two' && e.namespace === 'filt-b'));
    const normal = await query({ type: 'Normal', namespace: 'filt-b' });
    assert.ok(normal.items.every((e) => e.type === 'Normal'));
    const warning = await query({ type: 'Warning', namespace: 'filt-b' });
    assert.ok(warning.total > 0 && warning.items.every((e) => e.type === 'Warning'));
    assert.equal(normal.total + warning.total, (await query({ namespace: 'filt-b' })).total);
    const info = await query({ severity: 'Info', namespace: 'filt-b' });
    assert.ok(info.items.every((e) => e.severity === 'Info' && e.type === 'Normal'));
    const created = await query({ reason: 'Created', limit: '1000' });
    assert.ok(created.items.some((e) => e.involvedObject.name === 'one') && created.items.every((e) => e.reason === 'Created'));
    const limited = await query({ limit: '2' });
    assert.equal(limited.items.length, 2);
    assert.equal(limited.limit, 2);
    assert.equal(limited.total, (await query({ limit: '1000' })).total);
    assert.deepEqual(limited.items.map((e) => e.name), (await query({ limit: '1000' })).items.slice(0, 2).map((e) => e.name));
  });

  it('filters by since, as an RFC 3339 time or a duration', async () => {
    await http.post(apps('since'), application('early'));
    await waitForReasons('since', 'early', ['Created', 'Reconciled']);
    const latest = Math.max(...(await query({ namespace: 'since' })).items.map((e) => Date.parse(e.lastTimestamp)));
    const boundary = new Date(latest + 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await waitFor(() => Date.now() >= latest + 1000, 3_000, 'the next second', 50);
    await http.post(apps('since'), application('late'));
    await waitForReasons('since', 'late', ['Created', 'Reconciled']);

    const fromBoundary = await query({ namespace: 'since', since: boundary });
    assert.ok(fromBoundary.total > 0);
    assert.ok(fromBoundary.items.every((e) => e.involvedObject.name === 'late'), `only events at or after ${boundary}`);
    const recent = await query({ namespace: 'since', since: '5m' });
    assert.deepEqual([...new Set(recent.items.map((e) => e.involvedObject.name))].sort(), ['early', 'late']);
    assert.equal((await query({ namespace: 'since', since: '1h30m' })).total, recent.total);
    assert.equal((await query({ namespace: 'since', since: '2999-01-01T00:00:00Z' })).total, 0);
  });

  it('lists an object\'s events through /api/v1 with the field selector kubectl describe sends', async () => {
    const target = (await http.post(apps('desc'), application('target'))).body;
    await http.post(apps('desc'), application('other'));
    await waitForReasons('desc', 'target', ['Reconciled']);
    await waitForReasons('desc', 'other', ['Reconciled']);
    const selector = (uid: string) =>
      encodeURIComponent(`involvedObject.name=target,involvedObject.namespace=desc,involvedObject.kind=Application,involvedObject.uid=${uid}`);
    const res = await http.get(`/api/v1/namespaces/desc/events?fieldSelector=${selector(target.metadata.uid)}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.kind, 'EventList');
    assert.match(res.body.metadata.resourceVersion, /^\d+$/);
    assert.ok(res.body.items.length >= 3);
    assert.ok(res.body.items.every((e: any) => e.involvedObject.name === 'target' && e.involvedObject.uid === target.metadata.uid));
    const reasons = res.body.items.map((e: any) => e.reason).sort();
    assert.deepEqual(reasons, (await reasonsOf('desc', 'target')).sort());
    const wrongUid = await http.get(`/api/v1/namespaces/desc/events?fieldSelector=${selector('00000000-0000-0000-0000-000000000000')}`);
    assert.deepEqual(wrongUid.body.items, []);
    const warnings = await http.get(`/api/v1/namespaces/desc/events?fieldSelector=${encodeURIComponent('involvedObject.name=target,type=Warning')}`);
    assert.deepEqual(warnings.body.items, []);
  });

  it('answers 400 Status for bad filters', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/events?type=Bogus', /^type "Bogus" is not supported: supported values: "Normal", "Warning"$/],
      ['/events?severity=Fatal', /^severity "Fatal" is not supported/],
      ['/events?since=yesterday', /^since "yesterday" is neither an RFC 3339 time/],
      ['/events?since=-5m', /^since "-5m"/],
      ['/events?limit=0', /^limit "0" must be an integer from 1 to 1000$/],
      ['/events?limit=5000', /^limit "5000"/],
      ['/events?limit=ten', /^limit "ten"/],
      ['/events?namespace=Not_A_Namespace', /^namespace "Not_A_Namespace" is not a valid namespace name/],
      ['/events?colour=red', /^unknown query parameter "colour"/],
      ['/events?type=Normal&type=Warning', /^query parameter "type" must be given once/],
      ['/api/v1/namespaces/desc/events?fieldSelector=spec.x%3D1', /^field label not supported: spec\.x$/],
    ];
    for (const [path, message] of cases) {
      const res = await http.get(path);
      assert.equal(res.status, 400, path);
      assert.deepEqual([res.body.kind, res.body.apiVersion, res.body.status, res.body.reason, res.body.code], ['Status', 'v1', 'Failure', 'BadRequest', 400], path);
      assert.match(res.body.message, message, path);
    }
  });
});
