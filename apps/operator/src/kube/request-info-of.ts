import type { Request } from 'express';
import { parseRequestInfo, RequestInfo } from './request-info.js';

const PARSED = Symbol('requestInfo');

interface Parsed {
  method: string;
  url: string | undefined;
  info?: RequestInfo;
  error?: unknown;
}

type Carrier = Pick<Request, 'method' | 'path' | 'query'> & { url?: string; [PARSED]?: Parsed };

/**
 * `parseRequestInfo` of this request (method upper-cased, its path and query), parsed once per
 * request and shared by the metrics middleware, the security classifier and the API controller:
 * the same result, or the same error thrown again (a malformed escape is a 400), at each call.
 * Parsed again if the request's method or URL changed since. The result is shared: read it, do
 * not modify it.
 */
export function requestInfoOf(req: Carrier): RequestInfo | undefined {
  let parsed = req[PARSED];
  if (parsed === undefined || parsed.method !== req.method || parsed.url !== req.url) {
    parsed = { method: req.method, url: req.url };
    try {
      parsed.info = parseRequestInfo(req.method.toUpperCase(), req.path, req.query as Record<string, unknown>);
    } catch (error) {
      parsed.error = error;
    }
    req[PARSED] = parsed;
  }
  if ('error' in parsed) throw parsed.error;
  return parsed.info;
}
