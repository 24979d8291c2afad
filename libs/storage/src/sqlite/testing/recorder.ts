import { Observable } from 'rxjs';

/** Subscribes to an observable and records what it emits, for awaiting in specs. Test helper. */
export class Recorder<T> {
  readonly values: T[] = [];
  error?: unknown;
  completed = false;
  private wake?: () => void;
  private readonly subscription;

  constructor(source: Observable<T>, onValue?: (value: T) => void) {
    this.subscription = source.subscribe({
      next: (value) => {
        this.values.push(value);
        onValue?.(value);
        this.wake?.();
      },
      error: (error: unknown) => {
        this.error = error;
        this.wake?.();
      },
      complete: () => {
        this.completed = true;
        this.wake?.();
      },
    });
  }

  /** Resolves once `count` values have arrived; rejects on the source's error or completion. */
  async take(count: number): Promise<T[]> {
    for (;;) {
      if (this.values.length >= count) return this.values.slice(0, count);
      if (this.error) throw this.error;
      if (this.completed) throw new Error(`completed after ${this.values.length} of ${count} values`);
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Resolves when the source errors; resolves with that error. */
  async failure(): Promise<unknown> {
    while (!this.error) {
      if (this.completed) throw new Error('completed without error');
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return this.error;
  }

  unsubscribe(): void {
    this.subscription.unsubscribe();
  }
}
