import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { chainMiddlewares } from './middleware-chain.js';

const req = {} as Request;
const res = {} as Response;

/** Runs the chain; resolves with what it passed to the app's `next` (undefined when it went on without error). */
function run(...members: RequestHandler[]): Promise<unknown> {
  return new Promise((resolve) => chainMiddlewares(...members)(req, res, ((error?: unknown) => resolve(error)) as NextFunction));
}

describe(chainMiddlewares.name, () => {
  it('runs the members in order, then goes on in the app', async () => {
    const calls: number[] = [];
    const member = (n: number): RequestHandler => (_req, _res, next) => (calls.push(n), next());
    assert.equal(await run(member(1), member(2), (_q, _s, next) => next('route'), member(3)), undefined);
    assert.deepEqual(calls, [1, 2, 3]);
  });

  it('hands an error (passed, thrown or rejected) to the app and skips the members left', async () => {
    let reached = false;
    const last: RequestHandler = () => (reached = true);
    assert.equal(((await run((_q, _s, next) => next(new Error('passed')), last)) as Error).message, 'passed');
    assert.equal(((await run(() => { throw new Error('thrown'); }, last)) as Error).message, 'thrown');
    assert.equal(((await run((async () => { throw new Error('rejected'); }) as RequestHandler, last)) as Error).message, 'rejected');
    assert.equal(await run((_q, _s, next) => next('router'), last), 'router');
    assert.equal(reached, false);
  });

  it('lists its members', () => {
    const member: RequestHandler = (_req, _res, next) => next();
    assert.deepEqual(chainMiddlewares(member).members, [member]);
  });
});
