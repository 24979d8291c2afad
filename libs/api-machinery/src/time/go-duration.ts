import { BadRequestError } from '../errors/status-error.js';
import { parseRfc3339 } from './rfc3339.js';

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/;
const TERM = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g;

/** Go's time.ParseDuration (`90s`, `5m`, `1h30m`, `1.5h`, `0`), in milliseconds; undefined if invalid. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0' || text === '+0' || text === '-0') return 0;
  if (!DURATION.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(TERM)) total += Number(amount) * UNIT_MS[unit];
  return text.startsWith('-') ? -total : total;
}

/**
 * For `?since=`: an RFC 3339 time, or a non-negative Go duration meaning "that long before
 * `now`". Throws BadRequestError for anything else.
 */
export function parseDurationOrTime(text: string, now: Date = new Date()): Date {
  const time = parseRfc3339(text);
  if (time) return time;
  const duration = parseGoDuration(text);
  if (duration === undefined || duration < 0) {
    throw new BadRequestError(`invalid since value ${JSON.stringify(text)}: expected an RFC 3339 time (2006-01-02T15:04:05Z) or a duration such as 90s, 5m or 1h30m`);
  }
  return new Date(now.getTime() - duration);
}
