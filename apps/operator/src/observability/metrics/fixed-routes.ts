/** The parts of Express 5's application and router that `fixedRoutesOf` reads. */
interface RouterLike {
  stack?: Array<{ route?: { path?: unknown } }>;
}
interface AppLike {
  router?: RouterLike;
}

const cache = new WeakMap<object, { size: number; routes: Set<string> }>();

/**
 * Paths of the app's routes that have no parameters (`/validate`, `/leader`, `/metrics`), read
 * from the Express router (re-read when routes are added). Lets a request answered before
 * routing still carry its route as the label, without letting arbitrary paths in.
 */
export function fixedRoutesOf(app: unknown): ReadonlySet<string> {
  const stack = (app as AppLike | undefined)?.router?.stack;
  if (!stack) return new Set();
  const cached = cache.get(stack);
  if (cached && cached.size === stack.length) return cached.routes;
  const routes = new Set<string>();
  for (const layer of stack) {
    for (const path of [layer.route?.path].flat()) {
      if (typeof path === 'string' && !/[:*?(]/.test(path)) routes.add(path.length > 1 ? path.replace(/\/+$/, '') : path);
    }
  }
  cache.set(stack, { size: stack.length, routes });
  return routes;
}
