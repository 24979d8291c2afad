import { Injectable } from '@nestjs/common';
import { Counter, Histogram, InjectMetric, METRIC } from '@app/metrics';
import { WebhookLabel } from '../admission.constants.js';

/**
 * Counts and times every admission decision: `webhook` is `validate` or `mutate` (the HTTP
 * endpoint, or the matching step of the API path's chain), `operation` the request's
 * (`UNKNOWN` when it could not be decoded), `allowed` `true`/`false`. Conversion webhook calls
 * count as `webhook="convert"`, `operation="CONVERT"`, `allowed` meaning converted.
 */
@Injectable()
export class AdmissionMetrics {
  constructor(
    @InjectMetric(METRIC.webhookRequestsTotal) private readonly requests: Counter<string>,
    @InjectMetric(METRIC.webhookRequestDuration) private readonly duration: Histogram<string>,
  ) {}

  /** Records one decision that started at `startedAt` (a `performance.now()` reading). */
  observe(webhook: WebhookLabel, operation: string, allowed: boolean, startedAt: number): void {
    this.requests.inc({ webhook, operation, allowed: String(allowed) });
    this.duration.observe({ webhook, operation }, (performance.now() - startedAt) / 1000);
  }
}
