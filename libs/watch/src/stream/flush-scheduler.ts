/** Something with output held back until the current turn of the event loop is over. */
export interface Flushable {
  flush(): void;
}

let queued: Flushable[] = [];
let scheduled = false;

function flushQueued(): void {
  const batch = queued;
  queued = [];
  scheduled = false;
  for (let i = 0; i < batch.length; i++) {
    try {
      batch[i].flush();
    } catch (error) {
      // One target's failure must not leave the others holding their output: they go next turn.
      batch.slice(i + 1).forEach(scheduleFlush);
      throw error;
    }
  }
}

/**
 * Calls `target.flush()` once, in the check phase of this turn of the event loop (setImmediate),
 * together with every other target scheduled in the same turn: one timer for all of them. The
 * caller schedules a target at most once per flush (it keeps its own "scheduled" flag). Changes
 * that arrive in one turn (one I/O callback and its microtasks, or several when the process is
 * behind) so reach each client as one write: one syscall per client per turn, not per change.
 */
export function scheduleFlush(target: Flushable): void {
  queued.push(target);
  if (scheduled) return;
  scheduled = true;
  setImmediate(flushQueued);
}
