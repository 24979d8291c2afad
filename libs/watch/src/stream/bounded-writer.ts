import type { ServerResponse } from 'node:http';
import { WriteLimits } from '../watch-module-options.interface.js';
import { scheduleFlush } from './flush-scheduler.js';

/**
 * Writes text to a streaming response and decides, once, that the peer stopped reading: when
 * more than `maxBufferedBytes` sit unread (held here, plus the response and socket buffers), or
 * when a write reported back-pressure and no 'drain' followed within `drainTimeoutMs`. After
 * that (or after the response ended) writes are refused, so memory per client stays bounded.
 *
 * Chunks are held until the end of the current event-loop turn and then written together, in
 * order (scheduleFlush): several changes fanned out in one turn cost this client one write
 * (one chunk of the chunked encoding, one syscall) instead of one each, and a change fanned
 * out to many clients is sent after the fan-out instead of inside it. `takePending()` hands
 * over what was not flushed yet, for a last write before the response ends.
 */
export class BoundedWriter {
  private drainTimer?: NodeJS.Timeout;
  private stalled = false;
  private pending = '';
  private scheduled = false;
  /** res.writableLength when this turn's first chunk arrived (reading it per chunk is not free). */
  private backlog = 0;

  constructor(
    private readonly res: ServerResponse,
    private readonly limits: WriteLimits,
    private readonly onStalled: () => void,
  ) {}

  /** True while the response accepts writes and the peer has not been declared stalled. */
  get open(): boolean {
    return !this.stalled && !this.res.destroyed && !this.res.writableEnded;
  }

  /** Text accepted but not handed to the response yet, plus what the response has not sent. */
  get bufferedLength(): number {
    return this.pending.length + this.res.writableLength;
  }

  /**
   * Queues a chunk for this turn's flush; false when it was refused or it tipped the client over
   * the limit. The response's state is read once per turn (first chunk); a response that ends
   * later in the turn gets nothing more written (flush checks again).
   */
  write(chunk: string): boolean {
    if (this.pending === '') {
      if (!this.open) return false;
      this.backlog = this.res.writableLength;
    } else if (this.stalled) {
      return false;
    }
    this.pending += chunk;
    if (this.backlog + this.pending.length > this.limits.maxBufferedBytes) {
      this.stall();
      return false;
    }
    if (!this.scheduled) {
      this.scheduled = true;
      scheduleFlush(this);
    }
    return true;
  }

  /** Writes what is pending now (called by the scheduler at the end of the turn). */
  flush(): void {
    this.scheduled = false;
    const chunk = this.takePending();
    if (chunk === '' || !this.open) return;
    const accepted = this.res.write(chunk);
    if (this.res.writableLength > this.limits.maxBufferedBytes) this.stall();
    else if (!accepted) this.awaitDrain();
  }

  /** What was accepted but not written yet; the writer forgets it. */
  takePending(): string {
    const chunk = this.pending;
    this.pending = '';
    return chunk;
  }

  /** Stops watching for drain; idempotent. Pending text stays for takePending(). */
  dispose(): void {
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.drainTimer = undefined;
    this.res.off('drain', this.drained);
  }

  private awaitDrain(): void {
    if (this.drainTimer) return;
    this.res.once('drain', this.drained);
    this.drainTimer = setTimeout(() => this.stall(), this.limits.drainTimeoutMs);
  }

  private readonly drained = (): void => {
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.drainTimer = undefined;
  };

  private stall(): void {
    if (this.stalled) return;
    this.stalled = true;
    this.pending = '';
    this.dispose();
    this.onStalled();
  }
}
