import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** A middleware made of others, run in order; `members` lists them. */
export type MiddlewareChain = RequestHandler & { readonly members: readonly RequestHandler[] };

/**
 * One Express middleware that runs `members` in order, as `app.use(...members)` would, for one
 * router layer instead of one each (every layer is a round through the router's `next` for
 * every request). Same contract as Express's router for non-error middlewares mounted at `/`: a
 * member that throws, or returns a promise that rejects, passes the error on; `next(error)`
 * skips the members left and hands the error to the app (which runs no other middleware of this
 * chain: none of them handles errors); `next('route')` goes on to the next member; `next('router')`
 * leaves the app's router; `next()` after the last member continues in the app.
 */
export function chainMiddlewares(...members: RequestHandler[]): MiddlewareChain {
  const chain = (req: Request, res: Response, done: NextFunction): void => {
    let index = 0;
    const next = (error?: unknown): void => {
      if (error && error !== 'route') return done(error);
      if (index >= members.length) return done();
      run(members[index++], req, res, next);
    };
    next();
  };
  return Object.assign(chain, { members: Object.freeze([...members]) });
}

function run(member: RequestHandler, req: Request, res: Response, next: NextFunction): void {
  try {
    const returned: unknown = member(req, res, next);
    if (isPromise(returned)) returned.then(undefined, (error: unknown) => next(error || new Error('Rejected promise')));
  } catch (error) {
    next(error);
  }
}

function isPromise(value: unknown): value is Promise<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}
