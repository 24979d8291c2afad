/** One parsed Prometheus sample. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses the Prometheus text exposition format (comments skipped). */
export function parseMetrics(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key] = value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The scraped metrics of one process at one moment. */
export class Metrics {
  constructor(readonly samples: MetricSample[]) {}

  /** GET /metrics; a connection that fails is retried twice (the scrape must not be what breaks a scenario). */
  static async scrape(baseUrl: string): Promise<Metrics> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) });
        if (!response.ok) throw new Error(`GET /metrics: ${response.status}`);
        return new Metrics(parseMetrics(await response.text()));
      } catch (error) {
        Metrics.failures.push(String((error as Error)?.cause ?? error));
        if (attempt >= 3) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  /** Causes of failed scrape attempts in this process (reported, as they may point at the server). */
  static readonly failures: string[] = [];

  /** Sum of every series of `name` whose labels include `labels`; undefined when none. */
  value(name: string, labels: Record<string, string> = {}): number | undefined {
    const matching = this.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    return matching.length === 0 ? undefined : matching.reduce((sum, s) => sum + s.value, 0);
  }

  /** Like value(), 0 when absent. */
  sum(name: string, labels: Record<string, string> = {}): number {
    return this.value(name, labels) ?? 0;
  }

  /** Count of 5xx answers in `http_requests_total`. */
  serverErrors(): number {
    return this.samples.filter((s) => s.name === 'http_requests_total' && /^5\d\d$/.test(s.labels.code ?? '')).reduce((sum, s) => sum + s.value, 0);
  }
}
