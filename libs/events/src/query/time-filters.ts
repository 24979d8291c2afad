const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const DURATION_PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * A non-negative Go `time.ParseDuration` string (`300ms`, `5m`, `1h30m`, `1.5h`, `0`) in
 * milliseconds; undefined when it is not one. Signs are refused: "since -5m" means nothing.
 */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '') return undefined;
  let total = 0;
  for (let at = 0; at < text.length; at = DURATION_PART.lastIndex) {
    DURATION_PART.lastIndex = at;
    const part = DURATION_PART.exec(text);
    if (!part) return undefined;
    total += Number.parseFloat(part[1]) * UNIT_MS[part[2]];
  }
  return total;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * An RFC 3339 date-time in ms since the epoch; undefined when malformed or out of range.
 * A space before the offset is read as `+`, since an unencoded `+` in a query string arrives as one.
 */
export function parseRfc3339(text: string): number | undefined {
  const normalized = text.replace(/ (\d{2}:\d{2})$/, '+$1');
  const match = RFC3339.exec(normalized);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth || hour > 23 || minute > 59 || second > 60) return undefined;
  const ms = Date.parse(normalized);
  return Number.isNaN(ms) ? undefined : ms;
}
