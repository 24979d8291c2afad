/** The resolved ReconcilerModuleOptions (defaults applied). */
export const RECONCILER_OPTIONS = Symbol('RECONCILER_OPTIONS');
/** SimulationOptions for the SimulatedWorkloadDriver. */
export const SIMULATION_OPTIONS = Symbol('SIMULATION_OPTIONS');
/** The ResourceClient<Application> for cloudnative.elide.dev/v1 applications. */
export const APPLICATION_CLIENT = Symbol('APPLICATION_CLIENT');
/** The `controller` / `name` label of the Application controller's metrics. */
export const APPLICATION_CONTROLLER_NAME = 'application';
/** Delayed adds are named `reconcile:<namespace>/<name>` in the SchedulerRegistry. */
export const RECONCILE_TIMER_PREFIX = 'reconcile';
/** The resync interval's name in the SchedulerRegistry. */
export const RESYNC_INTERVAL_NAME = 'resync:applications';
