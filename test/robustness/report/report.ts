/** One promise the operator makes, checked by a scenario. */
export interface PromiseResult {
  promise: string;
  passed: boolean;
  /** What was measured, for the table and for debugging a failure. */
  detail: string;
}

export type FigureValue = number | string | boolean;

/** Everything one scenario measured and checked. */
export interface ScenarioResult {
  scenario: string;
  title: string;
  durationMs: number;
  figures: Record<string, FigureValue>;
  promises: PromiseResult[];
  /** Periodic samples (soak), kept for comparison between versions. */
  samples?: Array<Record<string, number>>;
  /** Set when the scenario itself broke (a harness error is a failure too). */
  error?: string;
}

/** The file `npm run test:robustness` writes (`robustness-report.json`). */
export interface RobustnessReport {
  kind: 'RobustnessReport';
  version: 1;
  profile: string;
  seed: number;
  startedAt: string;
  durationMs: number;
  environment: { node: string; platform: string; cpus: number; commit?: string };
  passed: boolean;
  scenarios: ScenarioResult[];
}

/**
 * Collects one scenario's figures and promise checks. `check` records a promise (it never
 * throws), so a scenario measures everything before the suite decides pass or fail.
 */
export class ScenarioRecorder {
  readonly figures: Record<string, FigureValue> = {};
  readonly promises: PromiseResult[] = [];
  samples?: Array<Record<string, number>>;

  figure(name: string, value: FigureValue): void {
    this.figures[name] = typeof value === 'number' && !Number.isInteger(value) ? Number(value.toFixed(3)) : value;
  }

  /** Adds `delta` to a numeric figure (starting at 0). */
  add(name: string, delta = 1): void {
    this.figures[name] = ((this.figures[name] as number | undefined) ?? 0) + delta;
  }

  count(name: string): number {
    return (this.figures[name] as number | undefined) ?? 0;
  }

  check(promise: string, passed: boolean, detail: string): boolean {
    this.promises.push({ promise, passed, detail });
    return passed;
  }
}

export function passed(result: ScenarioResult): boolean {
  return result.error === undefined && result.promises.length > 0 && result.promises.every((p) => p.passed);
}
