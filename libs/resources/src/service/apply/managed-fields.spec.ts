import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { capUpdateManagers, decodeManagedFields, encodeManagedFields, isResetRequest, ManagedFieldsError } from './managed-fields.js';
import { managerOrUserAgent, DEFAULT_FIELD_MANAGER } from './manager-name.js';

const entry = (manager: string, operation: 'Apply' | 'Update', time?: string, extra: Record<string, unknown> = {}) => ({
  manager,
  operation,
  apiVersion: 'cloudnative.elide.dev/v1',
  ...(time ? { time } : {}),
  fieldsType: 'FieldsV1',
  fieldsV1: { [`f:${manager}`]: {} },
  ...extra,
});

describe('managedFields', () => {
  it('round-trips entries, sorted Apply first, then oldest first, then by manager', () => {
    const entries = [entry('b', 'Update', '2026-01-02T00:00:00Z'), entry('z', 'Apply'), entry('a', 'Update', '2026-01-02T00:00:00Z'), entry('c', 'Update', '2026-01-01T00:00:00Z', { subresource: 'status' })];
    const encoded = encodeManagedFields(decodeManagedFields(entries))!;
    assert.deepEqual(encoded.map((e) => e.manager), ['z', 'c', 'a', 'b']);
    assert.deepEqual(encoded[1], entries[3]);
  });

  it('refuses entries kube cannot decode', () => {
    assert.throws(() => decodeManagedFields([{ manager: 'x', operation: 'Patch', apiVersion: 'v1', fieldsType: 'FieldsV1' }]), ManagedFieldsError);
    assert.throws(() => decodeManagedFields([{ manager: 'x', operation: 'Apply', fieldsType: 'FieldsV1' }]), /apiVersion must not be empty/);
    assert.throws(() => decodeManagedFields([{ manager: 'x', operation: 'Apply', apiVersion: 'v1' }]), /missing fieldsType in managed fields entry 0/);
    assert.throws(() => decodeManagedFields([{ manager: 'x', operation: 'Apply', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { bad: {} } }]), ManagedFieldsError);
    assert.throws(() => decodeManagedFields({}), ManagedFieldsError);
  });

  it('recognises kube’s reset requests: [] and [{}]', () => {
    assert.equal(isResetRequest([]), true);
    assert.equal(isResetRequest([{}]), true);
    assert.equal(isResetRequest(undefined), false);
    assert.equal(isResetRequest([entry('a', 'Apply')]), false);
  });

  it('caps Update entries at 10 by merging the oldest into ancient-changes', () => {
    const updates = Array.from({ length: 12 }, (_, i) => entry(`m${String(i).padStart(2, '0')}`, 'Update', `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`));
    const managed = decodeManagedFields([...updates, entry('applier', 'Apply')]);
    capUpdateManagers(managed);
    const encoded = encodeManagedFields(managed)!;
    assert.equal(encoded.filter((e) => e.operation === 'Update').length, 10);
    const ancient = encoded.find((e) => e.manager === 'ancient-changes')!;
    assert.deepEqual(Object.keys(ancient.fieldsV1).sort(), ['f:m00', 'f:m01', 'f:m02']);
    assert.equal(ancient.time, '2026-01-01T00:00:02Z');
    assert.ok(encoded.some((e) => e.manager === 'applier'));
  });
});

describe(managerOrUserAgent.name, () => {
  it('prefers fieldManager, else the User-Agent before its first "/"', () => {
    assert.equal(managerOrUserAgent('kubectl-create', 'kubectl/v1.32.4 (linux/amd64)'), 'kubectl-create');
    assert.equal(managerOrUserAgent(undefined, 'kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07'), 'kubectl');
    assert.equal(managerOrUserAgent(undefined, 'curl/8.5.0'), 'curl');
    assert.equal(managerOrUserAgent(undefined, 'node'), 'node');
    assert.equal(managerOrUserAgent(undefined, 'a\u0000b'), 'ab');
    assert.equal(managerOrUserAgent(undefined, 'x'.repeat(200)).length, 128);
    assert.equal(managerOrUserAgent(undefined, undefined), DEFAULT_FIELD_MANAGER);
  });
});
