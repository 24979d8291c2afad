import type { UserInfo } from '@app/resources';

/** kube-apiserver's well-known groups and users. */
export const GROUP = {
  authenticated: 'system:authenticated',
  unauthenticated: 'system:unauthenticated',
  /** Members may do everything, whatever RBAC says (kube's privileged group). */
  masters: 'system:masters',
} as const;

/** The identity of a request that presented no credentials (only public paths accept it). */
export const ANONYMOUS_USER: AuthenticatedUser = Object.freeze({ username: 'system:anonymous', groups: [GROUP.unauthenticated] });

/** An authenticated identity, as admission (`AdmissionReview.request.userInfo`) and audit see it. */
export interface AuthenticatedUser extends UserInfo {
  groups: string[];
}

/** True when the user belongs to system:masters. */
export function isPrivileged(user: UserInfo): boolean {
  return user.groups?.includes(GROUP.masters) ?? false;
}

/** `system:serviceaccount:<namespace>:<name>`: how service account tokens authenticate. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}
