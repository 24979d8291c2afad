import { Inject, Injectable, OnModuleInit, Optional, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { LeaderStatusService } from '@app/leader-election';
import { ReconcilerService } from '@app/reconciler';
import { Store } from '@app/storage';
import { HealthService } from './health.service.js';

/**
 * Registers the checks of the modules this process runs: `store` (liveness: the store is open
 * and answers a ping), `informer-sync` (readiness, when the reconciler runs: its cache has listed
 * every Application once) and `leader-election` (readiness: the elector runs and this replica
 * leads or follows a known leader). Modules that are not part of this process are looked up
 * optionally, so their checks are simply absent.
 */
@Injectable()
export class HealthChecks implements OnModuleInit {
  constructor(
    private readonly health: HealthService,
    // Absent in cluster mode (MODE=cluster has no embedded store): no `store` check then.
    @Optional() @Inject(Store) private readonly store: Store | undefined,
    private readonly moduleRef: ModuleRef,
  ) {}

  onModuleInit(): void {
    const store = this.store;
    if (store) this.health.addLiveness('store', () => (store.isHealthy() ? { ok: true } : { ok: false, message: 'store is not open or does not answer' }));
    const reconciler = this.optional(ReconcilerService);
    if (reconciler) {
      this.health.addReadiness('informer-sync', () => (reconciler.hasSynced() ? { ok: true } : { ok: false, message: 'Application cache has not synced' }));
    }
    const leader = this.optional(LeaderStatusService);
    if (leader) {
      this.health.addReadiness('leader-election', () => {
        const status = leader.status();
        return { ok: status.ready, message: status.message };
      });
      this.health.addReadinessDetail('leader', () => leader.status());
    }
  }

  /** A provider from anywhere in the application (ReconcilerModule is not global), or undefined. */
  private optional<T>(type: Type<T>): T | undefined {
    try {
      return this.moduleRef.get(type, { strict: false });
    } catch {
      return undefined;
    }
  }
}
