/** The `route` label of a request no route matched (unknown paths). */
export const UNMATCHED_ROUTE = 'unmatched';

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

/**
 * The Kubernetes API path template of `/api/...` and `/apis/...` paths, with every variable
 * part replaced by its name, as kube-apiserver's RequestInfo reads it:
 * `/apis/{group}/{version}/namespaces/{namespace}/{resource}/{name}/{subresource}`,
 * `/api/{version}/namespaces/{name}` (a Namespace), `/apis/{group}/{version}/watch/{resource}`.
 * `undefined` for other paths; UNMATCHED_ROUTE for API paths no resource can have.
 * Bounded: at most a few dozen distinct values whatever the input.
 */
export function kubeRouteTemplate(path: string): string | undefined {
  const parts = path.split('/').filter(Boolean);
  const prefix = parts.shift();
  if (prefix !== 'api' && prefix !== 'apis') return undefined;
  const template = [`/${prefix}`];
  if (prefix === 'apis' && parts.length > 0) {
    parts.shift();
    template.push('/{group}');
  }
  if (parts.length === 0) return template.join('');
  parts.shift();
  template.push('/{version}');
  if (parts[0] === 'watch') {
    parts.shift();
    template.push('/watch');
  }
  const rest = resourceTemplate(parts);
  return rest === undefined ? UNMATCHED_ROUTE : template.join('') + rest;
}

function resourceTemplate(parts: string[]): string | undefined {
  if (parts.length === 0) return '';
  if (parts[0] === 'namespaces' && parts.length > 1) {
    if (parts.length === 2) return '/namespaces/{name}';
    if (parts.length === 3 && NAMESPACE_SUBRESOURCES.has(parts[2])) return '/namespaces/{name}/{subresource}';
    return namedTemplate('/namespaces/{namespace}', parts.slice(2));
  }
  return namedTemplate('', parts);
}

function namedTemplate(scope: string, parts: string[]): string | undefined {
  const names = ['{resource}', '{name}', '{subresource}'];
  if (parts.length > names.length) return undefined;
  return scope + names.slice(0, parts.length).map((name) => `/${name}`).join('');
}

/** What `routeLabel` reads of an Express request (after routing, when it was routed). */
export interface RoutedRequest {
  path: string;
  baseUrl?: string;
  route?: { path?: unknown };
}

/**
 * The low-cardinality `route` label: the API template for Kubernetes paths; else the matched
 * Express route pattern (`/dashboard/assets/:file`); else, for requests answered before routing
 * (413/415 from the body reader), the path when it is one of the app's fixed routes; else
 * UNMATCHED_ROUTE. Never a raw path carrying a name.
 */
export function routeLabel(req: RoutedRequest, fixedRoutes: ReadonlySet<string>): string {
  const kube = kubeRouteTemplate(req.path);
  if (kube !== undefined) return kube;
  const pattern = req.route?.path;
  if (typeof pattern === 'string') return `${req.baseUrl ?? ''}${pattern}` || '/';
  const path = req.path.length > 1 ? req.path.replace(/\/+$/, '') : req.path;
  return fixedRoutes.has(path) ? path : UNMATCHED_ROUTE;
}
