import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { BehaviorSubject, defer, filter, MonoTypeOperatorFunction, Observable, Subject, Subscription, takeUntil } from 'rxjs';
import { ChangeFeed, ResourceChange } from '@app/resources';
import { Gauge, InjectMetric, METRIC } from '@app/metrics';
import { DEFAULT_HUB_RECONNECT_DELAY_MS, WATCH_MODULE_OPTIONS, WatchClientKind } from '../watch.constants.js';
import { WatchModuleOptions } from '../watch-module-options.interface.js';

/** Connected change-stream clients by kind. */
export type WatchClientCounts = Readonly<Record<WatchClientKind, number>>;

export interface HubStreamOptions {
  /** Resume after this revision (replay, then live, no gap); absent or 0: live changes from now. */
  fromRevision?: number;
  filter?: (change: ResourceChange) => boolean;
}

/**
 * The process's one live subscription to the ChangeFeed, shared by every in-process consumer
 * (SSE clients starting "now", metrics, the dashboard): `changes$` never replays. A consumer
 * resuming from a revision is served by the ChangeFeed directly (`stream({ fromRevision })`).
 * If the live feed fails, current `changes$` subscribers get the error (SSE clients then resume
 * by Last-Event-ID without a gap) and the hub re-subscribes for later ones. Everything completes
 * on module destroy. Counts subscribers per client kind (`track`) into the watch_clients gauge.
 */
@Injectable()
export class WatchHub implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WatchHub.name);
  private live = new Subject<ResourceChange>();
  private readonly counts = new BehaviorSubject<WatchClientCounts>({ sse: 0, k8s: 0 });
  private readonly destroyed = new Subject<void>();
  private feed?: Subscription;
  private reconnectTimer?: NodeJS.Timeout;
  private stopped = false;

  /** Live changes from the moment of subscription (never replayed). */
  readonly changes$: Observable<ResourceChange> = defer(() => this.live.asObservable());
  /** Subscriber counts per client kind; emits the current counts on subscribe. */
  readonly clients$: Observable<WatchClientCounts> = this.counts.asObservable();

  constructor(
    private readonly changeFeed: ChangeFeed,
    @Inject(WATCH_MODULE_OPTIONS) private readonly options: WatchModuleOptions,
    @InjectMetric(METRIC.watchClients) private readonly clientsGauge: Gauge<string>,
  ) {}

  onModuleInit(): void {
    this.connect();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.feed?.unsubscribe();
    this.live.complete();
    this.destroyed.next();
    this.destroyed.complete();
    this.counts.complete();
  }

  /** Changes matching `filter`, live from now or resumed after `fromRevision`. Cold: nothing happens until subscribed. */
  stream(options: HubStreamOptions = {}): Observable<ResourceChange> {
    const { fromRevision, filter: predicate } = options;
    const source = fromRevision && fromRevision > 0
      ? defer(() => this.changeFeed.changes(fromRevision)).pipe(takeUntil(this.destroyed))
      : this.changes$;
    return predicate ? source.pipe(filter(predicate)) : source;
  }

  /** The newest revision: where a stream starting "now" begins. */
  currentRevision(): Promise<number> {
    return this.changeFeed.currentRevision();
  }

  /** Current subscriber count for one client kind. */
  clientCount(kind: WatchClientKind): number {
    return this.counts.value[kind];
  }

  /** Counts each subscription to the piped observable as one `kind` client until it is released. */
  track<T>(kind: WatchClientKind): MonoTypeOperatorFunction<T> {
    return (source) =>
      new Observable<T>((subscriber) => {
        this.adjust(kind, 1);
        const subscription = source.subscribe(subscriber);
        return () => {
          subscription.unsubscribe();
          this.adjust(kind, -1);
        };
      });
  }

  private adjust(kind: WatchClientKind, delta: number): void {
    const next = { ...this.counts.value, [kind]: this.counts.value[kind] + delta };
    this.clientsGauge.set({ kind }, next[kind]);
    this.counts.next(next);
  }

  private connect(): void {
    this.feed = this.changeFeed.changes().subscribe({
      next: (change) => this.live.next(change),
      error: (error: unknown) => this.failed(error),
      complete: () => this.logger.warn('change feed completed; live consumers see no further changes'),
    });
  }

  private failed(error: unknown): void {
    this.logger.error(`live change feed failed: ${error instanceof Error ? error.message : String(error)}`);
    const failed = this.live;
    this.live = new Subject<ResourceChange>();
    failed.error(error);
    if (this.stopped) return;
    const delay = this.options.hubReconnectDelayMs ?? DEFAULT_HUB_RECONNECT_DELAY_MS;
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }
}
