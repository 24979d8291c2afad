// Module
export * from './reconciler.module.js';
export * from './reconciler.options.js';
export * from './reconciler.service.js';
export {
  APPLICATION_CLIENT,
  APPLICATION_CONTROLLER_NAME,
  RECONCILE_TIMER_PREFIX,
  RECONCILER_OPTIONS,
  RESYNC_INTERVAL_NAME,
  SIMULATION_OPTIONS,
} from './reconciler.constants.js';
export type { ReconcilerModuleExtras } from './reconciler.module-definition.js';
// Work queue
export * from './queue/work-queue.js';
export * from './queue/rate-limiter.js';
export * from './queue/rate-limiting-queue.js';
export * from './queue/queue.types.js';
// Controller
export * from './controller/reconciler.interface.js';
export * from './controller/errors.js';
export * from './controller/controller.js';
export * from './controller/controller.types.js';
export * from './controller/request-key.js';
// Cache
export * from './cache/informer.js';
export * from './cache/application-cache.js';
export * from './cache/cache.types.js';
export { objectKey } from './cache/object-cache.js';
// Workload
export * from './workload/workload-driver.js';
export * from './workload/simulated-workload-driver.js';
export * from './workload/simulated-deployment.js';
export * from './workload/simulation.options.js';
// Application
export * from './application/application.types.js';
export * from './application/application-reconciler.js';
export { computeStatus } from './application/application-status.js';
export { findCondition, setCondition } from './application/conditions.js';
// Metrics
export * from './metrics/reconciler-metrics.js';
export * from './metrics/resource-count.js';
