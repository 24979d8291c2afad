/**
 * True when every field of `desired` is present in `live` with the same value: maps by key,
 * lists item by item in any order (each desired item contained in some live item), scalars
 * strictly. It is the server-side apply view of "nothing to do": fields others own or the
 * server defaulted (extra keys in `live`) do not count. Pure.
 */
export function contains(live: unknown, desired: unknown): boolean {
  if (Array.isArray(desired)) {
    return Array.isArray(live) && desired.every((item) => live.some((candidate) => contains(candidate, item)));
  }
  if (isRecord(desired)) {
    return isRecord(live) && Object.entries(desired).every(([key, value]) => value === undefined || contains(live[key], value));
  }
  return live === desired;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
