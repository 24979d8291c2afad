import { deepEqual, labelSelectorFromMeta, MetaLabelSelector } from '@app/api-machinery';
import type { PolicyRule, RoleObject } from './rbac.types.js';

/** A ClusterRole's `aggregationRule.clusterRoleSelectors`, or undefined when it has no aggregationRule. */
export function aggregationSelectors(role: RoleObject): MetaLabelSelector[] | undefined {
  const rule = role.aggregationRule;
  if (typeof rule !== 'object' || rule === null) return undefined;
  const selectors = (rule as { clusterRoleSelectors?: unknown }).clusterRoleSelectors;
  return Array.isArray(selectors) ? (selectors as MetaLabelSelector[]) : [];
}

/**
 * kube's clusterrole-aggregation controller's computation, pure: for each selector in order,
 * the ClusterRoles it matches (by name, `role` itself excluded), each of their rules once
 * (semantic equality: an empty list equals an absent one). Throws BadRequestError for an
 * invalid selector. Undefined when `role` has no aggregationRule.
 */
export function aggregatedRules(role: RoleObject, clusterRoles: RoleObject[]): PolicyRule[] | undefined {
  const selectors = aggregationSelectors(role);
  if (!selectors) return undefined;
  const byName = [...clusterRoles].sort((a, b) => compare(a.metadata?.name ?? '', b.metadata?.name ?? ''));
  const rules: PolicyRule[] = [];
  for (const selector of selectors) {
    const matcher = labelSelectorFromMeta(selector);
    for (const other of byName) {
      if (other.metadata?.name === role.metadata?.name || !matcher.matches(other.metadata?.labels)) continue;
      for (const rule of other.rules ?? []) if (!rules.some((held) => sameRule(held, rule))) rules.push(structuredClone(rule));
    }
  }
  return rules;
}

/** equality.Semantic.DeepEqual of two rule lists (nil and empty lists are equal). */
export function sameRules(a: PolicyRule[] | undefined, b: PolicyRule[] | undefined): boolean {
  const left = a ?? [];
  const right = b ?? [];
  return left.length === right.length && left.every((rule, index) => sameRule(rule, right[index]));
}

function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  return deepEqual(normalized(a), normalized(b));
}

function normalized(rule: PolicyRule): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rule).filter(([, value]) => !(Array.isArray(value) && value.length === 0)));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The bootstrap policy's aggregated ClusterRoles with their rules already aggregated from the
 * policy itself (repeated until nothing changes, since aggregated roles can feed one another),
 * so a fresh start serves complete roles before the controller runs. Returns new objects.
 */
export function preaggregate(roles: RoleObject[]): RoleObject[] {
  const result = roles.map((role) => structuredClone(role));
  for (let pass = 0; pass < result.length; pass++) {
    let changed = false;
    for (const role of result) {
      const rules = aggregatedRules(role, result);
      if (rules === undefined || sameRules(rules, role.rules)) continue;
      role.rules = rules;
      changed = true;
    }
    if (!changed) break;
  }
  return result;
}
