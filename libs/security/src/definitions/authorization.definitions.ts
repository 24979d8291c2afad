import { builtinDefinition, JsonSchemaProps, ResourceDefinition } from '@app/crd';
import { schema } from './schema-helpers.js';

export const AUTHORIZATION_GROUP = 'authorization.k8s.io';
export const AUTHORIZATION_VERSION = 'v1';
export const SELF_SUBJECT_ACCESS_REVIEWS = 'selfsubjectaccessreviews';
export const SELF_SUBJECT_RULES_REVIEWS = 'selfsubjectrulesreviews';
export const SUBJECT_ACCESS_REVIEWS = 'subjectaccessreviews';
export const LOCAL_SUBJECT_ACCESS_REVIEWS = 'localsubjectaccessreviews';
export const AUTHENTICATION_GROUP = 'authentication.k8s.io';
export const AUTHENTICATION_VERSION = 'v1';
export const TOKEN_REVIEWS = 'tokenreviews';
export const SELF_SUBJECT_REVIEWS = 'selfsubjectreviews';

/**
 * The review kinds of `authorization.k8s.io/v1` (SelfSubjectAccessReview, SelfSubjectRulesReview,
 * SubjectAccessReview, LocalSubjectAccessReview) and `authentication.k8s.io/v1` (TokenReview,
 * SelfSubjectReview), for discovery and OpenAPI (verbs `[create]`). They are never stored: the
 * app answers their POST itself.
 */
export function authorizationDefinitions(): ResourceDefinition[] {
  return [
    review(AUTHORIZATION_GROUP, 'SelfSubjectAccessReview', 'checks what the current user may do', accessReviewSpec(false)),
    review(AUTHORIZATION_GROUP, 'SelfSubjectRulesReview', 'lists what the current user may do in a namespace', rulesReviewSpec()),
    review(AUTHORIZATION_GROUP, 'SubjectAccessReview', 'checks whether a user or group may do something', accessReviewSpec(true)),
    review(AUTHORIZATION_GROUP, 'LocalSubjectAccessReview', 'checks whether a user or group may do something in one namespace', accessReviewSpec(true), 'Namespaced'),
    review(AUTHENTICATION_GROUP, 'TokenReview', 'authenticates a token against the server\'s authenticators', tokenReviewSpec()),
    review(AUTHENTICATION_GROUP, 'SelfSubjectReview', 'returns the user information of the current user', undefined),
  ];
}

function review(group: string, kind: string, what: string, spec: JsonSchemaProps | undefined, scope: 'Cluster' | 'Namespaced' = 'Cluster'): ResourceDefinition {
  const properties = { ...schema.typeMeta(), ...(spec ? { spec } : {}), status: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } as JsonSchemaProps };
  return builtinDefinition({
    group,
    version: 'v1',
    plural: `${kind.toLowerCase()}s`,
    singular: kind.toLowerCase(),
    kind,
    scope,
    verbs: ['create'],
    schema: { type: 'object', description: `${kind} ${what}.`, ...(spec ? { required: ['spec'] } : {}), properties },
    printerColumns: [],
  });
}

function accessReviewSpec(withSubject: boolean): JsonSchemaProps {
  const subject: Record<string, JsonSchemaProps> = withSubject
    ? {
        user: schema.string('User is the user you\'re testing for.'),
        groups: schema.strings('Groups is the groups you\'re testing for.'),
        uid: schema.string('UID information about the requesting user.'),
        extra: { type: 'object', description: 'Extra corresponds to the user.Info.GetExtra() method from the authenticator.', additionalProperties: { type: 'array', items: { type: 'string' } } },
      }
    : {};
  return schema.object('Exactly one of resourceAttributes and nonResourceAttributes.', {
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
    ...subject,
  });
}

function rulesReviewSpec(): JsonSchemaProps {
  return schema.object('SelfSubjectRulesReviewSpec defines the specification for SelfSubjectRulesReview.', {
    namespace: schema.string('Namespace to evaluate rules for. Required.'),
  });
}

function tokenReviewSpec(): JsonSchemaProps {
  return schema.object('TokenReviewSpec is a description of the token authentication request.', {
    token: schema.string('Token is the opaque bearer token.'),
    audiences: schema.strings('Audiences is a list of the identifiers that the resource server presented with the token identifies as.'),
  });
}
