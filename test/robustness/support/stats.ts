/** The q-quantile (0..1) of `values` by nearest rank; 0 for an empty list. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export const MiB = 1024 * 1024;

export function mib(bytes: number): number {
  return Number((bytes / MiB).toFixed(1));
}

/**
 * "Bounded" as the soak checks it: the last sample is within `ratio` (plus `slack`) of the
 * largest sample of the first half. A value that keeps growing fails; one that plateaus passes.
 */
export function bounded(series: readonly number[], ratio: number, slack: number): { ok: boolean; detail: string } {
  if (series.length < 2) return { ok: false, detail: `${series.length} samples: too few to judge a trend` };
  const firstHalf = series.slice(0, Math.ceil(series.length / 2));
  const reference = Math.max(...firstHalf);
  const last = series[series.length - 1];
  const limit = reference * ratio + slack;
  return { ok: last <= limit, detail: `last ${round(last)} <= ${round(limit)} (max of first half ${round(reference)} x ${ratio} + ${round(slack)})` };
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

/** Latency recorder: milliseconds per call; `drain()` returns and clears them. */
export class Latencies {
  private values: number[] = [];

  add(ms: number): void {
    this.values.push(ms);
  }

  async time<T>(fn: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      this.add(performance.now() - started);
    }
  }

  drain(): number[] {
    const values = this.values;
    this.values = [];
    return values;
  }
}
