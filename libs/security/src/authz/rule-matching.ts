import type { AuthorizationAttributes } from './authorization-attributes.js';
import type { PolicyRule } from './rbac.types.js';

const ALL = '*';

/** kube's rbacv1helpers.VerbMatches: `*` or the exact verb. */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === ALL || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === ALL || g === group);
}

/**
 * kube's ResourceMatches: `*`, the exact `resource` or `resource/subresource`, or `*\/subresource`
 * for any resource's subresource. `applications` does not cover `applications/status`.
 */
export function resourceMatches(rule: PolicyRule, resource: string, subresource?: string): boolean {
  const combined = subresource ? `${resource}/${subresource}` : resource;
  return (rule.resources ?? []).some(
    (r) => r === ALL || r === combined || (subresource !== undefined && subresource !== '' && r === `*/${subresource}`),
  );
}

/** No resourceNames: every name. Otherwise the exact name (a request without a name never matches). */
export function resourceNameMatches(rule: PolicyRule, name: string | undefined): boolean {
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (name !== undefined && names.includes(name));
}

/** `*`, the exact path, or a prefix ending in `*` (`/dashboard/*`, `/apis/*`). */
export function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  return (rule.nonResourceURLs ?? []).some((u) => u === ALL || u === path || (u.endsWith(ALL) && path.startsWith(u.slice(0, -1))));
}

/** kube's RuleAllows: whether one rule grants the request. */
export function ruleAllows(attributes: AuthorizationAttributes, rule: PolicyRule): boolean {
  if (attributes.kind === 'nonResource') return verbMatches(rule, attributes.verb) && nonResourceURLMatches(rule, attributes.path);
  return (
    verbMatches(rule, attributes.verb) &&
    apiGroupMatches(rule, attributes.apiGroup) &&
    resourceMatches(rule, attributes.resource, attributes.subresource) &&
    resourceNameMatches(rule, attributes.name)
  );
}
