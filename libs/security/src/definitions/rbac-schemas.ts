import type { JsonSchemaProps } from '@app/crd';
import { schema } from './schema-helpers.js';

export const policyRuleSchema: JsonSchemaProps = schema.object(
  'PolicyRule holds information that describes a policy rule, but does not contain information about who the rule applies to or which namespace the rule applies to.',
  {
    verbs: schema.strings("Verbs is a list of Verbs that apply to ALL the ResourceKinds contained in this rule. '*' represents all verbs."),
    apiGroups: schema.strings("APIGroups is the name of the APIGroup that contains the resources. '' represents the core API group and '*' represents all API groups."),
    resources: schema.strings("Resources is a list of resources this rule applies to. '*' represents all resources; 'applications/status' a subresource."),
    resourceNames: schema.strings('ResourceNames is an optional allow list of names that the rule applies to. An empty set means that everything is allowed.'),
    nonResourceURLs: schema.strings("NonResourceURLs is a set of partial urls that a user should have access to. '*'s are allowed, but only as the full, final step in the path."),
  },
  ['verbs'],
);

const labelSelectorSchema: JsonSchemaProps = schema.object('A label query over a set of resources.', {
  matchLabels: { type: 'object', description: 'matchLabels is a map of {key,value} pairs.', additionalProperties: { type: 'string' } },
  matchExpressions: schema.array(
    'matchExpressions is a list of label selector requirements. The requirements are ANDed.',
    schema.object('A label selector requirement.', { key: schema.string('The label key.'), operator: schema.string('In, NotIn, Exists and DoesNotExist.'), values: schema.strings('An array of string values.') }, ['key', 'operator']),
  ),
});

export function roleSchema(kind: 'Role' | 'ClusterRole'): JsonSchemaProps {
  const properties: Record<string, JsonSchemaProps> = {
    ...schema.typeMeta(),
    rules: schema.array(`Rules holds all the PolicyRules for this ${kind}`, policyRuleSchema),
  };
  if (kind === 'ClusterRole') {
    properties.aggregationRule = schema.object('AggregationRule is an optional field that describes how to build the Rules for this ClusterRole.', {
      clusterRoleSelectors: schema.array('ClusterRoleSelectors holds a list of selectors which will be used to find ClusterRoles and create the rules.', labelSelectorSchema),
    });
  }
  const scope = kind === 'Role' ? 'a namespace' : 'the cluster';
  return { type: 'object', description: `${kind} is a logical grouping of PolicyRules that can be referenced as a unit by a binding, in ${scope}.`, properties };
}

const subjectSchema: JsonSchemaProps = schema.object(
  'Subject contains a reference to the object or user identities a role binding applies to.',
  {
    kind: schema.string('Kind of object being referenced. Values defined by this API group are "User", "Group", and "ServiceAccount".'),
    apiGroup: schema.string('APIGroup holds the API group of the referenced subject. Defaults to "" for ServiceAccount subjects and "rbac.authorization.k8s.io" for User and Group subjects.'),
    name: schema.string('Name of the object being referenced.'),
    namespace: schema.string('Namespace of the referenced object (ServiceAccount only).'),
  },
  ['kind', 'name'],
);

const roleRefSchema: JsonSchemaProps = schema.object(
  'RoleRef contains information that points to the role being used',
  {
    apiGroup: schema.string('APIGroup is the group for the resource being referenced'),
    kind: schema.string('Kind is the type of resource being referenced'),
    name: schema.string('Name is the name of resource being referenced'),
  },
  ['apiGroup', 'kind', 'name'],
);

export function bindingSchema(kind: 'RoleBinding' | 'ClusterRoleBinding'): JsonSchemaProps {
  return {
    type: 'object',
    description: `${kind} references a role, but does not contain it. It adds who information via Subjects.`,
    required: ['roleRef'],
    properties: {
      ...schema.typeMeta(),
      subjects: schema.array('Subjects holds references to the objects the role applies to.', subjectSchema),
      roleRef: roleRefSchema,
    },
  };
}
