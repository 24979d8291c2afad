/** One reconcile as a replica logged it: `reconcile start|end <key> identity=<id> t=<epoch ms>`. */
export interface ReconcileInterval {
  identity: string;
  key: string;
  start: number;
  /** Undefined while open; closed at the process's death when it never logged an end. */
  end?: number;
  fenced?: boolean;
  /** Closed by the process dying (kill -9) rather than by an end line. */
  cutShort?: boolean;
}

/** A window during which a replica's process was stopped (SIGSTOP .. SIGCONT). */
export interface PauseWindow {
  identity: string;
  from: number;
  to: number;
}

export interface Overlap {
  a: ReconcileInterval;
  b: ReconcileInterval;
  /**
   * Why the overlap is harmless, if it is: one side spanned a SIGSTOP of its own process
   * (`pause`), or one side ended by finding it no longer leads and wrote nothing more
   * (`renew-deadline`: isLeader() is checked before every write, and writes are compare-and-swap).
   */
  fenced?: 'pause' | 'renew-deadline';
}

const LINE = /reconcile (start|end) (\S+) identity=(\S+) t=(\d+)(?: fenced=(true|false))?/;

/** Collects the reconcile intervals of every replica from their log lines. */
export class ReconcileLog {
  readonly intervals: ReconcileInterval[] = [];
  private readonly open = new Map<string, ReconcileInterval>();

  /** Feeds one output line; ignores lines that are not reconcile lines. */
  line(text: string): void {
    const match = LINE.exec(text);
    if (!match) return;
    const [, phase, key, identity, t, fenced] = match;
    const id = `${identity}\u0000${key}`;
    if (phase === 'start') {
      const interval: ReconcileInterval = { identity, key, start: Number(t) };
      this.open.set(id, interval);
      this.intervals.push(interval);
      return;
    }
    const interval = this.open.get(id);
    if (!interval) return;
    interval.end = Number(t);
    interval.fenced = fenced === 'true';
    this.open.delete(id);
  }

  /** The process of `identity` died at `at`: its open reconciles end there. */
  died(identity: string, at: number): void {
    for (const [id, interval] of this.open) {
      if (interval.identity !== identity) continue;
      interval.end = at;
      interval.cutShort = true;
      this.open.delete(id);
    }
  }

  openCount(identity?: string): number {
    return [...this.open.values()].filter((i) => identity === undefined || i.identity === identity).length;
  }
}

/**
 * Every pair of reconciles by different replicas whose [start, end] intervals intersect (open
 * intervals count as running until `now`). A pair is fenced when one interval spans a SIGSTOP
 * window of its own replica (it could not act while stopped, and once resumed its renew deadline
 * has passed, so it writes nothing more; a stale write would fail its compare-and-swap anyway),
 * or when one side's reconcile ended fenced (it found itself no longer leader before a write).
 */
export function findOverlaps(intervals: ReconcileInterval[], pauses: PauseWindow[], now: number): Overlap[] {
  const sorted = [...intervals].sort((x, y) => x.start - y.start);
  const overlaps: Overlap[] = [];
  const endOf = (i: ReconcileInterval) => i.end ?? now;
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length && sorted[j].start < endOf(sorted[i]); j++) {
      const a = sorted[i];
      const b = sorted[j];
      if (a.identity === b.identity || !(b.start < endOf(a) && a.start < endOf(b))) continue;
      const fenced = spansPause(a, pauses, now) || spansPause(b, pauses, now) ? 'pause' : a.fenced || b.fenced ? 'renew-deadline' : undefined;
      overlaps.push({ a, b, fenced });
    }
  }
  return overlaps;
}

function spansPause(interval: ReconcileInterval, pauses: PauseWindow[], now: number): boolean {
  const end = interval.end ?? now;
  return pauses.some((p) => p.identity === interval.identity && interval.start <= p.from && end >= p.from);
}
