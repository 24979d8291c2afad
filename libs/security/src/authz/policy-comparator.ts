import { goQuote } from '@app/api-machinery';
import type { PolicyRule } from './rbac.types.js';

const ALL = '*';

/**
 * kube's rbac validation.Covers: whether `owner` rules grant everything `servant` rules do.
 * Each servant rule is broken down to one verb, one group, one resource and one name (or one
 * URL and one verb); the pieces no owner rule covers are returned. Pure.
 */
export function covers(owner: PolicyRule[], servant: PolicyRule[]): { covered: boolean; missing: PolicyRule[] } {
  const missing = servant.flatMap(breakdownRule).filter((subrule) => !owner.some((rule) => ruleCovers(rule, subrule)));
  return { covered: missing.length === 0, missing };
}

/** kube's BreakdownRule: one rule per (group, resource, verb[, name]) and per (URL, verb). */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const subrules: PolicyRule[] = [];
  const names = rule.resourceNames ?? [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if (names.length === 0) subrules.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        else for (const name of names) subrules.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs ?? []) subrules.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return subrules;
}

const has = (set: string[] | undefined, item: string) => (set ?? []).includes(item);
const hasAll = (set: string[] | undefined, items: string[] | undefined) => (items ?? []).every((item) => has(set, item));

function resourceCoversAll(owned: string[] | undefined, wanted: string[] | undefined): boolean {
  if (has(owned, ALL) || hasAll(owned, wanted)) return true;
  return (wanted ?? []).every((path) => {
    if (has(owned, path)) return true;
    const slash = path.indexOf('/');
    return slash >= 0 && has(owned, `*/${path.slice(slash + 1)}`);
  });
}

function nonResourceURLCovers(owner: string, path: string): boolean {
  return owner === path || (owner.endsWith(ALL) && path.startsWith(owner.replace(/\*+$/, '')));
}

/** kube's ruleCovers: `owner` (any shape) covers `subrule` (one verb, resource, name or URL). */
function ruleCovers(owner: PolicyRule, subrule: PolicyRule): boolean {
  const verbs = has(owner.verbs, ALL) || hasAll(owner.verbs, subrule.verbs);
  const groups = has(owner.apiGroups, ALL) || hasAll(owner.apiGroups, subrule.apiGroups);
  const resources = resourceCoversAll(owner.resources, subrule.resources);
  const urls = (subrule.nonResourceURLs ?? []).every((path) => (owner.nonResourceURLs ?? []).some((url) => nonResourceURLCovers(url, path)));
  const ownerNames = owner.resourceNames ?? [];
  const names = (subrule.resourceNames ?? []).length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, subrule.resourceNames);
  return verbs && groups && resources && names && urls;
}

/**
 * kube's CompactRules: rules with exactly one group, one resource, at most one name and nothing
 * else are merged when they differ only by verb (verbs kept in order); other rules stay as they are.
 */
export function compactRules(rules: PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const key = simpleResourceKey(rule);
    if (key === undefined) compacted.push(rule);
    else if (simple.has(key)) simple.get(key)!.verbs.push(...rule.verbs);
    else simple.set(key, structuredClone(rule));
  }
  return [...compacted, ...simple.values()];
}

function simpleResourceKey(rule: PolicyRule): string | undefined {
  const names = rule.resourceNames ?? [];
  if (names.length > 1 || (rule.nonResourceURLs ?? []).length > 0) return undefined;
  if ((rule.apiGroups ?? []).length !== 1 || (rule.resources ?? []).length !== 1) return undefined;
  return JSON.stringify([rule.apiGroups![0], rule.resources![0], names.length > 0, names[0] ?? '']);
}

/** Go's `%q` of a []string: `["a" "b"]`. */
export function goQuoteList(values: string[] | undefined): string {
  return `[${(values ?? []).map(goQuote).join(' ')}]`;
}

/** kube's rbacv1helpers.CompactString: `{APIGroups:["g"], Resources:["r"], Verbs:["get"]}`, empty fields left out. */
export function compactString(rule: PolicyRule): string {
  const parts: string[] = [];
  const field = (label: string, values: string[] | undefined) => {
    if ((values ?? []).length > 0) parts.push(`${label}:${goQuoteList(values)}`);
  };
  field('APIGroups', rule.apiGroups);
  field('Resources', rule.resources);
  field('NonResourceURLs', rule.nonResourceURLs);
  field('ResourceNames', rule.resourceNames);
  field('Verbs', rule.verbs);
  return `{${parts.join(', ')}}`;
}
