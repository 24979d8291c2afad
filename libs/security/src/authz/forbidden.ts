import { ForbiddenError, qualifiedResource } from '@app/api-machinery';
import type { AuthorizationAttributes } from './authorization-attributes.js';

const sanitize = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** kube-apiserver's forbiddenMessage: `User "u" cannot list resource "applications" in API group "g" in the namespace "ns"`. */
export function forbiddenMessage(attributes: AuthorizationAttributes): string {
  const user = attributes.user.username;
  if (attributes.kind === 'nonResource') return `User "${user}" cannot ${attributes.verb} path "${attributes.path}"`;
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource;
  const where = attributes.namespace ? `in the namespace "${attributes.namespace}"` : 'at the cluster scope';
  return `User "${user}" cannot ${attributes.verb} resource "${resource}" in API group "${attributes.apiGroup}" ${where}`;
}

/**
 * The 403 kube-apiserver answers a denied request with (responsewriters.Forbidden +
 * apierrors.NewForbidden): `applications.cloudnative.elide.dev "x" is forbidden: User ...`,
 * without the name when the request has none, `forbidden: User ... cannot get path "/metrics"`
 * for a non-resource path; the authorizer's reason, when there is one, is appended.
 */
export function forbiddenError(attributes: AuthorizationAttributes, reason = ''): ForbiddenError {
  const detail = sanitize(forbiddenMessage(attributes)) + (reason ? `: ${reason}` : '');
  if (attributes.kind === 'nonResource') return new ForbiddenError(`forbidden: ${detail}`, {});
  const resource = qualifiedResource({ group: attributes.apiGroup, resource: attributes.resource });
  const name = attributes.name ?? '';
  const message = name ? `${resource} "${name}" is forbidden: ${detail}` : `${resource} is forbidden: ${detail}`;
  return new ForbiddenError(message, { ...(name ? { name } : {}), ...(attributes.apiGroup ? { group: attributes.apiGroup } : {}), kind: attributes.resource });
}
