import { hostname } from 'node:os';
import { CorrelatorOptions, DEFAULT_CORRELATOR_OPTIONS } from './correlator/event-correlator.js';
import { EventClock, systemClock } from './recorder/event-clock.js';

/** EventsModule options; every field has a default. */
export interface EventsModuleOptions {
  /** `source.component` and `reportingComponent`. Default `application-operator`. */
  component?: string;
  /** `reportingInstance`. Default: the Leadership identity if one is provided, else the hostname. */
  instance?: string;
  /** Events whose lastTimestamp is older are deleted (EVENT_TTL_SECONDS). Default 3600; 0 keeps them. */
  ttlSeconds?: number;
  /** At most this many events are kept; the oldest are deleted, down to 90%, once 95% is passed (EVENT_MAX). Default 10000; 0 means no cap. */
  maxEvents?: number;
  /** Period of the retention sweep and of writing rate-limited folds. Default 60000; 0 disables both timers. */
  sweepIntervalMs?: number;
  /** Correlator tuning; client-go's defaults (LRU 4096, 10 similar in 10 min, burst 25, 1 per 5 min). */
  correlator?: Partial<CorrelatorOptions>;
  /** Attempts per event write before it is dropped (logged, counted). Default 3. */
  writeAttempts?: number;
  /** Delay before the second attempt, doubling after. Default 200. */
  writeRetryDelayMs?: number;
  /** Time source (tests). Default Date.now. */
  clock?: EventClock;
}

/** EventsModuleOptions with defaults applied and checked. */
export interface EventsConfig {
  component: string;
  instance: string;
  host: string;
  ttlSeconds: number;
  maxEvents: number;
  sweepIntervalMs: number;
  correlator: CorrelatorOptions;
  writeAttempts: number;
  writeRetryDelayMs: number;
  clock: EventClock;
}

/** Applies defaults; throws (at boot) naming any option that is not a non-negative integer. */
export function resolveEventsConfig(options: EventsModuleOptions = {}, identity?: string): EventsConfig {
  const config: EventsConfig = {
    component: options.component || 'application-operator',
    instance: options.instance || identity || hostname(),
    host: hostname(),
    ttlSeconds: options.ttlSeconds ?? 3600,
    maxEvents: options.maxEvents ?? 10_000,
    sweepIntervalMs: options.sweepIntervalMs ?? 60_000,
    correlator: { ...DEFAULT_CORRELATOR_OPTIONS, ...options.correlator },
    writeAttempts: options.writeAttempts ?? 3,
    writeRetryDelayMs: options.writeRetryDelayMs ?? 200,
    clock: options.clock ?? systemClock,
  };
  const counts = { ttlSeconds: config.ttlSeconds, maxEvents: config.maxEvents, sweepIntervalMs: config.sweepIntervalMs, writeRetryDelayMs: config.writeRetryDelayMs };
  const bad = Object.entries(counts).filter(([, v]) => !Number.isInteger(v) || v < 0).map(([k]) => k);
  if (!Number.isInteger(config.writeAttempts) || config.writeAttempts < 1) bad.push('writeAttempts');
  if (!Number.isInteger(config.correlator.cacheSize) || config.correlator.cacheSize < 1) bad.push('correlator.cacheSize');
  if (bad.length > 0) throw new Error(`EventsModule: invalid options: ${bad.join(', ')}`);
  return config;
}
