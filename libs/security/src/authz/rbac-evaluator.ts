import type { UserInfo } from '@app/resources';
import { serviceAccountUsername } from '../authn/user.js';
import type { AuthorizationAttributes, Decision } from './authorization-attributes.js';
import { BindingObject, PolicyRule, RoleObject, RoleRef, Subject } from './rbac.types.js';
import { ruleAllows } from './rule-matching.js';

/** Read access to the RBAC objects in force (a synchronous snapshot). */
export interface RbacPolicySource {
  clusterRole(name: string): RoleObject | undefined;
  role(namespace: string, name: string): RoleObject | undefined;
  clusterRoleBindings(): BindingObject[];
  roleBindings(namespace: string): BindingObject[];
}

/** One rule with the binding that grants it (`ClusterRoleBinding "x" of ClusterRole "y" to User "u"`). */
type RuleVisitor = (rule: PolicyRule, source: string) => boolean;

/**
 * Kubernetes' RBAC evaluation (DefaultRuleResolver + RBACAuthorizer), pure and synchronous:
 * ClusterRoleBindings apply everywhere; RoleBindings only in their namespace (a request at the
 * cluster scope, or across all namespaces, sees none of them). A binding to a missing role
 * grants nothing and is reported in the reason (`RBAC: clusterrole... "x" not found`).
 */
export class RbacEvaluator {
  constructor(private readonly policy: RbacPolicySource) {}

  authorize(attributes: AuthorizationAttributes): Decision {
    const namespace = attributes.kind === 'resource' ? attributes.namespace ?? '' : '';
    let reason = '';
    const errors = this.visit(attributes.user, namespace, (rule, source) => {
      if (!ruleAllows(attributes, rule)) return true;
      reason = `RBAC: allowed by ${source}`;
      return false;
    });
    if (reason) return { allowed: true, reason };
    return { allowed: false, reason: errors.length === 0 ? '' : `RBAC: ${aggregate(errors)}` };
  }

  /** Every rule that applies to `user` in `namespace` (cluster-wide ones included), and the errors met. */
  rulesFor(user: UserInfo, namespace: string): { rules: PolicyRule[]; errors: string[] } {
    const rules: PolicyRule[] = [];
    const errors = this.visit(user, namespace, (rule) => (rules.push(rule), true));
    return { rules, errors };
  }

  private visit(user: UserInfo, namespace: string, visitor: RuleVisitor): string[] {
    const errors: string[] = [];
    for (const binding of this.policy.clusterRoleBindings()) {
      if (!this.visitBinding(user, binding, '', visitor, errors)) return errors;
    }
    if (namespace === '') return errors;
    for (const binding of this.policy.roleBindings(namespace)) {
      if (!this.visitBinding(user, binding, namespace, visitor, errors)) return errors;
    }
    return errors;
  }

  /** False when the visitor asked to stop. */
  private visitBinding(user: UserInfo, binding: BindingObject, namespace: string, visitor: RuleVisitor, errors: string[]): boolean {
    const subject = (binding.subjects ?? []).find((candidate) => appliesTo(user, candidate, namespace));
    if (!subject) return true;
    const rules = this.roleRules(binding.roleRef, namespace);
    if (typeof rules === 'string') {
      errors.push(rules);
      return true;
    }
    const source = describeBinding(binding, subject, namespace);
    return rules.every((rule) => visitor(rule, source));
  }

  /** The referenced role's rules, or the error text when it cannot be used. */
  private roleRules(roleRef: RoleRef, namespace: string): PolicyRule[] | string {
    if (roleRef?.kind === 'ClusterRole') return this.policy.clusterRole(roleRef.name)?.rules ?? `clusterrole.rbac.authorization.k8s.io "${roleRef.name}" not found`;
    if (roleRef?.kind === 'Role' && namespace !== '') return this.policy.role(namespace, roleRef.name)?.rules ?? `role.rbac.authorization.k8s.io "${roleRef.name}" not found`;
    return `unsupported role reference kind: "${roleRef?.kind ?? ''}"`;
  }
}

/** kube's appliesToUser: a User by name, a Group by membership, a ServiceAccount by its username. */
export function appliesTo(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.username === subject.name;
    case 'Group':
      return (user.groups ?? []).includes(subject.name);
    case 'ServiceAccount': {
      const saNamespace = subject.namespace || namespace;
      return saNamespace !== '' && user.username === serviceAccountUsername(saNamespace, subject.name);
    }
    default:
      return false;
  }
}

function describeBinding(binding: BindingObject, subject: Subject, namespace: string): string {
  const name = binding.metadata?.name ?? '';
  const who = subject.kind === 'ServiceAccount' ? `${subject.kind} "${subject.name}/${subject.namespace || namespace}"` : `${subject.kind} "${subject.name}"`;
  const what = `${binding.roleRef.kind} "${binding.roleRef.name}"`;
  return namespace === '' ? `ClusterRoleBinding "${name}" of ${what} to ${who}` : `RoleBinding "${name}/${namespace}" of ${what} to ${who}`;
}

/** utilerrors.NewAggregate's text: one error as is, several as `[a, b]`. */
function aggregate(errors: string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
