import { Logger } from '@nestjs/common';
import type { ResourceClient, WriteResult } from '@app/resources';
import { EventRecord } from '../correlator/event-correlator.js';
import { CoreEvent } from '../recorder/core-event.js';
import { isStatus } from './status-reason.js';

export interface EventWriterOptions {
  /** Attempts per write before it is dropped (logged and counted). */
  attempts: number;
  /** Delay before the second attempt; doubles after each failure. */
  retryDelayMs: number;
  /** A fresh name for an event whose name is taken (another replica picked the same one). */
  rename(record: EventRecord): string;
  onCreated(): void;
  onDropped(record: EventRecord, error: unknown): void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Writes EventRecords one at a time, in the order they became dirty. A record queued again while
 * queued is written once, with its latest state (bursts coalesce into one write). A record's
 * first write creates it; later ones update with its last resourceVersion (compare-and-swap):
 * on Conflict it refetches the resourceVersion and writes again, on NotFound it recreates.
 * Failures are retried `attempts` times, then dropped with an error log and `onDropped`; the
 * record's count still carries every occurrence into its next write. Deferred records wait for
 * `drainDeferred()` or `flush()`.
 */
export class EventWriter {
  private readonly logger = new Logger('EventRecorder');
  private readonly ready = new Set<EventRecord>();
  private readonly deferred = new Set<EventRecord>();
  private draining?: Promise<void>;

  constructor(
    private readonly client: ResourceClient<CoreEvent>,
    private readonly options: EventWriterOptions,
  ) {}

  /** Number of records waiting (ready and deferred). */
  get pending(): number {
    return this.ready.size + this.deferred.size;
  }

  enqueue(record: EventRecord): void {
    this.deferred.delete(record);
    this.ready.add(record);
    this.kick();
  }

  defer(record: EventRecord): void {
    if (!this.ready.has(record)) this.deferred.add(record);
  }

  drainDeferred(): void {
    for (const record of this.deferred) this.ready.add(record);
    this.deferred.clear();
    this.kick();
  }

  /** Resolves once every record queued or deferred before (and during) the call is written or dropped. */
  async flush(): Promise<void> {
    this.drainDeferred();
    while (this.draining) await this.draining;
  }

  private kick(): void {
    if (this.draining || this.ready.size === 0) return;
    this.draining = this.drain()
      .catch((error: unknown) => this.logger.error(`event writer stopped a drain: ${describe(error)}`))
      .finally(() => {
        this.draining = undefined;
        this.kick();
      });
  }

  private async drain(): Promise<void> {
    for (let record = first(this.ready); record; record = first(this.ready)) {
      this.ready.delete(record);
      await this.write(record);
    }
  }

  private async write(record: EventRecord): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.writeOnce(record);
        return;
      } catch (error) {
        const what = `event ${record.event.metadata.namespace}/${record.event.metadata.name} (${record.event.reason})`;
        if (attempt >= this.options.attempts) {
          this.logger.error(`dropping write of ${what} after ${attempt} attempts: ${describe(error)}`);
          this.options.onDropped(record, error);
          return;
        }
        this.logger.warn(`writing ${what} failed (attempt ${attempt}), retrying: ${describe(error)}`);
        const delay = this.options.retryDelayMs * 2 ** (attempt - 1);
        if (delay > 0) await sleep(delay);
      }
    }
  }

  private async writeOnce(record: EventRecord): Promise<void> {
    if (record.resourceVersion === undefined) return this.create(record);
    const { namespace, name } = record.event.metadata;
    let result: WriteResult<CoreEvent>;
    try {
      result = await this.client.update(namespace, snapshot(record, record.resourceVersion));
    } catch (error) {
      if (isStatus(error, 'NotFound')) return this.create(record);
      if (!isStatus(error, 'Conflict')) throw error;
      const current = await this.client.get(namespace, name);
      result = await this.client.update(namespace, snapshot(record, current.metadata.resourceVersion));
    }
    record.resourceVersion = result.object.metadata.resourceVersion ?? '';
  }

  private async create(record: EventRecord): Promise<void> {
    let result: WriteResult<CoreEvent>;
    try {
      result = await this.client.create(record.event.metadata.namespace, snapshot(record));
    } catch (error) {
      if (!isStatus(error, 'AlreadyExists')) throw error;
      record.event.metadata.name = this.options.rename(record);
      result = await this.client.create(record.event.metadata.namespace, snapshot(record));
    }
    record.resourceVersion = result.object.metadata.resourceVersion ?? '';
    this.options.onCreated();
  }
}

function first<T>(set: Set<T>): T | undefined {
  return set.values().next().value;
}

/** A deep copy of the desired state, so later bumps never race the write in flight. */
function snapshot(record: EventRecord, resourceVersion?: string): CoreEvent {
  const event = structuredClone(record.event);
  if (resourceVersion) event.metadata.resourceVersion = resourceVersion;
  return event;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
