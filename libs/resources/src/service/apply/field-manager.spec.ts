import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KubeObject, ManagedFieldsEntry } from '@app/api-machinery';
import { applicationConverter, applicationCrd, definitionFromCrd } from '@app/crd';
import { RequestScope, SYSTEM_USER } from '../request-scope.js';
import { ApplyConflictError } from './apply-conflict.js';
import { FieldManager } from './field-manager.js';

const definition = definitionFromCrd(applicationCrd, applicationConverter);
const scope = (version = 'v1'): RequestScope => ({ definition, version: definition.versions.find((v) => v.name === version)!, namespace: 'default', user: SYSTEM_USER });
const API = 'cloudnative.elide.dev/v1';

function app(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: API, kind: 'Application', metadata: { name: 'web', namespace: 'default', ...metadata }, spec };
}

/** Writes `next` over `live` as an Update by `manager`; returns the stored object. */
function update(live: KubeObject | undefined, next: KubeObject, manager: string, subresource?: string): KubeObject {
  const managedFields = new FieldManager(scope(), subresource).update(live, next, next.metadata?.managedFields, manager);
  return { ...next, metadata: { ...next.metadata, managedFields } };
}

function apply(live: KubeObject | undefined, config: KubeObject, manager: string, force = false): KubeObject {
  return new FieldManager(scope(), undefined).apply(live, config, manager, force).object;
}

const entry = (object: KubeObject, manager: string): ManagedFieldsEntry | undefined => object.metadata?.managedFields?.find((e) => e.manager === manager);

