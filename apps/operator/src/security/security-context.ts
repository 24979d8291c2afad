import type { Request, Response } from 'express';
import { StatusError } from '@app/api-machinery';
import type { UserInfo } from '@app/resources';
import type { Decision } from '@app/security';
import { sendStatus } from '../http/send-status.js';
import type { ClassifiedRequest } from './request-classifier.js';

/** What the security filters learn about one request, kept in `res.locals.security`. */
export interface SecurityContext {
  request: ClassifiedRequest;
  receivedAt: Date;
  /** The authenticated user (undefined with AUTH_MODE=none and on public paths). */
  user?: UserInfo;
  decision?: Decision;
}

export function contextOf(res: Response): SecurityContext {
  return (res.locals as { security: SecurityContext }).security;
}

export function setContext(res: Response, context: SecurityContext): void {
  (res.locals as { security?: SecurityContext }).security = context;
}

/**
 * Answers a request the filters refuse, before its body is read: the Status, and
 * `Connection: close` when a body may still be on its way (so it need not be drained).
 */
export function refuse(req: Request, res: Response, error: StatusError): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  if (hasBody && !res.headersSent) res.setHeader('Connection', 'close');
  sendStatus(res, error);
  if (hasBody) req.resume();
}
