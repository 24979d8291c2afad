import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import { TAG } from './docs.constants.js';

const EXPOSITION_EXAMPLE = [
  '# HELP controller_reconcile_total Reconciles by result (success, error, requeue, requeue_after, terminal).',
  '# TYPE controller_reconcile_total counter',
  'controller_reconcile_total{result="success"} 42',
  '# HELP watch_clients Connected change-stream clients by kind (sse or k8s).',
  '# TYPE watch_clients gauge',
  'watch_clients{kind="sse"} 1',
  '',
].join('\n');

/**
 * Describes `GET /metrics`, which the Prometheus module's own controller serves (so its source
 * cannot carry our decorators): the same decorators, applied to that class. Idempotent.
 */
export function describeMetricsEndpoint(): void {
  ApiTags(TAG.metrics)(PrometheusController);
  const descriptor = Object.getOwnPropertyDescriptor(PrometheusController.prototype, 'index');
  if (!descriptor) return;
  applyDecorators(
    ApiOperation({ summary: 'Prometheus metrics', description: 'Every metric of the operator (declared once in libs/metrics) and the default process metrics, in the Prometheus text exposition format. Anonymous only with `METRICS_ANONYMOUS=true` when `AUTH_MODE=token`.' }),
    ApiProduces('text/plain; version=0.0.4; charset=utf-8'),
    ApiResponse({ status: 200, description: 'The exposition.', content: { 'text/plain; version=0.0.4; charset=utf-8': { schema: { type: 'string' }, example: EXPOSITION_EXAMPLE } } }),
  )(PrometheusController.prototype, 'index', descriptor);
}
