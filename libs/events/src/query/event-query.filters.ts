import { BadRequestError } from '@app/api-machinery';
import { EVENT_QUERY_MESSAGES as MSG } from '../events.messages.js';
import { EVENT_SEVERITIES, EVENT_TYPES } from '../recorder/core-event.js';
import { EventSeverity, EventType } from '../recorder/event-recorder.js';
import { EventQueryFilters, EventQueryParams } from './event-query.types.js';
import { parseGoDuration, parseRfc3339 } from './time-filters.js';

export const DEFAULT_EVENT_QUERY_LIMIT = 100;
export const MAX_EVENT_QUERY_LIMIT = 1000;

const KNOWN = ['namespace', 'kind', 'name', 'type', 'severity', 'reason', 'since', 'limit'] as const;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Validates `GET /events` parameters; throws BadRequestError (400) naming the first bad one.
 * Empty values count as absent; unknown, repeated or nested parameters are refused so typos do not
 * silently widen the answer.
 */
export function parseEventQuery(params: EventQueryParams, nowMs: number): EventQueryFilters {
  const raw = strings(params);
  const filters: EventQueryFilters = { limit: parseLimit(raw.limit) };
  if (raw.namespace !== undefined) {
    if (raw.namespace.length > 63 || !NAMESPACE.test(raw.namespace)) throw new BadRequestError(MSG.badNamespace(raw.namespace));
    filters.namespace = raw.namespace;
  }
  if (raw.kind !== undefined) filters.kind = raw.kind;
  if (raw.name !== undefined) filters.name = raw.name;
  if (raw.reason !== undefined) filters.reason = raw.reason;
  if (raw.type !== undefined) filters.type = oneOf<EventType>('type', raw.type, EVENT_TYPES);
  if (raw.severity !== undefined) filters.severity = oneOf<EventSeverity>('severity', raw.severity, EVENT_SEVERITIES);
  if (raw.since !== undefined) filters.sinceMs = parseSince(raw.since, nowMs);
  return filters;
}

function strings(params: EventQueryParams): Partial<Record<(typeof KNOWN)[number], string>> {
  const out: Partial<Record<(typeof KNOWN)[number], string>> = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (!(KNOWN as readonly string[]).includes(key)) throw new BadRequestError(MSG.unknownParameter(key, KNOWN));
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string') throw new BadRequestError(MSG.notSingle(key));
    out[key as (typeof KNOWN)[number]] = value;
  }
  return out;
}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw new BadRequestError(MSG.badEnum(name, value, allowed));
  return value as T;
}

function parseSince(value: string, nowMs: number): number {
  const at = parseRfc3339(value);
  if (at !== undefined) return at;
  const duration = parseGoDuration(value);
  if (duration === undefined) throw new BadRequestError(MSG.badSince(value));
  return nowMs - duration;
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_EVENT_QUERY_LIMIT;
  const limit = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(limit >= 1 && limit <= MAX_EVENT_QUERY_LIMIT)) throw new BadRequestError(MSG.badLimit(value, MAX_EVENT_QUERY_LIMIT));
  return limit;
}
