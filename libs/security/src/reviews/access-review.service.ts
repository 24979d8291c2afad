import { Injectable } from '@nestjs/common';
import { BadRequestError, fieldCause, InvalidError, isJsonObject } from '@app/api-machinery';
import type { UserInfo } from '@app/resources';
import type { AuthorizationAttributes } from '../authz/authorization-attributes.js';
import { Authorizer } from '../authz/authorizer.service.js';
import { AUTHORIZATION_GROUP, AUTHORIZATION_VERSION } from '../definitions/authorization.definitions.js';

type Obj = Record<string, unknown>;
const API_VERSION = `${AUTHORIZATION_GROUP}/${AUTHORIZATION_VERSION}`;

/**
 * `SelfSubjectAccessReview` ("can I do this?") and `SelfSubjectRulesReview` ("what can I do in
 * this namespace?") answered for the requesting user exactly as the request authorizer would
 * decide, so `kubectl auth can-i` (and `--list`) tell the truth. Nothing is stored. Throws
 * BadRequestError / InvalidError (422) for malformed reviews, as kube-apiserver does.
 */
@Injectable()
export class AccessReviewService {
  constructor(private readonly authorizer: Authorizer) {}

  selfSubjectAccessReview(user: UserInfo, body: unknown): Obj {
    const review = reviewBody(body, 'SelfSubjectAccessReview');
    const spec = review.spec as Obj;
    const resource = spec.resourceAttributes;
    const nonResource = spec.nonResourceAttributes;
    if (isJsonObject(resource) && isJsonObject(nonResource)) {
      throw invalid('SelfSubjectAccessReview', fieldCause.invalid('spec.nonResourceAttributes', nonResource, 'cannot be specified in combination with resourceAttributes'));
    }
    if (!isJsonObject(resource) && !isJsonObject(nonResource)) {
      throw invalid('SelfSubjectAccessReview', fieldCause.required('spec.resourceAttributes', 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
    }
    const attributes: AuthorizationAttributes = isJsonObject(resource)
      ? { kind: 'resource', user, verb: text(resource.verb), apiGroup: text(resource.group), apiVersion: text(resource.version), resource: text(resource.resource), subresource: text(resource.subresource) || undefined, namespace: text(resource.namespace), name: text(resource.name) || undefined }
      : { kind: 'nonResource', user, verb: text((nonResource as Obj).verb), path: text((nonResource as Obj).path) };
    const decision = this.authorizer.authorize(attributes);
    const status = { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) };
    return { apiVersion: API_VERSION, kind: 'SelfSubjectAccessReview', metadata: { ...metadataOf(review), creationTimestamp: null }, spec, status };
  }

  selfSubjectRulesReview(user: UserInfo, body: unknown): Obj {
    const review = reviewBody(body, 'SelfSubjectRulesReview');
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
}

function reviewBody(body: unknown, kind: string): Obj {
  if (!isJsonObject(body)) throw new BadRequestError(`the request body must be a ${kind} object`);
  if (body.kind !== undefined && body.kind !== kind) throw new BadRequestError(`not a ${kind}: kind is ${JSON.stringify(body.kind)}`);
  if (body.apiVersion !== undefined && body.apiVersion !== API_VERSION) throw new BadRequestError(`not a ${kind}: apiVersion is ${JSON.stringify(body.apiVersion)}, expected ${API_VERSION}`);
  return { ...body, spec: isJsonObject(body.spec) ? body.spec : {} };
}

function metadataOf(review: Obj): Obj {
  return isJsonObject(review.metadata) ? review.metadata : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function invalid(kind: string, cause: ReturnType<typeof fieldCause.required>): InvalidError {
  return new InvalidError({ group: AUTHORIZATION_GROUP, kind }, '', [cause]);
}
