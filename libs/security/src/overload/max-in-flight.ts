/** A seat held by one request; release is idempotent. */
export type Release = () => void;

/**
 * kube-apiserver's max-in-flight filter: two independent pools, one for read-only requests
 * (`get`, `list`) and one for mutating ones, each capped (0: no cap). A full pool refuses at
 * once (the caller answers 429): there is never a queue. Long-running requests (watches) are
 * not passed here at all. Not thread-safe by need: Node runs it on one thread.
 */
export class MaxInFlightLimiter {
  private readOnly = 0;
  private mutating = 0;

  constructor(
    private readonly maxReadOnly: number,
    private readonly maxMutating: number,
  ) {}

  /** A seat in the right pool, or undefined when that pool is full. */
  tryAcquire(isMutating: boolean): Release | undefined {
    const limit = isMutating ? this.maxMutating : this.maxReadOnly;
    const current = isMutating ? this.mutating : this.readOnly;
    if (limit > 0 && current >= limit) return undefined;
    this.add(isMutating, 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.add(isMutating, -1);
    };
  }

  /** Seats currently held, per pool. */
  get inFlight(): { readOnly: number; mutating: number } {
    return { readOnly: this.readOnly, mutating: this.mutating };
  }

  private add(isMutating: boolean, delta: number): void {
    if (isMutating) this.mutating += delta;
    else this.readOnly += delta;
  }
}
