import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, KubeObject } from '@app/api-machinery';
import type { ResourceService } from '@app/resources';
import { Subject } from 'rxjs';
import { ClusterRoleAggregator } from './cluster-role-aggregator.js';
import type { RbacPolicyCache } from './rbac-policy-cache.js';
import { RbacResource, RoleObject } from './rbac.types.js';

const reader = (resource: string): RoleObject => ({
  metadata: { name: `read-${resource}`, labels: { agg: 'yes' }, resourceVersion: '3' },
  rules: [{ apiGroups: [''], resources: [resource], verbs: ['get'] }],
});
const aggregated = (rules: RoleObject['rules'] = []): RoleObject => ({
  metadata: { name: 'combined', resourceVersion: '7' },
  aggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: 'yes' } }] },
  rules,
});

/** A policy cache holding `roles`, and a resource service recording updates (failing with the queued errors first). */
function harness(roles: RoleObject[], failures: Error[] = []) {
  const changes = new Subject<RbacResource>();
  const updates: { name: string; body: KubeObject }[] = [];
  let wake: () => void = () => {};
  const cache = { changes$: changes.asObservable(), clusterRoles: () => roles } as unknown as RbacPolicyCache;
  const resources = {
    scope: () => ({}),
    update: async (_scope: unknown, name: string, body: KubeObject) => {
      updates.push({ name, body });
      wake();
      const failure = failures.shift();
      if (failure) throw failure;
      return { object: body, warnings: [] };
    },
  } as unknown as ResourceService;
  const nextUpdate = () => new Promise<void>((resolve) => (wake = resolve));
  return { aggregator: new ClusterRoleAggregator(cache, resources), changes, updates, nextUpdate, setRoles: (next: RoleObject[]) => (roles = next) };
}

describe(ClusterRoleAggregator.name, () => {
  const started: ClusterRoleAggregator[] = [];
  after(() => started.forEach((aggregator) => aggregator.onModuleDestroy()));

  it('writes the aggregated rules with the resourceVersion read (compare-and-swap), and nothing when they are current', async () => {
    const h = harness([aggregated(), reader('pods'), reader('configmaps')]);
    const written = h.nextUpdate();
    h.aggregator.start();
    started.push(h.aggregator);
    await written;
    assert.equal(h.updates.length, 1);
    assert.equal(h.updates[0].name, 'combined');
    assert.equal(h.updates[0].body.metadata?.resourceVersion, '7');
    assert.deepEqual(h.updates[0].body.rules, [...reader('configmaps').rules!, ...reader('pods').rules!]);
    h.setRoles([aggregated(h.updates[0].body.rules as RoleObject['rules']), reader('pods'), reader('configmaps')]);
    h.changes.next('clusterroles');
    h.changes.next('rolebindings');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(h.updates.length, 1, 'already aggregated: no write');
  });

  it('recomputes on a ClusterRole change, after a conflict too', async () => {
    const h = harness([aggregated(reader('pods').rules), reader('pods')], [new ConflictError({ group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }, 'combined')]);
    h.aggregator.start();
    started.push(h.aggregator);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(h.updates.length, 0);
    h.setRoles([aggregated(reader('pods').rules), reader('pods'), reader('secrets')]);
    let written = h.nextUpdate();
    h.changes.next('clusterroles');
    await written;
    written = h.nextUpdate();
    h.changes.next('clusterroles');
    await written;
    assert.equal(h.updates.length, 2);
    assert.deepEqual(h.updates[1].body.rules, [...reader('pods').rules!, ...reader('secrets').rules!]);
  });
});
