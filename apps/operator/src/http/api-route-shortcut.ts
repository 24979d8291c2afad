import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { MiddlewareChain } from './middleware-chain.js';

/** The parts of an Express 5 router layer (package `router`) read here. */
interface LayerLike {
  handle: unknown;
  rawPath?: unknown;
  route?: { path?: unknown };
}

/** The parts of an Express 5 router read here (`app.router`). */
interface RouterLike {
  stack: LayerLike[];
  params: unknown;
  caseSensitive?: boolean;
  mergeParams?: boolean;
  strict?: boolean;
  handle(req: Request, res: Response, done: NextFunction): void;
}

/**
 * An over-estimate of the lower-cased /api paths the layers between the shortcut and the targets
 * can match: these exact paths (trailing slashes removed), and every path under these prefixes.
 */
interface EarlierLayers {
  exact: Set<string>;
  prefixes: string[];
}

interface Plan {
  earlier: EarlierLayers;
  /** A router over the target layers only, in their order. */
  targets: RouterLike;
}

const PATTERN_SYNTAX = /[:*{}()?+![\]\\]/;

/**
 * An early middleware that hands Kubernetes API requests (`/api`, `/apis` and below) to the
 * catch-all API routes (`targets`, e.g. `apis/*path`) directly, instead of letting Express match
 * them against every route registered before those (Swagger UI, probes, webhooks, `/watch`...).
 * Precedence is unchanged: a request takes the shortcut only when no layer between this
 * middleware and the targets can match its path (the review routes under
 * `/apis/authorization.k8s.io/...`, ClusterApplicationsController's, or any added later, still
 * win); otherwise, or when no target matches, it goes on through the app's stack as before. The
 * same Layer objects serve it through the app's own router code, so params, `req.route` and
 * errors are as without it. `app` is the Express application; the plan is read from its router
 * on the first request (all routes are registered by then), and again when its stack grows.
 * Install with `app.use` right after the middlewares that must run first (or last in a
 * `chainMiddlewares` of them).
 */
export function apiRouteShortcut(app: unknown, targets: readonly string[]): RequestHandler {
  const targetPaths = new Set(targets.map((path) => `/${path.replace(/^\//, '')}`));
  let planned: { size: number; plan: Plan | undefined } | undefined;
  const shortcut = (req: Request, res: Response, next: NextFunction): void => {
    const main = (app as { router?: RouterLike }).router;
    if (!main || !Array.isArray(main.stack)) return next(); // not the Express 5 router this reads: no shortcut
    if (planned?.size !== main.stack.length) planned = { size: main.stack.length, plan: planOf(main, shortcut, targetPaths) };
    const plan = planned.plan;
    if (plan === undefined) return next();
    const path = req.path.toLowerCase();
    if (!isApiPath(path) || mayMatch(plan.earlier, path)) return next();
    plan.targets.handle(req, res, next);
  };
  return shortcut;
}

function mayMatch(earlier: EarlierLayers, path: string): boolean {
  if (earlier.exact.has(withoutTrailingSlashes(path))) return true;
  for (const prefix of earlier.prefixes) if (path.startsWith(prefix)) return true;
  return false;
}

function isApiPath(path: string): boolean {
  return path.startsWith('/api/') || path.startsWith('/apis/') || path === '/api' || path === '/apis';
}

/** Undefined when there is nothing to shortcut to, or when a layer on the way could match any path (then no request takes it). */
function planOf(main: RouterLike, self: unknown, targetPaths: ReadonlySet<string>): Plan | undefined {
  const stack = main.stack;
  const at = stack.findIndex((layer) => layer.handle === self || (layer.handle as Partial<MiddlewareChain>).members?.includes(self as RequestHandler));
  const isTarget = (layer: LayerLike) => typeof layer.route?.path === 'string' && targetPaths.has(layer.route.path);
  const targetIndexes = stack.flatMap((layer, index) => (index > at && isTarget(layer) ? [index] : []));
  if (at < 0 || targetIndexes.length === 0) return undefined;
  const earlier: EarlierLayers = { exact: new Set(), prefixes: [] };
  for (let index = at + 1; index < targetIndexes[targetIndexes.length - 1]; index++) {
    if (!isTarget(stack[index]) && !addApiPaths(stack[index], earlier)) return undefined;
  }
  const targets = Object.assign(Object.create(Object.getPrototypeOf(main) as object) as RouterLike, {
    stack: targetIndexes.map((index) => stack[index]),
    params: main.params,
    caseSensitive: main.caseSensitive,
    mergeParams: main.mergeParams,
    strict: main.strict,
  });
  return { earlier, targets };
}

/**
 * Adds to `earlier` an over-estimate of the lower-cased paths under /api `layer` can match: a
 * route with a fixed path matches that path (trailing slashes aside), anything else every path
 * starting with the part before its first parameter. False when that cannot be read (a RegExp),
 * or would be every path.
 */
function addApiPaths(layer: LayerLike, earlier: EarlierLayers): boolean {
  for (const raw of [layer.rawPath ?? '/'].flat(Infinity)) {
    if (typeof raw !== 'string') return false;
    const path = raw.toLowerCase();
    const syntax = path.search(PATTERN_SYNTAX);
    if (layer.route && syntax < 0) {
      const exact = withoutTrailingSlashes(path);
      if (exact.startsWith('/api')) earlier.exact.add(exact);
      continue;
    }
    const prefix = syntax < 0 ? path : path.slice(0, syntax);
    if (prefix === '' || prefix === '/') return false;
    if (prefix.startsWith('/api') || '/api'.startsWith(prefix)) earlier.prefixes.push(prefix);
  }
  return true;
}

function withoutTrailingSlashes(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.replace(/\/+$/, '') : path;
}
