/**
 * Lets a controller pause a set of concurrent loops at a safe point: each loop calls `pass()`
 * before each operation (and `leave()` when it ends); `pause()` resolves once every live loop is
 * waiting at the gate, so no operation is in flight; `resume()` lets them go on.
 */
export class Gate {
  private lock?: Promise<void>;
  private release?: () => void;
  private waiting = 0;
  private allWaiting?: () => void;

  constructor(private active: number) {}

  async pass(): Promise<void> {
    if (!this.lock) return;
    this.waiting++;
    this.settle();
    await this.lock;
    this.waiting--;
  }

  leave(): void {
    this.active--;
    this.settle();
  }

  pause(): Promise<void> {
    if (!this.lock) this.lock = new Promise((resolve) => (this.release = resolve));
    return new Promise((resolve) => {
      this.allWaiting = resolve;
      this.settle();
    });
  }

  resume(): void {
    const release = this.release;
    this.lock = undefined;
    this.release = undefined;
    release?.();
  }

  private settle(): void {
    if (this.lock && this.waiting >= this.active && this.allWaiting) {
      const resolve = this.allWaiting;
      this.allWaiting = undefined;
      resolve();
    }
  }
}
