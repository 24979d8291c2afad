import { Counter, Gauge, Registry } from 'prom-client';
import { METRIC } from '@app/metrics';

/** The watch metrics on a private registry, for constructing services without Nest. */
export function watchMetrics() {
  const registry = new Registry();
  return {
    registry,
    clients: new Gauge({ name: METRIC.watchClients, help: 'h', labelNames: ['kind'], registers: [registry] }),
    sent: new Counter({ name: METRIC.watchEventsSentTotal, help: 'h', labelNames: ['kind'], registers: [registry] }),
    dropped: new Counter({ name: METRIC.watchClientsDroppedTotal, help: 'h', labelNames: ['kind'], registers: [registry] }),
  };
}

/** The value of one labelled series. */
export async function metricValue(metric: Counter<string> | Gauge<string>, kind: string): Promise<number> {
  const { values } = await metric.get();
  return values.find((value) => value.labels.kind === kind)?.value ?? 0;
}
