import { SchedulerRegistry } from '@nestjs/schedule';

/**
 * One pending delayed add per key, kept as a named timeout (`<prefix>:<key>`) in Nest's
 * SchedulerRegistry so the schedule is inspectable. Scheduling a key that already has a timer
 * keeps whichever fires first (the earlier run wins). A timer is removed when it fires, when it
 * is cancelled, and on `clear()`.
 */
export class DelayedAdds {
  private readonly due = new Map<string, number>();

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly prefix: string,
    private readonly fire: (key: string) => void,
  ) {}

  /** Schedules `key` in `delayMs` unless an earlier run is already scheduled. Returns whether it did. */
  schedule(key: string, delayMs: number): boolean {
    const at = Date.now() + delayMs;
    const current = this.due.get(key);
    if (current !== undefined && current <= at) return false;
    this.cancel(key);
    const timer = setTimeout(() => this.expire(key), delayMs);
    timer.unref?.();
    this.registry.addTimeout(this.nameOf(key), timer);
    this.due.set(key, at);
    return true;
  }

  /** Removes `key`'s timer, if any. Idempotent. */
  cancel(key: string): void {
    if (!this.due.delete(key)) return;
    const name = this.nameOf(key);
    if (this.registry.doesExist('timeout', name)) this.registry.deleteTimeout(name);
  }

  /** When `key` is due (ms epoch), if it is scheduled. */
  dueAt(key: string): number | undefined {
    return this.due.get(key);
  }

  keys(): string[] {
    return [...this.due.keys()];
  }

  /** Cancels every timer (shutdown). */
  clear(): void {
    for (const key of [...this.due.keys()]) this.cancel(key);
  }

  nameOf(key: string): string {
    return `${this.prefix}:${key}`;
  }

  private expire(key: string): void {
    this.due.delete(key);
    const name = this.nameOf(key);
    // The timer has fired: drop its registry entry (clearTimeout of a fired timer is harmless).
    if (this.registry.doesExist('timeout', name)) this.registry.deleteTimeout(name);
    this.fire(key);
  }
}
