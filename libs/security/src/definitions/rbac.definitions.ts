import { builtinDefinition, BuiltinSpec, ResourceDefinition, WriteAttempt } from '@app/crd';
import { RBAC_GROUP, RBAC_VERSION, RbacResource } from '../authz/rbac.types.js';
import { bindingSchema, roleSchema } from './rbac-schemas.js';
import { validateBinding, validateRbacName, validateRoleRefUnchanged, validateRules } from './rbac-validation.js';
import { AGE_COLUMN } from './schema-helpers.js';

const RBAC_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const CREATED_AT = { name: 'Created At', type: 'string' as const, description: 'The time the role was created (RFC 3339).', jsonPath: '.metadata.creationTimestamp' };

/** Checks an RBAC write before it is validated and stored (the privilege-escalation check); throws a StatusError to refuse. */
export interface RbacWriteGuard {
  check(resource: RbacResource, attempt: WriteAttempt): void | Promise<void>;
}

/**
 * `rbac.authorization.k8s.io/v1` Role, ClusterRole, RoleBinding and ClusterRoleBinding, with
 * kube's RBAC name rule (path segments: `system:monitoring` is valid), an immutable binding
 * `roleRef`, and, when given, `guard` run on every create and update.
 */
export function rbacDefinitions(guard?: RbacWriteGuard): ResourceDefinition[] {
  return [role('Role'), role('ClusterRole'), binding('RoleBinding'), binding('ClusterRoleBinding')].map((definition) => ({
    ...definition,
    validateName: validateRbacName,
    ...(guard ? { validateWrite: (attempt: WriteAttempt) => guard.check(definition.plural as RbacResource, attempt) } : {}),
  }));
}

function role(kind: 'Role' | 'ClusterRole'): ResourceDefinition {
  const namespaced = kind === 'Role';
  return rbacKind(kind, namespaced, {
    schema: roleSchema(kind),
    printerColumns: [CREATED_AT],
    afterSchema: (object, check) => validateRules(object, namespaced, check),
  });
}

function binding(kind: 'RoleBinding' | 'ClusterRoleBinding'): ResourceDefinition {
  const namespaced = kind === 'RoleBinding';
  const definition = rbacKind(kind, namespaced, {
    schema: bindingSchema(kind),
    printerColumns: [
      { name: 'Role', type: 'string', description: 'The name of the role the binding grants (roleRef.name).', jsonPath: '.roleRef.name' },
      AGE_COLUMN,
      { name: 'Users', type: 'string', priority: 1, description: 'The first user the binding applies to.', jsonPath: '.subjects[?(@.kind=="User")].name' },
      { name: 'Groups', type: 'string', priority: 1, description: 'The first group the binding applies to.', jsonPath: '.subjects[?(@.kind=="Group")].name' },
      { name: 'ServiceAccounts', type: 'string', priority: 1, description: 'The first service account the binding applies to.', jsonPath: '.subjects[?(@.kind=="ServiceAccount")].name' },
    ],
    afterSchema: (object, check) => validateBinding(object, namespaced, check),
  });
  return { ...definition, validateUpdate: validateRoleRefUnchanged };
}

/** One RBAC kind: the group, version, names, scope and verbs every one of them shares. */
function rbacKind(kind: string, namespaced: boolean, rest: Pick<BuiltinSpec, 'schema' | 'printerColumns' | 'afterSchema'>): ResourceDefinition {
  return builtinDefinition({
    group: RBAC_GROUP,
    version: RBAC_VERSION,
    plural: `${kind.toLowerCase()}s`,
    singular: kind.toLowerCase(),
    kind,
    scope: namespaced ? 'Namespaced' : 'Cluster',
    verbs: RBAC_VERBS,
    ...rest,
  });
}
