import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { KubeObject } from '@app/api-machinery';
import { Leadership } from '@app/leader-election';
import type { ResourceClient } from '@app/resources';
import { EVENT_CLIENT, EVENTS_CONFIG, RETENTION_INTERVAL } from '../events.constants.js';
import type { EventsConfig } from '../events.options.js';
import { eventTimeMs } from '../recorder/event-clock.js';
import { oldestFirst } from '../recorder/event-order.js';
import { isStatus } from '../writer/status-reason.js';

/** What one sweep did. `leader: false` means it did nothing because this replica is a follower. */
export interface SweepResult {
  leader: boolean;
  /** Deleted because lastTimestamp was older than the TTL. */
  expired: number;
  /** Deleted, oldest first, because more than maxEvents remained. */
  evicted: number;
  /** Events left after the sweep. */
  remaining: number;
}

/** After a sweep that failed or could delete nothing, the next one starts at most this much later (unless periodic). */
const RETRY_GAP_MS = 5_000;

/**
 * Retention of core/v1 Events (all of them, whoever wrote them, as kube-apiserver's --event-ttl):
 * every `sweepIntervalMs`, and as soon as the events this process created push the count past
 * the trigger, deletes events whose lastTimestamp is older than `ttlSeconds`, then the oldest
 * beyond `maxEvents`. With a cap, a sweep that evicts goes down to a low-water mark a tenth
 * below it (`maxEvents - headroom`) and creations trigger the next once the count passes the
 * halfway point of that headroom: one sweep per `headroom / 2` creations, never one per write,
 * and the cap holds unless more than `headroom / 2` events are created while one sweep runs.
 * Runs only on the leader (no Leadership provided: always). Each delete is preconditioned on the
 * listed resourceVersion, so an event bumped meanwhile survives. One sweep at a time; a sweep
 * requested while one runs joins it, and one still needed when it ends follows at once. Lists
 * everything at once: fine for the 10k events it is sized for.
 */
@Injectable()
export class EventRetention implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventRetention.name);
  private running?: Promise<SweepResult>;
  /** Events stored, as of the last sweep plus this process's creations since. */
  private estimate = 0;
  private created = 0;
  private lastFailureMs = -Infinity;

  constructor(
    @Inject(EVENTS_CONFIG) private readonly config: EventsConfig,
    @Inject(EVENT_CLIENT) private readonly client: ResourceClient,
    private readonly scheduler: SchedulerRegistry,
    @Optional() private readonly leadership?: Leadership,
  ) {}

  onModuleInit(): void {
    const { sweepIntervalMs, ttlSeconds, maxEvents } = this.config;
    if (sweepIntervalMs === 0 || (ttlSeconds === 0 && maxEvents === 0)) return;
    this.scheduler.addInterval(RETENTION_INTERVAL, setInterval(() => void this.sweep(), sweepIntervalMs));
  }

  beforeApplicationShutdown(): void {
    if (this.scheduler.doesExist('interval', RETENTION_INTERVAL)) this.scheduler.deleteInterval(RETENTION_INTERVAL);
  }

  /** Called per Event created by this process; starts a sweep once the count passes the trigger. */
  noteCreated(): void {
    this.estimate += 1;
    this.created += 1;
    if (!this.running && this.overTrigger() && this.config.clock.now() - this.lastFailureMs >= RETRY_GAP_MS) void this.sweep();
  }

  /** Never rejects: a failed list is logged and reported as nothing deleted. */
  sweep(): Promise<SweepResult> {
    this.running ??= this.sweepOnce()
      .catch((error: unknown) => {
        this.lastFailureMs = this.config.clock.now();
        this.logger.error(`event retention sweep failed: ${error instanceof Error ? error.message : String(error)}`);
        return { leader: true, expired: 0, evicted: 0, remaining: this.estimate };
      })
      .finally(() => {
        this.running = undefined;
        if (this.overTrigger() && this.config.clock.now() - this.lastFailureMs >= RETRY_GAP_MS) void this.sweep();
      });
    return this.running;
  }

  /** A tenth of the cap: evicting sweeps leave `maxEvents - headroom` events. */
  private get headroom(): number {
    return Math.floor(this.config.maxEvents / 10);
  }

  private get trigger(): number {
    return this.config.maxEvents - Math.floor(this.headroom / 2);
  }

  private overTrigger(): boolean {
    return this.config.maxEvents > 0 && this.estimate > this.trigger && (this.leadership?.isLeader() ?? true);
  }

  private async sweepOnce(): Promise<SweepResult> {
    if (!(this.leadership?.isLeader() ?? true)) return { leader: false, expired: 0, evicted: 0, remaining: 0 };
    const createdBefore = this.created;
    const items = (await this.client.list(undefined)).items.sort(oldestFirst);
    const { ttlSeconds, maxEvents } = this.config;
    const cutoff = ttlSeconds > 0 ? this.config.clock.now() - ttlSeconds * 1000 : -Infinity;
    const firstLive = items.findIndex((event) => eventTimeMs(event) >= cutoff);
    const expired = firstLive < 0 ? items : items.slice(0, firstLive);
    const live = items.slice(expired.length);
    const over = maxEvents > 0 && live.length > this.trigger ? live.slice(0, live.length - (maxEvents - this.headroom)) : [];
    const result = { leader: true, expired: await this.deleteAll(expired), evicted: await this.deleteAll(over), remaining: 0 };
    result.remaining = items.length - result.expired - result.evicted;
    this.estimate = result.remaining + (this.created - createdBefore);
    if (over.length > 0 && result.evicted === 0) this.lastFailureMs = this.config.clock.now(); // no progress: do not spin
    if (result.expired + result.evicted > 0) {
      this.logger.log(`event retention deleted ${result.expired} expired (ttl ${ttlSeconds}s) and ${result.evicted} over the cap of ${maxEvents}`);
    }
    return result;
  }

  private async deleteAll(events: KubeObject[]): Promise<number> {
    let deleted = 0;
    for (const event of events) if (await this.delete(event)) deleted += 1;
    return deleted;
  }

  private async delete(event: KubeObject): Promise<boolean> {
    const { namespace, name = '', resourceVersion } = event.metadata ?? {};
    try {
      await this.client.delete(namespace, name, { preconditions: resourceVersion ? { resourceVersion } : undefined });
      return true;
    } catch (error) {
      if (!isStatus(error, 'NotFound') && !isStatus(error, 'Conflict')) {
        this.logger.warn(`event retention could not delete ${namespace}/${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      return false;
    }
  }
}