describe(FieldManager.name, () => {
  it('gives a created object to its creator, with kube entry fields', () => {
    const created = update(undefined, app({ image: 'nginx', replicas: 2 }, { labels: { tier: 'web' } }), 'kubectl-create');
    assert.equal(created.metadata!.managedFields!.length, 1);
    const [first] = created.metadata!.managedFields!;
    assert.equal(first.manager, 'kubectl-create');
    assert.equal(first.operation, 'Update');
    assert.equal(first.apiVersion, API);
    assert.equal(first.fieldsType, 'FieldsV1');
    assert.match(first.time!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(first.subresource, undefined);
    assert.deepEqual(first.fieldsV1, { 'f:metadata': { 'f:labels': { '.': {}, 'f:tier': {} } }, 'f:spec': { '.': {}, 'f:image': {}, 'f:replicas': {} } });
  });

  it('moves changed fields from their owner to the updater; updates never conflict', () => {
    const created = update(undefined, app({ image: 'nginx', replicas: 2 }), 'creator');
    const scaled = update(created, { ...created, spec: { image: 'nginx', replicas: 5 } }, 'kubectl', 'scale');
    assert.deepEqual(entry(scaled, 'creator')!.fieldsV1, { 'f:spec': { '.': {}, 'f:image': {} } });
    const scale = entry(scaled, 'kubectl')!;
    assert.equal(scale.subresource, 'scale');
    assert.deepEqual(scale.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
  });

  it('changes nothing (not even times) for a no-op update, and removes emptied entries', () => {
    const created = update(undefined, app({ image: 'nginx' }), 'creator');
    const again = update(created, structuredClone(created), 'someone-else');
    assert.deepEqual(again.metadata!.managedFields, created.metadata!.managedFields);
    const taken = update(created, { ...created, spec: { image: 'redis' } }, 'someone-else');
    assert.deepEqual(taken.metadata!.managedFields!.map((e) => e.manager), ['creator', 'someone-else']);
    const removed = update(taken, { ...taken, spec: {} }, 'third');
    assert.deepEqual(removed.metadata!.managedFields!.map((e) => e.manager), ['creator'], 'the spec node remains the creator’s');
  });

  it('takes managedFields sent in an update, and clears them for [] or [{}]', () => {
    const created = update(undefined, app({ image: 'nginx' }), 'creator');
    const reset = update(created, { ...created, metadata: { ...created.metadata, managedFields: [{}] as never } }, 'x');
    assert.equal(reset.metadata!.managedFields, undefined);
    const garbage = update(created, { ...created, metadata: { ...created.metadata, managedFields: [{ manager: 'forged' }] as never } }, 'x');
    assert.deepEqual(garbage.metadata!.managedFields, created.metadata!.managedFields, 'malformed entries fall back to the live ones');
  });

  describe('apply', () => {
    it('records the applied fields (no "." for declared fields) and creates', () => {
      const created = apply(undefined, app({ image: 'nginx', replicas: 2 }), 'kubectl');
      const applied = entry(created, 'kubectl')!;
      assert.equal(applied.operation, 'Apply');
      assert.deepEqual(applied.fieldsV1, { 'f:spec': { 'f:image': {}, 'f:replicas': {} } });
      assert.equal(created.spec && (created.spec as { replicas: number }).replicas, 2);
    });

    it('conflicts with another manager that owns a field it changes, with kube’s message and causes', () => {
      const created = apply(undefined, app({ image: 'nginx', replicas: 2 }), 'kubectl');
      const scaled = update(created, { ...created, spec: { image: 'nginx', replicas: 5 } }, 'kubectl', 'scale');
      const error = captured(() => apply(scaled, app({ image: 'nginx', replicas: 3 }), 'kubectl'));
      assert.ok(error instanceof ApplyConflictError);
      const status = error.toStatus();
      assert.equal(status.code, 409);
      assert.equal(status.reason, 'Conflict');
      assert.equal(status.message, `Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using ${API}: .spec.replicas`);
      assert.deepEqual(status.details, { causes: [{ reason: 'FieldManagerConflict', message: `conflict with "kubectl" with subresource "scale" using ${API}`, field: '.spec.replicas' }] });
      const same = apply(scaled, app({ image: 'nginx', replicas: 5 }), 'kubectl');
      assert.ok(entry(same, 'kubectl')!.fieldsV1['f:spec'], 'applying the same value shares the field without conflict');
    });

    it('groups several conflicts by manager', () => {
      const created = update(undefined, app({ image: 'nginx', replicas: 2 }, { labels: { a: '1' } }), 'creator');
      const error = captured(() => apply(created, app({ image: 'redis', replicas: 3 }, { labels: { a: '2' } }), 'kubectl'));
      assert.equal(
        (error as ApplyConflictError).message,
        `Apply failed with 3 conflicts: conflicts with "creator" using ${API}:\n- .metadata.labels.a\n- .spec.image\n- .spec.replicas`,
      );
    });

    it('takes the fields over with force', () => {
      const created = update(undefined, app({ image: 'nginx', replicas: 2 }), 'creator');
      const forced = apply(created, app({ replicas: 3 }), 'kubectl', true);
      assert.deepEqual(entry(forced, 'creator')!.fieldsV1, { 'f:spec': { '.': {}, 'f:image': {} } });
      assert.deepEqual(entry(forced, 'kubectl')!.fieldsV1, { 'f:spec': { 'f:replicas': {} } });
      assert.deepEqual(forced.spec, { image: 'nginx', replicas: 3 });
    });

    it('removes fields the applier no longer applies unless another manager owns them', () => {
      const first = apply(undefined, app({ image: 'nginx', port: 80 }, { labels: { a: '1', b: '2' } }), 'kubectl');
      const shared = apply(first, app({ image: 'nginx' }, { labels: { b: '2' } }), 'other');
      const second = apply(shared, app({ image: 'nginx' }), 'kubectl');
      assert.deepEqual(second.spec, { image: 'nginx' });
      assert.deepEqual(second.metadata!.labels, { b: '2' });
    });

    it('compares managers in the version they wrote in (v1beta1 calls replicas replicaCount)', () => {
      const created = apply(undefined, app({ image: 'nginx', replicas: 2 }), 'kubectl');
      const beta = scope('v1beta1');
      const live = definition.convert(created, 'v1beta1');
      const next = { ...live, spec: { ...(live.spec as object), replicaCount: 6 } };
      const betaWritten = definition.convert({ ...next, metadata: { ...next.metadata, managedFields: new FieldManager(beta, undefined).update(live, next, undefined, 'beta') } }, 'v1');
      const betaEntry = entry(betaWritten, 'beta')!;
      assert.equal(betaEntry.apiVersion, 'cloudnative.elide.dev/v1beta1');
      assert.deepEqual(betaEntry.fieldsV1, { 'f:spec': { 'f:replicaCount': {} } });
      assert.deepEqual(entry(betaWritten, 'kubectl')!.fieldsV1, { 'f:spec': { 'f:image': {} } }, 'the v1 applier lost .spec.replicas');
      const error = captured(() => apply(betaWritten, app({ image: 'nginx', replicas: 3 }), 'kubectl'));
      assert.equal((error as ApplyConflictError).message, 'Apply failed with 1 conflict: conflict with "beta" using cloudnative.elide.dev/v1beta1: .spec.replicaCount');
    });

    it('attributes an unmanaged object to before-first-apply first, as kube does', () => {
      const unmanaged = app({ image: 'nginx', replicas: 2 });
      const error = captured(() => apply(unmanaged, app({ image: 'nginx', replicas: 3 }), 'kubectl'));
      assert.equal((error as ApplyConflictError).message, `Apply failed with 1 conflict: conflict with "before-first-apply" using ${API}: .spec.replicas`);
      const shared = apply(unmanaged, app({ image: 'nginx', replicas: 2 }), 'kubectl');
      assert.deepEqual(entry(shared, 'before-first-apply')!.fieldsV1, { 'f:spec': { '.': {}, 'f:image': {}, 'f:replicas': {} } });
    });

    it('keeps the object and the entry time unchanged when nothing changes', () => {
      const first = apply(undefined, app({ image: 'nginx' }), 'kubectl');
      const again = apply(first, app({ image: 'nginx' }), 'kubectl');
      assert.deepEqual(again, first);
    });
  });
});

function captured(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}
