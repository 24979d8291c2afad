import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LeaderElector } from './elector/leader-elector.js';
import { LeaderElectionMetrics } from './leader-election.metrics.js';
import { Leadership } from './leadership.js';

/**
 * Starts the elector once the application has bootstrapped; on shutdown stops leading and
 * releases the lease in `beforeApplicationShutdown` (after every onModuleDestroy, so workers
 * guarded by leadership have stopped, and before onApplicationShutdown closes the store);
 * completes `leading$` in onApplicationShutdown.
 */
@Injectable()
export class LeaderElectionLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly leadership: Leadership,
    private readonly metrics: LeaderElectionMetrics,
  ) {}

  onApplicationBootstrap(): void {
    if (this.leadership instanceof LeaderElector) this.leadership.start();
    else this.metrics.setAlwaysLeader();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.leadership instanceof LeaderElector) await this.leadership.stop();
  }

  onApplicationShutdown(): void {
    if (this.leadership instanceof LeaderElector) this.leadership.dispose();
  }
}
