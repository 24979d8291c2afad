import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { Gauge, InjectMetric, METRIC } from '@app/metrics';
import { Store, StoreStats } from '@app/storage';

type CollectFunction = (this: Gauge<string>) => Promise<void>;
/** prom-client calls a metric's `collect` (a documented configuration field) before each scrape reads it. */
type Collectable = Gauge<string> & { collect?: CollectFunction };

/**
 * `store_revision`, `store_compacted_revision`, `store_db_size_bytes`, `store_keys`: read from
 * `Store.stats()` when `/metrics` is scraped (one read per scrape, shared by the four gauges), so
 * they include writes by other processes sharing the store. While the store is closed or failing
 * the gauges keep their last values (the probes report the store's health).
 */
@Injectable()
export class StoreMetrics implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(StoreMetrics.name);
  private readonly bound = new Map<Collectable, CollectFunction>();
  private pending?: Promise<StoreStats | undefined>;

  constructor(
    // Absent in cluster mode (MODE=cluster has no embedded store): the gauges are then not bound.
    @Optional() @Inject(Store) private readonly store: Store | undefined,
    @InjectMetric(METRIC.storeRevision) private readonly revision: Gauge<string>,
    @InjectMetric(METRIC.storeCompactedRevision) private readonly compactedRevision: Gauge<string>,
    @InjectMetric(METRIC.storeDbSizeBytes) private readonly dbSizeBytes: Gauge<string>,
    @InjectMetric(METRIC.storeKeys) private readonly keys: Gauge<string>,
  ) {}

  onModuleInit(): void {
    if (!this.store) return;
    this.bind(this.revision, (stats) => stats.revision);
    this.bind(this.compactedRevision, (stats) => stats.compactedRevision);
    this.bind(this.dbSizeBytes, (stats) => stats.dbSizeBytes);
    this.bind(this.keys, (stats) => stats.keys);
  }

  /** Detaches from the gauges (they are process-wide; another app in this process may have rebound them). */
  onModuleDestroy(): void {
    for (const [gauge, collect] of this.bound) if (gauge.collect === collect) delete gauge.collect;
    this.bound.clear();
  }

  private bind(gauge: Collectable, pick: (stats: StoreStats) => number): void {
    const collect: CollectFunction = async () => {
      const stats = await this.stats();
      if (stats) gauge.set(pick(stats));
    };
    gauge.collect = collect;
    this.bound.set(gauge, collect);
  }

  /** One `stats()` per scrape: the four collects of one scrape run back to back and share it. */
  private stats(): Promise<StoreStats | undefined> {
    this.pending ??= this.store!.stats().then(
      (stats) => stats,
      (error: unknown) => {
        this.logger.debug(`store stats unavailable: ${(error as Error)?.message ?? String(error)}`);
        return undefined;
      },
    );
    const pending = this.pending;
    void pending.finally(() => setImmediate(() => this.pending === pending && (this.pending = undefined)));
    return pending;
  }
}
