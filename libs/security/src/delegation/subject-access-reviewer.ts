import type { AuthorizationAttributes, Decision } from '../authz/authorization-attributes.js';

/**
 * Asks someone else whether a request is allowed: in cluster mode, kube-apiserver through a
 * `SubjectAccessReview` for the request's user and attributes (kube's webhook authorizer, as the
 * delegating authorizer of controller-runtime and kube-rbac-proxy uses it). Rejects when no answer
 * could be had. Provided by the mode that has a cluster (libs/cluster).
 */
export abstract class SubjectAccessReviewer {
  abstract review(attributes: AuthorizationAttributes): Promise<Decision>;
  /** Where requests are authorized, for logs. */
  abstract readonly server: string;
}
