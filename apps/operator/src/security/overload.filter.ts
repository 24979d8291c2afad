import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { parseGoDuration, TimeoutError, TooManyRequestsError } from '@app/api-machinery';
import { armResponseDeadline, isPrivileged, MaxInFlightLimiter, RETRY_AFTER_SECONDS } from '@app/security';
import type { ServerResponse } from 'node:http';
import { onResponseDone } from '../http/response-done.js';
import { sendStatus } from '../http/send-status.js';
import { contextOf, refuse } from './security-context.js';

/**
 * kube-apiserver's WithMaxInFlightLimit: a request that is not long-running (watches and the
 * SSE stream are) and not a probe takes a seat in the read-only or the mutating pool until its
 * response ends; a full pool answers 429 `TooManyRequests` with `Retry-After: 1` at once.
 * Members of system:masters are never refused, as in kube.
 */
export function inFlightFilter(limiter: MaxInFlightLimiter): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const { request, user } = contextOf(res);
    if (request.longRunning || request.probe) return next();
    const release = limiter.tryAcquire(request.mutating);
    if (!release) {
      if (user && isPrivileged(user)) return next();
      return refuse(req, res, new TooManyRequestsError('Too many requests, please try again later.', RETRY_AFTER_SECONDS));
    }
    onResponseDone(res, release);
    next();
  };
}

/**
 * kube-apiserver's request deadline: a request that is not long-running gets
 * REQUEST_TIMEOUT_SECONDS (less if its `?timeout=` asks for less); when it passes before the
 * response has started, the client gets 504 `Timeout`, the connection is closed (an unread body
 * is dropped), the handler's later writes are discarded and `res.locals.abortSignal` aborts.
 */
export function deadlineFilter(timeoutSeconds: number): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const { request } = contextOf(res);
    if (request.longRunning || request.probe) return next();
    const deadline = armResponseDeadline(res, timeoutMs(req, timeoutSeconds), answerTimeout, onResponseDone);
    // Read by few handlers: the AbortController behind it is made on first read.
    Object.defineProperty(res.locals, 'abortSignal', { get: () => deadline.signal, enumerable: true, configurable: true });
    next();
  };
}

function answerTimeout(res: ServerResponse): void {
  res.setHeader('Connection', 'close');
  sendStatus(res as Response, new TimeoutError('Timeout: request did not complete within requested timeout - context deadline exceeded'));
}

function timeoutMs(req: Request, timeoutSeconds: number): number {
  const maximum = timeoutSeconds * 1000;
  const asked = typeof req.query.timeout === 'string' ? parseGoDuration(req.query.timeout) : undefined;
  return asked !== undefined && asked > 0 && asked < maximum ? asked : maximum;
}
