import { Inject, Injectable } from '@nestjs/common';
import type { UserInfo } from '@app/resources';
import { AccessControlModuleOptions } from '../access-control-options.interface.js';
import { isPrivileged } from '../authn/user.js';
import { ACCESS_CONTROL_OPTIONS } from '../security.constants.js';
import type { AuthorizationAttributes, Decision } from './authorization-attributes.js';
import { RbacEvaluator } from './rbac-evaluator.js';
import { RbacPolicyCache } from './rbac-policy-cache.js';
import { PolicyRule } from './rbac.types.js';

const EVERYTHING: PolicyRule[] = [
  { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
  { nonResourceURLs: ['*'], verbs: ['*'] },
];

/** The rules a user has in a namespace, as SelfSubjectRulesReview reports them. */
export interface UserRules {
  rules: PolicyRule[];
  /** True when some binding could not be evaluated (a missing role): more may be allowed than listed. */
  incomplete: boolean;
  evaluationError?: string;
}

/**
 * Decides whether a request may proceed (kube's authorizer.Authorizer). Standalone mode uses
 * RbacAuthorizer (RBAC served here); cluster mode the DelegatingAuthorizer (SubjectAccessReview
 * to the cluster). `authorize` rejects only when no decision could be had (a StatusError).
 */
export abstract class Authorizer {
  /** False with AUTH_MODE=none: every request is allowed and nobody is authenticated. */
  abstract readonly enabled: boolean;
  abstract authorize(attributes: AuthorizationAttributes): Promise<Decision>;
}

/**
 * The authorizer chain of kube-apiserver with `--authorization-mode=RBAC`: members of
 * system:masters may do everything; everyone else gets what RBAC grants. With mode `none`,
 * everything is allowed (nothing is authenticated either). `decide` is synchronous and side-effect
 * free (the policy is an in-memory cache).
 */
@Injectable()
export class RbacAuthorizer extends Authorizer {
  private readonly evaluator: RbacEvaluator;

  constructor(
    @Inject(ACCESS_CONTROL_OPTIONS) private readonly options: AccessControlModuleOptions,
    cache: RbacPolicyCache,
  ) {
    super();
    this.evaluator = new RbacEvaluator(cache);
  }

  get enabled(): boolean {
    return this.options.mode === 'token';
  }

  authorize(attributes: AuthorizationAttributes): Promise<Decision> {
    return Promise.resolve(this.decide(attributes));
  }

  decide(attributes: AuthorizationAttributes): Decision {
    if (!this.enabled) return { allowed: true, reason: 'authorization is off (AUTH_MODE=none)' };
    if (isPrivileged(attributes.user)) return { allowed: true, reason: '' };
    return this.evaluator.authorize(attributes);
  }

  rulesFor(user: UserInfo, namespace: string): UserRules {
    if (!this.enabled) return { rules: EVERYTHING, incomplete: false };
    const { rules, errors } = this.evaluator.rulesFor(user, namespace);
    const all = isPrivileged(user) ? [...EVERYTHING, ...rules] : rules;
    const unique = [...new Map(all.map((rule) => [JSON.stringify(rule), rule])).values()];
    return { rules: unique, incomplete: errors.length > 0, ...(errors.length > 0 ? { evaluationError: errors.join(', ') } : {}) };
  }
}
