import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { ResourceClient } from '@app/resources';
import { Counter, InjectMetric, METRIC } from '@app/metrics';
import { EventCorrelator, EventRecord } from '../correlator/event-correlator.js';
import { DEFERRED_DRAIN_INTERVAL, EVENT_CLIENT, EVENT_WRITE_FAILURES_METRIC, EVENTS_CONFIG } from '../events.constants.js';
import type { EventsConfig } from '../events.options.js';
import { EventRetention } from '../retention/event-retention.js';
import { EventWriter } from '../writer/event-writer.js';
import { CoreEvent, defaultSeverity, EVENT_TYPES } from './core-event.js';
import { buildEvent, EventNamer, referenceOf } from './event-builder.js';
import { EventInput, EventRecorder } from './event-recorder.js';

/**
 * Records core/v1 Events through the ResourceClient for `events`, with client-go's correlation
 * (see EventCorrelator) but no silent loss. `record` is synchronous and never throws: it counts
 * `event_total{type,severity}` (and `event_aggregated_total{reason}` when folded), updates the
 * in-memory Event, and queues its write on one serialized EventWriter. Rate-limited folds are
 * written every `sweepIntervalMs` and on `flush`. `flush` also runs before application shutdown.
 */
@Injectable()
export class KubeEventRecorder extends EventRecorder implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('EventRecorder');
  private readonly namer = new EventNamer();
  private readonly correlator: EventCorrelator;
  private readonly writer: EventWriter;

  constructor(
    @Inject(EVENTS_CONFIG) private readonly config: EventsConfig,
    @Inject(EVENT_CLIENT) client: ResourceClient<CoreEvent>,
    @InjectMetric(METRIC.eventTotal) private readonly eventTotal: Counter<string>,
    @InjectMetric(METRIC.eventAggregatedTotal) private readonly aggregatedTotal: Counter<string>,
    private readonly scheduler: SchedulerRegistry,
    @Optional() private readonly retention?: EventRetention,
    @Optional() @InjectMetric(EVENT_WRITE_FAILURES_METRIC) private readonly writeFailures?: Counter<string>,
  ) {
    super();
    this.correlator = new EventCorrelator(config.correlator);
    this.writer = new EventWriter(client, {
      attempts: config.writeAttempts,
      retryDelayMs: config.writeRetryDelayMs,
      rename: (record) => this.namer.next(record.event.involvedObject.name, this.config.clock.now()),
      onCreated: () => this.retention?.noteCreated(),
      onDropped: (record) => this.dropped(record),
    });
  }

  /** Event objects waiting for a write (queued or deferred; the one in flight not included). */
  get pending(): number {
    return this.writer.pending;
  }

  onModuleInit(): void {
    if (this.config.sweepIntervalMs === 0) return;
    this.scheduler.addInterval(DEFERRED_DRAIN_INTERVAL, setInterval(() => this.writer.drainDeferred(), this.config.sweepIntervalMs));
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.scheduler.doesExist('interval', DEFERRED_DRAIN_INTERVAL)) this.scheduler.deleteInterval(DEFERRED_DRAIN_INTERVAL);
    await this.flush();
  }

  record(input: EventInput): void {
    try {
      this.correlate(input);
    } catch (error) {
      this.logger.error(`dropping event ${input?.reason}: ${error instanceof Error ? error.message : String(error)}`);
      this.writeFailures?.inc();
    }
  }

  flush(): Promise<void> {
    return this.writer.flush();
  }

  private correlate(input: EventInput): void {
    if (!EVENT_TYPES.includes(input.type)) throw new Error(`type must be Normal or Warning, got ${JSON.stringify(input.type)}`);
    const ref = referenceOf(input.regarding);
    if (!ref.name || !ref.kind) throw new Error('the involved object needs a kind and a name');
    const severity = input.severity ?? defaultSeverity(input.type);
    const now = this.config.clock.now();
    const candidate = buildEvent(input, severity, this.config, this.namer.next(ref.name, now), now);
    this.eventTotal.inc({ type: input.type, severity });
    const { record, folded, deferred } = this.correlator.correlate(candidate, now);
    if (folded) this.aggregatedTotal.inc({ reason: folded });
    if (deferred) this.writer.defer(record);
    else this.writer.enqueue(record);
  }

  /** The writer has logged it; the record keeps its count, so its next occurrence writes it all. */
  private dropped(_record: EventRecord): void {
    this.writeFailures?.inc();
  }
}
