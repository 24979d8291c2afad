import type { ServerResponse } from 'node:http';

/** A deadline on one response. */
export interface ResponseDeadline {
  /** Aborted when the deadline passes (for work that can stop early). */
  readonly signal: AbortSignal;
  /** True once the deadline answered the request. */
  readonly expired: boolean;
  cancel(): void;
}

/**
 * Arms a deadline on `res`: if it passes before the response has started, `answer(res)` writes
 * the timeout response (kube-apiserver's 504), the response is sealed so the handler, when it
 * finishes later, can write nothing more (never two responses), and `signal` aborts. A response
 * that has started streaming is left alone. Cancelled by itself when the response finishes or
 * its connection closes.
 */
export function armResponseDeadline(res: ServerResponse, timeoutMs: number, answer: (res: ServerResponse) => void): ResponseDeadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    if (res.headersSent || res.writableEnded) return;
    expired = true;
    answer(res);
    seal(res);
    controller.abort(new Error('request timed out'));
  }, timeoutMs);
  const cancel = () => clearTimeout(timer);
  res.once('finish', cancel);
  res.once('close', cancel);
  return {
    signal: controller.signal,
    get expired() {
      return expired;
    },
    cancel,
  };
}

/** Turns every later write on `res` into a no-op. */
function seal(res: ServerResponse): void {
  const target = res as unknown as Record<string, unknown>;
  const self = () => res;
  target.writeHead = self;
  target.setHeader = self;
  target.appendHeader = self;
  target.removeHeader = () => undefined;
  target.flushHeaders = () => undefined;
  target.write = () => true;
  target.end = self;
  target.destroy = self;
}
