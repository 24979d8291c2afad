import { Injectable } from '@nestjs/common';
import { isJsonObject } from '@app/api-machinery';
import { Counter, Histogram, InjectMetric, METRIC } from '@app/metrics';
import { AuthenticatedUser, GROUP, TokenReviewer } from '@app/security';
import { KubeApiResourceClientFactory } from '../client/kube-api-resource-client.factory.js';
import { postReview } from './review-request.js';

const PATH = '/apis/authentication.k8s.io/v1/tokenreviews';

/**
 * Reviews bearer tokens with the cluster: `POST authentication.k8s.io/v1 tokenreviews` with the
 * operator's own credentials (its service account needs `create tokenreviews`, what the
 * `system:auth-delegator` ClusterRole grants). A token the cluster does not authenticate is
 * nobody (undefined); a failed request rejects. The token is sent only to the cluster.
 */
@Injectable()
export class ClusterTokenReviewer extends TokenReviewer {
  private readonly metrics: { total: Counter<string>; duration: Histogram<string> };

  constructor(
    private readonly clients: KubeApiResourceClientFactory,
    @InjectMetric(METRIC.delegatedAuthnRequestsTotal) total: Counter<string>,
    @InjectMetric(METRIC.delegatedAuthnRequestDuration) duration: Histogram<string>,
  ) {
    super();
    this.metrics = { total, duration };
  }

  get server(): string {
    return this.clients.transport.server;
  }

  async review(token: string): Promise<AuthenticatedUser | undefined> {
    const body = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token } };
    const status = await postReview(this.clients.transport, PATH, body, this.metrics);
    if (status.authenticated !== true || !isJsonObject(status.user) || typeof status.user.username !== 'string' || status.user.username === '') return undefined;
    return userOf(status.user);
  }
}

function userOf(user: Record<string, unknown>): AuthenticatedUser {
  const groups = Array.isArray(user.groups) ? user.groups.filter((group): group is string => typeof group === 'string') : [];
  if (!groups.includes(GROUP.authenticated)) groups.push(GROUP.authenticated);
  const extra = isJsonObject(user.extra) ? extraOf(user.extra) : undefined;
  return { username: user.username as string, ...(typeof user.uid === 'string' && user.uid ? { uid: user.uid } : {}), groups, ...(extra ? { extra } : {}) };
}

function extraOf(extra: Record<string, unknown>): Record<string, string[]> | undefined {
  const entries = Object.entries(extra).filter((entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((v) => typeof v === 'string'));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
