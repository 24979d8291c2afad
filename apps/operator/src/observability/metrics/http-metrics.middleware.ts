import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { ServerResponse } from 'node:http';
import { Counter, Histogram, InjectMetric, METRIC } from '@app/metrics';
import { requestInfoOf } from '../../kube/request-info-of.js';
import { onResponseDone } from '../../http/response-done.js';
import { routeLabel } from './http-route.js';
import { fixedRoutesOf } from './fixed-routes.js';

/** The `code` of a request whose client went away before any response was written (nginx's convention). */
export const CLIENT_CLOSED_CODE = '499';

/**
 * `http_requests_total{method,route,code}` and `http_request_duration_seconds{method,route,code}`
 * for every request the Express app answers: routed ones, Status errors written by the exception
 * filter, and 413/415/400 written by the body reader before routing (so it must be installed with
 * `app.use` before that reader). Long-running requests (Kubernetes watches, the SSE stream) are
 * counted once, when their response headers go out, and never observed in the latency histogram.
 * Each request is recorded exactly once.
 */
@Injectable()
export class HttpMetricsMiddleware {
  constructor(
    @InjectMetric(METRIC.httpRequestsTotal) private readonly requests: Counter<string>,
    @InjectMetric(METRIC.httpRequestDuration) private readonly duration: Histogram<string>,
  ) {}

  /** The Express middleware (bound; pass it to `app.use`). */
  readonly handle = (req: Request, res: Response, next: NextFunction): void => {
    const startedAt = process.hrtime.bigint();
    const longRunning = isLongRunning(req);
    let recorded = false;
    const record = (code: string) => {
      if (recorded) return;
      recorded = true;
      const labels = { method: req.method, route: routeLabel(req, fixedRoutesOf(req.app)), code };
      this.requests.inc(labels);
      if (!longRunning) this.duration.observe(labels, Number(process.hrtime.bigint() - startedAt) / 1e9);
    };
    if (longRunning) beforeHeaders(res, (status) => record(String(status)));
    onResponseDone(res, (end) => record(end === 'finish' || res.headersSent ? String(res.statusCode) : CLIENT_CLOSED_CODE));
    next();
  };
}

/** A Kubernetes watch (`?watch=true` or the legacy `/watch/` path) or a Server-Sent Events stream. */
export function isLongRunning(req: Pick<Request, 'method' | 'path' | 'query' | 'headers' | 'url'>): boolean {
  if (req.method !== 'GET') return false;
  if ((req.headers.accept ?? '').includes('text/event-stream') || req.path === '/watch' || req.path === '/watch/') return true;
  if (!req.path.startsWith('/api')) return false;
  const info = requestInfoOf(req);
  return info?.kind === 'resource' && info.verb === 'watch';
}

/** Calls `listener(statusCode)` just before the response's headers are written (explicitly or implicitly). */
function beforeHeaders(res: ServerResponse, listener: (statusCode: number) => void): void {
  const writeHead = res.writeHead as (...args: unknown[]) => ServerResponse;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    listener(typeof args[0] === 'number' ? args[0] : this.statusCode);
    return writeHead.apply(this, args);
  } as ServerResponse['writeHead'];
}
