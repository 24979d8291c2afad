import type { Request } from 'express';
import type { TLSSocket } from 'node:tls';
import { parseFieldSelector } from '@app/api-machinery';
import type { AuthorizationAttributes } from '@app/security';
import type { UserInfo } from '@app/resources';
import { requestInfoOf } from '../kube/request-info-of.js';

/** What the security filters need to know about a request before its body is read. */
export interface ClassifiedRequest {
  path: string;
  /**
   * The path as Express routes it (case-insensitive, trailing slash ignored): `/watch/` and
   * `/Watch` reach the SSE controller too, so checks tied to a handler compare this.
   */
  route: string;
  /** Authorization attributes without the user (filled in once authenticated). */
  attributes: DistributiveOmit<AuthorizationAttributes, 'user'>;
  /** Watches and the SSE stream: not counted in flight, no timeout. */
  longRunning: boolean;
  mutating: boolean;
  /** /healthz, /livez, /readyz: never refused. */
  probe: boolean;
  /** Served to anyone, with no authentication, authorization or audit. */
  public: boolean;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const PROBES = new Set(['/healthz', '/livez', '/readyz']);
const PUBLIC_GET = new Set(['/healthz', '/livez', '/readyz', '/version', '/dashboard', '/webhook/ca.crt', '/security/dashboard-auth.js', '/docs', '/docs-json', '/docs-yaml']);
/** Static pages and their assets: no data, and a browser cannot send a token to load them. */
const PUBLIC_PREFIXES = ['/dashboard/assets/', '/docs/'];
const WEBHOOKS = new Set(['/validate', '/mutate', '/convert']);

export interface ClassifierOptions {
  metricsAnonymous: boolean;
}

/**
 * Classifies a request as kube-apiserver's RequestInfoFactory and long-running check do:
 * resource requests under /api and /apis (a `metadata.name=` field selector names the object of
 * a list or watch), everything else a non-resource request with the lower-case method as verb.
 * Public: the probes, /version, the static pages (dashboard, Swagger UI and the API document they
 * load, the dashboard's token script), the webhook CA, /metrics when anonymous metrics are on,
 * and the admission and conversion webhooks when called over the webhook TLS port (kube-apiserver sends no token).
 */
export function classifyRequest(req: Request, options: ClassifierOptions): ClassifiedRequest {
  const path = req.path;
  const method = req.method.toUpperCase();
  const read = method === 'GET' || method === 'HEAD';
  const info = requestInfoOf(req);
  const attributes: ClassifiedRequest['attributes'] =
    info?.kind === 'resource'
      ? { kind: 'resource', verb: info.verb, apiGroup: info.group, apiVersion: info.version, resource: info.resource, subresource: info.subresource, namespace: info.namespace, name: info.name ?? nameFromFieldSelector(info.verb, req.query.fieldSelector) }
      : { kind: 'nonResource', verb: method.toLowerCase(), path };
  const route = path.toLowerCase().replace(/\/+$/, '') || '/';
  const longRunning = (attributes.kind === 'resource' && attributes.verb === 'watch') || (read && route === '/watch');
  return {
    path,
    route,
    attributes,
    longRunning,
    mutating: !read && method !== 'OPTIONS',
    probe: read && PROBES.has(path),
    public: isPublic(req, path, read, options),
  };
}

/** The classified attributes for `user`. */
export function attributesFor(request: ClassifiedRequest, user: UserInfo): AuthorizationAttributes {
  return { ...request.attributes, user } as AuthorizationAttributes;
}

function isPublic(req: Request, path: string, read: boolean, options: ClassifierOptions): boolean {
  if (/(^|\/)\.\.?(\/|$)|%2f|%5c|\\/i.test(path)) return false;
  if (read && (PUBLIC_GET.has(path) || PUBLIC_PREFIXES.some((prefix) => path.startsWith(prefix)))) return true;
  if (read && path === '/metrics' && options.metricsAnonymous) return true;
  return req.method === 'POST' && WEBHOOKS.has(path) && (req.socket as TLSSocket).encrypted === true;
}

function nameFromFieldSelector(verb: string, selector: unknown): string | undefined {
  if (!['list', 'watch', 'deletecollection'].includes(verb) || typeof selector !== 'string' || selector === '') return undefined;
  try {
    return parseFieldSelector(selector).requiresExactMatch('metadata.name');
  } catch {
    return undefined;
  }
}
