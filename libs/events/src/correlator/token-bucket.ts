/**
 * A token bucket that starts full (`burst` tokens) and refills at `qps` tokens per second,
 * computed lazily from the caller's clock (as client-go's flowcontrol token bucket).
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly burst: number,
    private readonly qps: number,
    nowMs: number,
  ) {
    this.tokens = burst;
    this.last = nowMs;
  }

  /** Takes one token if available; never waits. */
  tryAccept(nowMs: number): boolean {
    const elapsed = Math.max(0, nowMs - this.last) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.qps);
    this.last = Math.max(this.last, nowMs);
    if (this.tokens < 1 - 1e-9) return false; // tolerate float error in the refill sum
    this.tokens -= 1;
    return true;
  }
}
