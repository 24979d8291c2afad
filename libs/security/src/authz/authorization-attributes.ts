import type { UserInfo } from '@app/resources';

/** A request on a resource, as kube's authorizer.Attributes describes it. */
export interface ResourceAttributes {
  kind: 'resource';
  user: UserInfo;
  verb: string;
  apiGroup: string;
  apiVersion?: string;
  resource: string;
  subresource?: string;
  /** '' or undefined: cluster scope (or all namespaces). */
  namespace?: string;
  name?: string;
}

/** A request on a path that is not a resource (`/metrics`, `/watch`, discovery). */
export interface NonResourceAttributes {
  kind: 'nonResource';
  user: UserInfo;
  /** The lower-case HTTP method (`get`, `post`, ...). */
  verb: string;
  path: string;
}

export type AuthorizationAttributes = ResourceAttributes | NonResourceAttributes;

/** An authorization outcome; `reason` explains it as kube's RBAC authorizer does (may be ''). */
export interface Decision {
  allowed: boolean;
  reason: string;
}
