import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ResourceChange, UserInfo } from '@app/resources';
import { AuthorizationAttributes, Authorizer, forbiddenError, isPrivileged } from '@app/security';
import { attributesFor } from './request-classifier.js';
import { contextOf, refuse } from './security-context.js';

/** Set on `res.locals` for `GET /watch`: which changes the caller may see. */
export const CHANGE_AUTHORIZER = 'authorizeChange';
export type ChangeAuthorizer = (change: ResourceChange) => boolean;

/**
 * kube-apiserver's WithAuthorization, before the body is read: the verb on the resource (or the
 * path) must be allowed, else 403 `Forbidden` with kube's message. Two views over resources get
 * more: `GET /events` also needs `list events` in its `namespace` (or at the cluster scope), and
 * `GET /watch` streams only the changes the caller may `watch` (a predicate handed to the SSE
 * controller in `res.locals.authorizeChange`).
 */
export function authorizationFilter(authorizer: Authorizer): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const context = contextOf(res);
    if (!authorizer.enabled || context.request.public || !context.user) return next();
    const attributes = attributesFor(context.request, context.user);
    const decision = authorizer.authorize(attributes);
    context.decision = decision;
    if (!decision.allowed) return refuse(req, res, forbiddenError(attributes, decision.reason));
    const view = viewCheck(authorizer, context.request.route, req, context.user);
    if (view && !view.decision.allowed) {
      context.decision = view.decision;
      return refuse(req, res, forbiddenError(view.attributes, view.decision.reason));
    }
    if (context.request.route === '/watch' && !isPrivileged(context.user)) {
      (res.locals as Record<string, unknown>)[CHANGE_AUTHORIZER] = changeAuthorizer(authorizer, context.user);
    }
    next();
  };
}

/** `GET /events` lists core Events: it needs `list events` where it looks. */
function viewCheck(authorizer: Authorizer, route: string, req: Request, user: UserInfo) {
  if (route !== '/events' || (req.method !== 'GET' && req.method !== 'HEAD')) return undefined;
  const namespace = typeof req.query.namespace === 'string' && req.query.namespace !== '' ? req.query.namespace : undefined;
  const attributes: AuthorizationAttributes = { kind: 'resource', user, verb: 'list', apiGroup: '', apiVersion: 'v1', resource: 'events', namespace };
  return { attributes, decision: authorizer.authorize(attributes) };
}

/** A change is visible when the caller may `watch` its resource in its namespace (or by name). */
function changeAuthorizer(authorizer: Authorizer, user: UserInfo): ChangeAuthorizer {
  return (change) =>
    authorizer.authorize({
      kind: 'resource',
      user,
      verb: 'watch',
      apiGroup: change.resource.group,
      apiVersion: change.resource.version,
      resource: change.resource.resource,
      namespace: change.object.metadata?.namespace,
      name: change.object.metadata?.name,
    }).allowed;
}
