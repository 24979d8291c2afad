import { Injectable } from '@nestjs/common';
import { BadRequestError, fieldCause, isJsonObject } from '@app/api-machinery';
import type { UserInfo } from '@app/resources';
import type { AuthorizationAttributes } from '../authz/authorization-attributes.js';
import { RbacAuthorizer } from '../authz/authorizer.service.js';
import { AUTHORIZATION_GROUP, AUTHORIZATION_VERSION } from '../definitions/authorization.definitions.js';
import { invalid, metadataOf, Obj, reviewBody, strings, text } from './review-body.js';

const API_VERSION = `${AUTHORIZATION_GROUP}/${AUTHORIZATION_VERSION}`;
type Cause = ReturnType<typeof fieldCause.required>;

/**
 * The access reviews of `authorization.k8s.io/v1`, answered exactly as the request authorizer
 * would decide: `SelfSubjectAccessReview` ("can I do this?", what `kubectl auth can-i` sends),
 * `SelfSubjectRulesReview` ("what can I do in this namespace?", `can-i --list`),
 * `SubjectAccessReview` and `LocalSubjectAccessReview` ("may this user or group do this?", what a
 * delegating authorizer such as a cluster-mode operator sends). Nothing is stored. Throws
 * BadRequestError / InvalidError (422) for malformed reviews, as kube-apiserver does.
 */
@Injectable()
export class AccessReviewService {
  constructor(private readonly authorizer: RbacAuthorizer) {}

  selfSubjectAccessReview(user: UserInfo, body: unknown): Obj {
    const review = reviewBody(body, 'SelfSubjectAccessReview', API_VERSION);
    const spec = review.spec as Obj;
    const causes = attributeCauses(spec);
    if (causes.length > 0) throw invalid(AUTHORIZATION_GROUP, 'SelfSubjectAccessReview', causes);
    return this.answer('SelfSubjectAccessReview', review, attributesOf(spec, user));
  }

  subjectAccessReview(body: unknown): Obj {
    const review = reviewBody(body, 'SubjectAccessReview', API_VERSION);
    const spec = review.spec as Obj;
    const causes = [...attributeCauses(spec), ...subjectCauses(spec)];
    if (causes.length > 0) throw invalid(AUTHORIZATION_GROUP, 'SubjectAccessReview', causes);
    return this.answer('SubjectAccessReview', review, attributesOf(spec, subjectOf(spec)));
  }

  /** A SubjectAccessReview limited to `namespace` (the request path's). */
  localSubjectAccessReview(namespace: string, body: unknown): Obj {
    const review = reviewBody(body, 'LocalSubjectAccessReview', API_VERSION);
    const metadata = metadataOf(review);
    if (metadata.namespace !== undefined && metadata.namespace !== '' && metadata.namespace !== namespace) {
      throw new BadRequestError('the namespace of the provided object does not match the namespace sent on the request');
    }
    const spec = review.spec as Obj;
    const causes = [...attributeCauses(spec), ...subjectCauses(spec)];
    if (isJsonObject(spec.resourceAttributes) && text(spec.resourceAttributes.namespace) !== namespace) {
      causes.push(fieldCause.invalid('spec.resourceAttributes.namespace', text(spec.resourceAttributes.namespace), 'must match metadata.namespace'));
    }
    if (isJsonObject(spec.nonResourceAttributes)) causes.push(fieldCause.invalid('spec.nonResourceAttributes', spec.nonResourceAttributes, 'disallowed on this kind of request'));
    if (causes.length > 0) throw invalid(AUTHORIZATION_GROUP, 'LocalSubjectAccessReview', causes);
    return this.answer('LocalSubjectAccessReview', { ...review, metadata: { ...metadata, namespace } }, attributesOf(spec, subjectOf(spec)));
  }

  selfSubjectRulesReview(user: UserInfo, body: unknown): Obj {
    const review = reviewBody(body, 'SelfSubjectRulesReview', API_VERSION);
    const namespace = text((review.spec as Obj).namespace);
    if (namespace === '') throw new BadRequestError('no namespace on request');
    const { rules, incomplete, evaluationError } = this.authorizer.rulesFor(user, namespace);
    const resourceRules = rules
      .filter((rule) => (rule.resources ?? []).length > 0)
      .map((rule) => ({ verbs: rule.verbs, ...(rule.apiGroups ? { apiGroups: rule.apiGroups } : {}), resources: rule.resources, ...(rule.resourceNames ? { resourceNames: rule.resourceNames } : {}) }));
    const nonResourceRules = rules.filter((rule) => (rule.nonResourceURLs ?? []).length > 0).map((rule) => ({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs }));
    return {
      apiVersion: API_VERSION,
      kind: 'SelfSubjectRulesReview',
      metadata: { creationTimestamp: null },
      spec: {},
      status: { resourceRules, nonResourceRules, incomplete, ...(evaluationError ? { evaluationError } : {}) },
    };
  }

  private answer(kind: string, review: Obj, attributes: AuthorizationAttributes): Obj {
    const decision = this.authorizer.decide(attributes);
    const status = { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) };
    return { apiVersion: API_VERSION, kind, metadata: { ...metadataOf(review), creationTimestamp: null }, spec: review.spec, status };
  }
}

/** Exactly one of resourceAttributes and nonResourceAttributes (kube's ValidateSubjectAccessReviewSpec). */
function attributeCauses(spec: Obj): Cause[] {
  const resource = isJsonObject(spec.resourceAttributes);
  const nonResource = isJsonObject(spec.nonResourceAttributes);
  if (resource && nonResource) return [fieldCause.invalid('spec.nonResourceAttributes', spec.nonResourceAttributes, 'cannot be specified in combination with resourceAttributes')];
  if (!resource && !nonResource) return [fieldCause.required('spec.resourceAttributes', 'exactly one of nonResourceAttributes or resourceAttributes must be specified')];
  return [];
}

function subjectCauses(spec: Obj): Cause[] {
  return text(spec.user) === '' && strings(spec.groups).length === 0 ? [fieldCause.invalid('spec.user', text(spec.user), 'at least one of user or group must be specified')] : [];
}

function subjectOf(spec: Obj): UserInfo {
  const extra = isJsonObject(spec.extra) ? Object.fromEntries(Object.entries(spec.extra).map(([key, values]) => [key, strings(values)])) : undefined;
  return { username: text(spec.user), ...(text(spec.uid) ? { uid: text(spec.uid) } : {}), groups: strings(spec.groups), ...(extra ? { extra } : {}) };
}

function attributesOf(spec: Obj, user: UserInfo): AuthorizationAttributes {
  const resource = spec.resourceAttributes;
  if (isJsonObject(resource)) {
    return { kind: 'resource', user, verb: text(resource.verb), apiGroup: text(resource.group), apiVersion: text(resource.version), resource: text(resource.resource), subresource: text(resource.subresource) || undefined, namespace: text(resource.namespace), name: text(resource.name) || undefined };
  }
  const nonResource = spec.nonResourceAttributes as Obj;
  return { kind: 'nonResource', user, verb: text(nonResource.verb), path: text(nonResource.path) };
}
