export { InjectMetric } from '@willsoto/nestjs-prometheus';
export type { Counter, Gauge, Histogram } from 'prom-client';
export * from './metrics.constants.js';
export * from './metric.providers.js';
export * from './metrics.module.js';
