/**
 * How one field decodes: a scalar, `bytes` (base64, as JSON carries []byte), a string map
 * (map<string,string>), a bytes map (map<string,bytes>, base64 values), or a nested message.
 */
export type FieldType = 'string' | 'int' | 'bool' | 'bytes' | 'map' | 'bytesMap' | MessageSchema;
export interface FieldSpec {
  name: string;
  type: FieldType;
  repeated?: boolean;
}
/** Field number → field, for one message type (the numbers of k8s.io/api's generated.proto). */
export type MessageSchema = { [number: number]: FieldSpec };

const s = (name: string, repeated = false): FieldSpec => ({ name, type: 'string', repeated });
const m = (name: string, type: MessageSchema, repeated = false): FieldSpec => ({ name, type, repeated });

const objectMeta: MessageSchema = {
  1: s('name'),
  2: s('generateName'),
  3: s('namespace'),
  5: s('uid'),
  6: s('resourceVersion'),
  7: { name: 'generation', type: 'int' },
  11: { name: 'labels', type: 'map' },
  12: { name: 'annotations', type: 'map' },
  14: s('finalizers', true),
};
const policyRule: MessageSchema = { 1: s('verbs', true), 2: s('apiGroups', true), 3: s('resources', true), 4: s('resourceNames', true), 5: s('nonResourceURLs', true) };
const labelSelector: MessageSchema = {
  1: { name: 'matchLabels', type: 'map' },
  2: m('matchExpressions', { 1: s('key'), 2: s('operator'), 3: s('values', true) }, true),
};
const subject: MessageSchema = { 1: s('kind'), 2: s('apiGroup'), 3: s('name'), 4: s('namespace') };
const roleRef: MessageSchema = { 1: s('apiGroup'), 2: s('kind'), 3: s('name') };
const role: MessageSchema = { 1: m('metadata', objectMeta), 2: m('rules', policyRule, true) };
const clusterRole: MessageSchema = { ...role, 3: m('aggregationRule', { 1: m('clusterRoleSelectors', labelSelector, true) }) };
const binding: MessageSchema = { 1: m('metadata', objectMeta), 2: m('subjects', subject, true), 3: m('roleRef', roleRef) };
const resourceAttributes: MessageSchema = { 1: s('namespace'), 2: s('verb'), 3: s('group'), 4: s('version'), 5: s('resource'), 6: s('subresource'), 7: s('name') };
const nonResourceAttributes: MessageSchema = { 1: s('path'), 2: s('verb') };

// SubjectAccessReviewSpec: 5 (extra, map<string, ExtraValue>) is not decoded.
const subjectAccessReviewSpec: MessageSchema = { 1: m('resourceAttributes', resourceAttributes), 2: m('nonResourceAttributes', nonResourceAttributes), 3: s('user'), 4: s('groups', true), 6: s('uid') };

/** The kinds whose protobuf bodies can be decoded, by `apiVersion/kind`. */
export const KUBE_PROTOBUF_SCHEMAS: Record<string, MessageSchema> = {
  'rbac.authorization.k8s.io/v1/Role': role,
  'rbac.authorization.k8s.io/v1/ClusterRole': clusterRole,
  'rbac.authorization.k8s.io/v1/RoleBinding': binding,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': binding,
  'authorization.k8s.io/v1/SelfSubjectAccessReview': {
    1: m('metadata', objectMeta),
    2: m('spec', { 1: m('resourceAttributes', resourceAttributes), 2: m('nonResourceAttributes', nonResourceAttributes) }),
  },
  'authorization.k8s.io/v1/SelfSubjectRulesReview': { 1: m('metadata', objectMeta), 2: m('spec', { 1: s('namespace') }) },
  'authorization.k8s.io/v1/SubjectAccessReview': { 1: m('metadata', objectMeta), 2: m('spec', subjectAccessReviewSpec) },
  'authorization.k8s.io/v1/LocalSubjectAccessReview': { 1: m('metadata', objectMeta), 2: m('spec', subjectAccessReviewSpec) },
  'authentication.k8s.io/v1/TokenReview': { 1: m('metadata', objectMeta), 2: m('spec', { 1: s('token'), 2: s('audiences', true) }) },
  'authentication.k8s.io/v1/SelfSubjectReview': { 1: m('metadata', objectMeta) },
  // What `kubectl create configmap` sends (binaryData from --from-file with non-UTF-8 content).
  'v1/ConfigMap': { 1: m('metadata', objectMeta), 2: { name: 'data', type: 'map' }, 3: { name: 'binaryData', type: 'bytesMap' }, 4: { name: 'immutable', type: 'bool' } },
  'v1/Namespace': { 1: m('metadata', objectMeta), 2: m('spec', { 1: s('finalizers', true) }) },
};
