import { ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const FIXTURE = fileURLToPath(new URL('./store-worker.fixture.js', import.meta.url));

/** A forked `store-worker.fixture` and a way to await its messages. Test helper. */
export interface Worker {
  child: ChildProcess;
  /** Resolves with the next message; rejects if the child exits first. */
  next<T = unknown>(): Promise<T>;
  /** Resolves when the child has exited. */
  exited: Promise<number | null>;
}

export function forkWorker(args: string[]): Worker {
  const child = fork(FIXTURE, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const queue: unknown[] = [];
  const waiters: Array<{ resolve(m: unknown): void; reject(e: Error): void }> = [];
  child.on('message', (message) => {
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(message);
    else queue.push(message);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    waiters.splice(0).forEach((w) => w.reject(new Error(`worker exited (${code}) before replying`)));
    resolve(code);
  }));
  const next = <T>(): Promise<T> => {
    if (queue.length > 0) return Promise.resolve(queue.shift() as T);
    if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error('worker has exited'));
    return new Promise<T>((resolve, reject) => waiters.push({ resolve: resolve as (m: unknown) => void, reject }));
  };
  return { child, next, exited };
}
