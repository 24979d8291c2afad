import type { ServerResponse } from 'node:http';

/** Which event ended the response: `finish` (all of it was handed to the OS) or `close` (first: the connection went away). */
export type ResponseEnd = 'finish' | 'close';

const CALLBACKS = Symbol('responseDoneCallbacks');

type Tracked = ServerResponse & { [CALLBACKS]?: Array<(end: ResponseEnd) => void> };

/**
 * Calls `callback` once, at the first `finish` or `close` of `res` emitted after this call, as
 * `res.once('finish', f); res.once('close', f)` with a guard would, in the order the callbacks
 * were registered. Every middleware of a request shares one `finish` and one `close` listener
 * (instead of a pair of once-wrappers each), which keeps the per-request garbage down.
 * Synchronous, single-threaded: not for use across requests.
 */
export function onResponseDone(res: ServerResponse, callback: (end: ResponseEnd) => void): void {
  const tracked = res as Tracked;
  const callbacks = tracked[CALLBACKS];
  if (callbacks) {
    callbacks.push(callback);
    return;
  }
  tracked[CALLBACKS] = [callback];
  res.on('finish', onFinish);
  res.on('close', onClose);
}

function onFinish(this: Tracked): void {
  run(this, 'finish');
}

function onClose(this: Tracked): void {
  run(this, 'close');
}

function run(res: Tracked, end: ResponseEnd): void {
  const callbacks = res[CALLBACKS];
  if (!callbacks || callbacks.length === 0) return;
  res[CALLBACKS] = [];
  for (const callback of callbacks) callback(end);
}
