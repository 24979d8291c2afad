import { humanDuration } from '../time/human-duration.js';
import { parseRfc3339 } from '../time/rfc3339.js';
import { isJsonObject } from '../util/json.js';
import { TableCell } from './table.types.js';

/**
 * The cell kube's CRD table convertor emits for a printer column value: `null` (kubectl's
 * `<none>`) when absent or of the wrong type; dates as the age relative to `now`.
 */
export function cellFor(type: string, value: unknown, now: Date): TableCell {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'string':
      return printText(value);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      return typeof value === 'string' ? dateCell(value, now) : null;
    default:
      return null;
  }
}

/** Go's zero time.Time, which metav1.Time treats as unset. */
const GO_ZERO_TIME = Date.parse('0001-01-01T00:00:00Z');

/** metav1.Time from a query parameter, then ConvertToHumanReadableDateType. */
function dateCell(text: string, now: Date): string {
  if (text === '' || text === 'null') return '<unknown>';
  const time = parseRfc3339(text);
  if (!time) return '<invalid>';
  if (time.getTime() === GO_ZERO_TIME) return '<unknown>';
  return humanDuration(now.getTime() - time.getTime());
}

/** client-go jsonpath PrintResults: text for scalars (Go formatting), compact JSON for the rest. */
function printText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return goNumber(value);
  if (typeof value === 'boolean') return String(value);
  return goJson(value);
}

/** Integers print as int64; other numbers as Go's %v for float64 (`1.5`, `1.5e+06`, `1e-05`). */
export function goNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 63) return BigInt(value).toString();
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  return String(value);
}

/** encoding/json.Marshal: compact, map keys sorted, HTML-sensitive characters escaped. */
function goJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/[<>&\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isJsonObject(value)) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) Object.defineProperty(sorted, key, { value: sortKeys(value[key]), enumerable: true, writable: true, configurable: true });
  return sorted;
}
