/** Kubernetes timestamps: metav1.Time (seconds) and metav1.MicroTime (microseconds), in UTC. */

/** `2026-11-27T16:28:33Z`: metav1.Time's wire form (fraction truncated). */
export function rfc3339(date: Date): string {
  assertValid(date);
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The current time as metav1.Time writes it. */
export function rfc3339Now(): string {
  return rfc3339(new Date());
}

/**
 * `2026-11-27T16:28:33.123000Z`: metav1.MicroTime's wire form (Lease renewTime, Event
 * eventTime). JavaScript clocks have millisecond resolution, so the last 3 digits are 0.
 */
export function microTime(date: Date = new Date()): string {
  assertValid(date);
  return `${date.toISOString().slice(0, 23)}000Z`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses RFC 3339 (as Go's time.RFC3339 accepts it, fraction optional); undefined if invalid. */
export function parseRfc3339(text: string): Date | undefined {
  const match = RFC3339.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = match[8].toUpperCase();
  if (zone !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(4, 6)) > 59)) return undefined;
  const millis = Date.parse(`${text.slice(0, 10)}T${text.slice(11, 19)}${(match[7] ?? '').slice(0, 4)}${zone}`);
  return Number.isNaN(millis) ? undefined : new Date(millis);
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function assertValid(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
}
