/** Raw EventsModule options (as given to `EventsModule.forRoot`). */
export const EVENTS_MODULE_OPTIONS = Symbol('EVENTS_MODULE_OPTIONS');
/** Resolved options with defaults applied (EventsConfig). */
export const EVENTS_CONFIG = Symbol('EVENTS_CONFIG');
/** The ResourceClient for core/v1 events. */
export const EVENT_CLIENT = Symbol('EVENT_CLIENT');
/**
 * Counter of event writes dropped after their retries. Not declared in @app/metrics yet, so it is
 * injected optionally: once METRIC declares this name, drops are counted (they are always logged).
 */
export const EVENT_WRITE_FAILURES_METRIC = 'event_write_failures_total';

export const DEFERRED_DRAIN_INTERVAL = 'events:drain-deferred';
export const RETENTION_INTERVAL = 'events:retention';
