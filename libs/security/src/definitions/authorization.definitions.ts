import { builtinDefinition, JsonSchemaProps, ResourceDefinition } from '@app/crd';
import { schema } from './schema-helpers.js';

export const AUTHORIZATION_GROUP = 'authorization.k8s.io';
export const AUTHORIZATION_VERSION = 'v1';
export const SELF_SUBJECT_ACCESS_REVIEWS = 'selfsubjectaccessreviews';
export const SELF_SUBJECT_RULES_REVIEWS = 'selfsubjectrulesreviews';

/**
 * `authorization.k8s.io/v1` SelfSubjectAccessReview and SelfSubjectRulesReview, for discovery
 * (verbs `[create]`). They are never stored: the app answers their POST itself.
 */
export function authorizationDefinitions(): ResourceDefinition[] {
  return [review('SelfSubjectAccessReview', accessReviewSpec()), review('SelfSubjectRulesReview', rulesReviewSpec())];
}

function review(kind: string, spec: JsonSchemaProps): ResourceDefinition {
  return builtinDefinition({
    group: AUTHORIZATION_GROUP,
    version: AUTHORIZATION_VERSION,
    plural: `${kind.toLowerCase()}s`,
    singular: kind.toLowerCase(),
    kind,
    scope: 'Cluster',
    verbs: ['create'],
    schema: { type: 'object', description: `${kind} checks what the current user may do.`, required: ['spec'], properties: { ...schema.typeMeta(), spec, status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } },
    printerColumns: [],
  });
}

function accessReviewSpec(): JsonSchemaProps {
  return schema.object('SelfSubjectAccessReviewSpec: exactly one of resourceAttributes and nonResourceAttributes.', {
    resourceAttributes: schema.object('ResourceAttributes describes information for a resource access request', {
      namespace: schema.string('Namespace of the action being requested ("" means all namespaces).'),
      verb: schema.string('Verb is a kubernetes resource API verb, like: get, list, watch, create, update, delete, proxy. "*" means all.'),
      group: schema.string('Group is the API Group of the Resource. "*" means all.'),
      version: schema.string('Version is the API Version of the Resource. "*" means all.'),
      resource: schema.string('Resource is one of the existing resource types. "*" means all.'),
      subresource: schema.string('Subresource is one of the existing resource types. "" means none.'),
      name: schema.string('Name is the name of the resource being requested for a "get" or deleted for a "delete". "" (empty) means all.'),
    }),
    nonResourceAttributes: schema.object('NonResourceAttributes includes the authorization attributes available for non-resource requests', {
      path: schema.string('Path is the URL path of the request'),
      verb: schema.string('Verb is the standard HTTP verb'),
    }),
  });
}

function rulesReviewSpec(): JsonSchemaProps {
  return schema.object('SelfSubjectRulesReviewSpec defines the specification for SelfSubjectRulesReview.', {
    namespace: schema.string('Namespace to evaluate rules for. Required.'),
  });
}
