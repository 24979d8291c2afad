import { deepEqual, ForbiddenError, goQuote, KubeObject, NotFoundError, qualifiedResource } from '@app/api-machinery';
import type { WriteAttempt } from '@app/crd';
import type { UserInfo } from '@app/resources';
import { isPrivileged } from '../authn/user.js';
import { compactRules, compactString, covers, goQuoteList } from './policy-comparator.js';
import { RbacEvaluator, RbacPolicySource } from './rbac-evaluator.js';
import { PolicyRule, RBAC_GROUP, RbacResource, RoleRef } from './rbac.types.js';

/** What a ClusterRole with an aggregationRule requires (it can gather anything): kube's fullAuthority. */
const FULL_AUTHORITY: PolicyRule[] = [
  { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
  { nonResourceURLs: ['*'], verbs: ['*'] },
];

/**
 * kube-apiserver's privilege-escalation prevention for RBAC writes (the `policybased` storages
 * of roles, clusterroles, rolebindings and clusterrolebindings), evaluated with the same rule
 * resolver as the authorizer over the in-memory policy. A Role or ClusterRole may be written
 * only by a user who already holds every rule it grants (in the Role's namespace, or
 * cluster-wide), or has `escalate` on it; a binding only by a user who holds every rule of the
 * referenced role (in the binding's namespace), or has `bind` on it. Members of system:masters
 * (the operator's own writes included) are never checked; with enforcement off nothing is.
 * Refusals are kube's 403 Forbidden. Synchronous and side-effect free.
 */
export class RbacEscalationGuard {
  private readonly evaluator: RbacEvaluator;

  constructor(
    private readonly enforced: () => boolean,
    private readonly policy: RbacPolicySource,
  ) {
    this.evaluator = new RbacEvaluator(policy);
  }

  /** Checks a write of `resource`; throws ForbiddenError (or NotFoundError for a binding's missing role). */
  check(resource: RbacResource, attempt: WriteAttempt): void {
    if (!this.enforced() || isPrivileged(attempt.user)) return;
    if (resource === 'roles' || resource === 'clusterroles') this.checkRole(resource, attempt);
    else this.checkBinding(resource, attempt);
  }

  private checkRole(resource: 'roles' | 'clusterroles', attempt: WriteAttempt): void {
    const namespace = resource === 'roles' ? attempt.namespace ?? '' : '';
    const name = attempt.object.metadata?.name ?? '';
    // kube authorizes `escalate` with the request's name: none on a create (POST has no name).
    if (this.allowed(attempt.user, 'escalate', RBAC_GROUP, resource, namespace, attempt.operation === 'UPDATE' ? name : undefined)) return;
    if (attempt.oldObject && onlyGcFieldsChange(attempt.object, attempt.oldObject)) return;
    this.confirmNoEscalation(resource, name, attempt.user, namespace, rulesOf(attempt.object));
    if (resource === 'clusterroles' && (hasAggregationRule(attempt.object) || hasAggregationRule(attempt.oldObject))) {
      if (!covers(this.ownerRules(attempt.user, '').rules, FULL_AUTHORITY).covered) {
        throw forbidden(resource, name, 'must have cluster-admin privileges to use the aggregationRule');
      }
    }
  }

  private checkBinding(resource: 'rolebindings' | 'clusterrolebindings', attempt: WriteAttempt): void {
    const namespace = resource === 'rolebindings' ? attempt.namespace ?? '' : '';
    const name = attempt.object.metadata?.name ?? '';
    if (attempt.oldObject && onlyGcFieldsChange(attempt.object, attempt.oldObject)) return;
    const roleRef = attempt.object.roleRef as Partial<RoleRef> | undefined;
    // A malformed roleRef cannot grant anything: validation refuses it next (422).
    if (!roleRef || typeof roleRef.name !== 'string' || (roleRef.kind !== 'Role' && roleRef.kind !== 'ClusterRole')) return;
    const target = roleRef.kind === 'Role' ? 'roles' : 'clusterroles';
    if (this.allowed(attempt.user, 'bind', String(roleRef.apiGroup ?? ''), target, namespace, roleRef.name)) return;
    this.confirmNoEscalation(resource, name, attempt.user, namespace, this.roleReferenceRules(roleRef as RoleRef, namespace));
  }

  /** kube's GetRoleReferenceRules: the referenced role's rules, or 404 when it does not exist. */
  private roleReferenceRules(roleRef: RoleRef, namespace: string): PolicyRule[] {
    const role = roleRef.kind === 'Role' ? (namespace ? this.policy.role(namespace, roleRef.name) : undefined) : this.policy.clusterRole(roleRef.name);
    if (!role) throw new NotFoundError({ group: RBAC_GROUP, resource: roleRef.kind === 'Role' ? 'roles' : 'clusterroles' }, roleRef.name);
    return role.rules ?? [];
  }

  /** kube's ConfirmNoEscalation, with its message (missing rules compacted, sorted, one a line). */
  private confirmNoEscalation(resource: RbacResource, name: string, user: UserInfo, namespace: string, rules: PolicyRule[]): void {
    const owner = this.ownerRules(user, namespace);
    const { covered, missing } = covers(owner.rules, rules);
    if (covered) return;
    const described = [...new Set(compactRules(missing).map(compactString))].sort();
    let message = `user ${goQuote(user.username)} (groups=${goQuoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${described.join('\n')}`;
    if (owner.errors.length > 0) message += `; resolution errors: [${aggregate(owner.errors)}]`;
    throw forbidden(resource, name, message);
  }

  private ownerRules(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    return this.evaluator.rulesFor(user, namespace);
  }

  private allowed(user: UserInfo, verb: string, apiGroup: string, resource: string, namespace: string, name: string | undefined): boolean {
    return this.evaluator.authorize({ kind: 'resource', user, verb, apiGroup, resource, namespace, ...(name ? { name } : {}) }).allowed;
  }
}

/** apierrors.NewForbidden(groupResource, name, err). */
function forbidden(resource: RbacResource, name: string, reason: string): ForbiddenError {
  const qualified = qualifiedResource({ group: RBAC_GROUP, resource });
  const message = name ? `${qualified} ${goQuote(name)} is forbidden: ${reason}` : `${qualified} is forbidden: ${reason}`;
  return new ForbiddenError(message, { ...(name ? { name } : {}), group: RBAC_GROUP, kind: resource });
}

/** The object's rules; a malformed field counts as empty here (schema validation refuses it next). */
function rulesOf(object: KubeObject): PolicyRule[] {
  const rules = Array.isArray(object.rules) ? object.rules.filter((rule): rule is Record<string, unknown> => typeof rule === 'object' && rule !== null) : [];
  return rules.map((rule) => ({
    verbs: strings(rule.verbs),
    apiGroups: strings(rule.apiGroups),
    resources: strings(rule.resources),
    resourceNames: strings(rule.resourceNames),
    nonResourceURLs: strings(rule.nonResourceURLs),
  }));
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

function hasAggregationRule(object: KubeObject | undefined): boolean {
  const selectors = (object?.aggregationRule as { clusterRoleSelectors?: unknown } | undefined)?.clusterRoleSelectors;
  return Array.isArray(selectors) && selectors.length > 0;
}

/** kube's IsOnlyMutatingGCFields: nothing but ownerReferences and finalizers changes (server-kept fields aside). */
function onlyGcFieldsChange(object: KubeObject, old: KubeObject): boolean {
  const strip = (o: KubeObject, gc: KubeObject) => {
    const { managedFields: _m, resourceVersion: _r, ...metadata } = { ...o.metadata, ownerReferences: gc.metadata?.ownerReferences, finalizers: gc.metadata?.finalizers };
    return { ...o, metadata };
  };
  return deepEqual(strip(object, old), strip(old, old));
}

/** utilerrors.NewAggregate's text: one error as is, several as `[a, b]`. */
function aggregate(errors: string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
