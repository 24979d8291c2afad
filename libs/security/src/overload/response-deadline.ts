import type { ServerResponse } from 'node:http';

/** A deadline on one response. */
export interface ResponseDeadline {
  /**
   * Aborted when the deadline passes (for work that can stop early). Made on first read (most
   * requests never read it); read after the deadline passed, it is already aborted.
   */
  readonly signal: AbortSignal;
  /** True once the deadline answered the request. */
  readonly expired: boolean;
  cancel(): void;
}

/** How the deadline learns that the response is over (default: its `finish` and `close` events). */
export type WhenResponseDone = (res: ServerResponse, listener: () => void) => void;

const onFinishOrClose: WhenResponseDone = (res, listener) => {
  res.on('finish', listener);
  res.on('close', listener);
};

const TIMED_OUT = 'request timed out';

/**
 * Arms a deadline on `res`: if it passes before the response has started, `answer(res)` writes
 * the timeout response (kube-apiserver's 504), the response is sealed so the handler, when it
 * finishes later, can write nothing more (never two responses), and `signal` aborts. A response
 * that has started streaming is left alone. Cancelled by itself (its timer cleared) when the
 * response finishes or its connection closes, as `whenDone` reports.
 */
export function armResponseDeadline(res: ServerResponse, timeoutMs: number, answer: (res: ServerResponse) => void, whenDone: WhenResponseDone = onFinishOrClose): ResponseDeadline {
  const deadline = new Deadline();
  deadline.timer = setTimeout(() => {
    if (res.headersSent || res.writableEnded) return;
    deadline.expired = true;
    answer(res);
    seal(res);
    deadline.controller?.abort(new Error(TIMED_OUT));
  }, timeoutMs);
  whenDone(res, deadline.cancel);
  return deadline;
}

/** One armed deadline: its timer, and the AbortController behind `signal` once someone asked for it. */
class Deadline implements ResponseDeadline {
  timer: ReturnType<typeof setTimeout> | undefined;
  controller: AbortController | undefined;
  expired = false;

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.expired) this.controller.abort(new Error(TIMED_OUT));
    }
    return this.controller.signal;
  }

  readonly cancel = (): void => clearTimeout(this.timer);
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
