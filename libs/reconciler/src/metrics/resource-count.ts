import { Injectable } from '@nestjs/common';
import { Gauge, InjectMetric, METRIC } from '@app/metrics';
import { Observable, Subscription } from 'rxjs';
import { Application } from '../application/application.types.js';
import { CacheEvent } from '../cache/cache.types.js';

/**
 * Keeps `resource_count{namespace,phase}` equal to the number of cached Applications per
 * namespace and status.phase (an object not yet reconciled counts as Pending), updated
 * incrementally from the cache's events. A series that drops to zero is removed.
 */
@Injectable()
export class ResourceCountMetric {
  private readonly counts = new Map<string, number>();
  private subscription?: Subscription;

  constructor(@InjectMetric(METRIC.resourceCount) private readonly gauge: Gauge<string>) {}

  follow(events$: Observable<CacheEvent<Application>>): void {
    this.subscription?.unsubscribe();
    this.subscription = events$.subscribe((event) => this.apply(event));
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }

  private apply(event: CacheEvent<Application>): void {
    if (event.old) this.adjust(event.old, -1);
    if (event.type !== 'DELETED') this.adjust(event.object, 1);
  }

  private adjust(app: Application, delta: number): void {
    const namespace = app.metadata?.namespace ?? '';
    const phase = app.status?.phase ?? 'Pending';
    const id = `${namespace}\u0000${phase}`;
    const count = (this.counts.get(id) ?? 0) + delta;
    if (count > 0) {
      this.counts.set(id, count);
      this.gauge.set({ namespace, phase }, count);
    } else {
      this.counts.delete(id);
      this.gauge.remove({ namespace, phase });
    }
  }
}
