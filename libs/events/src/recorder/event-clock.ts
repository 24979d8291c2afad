/** Milliseconds since the epoch; injectable so tests control 10-minute windows and TTLs. */
export interface EventClock {
  now(): number;
}

export const systemClock: EventClock = { now: () => Date.now() };

/** RFC 3339 UTC with second precision, as Kubernetes writes metav1.Time (`2024-05-01T12:00:00Z`). */
export function rfc3339Seconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The best "when" of a stored event in ms: lastTimestamp, else eventTime, else firstTimestamp,
 * else creationTimestamp; 0 when none parses (such an event sorts oldest).
 */
export function eventTimeMs(event: { [field: string]: unknown; metadata?: { creationTimestamp?: string } }): number {
  for (const value of [event['lastTimestamp'], event['eventTime'], event['firstTimestamp'], event.metadata?.creationTimestamp]) {
    if (typeof value !== 'string') continue;
    const ms = Date.parse(value);
    if (!Number.isNaN(ms)) return ms;
  }
  return 0;
}
