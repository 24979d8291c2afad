import { Injectable } from '@nestjs/common';
import { Counter, Histogram, InjectMetric, METRIC } from '@app/metrics';
import { AuthorizationAttributes, Decision, SubjectAccessReviewer } from '@app/security';
import { KubeApiResourceClientFactory } from '../client/kube-api-resource-client.factory.js';
import { postReview } from './review-request.js';

const PATH = '/apis/authorization.k8s.io/v1/subjectaccessreviews';

/**
 * Asks the cluster's authorizer: `POST authorization.k8s.io/v1 subjectaccessreviews` for the
 * request's user and attributes, with the operator's own credentials (its service account needs
 * `create subjectaccessreviews`, as in `system:auth-delegator`). `status.allowed` allows; anything
 * else (denied, or no opinion) denies, with the cluster's reason. A failed request rejects.
 */
@Injectable()
export class ClusterAccessReviewer extends SubjectAccessReviewer {
  private readonly metrics: { total: Counter<string>; duration: Histogram<string> };

  constructor(
    private readonly clients: KubeApiResourceClientFactory,
    @InjectMetric(METRIC.delegatedAuthzRequestsTotal) total: Counter<string>,
    @InjectMetric(METRIC.delegatedAuthzRequestDuration) duration: Histogram<string>,
  ) {
    super();
    this.metrics = { total, duration };
  }

  get server(): string {
    return this.clients.transport.server;
  }

  async review(attributes: AuthorizationAttributes): Promise<Decision> {
    const status = await postReview(this.clients.transport, PATH, subjectAccessReview(attributes), this.metrics);
    const reason = [status.reason, status.evaluationError].filter((text) => typeof text === 'string' && text !== '').join('; ');
    return { allowed: status.allowed === true, reason };
  }
}

/** The SubjectAccessReview kube's webhook authorizer sends for `attributes`. */
export function subjectAccessReview(attributes: AuthorizationAttributes): Record<string, unknown> {
  const { user } = attributes;
  const subject = { user: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups ?? [], ...(user.extra ? { extra: user.extra } : {}) };
  const request =
    attributes.kind === 'nonResource'
      ? { nonResourceAttributes: { path: attributes.path, verb: attributes.verb } }
      : {
          resourceAttributes: {
            namespace: attributes.namespace ?? '',
            verb: attributes.verb,
            group: attributes.apiGroup,
            version: attributes.apiVersion ?? '',
            resource: attributes.resource,
            subresource: attributes.subresource ?? '',
            name: attributes.name ?? '',
          },
        };
  return { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { ...request, ...subject } };
}
