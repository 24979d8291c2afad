import { Global, Module } from '@nestjs/common';
import { HealthController } from './health/health.controller.js';
import { HealthChecks } from './health/health-checks.js';
import { HealthService } from './health/health.service.js';

/** Probes (`/healthz`, `/livez`, `/readyz`) and the checks behind them. */
@Global()
@Module({
  controllers: [HealthController],
  providers: [HealthService, HealthChecks],
  exports: [HealthService],
})
export class ObservabilityModule {}
