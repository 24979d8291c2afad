import { Global, Module } from '@nestjs/common';
import { PrometheusModule } from '@willsoto/nestjs-prometheus';
import { metricProviders } from './metric.providers.js';

/**
 * Declares every metric once and serves them with the default process metrics at `/metrics`.
 * Global: any provider can `@InjectMetric(METRIC.x)`.
 */
@Global()
@Module({
  imports: [PrometheusModule.register({ path: '/metrics', defaultMetrics: { enabled: true } })],
  providers: metricProviders,
  exports: metricProviders,
})
export class MetricsModule {}
