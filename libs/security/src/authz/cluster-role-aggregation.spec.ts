import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError } from '@app/api-machinery';
import { bootstrapPolicy } from './bootstrap-policy.js';
import { aggregatedRules, preaggregate, sameRules } from './cluster-role-aggregation.js';
import { covers } from './policy-comparator.js';
import { PolicyRule, RoleObject } from './rbac.types.js';

const rule = (resource: string, verbs = ['get']): PolicyRule => ({ apiGroups: [''], resources: [resource], verbs });
const role = (name: string, labels: Record<string, string>, rules: PolicyRule[], selectors?: unknown[]): RoleObject => ({
  metadata: { name, labels },
  rules,
  ...(selectors ? { aggregationRule: { clusterRoleSelectors: selectors } } : {}),
});

describe(aggregatedRules.name, () => {
  const monitoring = role('monitoring', {}, [rule('stale')], [{ matchLabels: { team: 'mon' } }, { matchExpressions: [{ key: 'extra', operator: 'Exists' }] }]);
  const roles = [
    monitoring,
    role('z-pods', { team: 'mon' }, [rule('pods'), rule('services')]),
    role('a-nodes', { team: 'mon', extra: '1' }, [rule('nodes'), { ...rule('pods'), resourceNames: [] }]),
    role('other', { team: 'web' }, [rule('secrets')]),
  ];

  it('unions the matching roles\' rules, selector by selector and by name, each rule once, itself excluded', () => {
    assert.deepEqual(aggregatedRules(monitoring, roles), [rule('nodes'), { ...rule('pods'), resourceNames: [] }, rule('services')]);
    assert.deepEqual(aggregatedRules(monitoring, [...roles, role('monitoring', { team: 'mon' }, [rule('self')])]), [rule('nodes'), { ...rule('pods'), resourceNames: [] }, rule('services')]);
    assert.equal(aggregatedRules(roles[1], roles), undefined, 'no aggregationRule: not aggregated');
    assert.deepEqual(aggregatedRules(role('empty', {}, [rule('x')], []), roles), []);
  });

  it('compares rules semantically (an empty list equals an absent one)', () => {
    assert.equal(sameRules([{ ...rule('a'), resourceNames: [] }], [rule('a')]), true);
    assert.equal(sameRules(undefined, []), true);
    assert.equal(sameRules([rule('a')], [rule('a', ['list'])]), false);
  });

  it('refuses an invalid selector', () => {
    assert.throws(() => aggregatedRules(role('bad', {}, [], [{ matchExpressions: [{ key: 'k', operator: 'Near' }] }]), roles), BadRequestError);
  });

  it('serves the bootstrap view, edit and admin aggregated like kube (admin ⊇ edit ⊇ view)', () => {
    const policy = bootstrapPolicy() as RoleObject[];
    const named = (name: string) => policy.find((o) => o.kind === 'ClusterRole' && o.metadata?.name === name)!;
    const [view, edit, admin] = ['view', 'edit', 'admin'].map(named);
    assert.deepEqual(view.aggregationRule, { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }] });
    assert.equal(view.metadata?.labels?.['rbac.authorization.k8s.io/aggregate-to-edit'], 'true');
    assert.equal(edit.metadata?.labels?.['rbac.authorization.k8s.io/aggregate-to-admin'], 'true');
    assert.deepEqual(view.rules, named('system:aggregate-to-view').rules);
    assert.equal(covers(edit.rules!, view.rules!).covered, true);
    assert.equal(covers(admin.rules!, edit.rules!).covered, true);
    assert.equal(covers(edit.rules!, admin.rules!).covered, false);
    // Precomputed: the controller finds nothing to change on a fresh start.
    const clusterRoles = policy.filter((o) => o.kind === 'ClusterRole');
    for (const aggregated of [view, edit, admin]) assert.ok(sameRules(aggregatedRules(aggregated, clusterRoles), aggregated.rules));
    assert.deepEqual(preaggregate(clusterRoles), clusterRoles);
  });
});
