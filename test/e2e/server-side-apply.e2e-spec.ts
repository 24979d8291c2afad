import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { startTestOperator, tempDir } from '../support/operator.js';
import { APPS, application, Http } from '../support/http.js';
import { Kubectl } from '../support/kubectl.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';

const API = 'cloudnative.elide.dev/v1';
const APPLY = 'application/apply-patch+yaml';
const MERGE = 'application/merge-patch+json';
const TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

type Entry = { manager: string; operation: string; apiVersion: string; time?: string; fieldsType: string; fieldsV1: Record<string, unknown>; subresource?: string };

describe('server-side apply and managedFields (e2e)', () => {
  let operator: RunningOperator;
  let http: Http;
  const ns = `${APPS}/namespaces/ssa/applications`;
  const entries = (object: { metadata: { managedFields?: Entry[] } }) => object.metadata.managedFields ?? [];
  const entryOf = (object: { metadata: { managedFields?: Entry[] } }, manager: string) => entries(object).find((e) => e.manager === manager);
  const apply = (name: string, body: unknown, query = 'fieldManager=tester', headers: Record<string, string> = {}) =>
    http.request('PATCH', `${ns}/${name}?${query}`, typeof body === 'string' ? body : JSON.stringify(body), { 'content-type': APPLY, ...headers });

  before(async () => {
    operator = await startTestOperator({ RECONCILER_ENABLED: 'false' });
    http = new Http(operator.url);
  });
  after(() => operator.shutdown());

  describe('managedFields on updates', () => {
    it('records the creator, then each updater for what it changed, named by fieldManager or User-Agent', async () => {
      const created = await http.post(`${ns}?fieldManager=creator`, application('mf', { replicas: 2 }, { labels: { tier: 'web' } }));
      assert.equal(created.status, 201);
      assert.deepEqual(entries(created.body), [
        {
          manager: 'creator',
          operation: 'Update',
          apiVersion: API,
          time: entries(created.body)[0].time,
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:metadata': { 'f:labels': { '.': {}, 'f:tier': {} } }, 'f:spec': { '.': {}, 'f:image': {}, 'f:replicas': {}, 'f:strategy': {} } },
        },
      ]);
      assert.match(entries(created.body)[0].time!, TIME);
      const patched = await http.request('PATCH', `${ns}/mf`, { spec: { replicas: 4 } }, { 'content-type': MERGE, 'user-agent': 'curl/8.5.0' });
      assert.equal(patched.status, 200);
      assert.deepEqual(entryOf(patched.body, 'curl')?.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
      assert.deepEqual(entryOf(patched.body, 'creator')?.fieldsV1, { 'f:metadata': { 'f:labels': { '.': {}, 'f:tier': {} } }, 'f:spec': { '.': {}, 'f:image': {}, 'f:strategy': {} } });
      const scaled = await http.patch(`${ns}/mf/scale?fieldManager=scaler`, { spec: { replicas: 5 } }, MERGE);
      assert.equal(scaled.status, 200);
      const stored = (await http.get(`${ns}/mf`)).body;
      assert.deepEqual(
        entries(stored).map((e) => [e.manager, e.subresource]),
        [
          ['creator', undefined],
          ['scaler', 'scale'],
        ],
        'curl lost its only field to the scaler',
      );
      const status = await http.request('PUT', `${ns}/mf/status?fieldManager=controller`, { ...stored, status: { phase: 'Running' } });
      assert.equal(status.status, 200);
      assert.deepEqual(entryOf(status.body, 'controller'), { ...entryOf(status.body, 'controller'), subresource: 'status', fieldsV1: { 'f:status': { '.': {}, 'f:phase': {} } } });
    });

    it('keeps a no-op write a no-op: same resourceVersion, same managedFields', async () => {
      const created = (await http.post(`${ns}?fieldManager=creator`, application('noop'))).body;
      const again = await http.patch(`${ns}/noop?fieldManager=other`, { spec: { image: created.spec.image } }, MERGE);
      assert.equal(again.body.metadata.resourceVersion, created.metadata.resourceVersion);
      assert.deepEqual(again.body.metadata.managedFields, created.metadata.managedFields);
      const put = await http.put(`${ns}/noop?fieldManager=other`, created);
      assert.equal(put.body.metadata.resourceVersion, created.metadata.resourceVersion);
    });

    it('lets a client clear managedFields with [{}], and ignores malformed ones', async () => {
      await http.post(`${ns}?fieldManager=creator`, application('reset'));
      const garbage = await http.patch(`${ns}/reset`, { metadata: { managedFields: [{ manager: 'forged' }] } }, MERGE);
      assert.equal(garbage.status, 200);
      assert.deepEqual(entries(garbage.body).map((e) => e.manager), ['creator']);
      const cleared = await http.patch(`${ns}/reset`, [{ op: 'replace', path: '/metadata/managedFields', value: [{}] }], 'application/json-patch+json');
      assert.equal(cleared.status, 200);
      assert.equal(cleared.body.metadata.managedFields, undefined);
    });
  });

  describe('apply', () => {
    it('requires fieldManager, with kube’s 422', async () => {
      const res = await apply('needs-manager', application('needs-manager'), '');
      assert.equal(res.status, 422);
      assert.deepEqual(res.body, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
        reason: 'Invalid',
        details: { name: '', group: 'meta.k8s.io', kind: 'PatchOptions', causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }] },
        code: 422,
      });
    });

    it('creates (201) from YAML, updates (200), and is a no-op when nothing changes', async () => {
      const yaml = `apiVersion: ${API}\nkind: Application\nmetadata:\n  name: web\nspec:\n  image: nginx:1.25\n  replicas: 2\n`;
      const created = await apply('web', yaml);
      assert.equal(created.status, 201);
      assert.match(created.body.metadata.uid, /^[0-9a-f-]{36}$/);
      assert.deepEqual(entries(created.body), [{ manager: 'tester', operation: 'Apply', apiVersion: API, time: entries(created.body)[0].time, fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:image': {}, 'f:replicas': {} } } }]);
      const updated = await apply('web', yaml.replace('replicas: 2', 'replicas: 3'));
      assert.equal(updated.status, 200);
      assert.equal(updated.body.spec.replicas, 3);
      assert.equal(updated.body.metadata.generation, 2);
      const same = await apply('web', yaml.replace('replicas: 2', 'replicas: 3'));
      assert.equal(same.status, 200);
      assert.equal(same.body.metadata.resourceVersion, updated.body.metadata.resourceVersion);
    });

    it('removes fields the manager stopped applying', async () => {
      await apply('shrink', application('shrink', { port: 8080 }, { labels: { a: '1' } }));
      const res = await apply('shrink', application('shrink'));
      assert.equal(res.body.spec.port, undefined);
      assert.equal(res.body.metadata.labels?.a, undefined);
      assert.deepEqual(entryOf(res.body, 'tester')?.fieldsV1, { 'f:spec': { 'f:image': {}, 'f:replicas': {} } });
    });

    it('answers 409 with FieldManagerConflict causes, and takes ownership with force=true', async () => {
      await apply('owned', application('owned', { replicas: 2 }));
      await http.patch(`${ns}/owned/scale?fieldManager=scaler`, { spec: { replicas: 5 } }, MERGE);
      const conflict = await apply('owned', application('owned', { replicas: 3 }));
      assert.equal(conflict.status, 409);
      assert.deepEqual(conflict.body, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: `Apply failed with 1 conflict: conflict with "scaler" with subresource "scale" using ${API}: .spec.replicas`,
        reason: 'Conflict',
        details: { causes: [{ reason: 'FieldManagerConflict', message: `conflict with "scaler" with subresource "scale" using ${API}`, field: '.spec.replicas' }] },
        code: 409,
      });
      assert.equal((await http.get(`${ns}/owned`)).body.spec.replicas, 5, 'nothing stored');
      const forced = await apply('owned', application('owned', { replicas: 3 }), 'fieldManager=tester&force=true');
      assert.equal(forced.status, 200);
      assert.equal(forced.body.spec.replicas, 3);
      assert.equal(entryOf(forced.body, 'scaler'), undefined, 'the scaler lost its only field');
      const many = await apply('owned', application('owned', { replicas: 4, image: 'redis' }), 'fieldManager=rival');
      assert.equal(many.status, 409);
      assert.equal(many.body.message, 'Apply failed with 2 conflicts: conflicts with "tester":\n- .spec.image\n- .spec.replicas');
      assert.deepEqual(many.body.details.causes.map((c: { field: string }) => c.field), ['.spec.image', '.spec.replicas']);
    });

    it('refuses configurations kube refuses (400)', async () => {
      const { apiVersion: _a, ...noApiVersion } = application('bad');
      const cases: [unknown, string][] = [
        [{ ...application('bad'), kind: undefined }, `invalid object type: ${API}, Kind=`],
        [noApiVersion, 'invalid object type: /, Kind=Application'],
        [application('other'), 'the name of the object (other) does not match the name on the URL (bad)'],
        [application('bad', {}, { namespace: 'elsewhere' }), 'the namespace of the provided object does not match the namespace sent on the request'],
        [application('bad', {}, { managedFields: [] }), 'metadata.managedFields must be nil'],
      ];
      for (const [body, message] of cases) {
        const res = await apply('bad', body);
        assert.equal(res.status, 400, message);
        assert.equal(res.body.reason, 'BadRequest');
        assert.equal(res.body.message, message);
      }
    });

    it('validates fields: Strict refuses unknown fields, Warn warns', async () => {
      const body = { ...application('strict'), spec: { image: 'nginx', bogus: 1 } };
      const strict = await apply('strict', body, 'fieldManager=tester&fieldValidation=Strict');
      assert.equal(strict.status, 400);
      assert.match(strict.body.message, /strict decoding error: unknown field "spec.bogus"/);
      const warn = await apply('strict', body, 'fieldManager=tester&fieldValidation=Warn');
      assert.equal(warn.status, 201);
      assert.match(warn.headers.get('warning') ?? '', /299 - "unknown field \\"spec\.bogus\\""/);
      assert.equal(warn.body.spec.bogus, undefined);
      const invalid = await apply('strict', { ...application('strict'), spec: { image: 'nginx', replicas: -1 } });
      assert.equal(invalid.status, 422);
    });

    it('applies status through the status subresource only to an existing object', async () => {
      const missing = await http.request('PATCH', `${ns}/nostatus/status?fieldManager=controller`, JSON.stringify({ apiVersion: API, kind: 'Application', status: { phase: 'Running' } }), { 'content-type': APPLY });
      assert.equal(missing.status, 404);
      await apply('withstatus', application('withstatus'));
      const res = await http.request('PATCH', `${ns}/withstatus/status?fieldManager=controller`, JSON.stringify({ apiVersion: API, kind: 'Application', metadata: { name: 'withstatus' }, spec: { replicas: 9 }, status: { phase: 'Running' } }), { 'content-type': APPLY });
      assert.equal(res.status, 200);
      assert.equal(res.body.status.phase, 'Running');
      assert.equal(res.body.spec.replicas, 2, 'spec is not written through /status');
      assert.deepEqual(entryOf(res.body, 'controller'), { manager: 'controller', operation: 'Apply', apiVersion: API, time: entryOf(res.body, 'controller')!.time, fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:phase': {} } }, subresource: 'status' });
    });
  });

  describe('dryRun=All', () => {
    it('stores nothing on any write path but answers what would be stored', async () => {
      const created = await http.post(`${ns}?dryRun=All&fieldManager=dry`, application('dry'));
      assert.equal(created.status, 201);
      assert.match(created.body.metadata.uid, /^[0-9a-f-]{36}$/);
      assert.match(created.body.metadata.creationTimestamp, TIME);
      assert.equal(created.body.metadata.resourceVersion, undefined);
      assert.equal(entryOf(created.body, 'dry')?.operation, 'Update');
      assert.equal((await http.get(`${ns}/dry`)).status, 404);
      const applied = await apply('dry', application('dry'), 'fieldManager=dry&dryRun=All');
      assert.equal(applied.status, 201);
      assert.equal((await http.get(`${ns}/dry`)).status, 404);

      // Created by Node's fetch: its User-Agent `node` names the manager.
      const live = (await http.post(ns, application('dry', {}, { finalizers: ['example.com/keep'] }))).body;
      assert.equal(entries(live)[0].manager, 'node');
      const dup = await http.post(`${ns}?dryRun=All`, application('dry'));
      assert.equal(dup.status, 409);
      assert.equal(dup.body.reason, 'AlreadyExists');
      const writes = [
        await apply('dry', application('dry', { replicas: 7 }), 'fieldManager=dry&dryRun=All&force=true'),
        await http.patch(`${ns}/dry?dryRun=All`, { spec: { replicas: 7 } }, MERGE),
        await http.put(`${ns}/dry?dryRun=All`, { ...live, spec: { ...live.spec, replicas: 7 } }),
        await http.put(`${ns}/dry/scale?dryRun=All`, { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'dry', namespace: 'ssa' }, spec: { replicas: 7 } }),
        await http.put(`${ns}/dry/status?dryRun=All`, { ...live, status: { phase: 'Failed' } }),
      ];
      for (const res of writes) assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(writes.slice(0, 4).map((res) => res.body.spec.replicas), [7, 7, 7, 7]);
      assert.equal(writes[4].body.status.phase, 'Failed');
      const deleted = await http.delete(`${ns}/dry?dryRun=All`);
      assert.equal(deleted.status, 200);
      assert.match(deleted.body.metadata.deletionTimestamp, TIME);
      const after = (await http.get(`${ns}/dry`)).body;
      assert.deepEqual(after, live, 'nothing was stored');
    });
  });

  describe('with kubectl', () => {
    let kubectl: Kubectl;
    let dir: ReturnType<typeof tempDir>;
    const manifest = (replicas: number) => `apiVersion: ${API}\nkind: Application\nmetadata:\n  name: ssa-kubectl\nspec:\n  image: nginx:1.25\n  replicas: ${replicas}\n`;

    before(() => {
      dir = tempDir('ssa-e2e-');
      kubectl = Kubectl.forServer(dir.path, operator.url);
    });
    after(() => dir.remove());

    it('apply --server-side, conflicts with kubectl scale, --force-conflicts, --show-managed-fields', async () => {
      const path = join(dir.path, 'app.yaml');
      writeFileSync(path, manifest(2));
      assert.equal(await kubectl.ok(['apply', '--server-side', '-f', path]), 'application.cloudnative.elide.dev/ssa-kubectl serverside-applied\n');
      writeFileSync(path, manifest(3));
      assert.equal(await kubectl.ok(['apply', '--server-side', '-f', path]), 'application.cloudnative.elide.dev/ssa-kubectl serverside-applied\n');
      assert.equal(await kubectl.ok(['scale', 'application', 'ssa-kubectl', '--replicas=5']), 'application.cloudnative.elide.dev/ssa-kubectl scaled\n');
      writeFileSync(path, manifest(4));
      const conflict = await kubectl.run(['apply', '--server-side', '-f', path]);
      assert.equal(conflict.code, 1);
      assert.match(conflict.stderr, /^error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using cloudnative\.elide\.dev\/v1: \.spec\.replicas$/m);
      assert.match(conflict.stderr, /--force-conflicts/);
      assert.equal(await kubectl.ok(['apply', '--server-side', '--force-conflicts', '-f', path]), 'application.cloudnative.elide.dev/ssa-kubectl serverside-applied\n');
      const shown = parseYaml(await kubectl.ok(['get', 'application', 'ssa-kubectl', '-o', 'yaml', '--show-managed-fields']));
      assert.equal(shown.spec.replicas, 4);
      assert.deepEqual(
        shown.metadata.managedFields.map((e: Entry) => ({ manager: e.manager, operation: e.operation, fieldsV1: e.fieldsV1 })),
        [{ manager: 'kubectl', operation: 'Apply', fieldsV1: { 'f:spec': { 'f:image': {}, 'f:replicas': {} } } }],
      );
      const hidden = parseYaml(await kubectl.ok(['get', 'application', 'ssa-kubectl', '-o', 'yaml']));
      assert.equal(hidden.metadata.managedFields, undefined, 'kubectl hides them by default');
    });
  });
});
