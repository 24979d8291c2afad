import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RbacFileError, readRbacFile } from './rbac-policy-loader.js';
import { bootstrapPolicy } from './bootstrap-policy.js';
import { rbacDefinitions } from '../definitions/rbac.definitions.js';

describe(readRbacFile.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'rbac-file-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (text: string) => {
    const path = join(dir, `${Math.random()}.yaml`);
    writeFileSync(path, text);
    return path;
  };

  it('reads multi-document YAML and Lists of RBAC objects, skipping empty documents', () => {
    const objects = readRbacFile(
      file(`---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: reader}
rules: [{apiGroups: [""], resources: [events], verbs: [get]}]
---
---
apiVersion: v1
kind: List
items:
- apiVersion: rbac.authorization.k8s.io/v1
  kind: RoleBinding
  metadata: {name: b, namespace: team-a}
  roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
  subjects: [{kind: User, name: alice}]
`),
    );
    assert.deepEqual(objects.map((o) => `${o.kind}/${o.metadata?.name}`), ['ClusterRole/reader', 'RoleBinding/b']);
  });

  it('refuses other kinds, nameless objects and bad YAML, naming the file and document', () => {
    const pod = file('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n');
    assert.throws(() => readRbacFile(pod), (error: unknown) => error instanceof RbacFileError && error.message.startsWith(`RBAC_FILE ${pod}: document 1: expected apiVersion rbac.authorization.k8s.io/v1`));
    assert.throws(() => readRbacFile(file('apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {}\n')), /metadata.name is required/);
    assert.throws(() => readRbacFile(file('a: [\n')), /document 1/);
    assert.throws(() => readRbacFile(join(dir, 'missing.yaml')), /ENOENT/);
  });
});

describe(bootstrapPolicy.name, () => {
  it('is valid against the RBAC schemas and binds cluster-admin to system:masters', () => {
    const byKind = new Map(rbacDefinitions().map((d) => [d.kind, d]));
    for (const object of bootstrapPolicy()) {
      assert.deepEqual(byKind.get(object.kind!)!.versions[0].admit(structuredClone(object)).causes, [], object.metadata?.name);
    }
    const admin = bootstrapPolicy().find((o) => o.kind === 'ClusterRoleBinding' && o.metadata?.name === 'cluster-admin');
    assert.deepEqual(admin?.subjects, [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }]);
  });
});
