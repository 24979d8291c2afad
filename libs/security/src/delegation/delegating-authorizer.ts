import { Inject, Injectable, Logger } from '@nestjs/common';
import { InternalError } from '@app/api-machinery';
import { AccessControlModuleOptions } from '../access-control-options.interface.js';
import { isPrivileged } from '../authn/user.js';
import type { AuthorizationAttributes, Decision } from '../authz/authorization-attributes.js';
import { Authorizer } from '../authz/authorizer.service.js';
import { ACCESS_CONTROL_OPTIONS } from '../security.constants.js';
import { ExpiringCache } from './expiring-cache.js';
import { SubjectAccessReviewer } from './subject-access-reviewer.js';

/** kube's webhook authorizer defaults (--authorization-webhook-cache-{authorized,unauthorized}-ttl). */
export const DEFAULT_ACCESS_REVIEW_TTLS = { allowedMs: 300_000, deniedMs: 30_000 };
const MAX_ENTRIES = 10_000;

/**
 * Cluster mode's authorizer: members of system:masters may do everything (as kube-apiserver's
 * privileged group); every other decision is the cluster's, through a SubjectAccessReview for the
 * request's user, groups and attributes, so the cluster's RBAC (Roles, bindings, aggregation)
 * governs the operator's own endpoints. Decisions are cached (allowed 5 minutes, denied 30 s) and
 * concurrent identical reviews share one request. A review that fails rejects with a 500
 * InternalError, as kube-apiserver's WithAuthorization answers an authorizer error.
 */
@Injectable()
export class DelegatingAuthorizer extends Authorizer {
  private readonly logger = new Logger('Authorization');
  private readonly decisions = new ExpiringCache<Decision>(MAX_ENTRIES);
  private readonly pending = new Map<string, Promise<Decision>>();
  private readonly ttls: { allowedMs: number; deniedMs: number };

  constructor(
    @Inject(ACCESS_CONTROL_OPTIONS) private readonly options: AccessControlModuleOptions,
    private readonly reviewer: SubjectAccessReviewer,
  ) {
    super();
    this.ttls = options.accessReviewCacheTtls ?? DEFAULT_ACCESS_REVIEW_TTLS;
  }

  get enabled(): boolean {
    return this.options.mode === 'token';
  }

  authorize(attributes: AuthorizationAttributes): Promise<Decision> {
    if (!this.enabled) return Promise.resolve({ allowed: true, reason: 'authorization is off (AUTH_MODE=none)' });
    if (isPrivileged(attributes.user)) return Promise.resolve({ allowed: true, reason: '' });
    const key = cacheKey(attributes);
    const cached = this.decisions.get(key);
    if (cached) return Promise.resolve(cached);
    return this.pending.get(key) ?? this.review(key, attributes);
  }

  private review(key: string, attributes: AuthorizationAttributes): Promise<Decision> {
    const review = this.reviewer.review(attributes).then(
      (decision) => {
        this.decisions.set(key, decision, decision.allowed ? this.ttls.allowedMs : this.ttls.deniedMs);
        return decision;
      },
      (error: Error) => {
        this.logger.warn(`SubjectAccessReview at ${this.reviewer.server} failed: ${error.message}`);
        throw new InternalError(`the cluster did not answer the SubjectAccessReview: ${error.message}`);
      },
    );
    this.pending.set(key, review);
    const settled = () => this.pending.delete(key);
    review.then(settled, settled);
    return review;
  }
}

/** Everything a decision depends on: the user (name, uid, groups, extra) and the attributes. */
function cacheKey(attributes: AuthorizationAttributes): string {
  const { user, ...rest } = attributes;
  const groups = [...(user.groups ?? [])].sort();
  return JSON.stringify([user.username, user.uid ?? '', groups, user.extra ?? {}, rest]);
}
