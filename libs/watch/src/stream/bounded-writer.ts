import type { ServerResponse } from 'node:http';
import { WriteLimits } from '../watch-module-options.interface.js';

/**
 * Writes text to a streaming response and decides, once, that the peer stopped reading: when
 * more than `maxBufferedBytes` sit unread in the response and socket buffers, or when write()
 * reported back-pressure and no 'drain' followed within `drainTimeoutMs`. After that (or after
 * the response ended) writes are refused, so memory per client stays bounded.
 */
export class BoundedWriter {
  private drainTimer?: NodeJS.Timeout;
  private stalled = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly limits: WriteLimits,
    private readonly onStalled: () => void,
  ) {}

  /** True while the response accepts writes and the peer has not been declared stalled. */
  get open(): boolean {
    return !this.stalled && !this.res.destroyed && !this.res.writableEnded;
  }

  /** Writes a chunk; false when it was refused or it tipped the client over the limit. */
  write(chunk: string): boolean {
    if (!this.open) return false;
    const accepted = this.res.write(chunk);
    if (this.res.writableLength > this.limits.maxBufferedBytes) {
      this.stall();
      return false;
    }
    if (!accepted) this.awaitDrain();
    return true;
  }

  /** Stops watching for drain; idempotent. */
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
    this.dispose();
    this.onStalled();
  }
}
