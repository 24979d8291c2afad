import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError, ConflictError, StatusError } from '@app/api-machinery';
import { app, openResourceHarness, ResourceHarness } from '../testing/resource-harness.js';
import { ResourcePatcher } from './resource-patcher.js';

const APPLY = { fieldManager: 'spec', force: true };

describe(ResourcePatcher.name, () => {
  let h: ResourceHarness;
  before(async () => {
    h = await openResourceHarness();
  });
  after(() => h.close());

  async function fresh(name: string) {
    return (await h.resources.create(h.apps('rv'), app(name))).object;
  }

  for (const [label, rv, type] of [
    ['a number', 5, 'number'],
    ['an object', { a: 1 }, 'object'],
    ['a bool', true, 'bool'],
    ['an array', ['1'], 'array'],
  ] as const) {
    it(`refuses a merge or JSON patch whose resourceVersion becomes ${label} with kube's 422 on "patch"`, async () => {
      const name = `m-${type}`;
      const before = await fresh(name);
      for (const [kind, patch] of [
        ['merge', { metadata: { resourceVersion: rv }, spec: { replicas: 3 } }],
        ['json', [{ op: 'replace', path: '/metadata/resourceVersion', value: rv }]],
      ] as const) {
        const error = await h.resources.patch(h.apps('rv'), name, kind, patch).then(() => undefined, (e: unknown) => e);
        assert.ok(error instanceof StatusError && !(error instanceof BadRequestError), `${kind}: ${String(error)}`);
        assert.equal(error.code, 422);
        assert.equal(error.reason, 'Invalid');
        const detail = `json: cannot unmarshal ${type} into Go struct field ObjectMeta.resourceVersion of type string`;
        assert.match(error.message, /^ "" is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"cloudnative.elide.dev\/v1\\",\\"kind\\":\\"Application\\",\\"metadata\\":\{/);
        assert.ok(error.message.endsWith(`: ${detail}`), error.message);
        assert.deepEqual(error.details?.causes?.map((c) => [c.reason, c.field]), [['FieldValueInvalid', 'patch']]);
        assert.equal(error.details?.name, undefined);
      }
      assert.equal((await h.resources.get(h.apps('rv'), name)).metadata?.resourceVersion, before.metadata?.resourceVersion, 'nothing stored');
    });

    it(`refuses server-side apply with a resourceVersion that is ${label} (typed conversion message, 400)`, async () => {
      const name = `a-${type}`;
      await fresh(name);
      const config = app(name, { namespace: 'rv', resourceVersion: rv });
      await assert.rejects(h.resources.patch(h.apps('rv'), name, 'apply', config, APPLY), (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.match(error.message, /^failed to create typed patch object \(rv\/a-\w+; cloudnative.elide.dev\/v1, Kind=Application\): \.metadata\.resourceVersion: expected string, got &value\.valueUnstructured\{Value:/);
        return true;
      });
    });
  }

  it('treats a null (or removed) resourceVersion as no precondition, as a merge patch deletes the field', async () => {
    const created = await fresh('nul');
    await h.resources.patch(h.apps('rv'), 'nul', 'merge', { spec: { replicas: 2 } });
    const merged = await h.resources.patch(h.apps('rv'), 'nul', 'merge', { metadata: { resourceVersion: null }, spec: { replicas: 3 } });
    assert.equal((merged.object.spec as { replicas?: number }).replicas, 3);
    const removed = await h.resources.patch(h.apps('rv'), 'nul', 'json', [{ op: 'remove', path: '/metadata/resourceVersion' }, { op: 'replace', path: '/spec/replicas', value: 4 }]);
    assert.equal((removed.object.spec as { replicas?: number }).replicas, 4);
    const applied = await h.resources.patch(h.apps('rv'), 'nul', 'apply', app('nul', { resourceVersion: null }), APPLY);
    assert.equal((applied.object.spec as { replicas?: number }).replicas, 1);
    assert.notEqual(applied.object.metadata?.resourceVersion, created.metadata?.resourceVersion);
  });

  it('keeps a string resourceVersion a precondition (409 when stale, 400 when not a uint64)', async () => {
    const created = await fresh('str');
    await h.resources.patch(h.apps('rv'), 'str', 'merge', { spec: { replicas: 2 } });
    await assert.rejects(h.resources.patch(h.apps('rv'), 'str', 'merge', { metadata: { resourceVersion: created.metadata?.resourceVersion } }), ConflictError);
    await assert.rejects(h.resources.patch(h.apps('rv'), 'str', 'merge', { metadata: { resourceVersion: '99999999999999999999999' } }), /value out of range/);
    await assert.rejects(h.resources.patch(h.apps('rv'), 'str', 'apply', app('str', { resourceVersion: 'x1' }), APPLY), /parsing "x1": invalid syntax/);
  });

  it('refuses a patch that removes the name (400, kube wording) instead of failing later', async () => {
    await fresh('named');
    await assert.rejects(h.resources.patch(h.apps('rv'), 'named', 'merge', { metadata: null }), {
      message: 'the name of the object (named based on URL) was undeterminable: name or generateName is required',
    });
  });

  it('refuses an update or create whose body has a non-string resourceVersion (400, kube decode wording)', async () => {
    await fresh('put');
    const expected = 'Application in version "v1" cannot be handled as a Application: json: cannot unmarshal number into Go struct field ObjectMeta.resourceVersion of type string';
    await assert.rejects(h.resources.update(h.apps('rv'), 'put', app('put', { resourceVersion: 7 })), { code: 400, message: expected });
    await assert.rejects(h.resources.create(h.apps('rv'), app('post', { resourceVersion: 7 })), { code: 400, message: expected });
  });

  it('compares delete preconditions as strings (kube Preconditions.Check)', async () => {
    await fresh('del');
    await assert.rejects(h.resources.delete(h.apps('rv'), 'del', { preconditions: { resourceVersion: 'abc' } }), {
      code: 409,
      message: /Precondition failed: ResourceVersion in precondition: abc, ResourceVersion in object meta: \d+$/,
    });
  });
});
