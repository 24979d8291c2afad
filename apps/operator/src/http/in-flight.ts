import type { NextFunction, Request, Response } from 'express';
import { onResponseDone } from './response-done.js';

/**
 * Counts requests in flight so shutdown can wait for them. Long-running requests (watches,
 * event streams) mark themselves with `markLongRunning` and are ended by shutdown instead.
 */
export class InFlightRequests {
  private count = 0;
  private waiters: (() => void)[] = [];

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    this.count++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.count--;
      if (this.count === 0) this.waiters.splice(0).forEach((wake) => wake());
    };
    onResponseDone(res, finish);
    (res.locals as { finishInFlight?: () => void }).finishInFlight = finish;
    next();
  };

  /** A watch or stream: it no longer holds shutdown back. */
  static markLongRunning(res: Response): void {
    (res.locals as { finishInFlight?: () => void }).finishInFlight?.();
  }

  get size(): number {
    return this.count;
  }

  /** Resolves when no counted request is in flight, or after `timeoutMs`. */
  drained(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
