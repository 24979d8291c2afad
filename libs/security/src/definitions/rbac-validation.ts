import { fieldCause, goQuote, KubeObject, StatusCause } from '@app/api-machinery';
import type { SchemaCheck } from '@app/crd';
import { PolicyRule, RBAC_GROUP, Subject } from '../authz/rbac.types.js';

const SUBJECT_KINDS = ['ServiceAccount', 'User', 'Group'];

/** kube's ValidatePolicyRule, for every rule of a Role (namespaced) or ClusterRole. */
export function validateRules(object: KubeObject, namespaced: boolean, check: SchemaCheck): SchemaCheck {
  if (check.causes.length > 0) return check;
  const rules = Array.isArray(object.rules) ? (object.rules as PolicyRule[]) : [];
  const causes = rules.flatMap((rule, index) => ruleCauses(rule, namespaced, `rules[${index}]`));
  return { ...check, causes: [...check.causes, ...causes] };
}

function ruleCauses(rule: PolicyRule, namespaced: boolean, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if ((rule.verbs ?? []).length === 0) causes.push(fieldCause.required(`${path}.verbs`, 'verbs must contain at least one value'));
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    if (namespaced) causes.push(fieldCause.invalid(`${path}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'));
    if ((rule.apiGroups ?? []).length > 0 || (rule.resources ?? []).length > 0 || (rule.resourceNames ?? []).length > 0) {
      causes.push(fieldCause.invalid(`${path}.nonResourceURLs`, urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return causes;
  }
  if ((rule.apiGroups ?? []).length === 0) causes.push(fieldCause.required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  if ((rule.resources ?? []).length === 0) causes.push(fieldCause.required(`${path}.resources`, 'resource rules must supply at least one resource'));
  return causes;
}

/**
 * kube's ValidateRoleBinding / ValidateClusterRoleBinding: roleRef in rbac.authorization.k8s.io
 * of kind Role or ClusterRole (ClusterRole only for a ClusterRoleBinding), known subject kinds.
 * Defaults a User or Group subject's apiGroup to rbac.authorization.k8s.io, as kube does.
 */
export function validateBinding(object: KubeObject, namespaced: boolean, check: SchemaCheck): SchemaCheck {
  if (check.causes.length > 0) return check;
  const causes: StatusCause[] = [];
  const roleRef = (object.roleRef ?? {}) as { apiGroup?: string; kind?: string; name?: string };
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (roleRef.apiGroup !== RBAC_GROUP) causes.push(fieldCause.notSupported('roleRef.apiGroup', roleRef.apiGroup ?? '', [RBAC_GROUP]));
  if (!kinds.includes(roleRef.kind ?? '')) causes.push(fieldCause.notSupported('roleRef.kind', roleRef.kind ?? '', kinds));
  if (!roleRef.name) causes.push(fieldCause.required('roleRef.name', ''));
  const subjects = Array.isArray(object.subjects) ? (object.subjects as Subject[]) : [];
  subjects.forEach((subject, index) => causes.push(...subjectCauses(subject, `subjects[${index}]`)));
  return { ...check, causes: [...check.causes, ...causes] };
}

function subjectCauses(subject: Subject, path: string): StatusCause[] {
  if (!SUBJECT_KINDS.includes(subject.kind)) return [fieldCause.notSupported(`${path}.kind`, subject.kind, SUBJECT_KINDS)];
  if (!subject.name) return [fieldCause.required(`${path}.name`, '')];
  if (subject.kind === 'ServiceAccount') {
    return subject.apiGroup ? [fieldCause.notSupported(`${path}.apiGroup`, subject.apiGroup, [''])] : [];
  }
  subject.apiGroup ??= RBAC_GROUP;
  return subject.apiGroup === RBAC_GROUP ? [] : [fieldCause.notSupported(`${path}.apiGroup`, subject.apiGroup, [RBAC_GROUP])];
}

/**
 * kube's ValidateRBACName (path.IsValidPathSegmentName): any name but `.` and `..`, without `/`
 * or `%`, so `system:monitoring` is valid. One message per problem, kube's wording.
 */
export function validateRbacName(name: unknown): string[] {
  if (typeof name !== 'string') return ['must be a string'];
  if (name === '.' || name === '..') return [`may not be '${name}'`];
  return ['/', '%'].filter((part) => name.includes(part)).map((part) => `may not contain '${part}'`);
}

/** kube's ValidateRoleBindingUpdate / ValidateClusterRoleBindingUpdate: `roleRef` never changes. */
export function validateRoleRefUnchanged(object: KubeObject, old: KubeObject): StatusCause[] {
  const next = roleRefOf(object);
  const previous = roleRefOf(old);
  if (next.apiGroup === previous.apiGroup && next.kind === previous.kind && next.name === previous.name) return [];
  // field.Invalid with the internal rbac.RoleRef struct, which Go prints with %#v.
  const value = `rbac.RoleRef{APIGroup:${goQuote(next.apiGroup)}, Kind:${goQuote(next.kind)}, Name:${goQuote(next.name)}}`;
  return [{ reason: 'FieldValueInvalid', message: `Invalid value: ${value}: cannot change roleRef`, field: 'roleRef' }];
}

function roleRefOf(object: KubeObject): { apiGroup: string; kind: string; name: string } {
  const ref = (typeof object.roleRef === 'object' && object.roleRef !== null ? object.roleRef : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { apiGroup: text(ref.apiGroup), kind: text(ref.kind), name: text(ref.name) };
}
