import { Global, Module } from '@nestjs/common';
import { HealthController } from './health/health.controller.js';
import { HealthChecks } from './health/health-checks.js';
import { HealthService } from './health/health.service.js';
import { DefaultMetricsLint } from './metrics/default-metrics-lint.js';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware.js';
import { StoreMetrics } from './metrics/store-metrics.js';

/**
 * Probes (`/healthz`, `/livez`, `/readyz`) and the checks behind them; the app's own metrics:
 * HTTP requests (`HttpMetricsMiddleware`, which bootstrap installs with `app.use` before the body
 * reader) and the store gauges (read on scrape). `/metrics` itself is served by MetricsModule.
 */
@Global()
@Module({
  controllers: [HealthController],
  providers: [HealthService, HealthChecks, HttpMetricsMiddleware, StoreMetrics, DefaultMetricsLint],
  exports: [HealthService, HttpMetricsMiddleware],
})
export class ObservabilityModule {}
