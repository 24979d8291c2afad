import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { UnauthorizedError } from '@app/api-machinery';
import type { Authenticator } from '@app/security';
import type { AuditRecorder } from './audit.filter.js';
import { classifyRequest, ClassifierOptions } from './request-classifier.js';
import { refuse, setContext } from './security-context.js';

/**
 * First security filter: classifies the request, then (AUTH_MODE=token) authenticates its
 * bearer token (token files, then, in cluster mode, a TokenReview). Public paths pass with no identity. No credentials, or credentials that match
 * no token, are answered 401 `Unauthorized` (and audited, like kube's failed-authentication
 * audit); a known token sets `req.user` = {username, uid, groups}, which the API handler hands
 * to admission as `userInfo`.
 */
export function authenticationFilter(authenticator: Authenticator, audit: AuditRecorder, options: ClassifierOptions): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const request = classifyRequest(req, options);
    const context = { request, receivedAt: new Date() };
    setContext(res, context);
    if (!authenticator.enabled || request.public) return next();
    authenticator.authenticate(req.headers.authorization).then((result) => {
      if (!result.user) {
        const error = new UnauthorizedError();
        audit.failedAuthentication(req, context, error);
        return refuse(req, res, error);
      }
      (req as Request & { user?: unknown }).user = result.user;
      setContext(res, { ...context, user: result.user });
      next();
    }, next);
  };
}
