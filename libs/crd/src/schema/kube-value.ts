/**
 * Renders a field error's bad value the way apimachinery's field.Error does: numbers and
 * booleans bare (Go's `%v`), strings quoted (`%q`), anything else as JSON with sorted keys.
 */
export function formatKubeValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return formatGoNumber(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  try {
    return stableJson(value, 0);
  } catch {
    return Array.isArray(value) ? '"array"' : '"object"';
  }
}

/** Go's `%v` for a float64: exponent form below 1e-4 and from 1e21, shortest digits otherwise. */
export function formatGoNumber(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : value < 0 ? '-Inf' : 'NaN';
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && magnitude < 1e-4) {
    const [mantissa, exponent] = value.toExponential().split('e');
    const sign = exponent.startsWith('-') ? '-' : '+';
    return `${mantissa}e${sign}${exponent.replace(/^[-+]/, '').padStart(2, '0')}`;
  }
  return String(value);
}

const MAX_DEPTH = 64;

function stableJson(value: unknown, depth: number): string {
  if (depth > MAX_DEPTH) throw new RangeError('value too deep to render');
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => stableJson(item, depth + 1)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${stableJson(record[key], depth + 1)}`).join(',')}}`;
}
