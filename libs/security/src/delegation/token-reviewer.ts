import type { AuthenticatedUser } from '../authn/user.js';

/**
 * Asks someone else who a bearer token belongs to: in cluster mode, kube-apiserver through a
 * `TokenReview` (kube's webhook token authenticator, as the delegating authenticator of
 * controller-runtime and kube-rbac-proxy uses it). Resolves the user when the token is valid,
 * undefined when the reviewer says it is not; rejects when no answer could be had (the request
 * is then refused 401, and nothing is cached). Provided by the mode that has a cluster
 * (libs/cluster); absent in standalone mode.
 */
export abstract class TokenReviewer {
  abstract review(token: string): Promise<AuthenticatedUser | undefined>;
  /** Where tokens are reviewed, for logs (`https://10.0.0.1:443`). */
  abstract readonly server: string;
}
