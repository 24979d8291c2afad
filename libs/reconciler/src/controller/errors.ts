/** A reconcile failure that retrying cannot fix (controller-runtime's reconcile.TerminalError). */
export class TerminalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TerminalError';
  }
}

/**
 * Thrown by a reconciler that found, right before a write, that this process is no longer the
 * leader. The controller re-queues the key without backoff and pauses its workers.
 */
export class NotLeaderError extends Error {
  constructor(message = 'this replica is no longer the leader') {
    super(message);
    this.name = 'NotLeaderError';
  }
}
