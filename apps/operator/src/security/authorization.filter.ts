import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { StatusError } from '@app/api-machinery';
import type { ResourceChange, UserInfo } from '@app/resources';
import { AuthorizationAttributes, Authorizer, Decision, forbiddenError, isPrivileged } from '@app/security';
import type { ChangeAuthorizer } from '@app/watch';
import { sendStatus } from '../http/send-status.js';
import { attributesFor } from './request-classifier.js';
import { contextOf, refuse } from './security-context.js';

/** Set on `res.locals` for `GET /watch`: which changes the caller may see. */
export const CHANGE_AUTHORIZER = 'authorizeChange';

/**
 * kube-apiserver's WithAuthorization, before the body is read: the verb on the resource (or the
 * path) must be allowed, else 403 `Forbidden` with kube's message (500 when the authorizer could
 * not decide). Two views over resources get more: `GET /events` also needs `list events` in its
 * `namespace` (or at the cluster scope), and `GET /watch` streams only the changes the caller may
 * `watch` (a predicate handed to the SSE controller in `res.locals.authorizeChange`).
 */
export function authorizationFilter(authorizer: Authorizer): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const context = contextOf(res);
    if (!authorizer.enabled || context.request.public || !context.user) return next();
    const user = context.user;
    const attributes = attributesFor(context.request, user);
    const refused = (checked: AuthorizationAttributes, decision: Decision) => {
      context.decision = decision;
      refuse(req, res, forbiddenError(checked, decision.reason));
    };
    authorizer
      .authorize(attributes)
      .then(async (decision) => {
        context.decision = decision;
        if (!decision.allowed) return refused(attributes, decision);
        const view = viewAttributes(context.request.route, req, user);
        const viewDecision = view && (await authorizer.authorize(view));
        if (view && viewDecision && !viewDecision.allowed) return refused(view, viewDecision);
        if (context.request.route === '/watch' && !isPrivileged(user)) {
          (res.locals as Record<string, unknown>)[CHANGE_AUTHORIZER] = changeAuthorizer(authorizer, user);
        }
        next();
      })
      .catch((error: unknown) => (error instanceof StatusError ? sendStatus(res, error) : next(error)));
  };
}

/** `GET /events` lists core Events: it needs `list events` where it looks. */
function viewAttributes(route: string, req: Request, user: UserInfo): AuthorizationAttributes | undefined {
  if (route !== '/events' || (req.method !== 'GET' && req.method !== 'HEAD')) return undefined;
  const namespace = typeof req.query.namespace === 'string' && req.query.namespace !== '' ? req.query.namespace : undefined;
  return { kind: 'resource', user, verb: 'list', apiGroup: '', apiVersion: 'v1', resource: 'events', namespace };
}

/**
 * A change is visible when the caller may `watch` its resource in its namespace, or else the
 * object by name (`resourceNames`). The namespace-wide question comes first: its answer covers
 * every object there (and is one cached decision, not one per object). A decision that cannot be
 * had hides the change.
 */
function changeAuthorizer(authorizer: Authorizer, user: UserInfo): ChangeAuthorizer {
  return async (change: ResourceChange) => {
    const { group, version, resource } = change.resource;
    const metadata = change.object.metadata ?? {};
    const attributes: AuthorizationAttributes = { kind: 'resource', user, verb: 'watch', apiGroup: group, apiVersion: version, resource, namespace: metadata.namespace };
    try {
      if ((await authorizer.authorize(attributes)).allowed) return true;
      return metadata.name !== undefined && (await authorizer.authorize({ ...attributes, name: metadata.name })).allowed;
    } catch {
      return false;
    }
  };
}
