import { Injectable, OnModuleInit } from '@nestjs/common';
import { Store } from '@app/storage';
import { HealthService } from './health.service.js';

/** Registers the checks of the modules this process runs (store now; reconciler and leader election as they are wired). */
@Injectable()
export class HealthChecks implements OnModuleInit {
  constructor(private readonly health: HealthService, private readonly store: Store) {}

  onModuleInit(): void {
    const storeCheck = () => {
      const ok = this.store.isHealthy();
      return { name: 'store', ok, message: ok ? undefined : 'store is not open' };
    };
    this.health.addLiveness('store', storeCheck);
    this.health.addReadiness('store', storeCheck);
  }
}
