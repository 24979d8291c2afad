import { Injectable, OnModuleInit } from '@nestjs/common';
import { register } from 'prom-client';

/**
 * prom-client's default metrics that `promtool check metrics` rejects (gauges named `_total`).
 * Each is the sum of a gauge prom-client also exports per type (`nodejs_active_handles{type}`,
 * `nodejs_active_requests{type}`, `nodejs_active_resources{type}`), so nothing is lost.
 */
export const LINT_FAILING_DEFAULT_METRICS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'] as const;

/** Removes LINT_FAILING_DEFAULT_METRICS from the default registry once metrics are set up. Idempotent. */
@Injectable()
export class DefaultMetricsLint implements OnModuleInit {
  onModuleInit(): void {
    for (const name of LINT_FAILING_DEFAULT_METRICS) register.removeSingleMetric(name);
  }
}
