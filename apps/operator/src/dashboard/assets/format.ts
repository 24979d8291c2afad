/**
 * Pure formatting helpers of the dashboard (no DOM access, so unit-testable under Node).
 * Browser module: compiled by tsc next to the other assets and served as /dashboard/assets/format.js.
 */

/** kubectl's age format (apimachinery's HumanDuration): 95s, 3m20s, 45m, 3h20m, 20h, 3d5h, 14d, 2y30d. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

/** Age of an RFC 3339 timestamp at `now`, kubectl style; `—` when absent or unparsable. */
export function age(timestamp: string | null | undefined, now: number): string {
  const time = timestamp ? Date.parse(timestamp) : NaN;
  return Number.isNaN(time) ? '—' : humanDuration(now - time);
}

const PLAIN_SCALAR = /^[A-Za-z_./][A-Za-z0-9_./:@ -]*$/;
const YAML_KEYWORDS = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  if (text !== '' && PLAIN_SCALAR.test(text) && !YAML_KEYWORDS.test(text) && !/[ :]$/.test(text) && !text.includes(': ')) return text;
  return JSON.stringify(text);
}

function isEmptyCollection(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}

/** A small YAML emitter for JSON values (block style, double-quoted strings when needed). */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}[]\n`;
    return value.map((item) => {
      if (typeof item !== 'object' || item === null || isEmptyCollection(item)) return `${indent}- ${isEmptyCollection(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)}\n`;
      const nested = toYaml(item, `${indent}  `);
      return `${indent}- ${nested.slice(indent.length + 2)}`;
    }).join('');
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return `${indent}{}\n`;
    return entries.map(([key, v]) => {
      const name = /^[A-Za-z_./][A-Za-z0-9_./-]*$/.test(key) && !YAML_KEYWORDS.test(key) ? key : JSON.stringify(key);
      if (typeof v !== 'object' || v === null) return `${indent}${name}: ${scalar(v)}\n`;
      if (isEmptyCollection(v)) return `${indent}${name}: ${Array.isArray(v) ? '[]' : '{}'}\n`;
      return `${indent}${name}:\n${toYaml(v, Array.isArray(v) ? indent : `${indent}  `)}`;
    }).join('');
  }
  return `${indent}${scalar(value)}\n`;
}

/** The object as `kubectl get -o yaml` shows it (managedFields hidden). */
export function objectYaml(object: Record<string, unknown>): string {
  const metadata = { ...(object.metadata as Record<string, unknown> | undefined) };
  delete metadata.managedFields;
  return toYaml({ ...object, metadata });
}

export type Severity = 'Info' | 'Warning' | 'Error' | 'Critical';

/** The seed severity of an Event: its severity annotation, else Warning for type Warning, else Info. */
export function severityOf(type: string | undefined, annotations: Record<string, string> | undefined): Severity {
  const annotated = annotations?.['cloudnative.elide.dev/severity'];
  if (annotated === 'Info' || annotated === 'Warning' || annotated === 'Error' || annotated === 'Critical') return annotated;
  return type === 'Warning' ? 'Warning' : 'Info';
}

/** CSS class for a severity: grey (Info), amber (Warning), red (Error, Critical). */
export function severityClass(severity: string): string {
  if (severity === 'Error' || severity === 'Critical') return 'sev-error';
  if (severity === 'Warning') return 'sev-warning';
  return 'sev-info';
}

/** CSS class for an Application phase. */
export function phaseClass(phase: string | undefined): string {
  switch (phase) {
    case 'Running': return 'phase-running';
    case 'Pending': return 'phase-pending';
    case 'Failed': return 'phase-failed';
    case 'Succeeded': return 'phase-succeeded';
    default: return 'phase-unknown';
  }
}

export interface ConditionLike {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

/** Conditions whose True means trouble. */
const NEGATIVE_CONDITIONS = new Set(['Degraded', 'Failed', 'Stalled']);
/** Conditions that describe activity rather than health: only a failure reason makes them bad. */
const NEUTRAL_CONDITIONS = new Set(['Progressing', 'Reconciling']);
const FAILURE_REASON = /(Failed|Failure|Error|DeadlineExceeded|BackOff)$/;

/**
 * `good`, `bad`, `neutral` or `unknown` for one condition: Ready=True is good, Degraded=True is
 * bad, Progressing is neutral unless its reason names a failure (RolloutFailed).
 */
export function conditionHealth(condition: ConditionLike): 'good' | 'bad' | 'neutral' | 'unknown' {
  if (NEUTRAL_CONDITIONS.has(condition.type)) return FAILURE_REASON.test(condition.reason ?? '') ? 'bad' : 'neutral';
  if (condition.status !== 'True' && condition.status !== 'False') return 'unknown';
  const isTrue = condition.status === 'True';
  return isTrue !== NEGATIVE_CONDITIONS.has(condition.type) ? 'good' : 'bad';
}

/**
 * Sum of every sample of a counter or gauge in Prometheus text exposition format: 0 when it is
 * declared (`# TYPE`) without samples yet, undefined when it is absent.
 */
export function sumMetric(text: string, name: string): number | undefined {
  let total: number | undefined = text.includes(`# TYPE ${name} `) ? 0 : undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name) || (line[name.length] !== '{' && line[name.length] !== ' ')) continue;
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) total = (total ?? 0) + value;
  }
  return total;
}

/** Per-minute rate over samples `[ms, counter]` (oldest first); undefined with fewer than two. */
export function ratePerMinute(samples: ReadonlyArray<readonly [number, number]>): number | undefined {
  if (samples.length < 2) return undefined;
  const [firstTime, firstValue] = samples[0];
  const [lastTime, lastValue] = samples[samples.length - 1];
  if (lastTime <= firstTime) return undefined;
  return (Math.max(0, lastValue - firstValue) * 60_000) / (lastTime - firstTime);
}
