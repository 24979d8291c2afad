import { WorkloadFailure, WorkloadStatus } from '../workload/workload-driver.js';
import { Application, ApplicationPhase, ApplicationStatus, Condition, desiredReplicas, INSTANCE_LABEL } from './application.types.js';
import { rfc3339, setCondition } from './conditions.js';

export interface StatusInput {
  app: Application;
  workload: WorkloadStatus;
  /** ms epoch; becomes lastTransitionTime of conditions that flip. */
  now: number;
  /** Retries are exhausted: the Application is Failed. */
  exhausted?: boolean;
  /** The failure to report when retries ran out for a reason the workload does not report. */
  fallbackFailure?: WorkloadFailure;
}

/**
 * The status an Application should have, from its spec and its workload's observed state.
 * Pure. Conditions (meta/v1 Condition; lastTransitionTime moves only when a status flips):
 * - `Ready`: True when the phase is Running (all desired replicas ready) or Succeeded (scaled to
 *   0 and stopped, the requested state); False otherwise.
 * - `Progressing`: True while a rollout or scale is under way; False with `RolloutComplete` once
 *   converged, or with `RolloutFailed` when the Application is Failed. (Deployments keep
 *   Progressing=True after completion; we report False so "still moving" reads directly.)
 * - `Degraded`: True while the workload reports a failure (reason is the workload's, e.g.
 *   ImagePullBackOff), False otherwise.
 */
export function computeStatus({ app, workload, now, exhausted, fallbackFailure }: StatusInput): ApplicationStatus {
  const generation = app.metadata?.generation ?? 0;
  const desired = desiredReplicas(app);
  const failure = workload.failure ?? (exhausted ? fallbackFailure : undefined);
  const converged = !workload.progressing && workload.replicas === desired && workload.readyReplicas === desired && workload.updatedReplicas === desired;
  const previous = app.status;
  const stillFailing = previous?.phase === 'Failed' && previous.observedGeneration === generation && workload.failure !== undefined;
  const phase = phaseOf({ failed: Boolean(exhausted) || stillFailing, desired, converged, failure, workload });
  const counts = `${workload.readyReplicas}/${desired} replicas ready, ${workload.updatedReplicas}/${desired} updated`;
  const time = rfc3339(now);
  let conditions: Condition[] = previous?.conditions ?? [];
  for (const condition of conditionsFor(phase, failure, counts, generation)) conditions = setCondition(conditions, condition, time);
  return {
    replicas: workload.replicas,
    readyReplicas: workload.readyReplicas,
    updatedReplicas: workload.updatedReplicas,
    availableReplicas: workload.availableReplicas,
    phase,
    observedGeneration: generation,
    selector: `${INSTANCE_LABEL}=${app.metadata?.name ?? ''}`,
    message: phase === 'Failed' && failure ? `${failure.reason}: ${failure.message}` : phase === 'Succeeded' ? 'scaled to 0 replicas; all pods stopped' : counts,
    conditions,
  };
}

function phaseOf(input: { failed: boolean; desired: number; converged: boolean; failure?: WorkloadFailure; workload: WorkloadStatus }): ApplicationPhase {
  if (input.failed) return 'Failed';
  if (input.desired === 0 && input.workload.replicas === 0) return 'Succeeded';
  if (input.desired > 0 && input.converged && !input.failure) return 'Running';
  return 'Pending';
}

function conditionsFor(phase: ApplicationPhase, failure: WorkloadFailure | undefined, counts: string, observedGeneration: number): Omit<Condition, 'lastTransitionTime'>[] {
  const ready: Omit<Condition, 'lastTransitionTime'> =
    phase === 'Running'
      ? { type: 'Ready', status: 'True', reason: 'ReplicasReady', message: counts, observedGeneration }
      : phase === 'Succeeded'
        ? { type: 'Ready', status: 'True', reason: 'ScaledToZero', message: 'scaled to 0 replicas; all pods stopped', observedGeneration }
        : { type: 'Ready', status: 'False', reason: 'ReplicasNotReady', message: counts, observedGeneration };
  const progressing: Omit<Condition, 'lastTransitionTime'> =
    phase === 'Failed'
      ? { type: 'Progressing', status: 'False', reason: 'RolloutFailed', message: failure?.message ?? counts, observedGeneration }
      : phase === 'Pending'
        ? { type: 'Progressing', status: 'True', reason: 'RollingOut', message: counts, observedGeneration }
        : { type: 'Progressing', status: 'False', reason: 'RolloutComplete', message: `generation ${observedGeneration} is rolled out`, observedGeneration };
  const degraded: Omit<Condition, 'lastTransitionTime'> = failure
    ? { type: 'Degraded', status: 'True', reason: failure.reason, message: failure.message, observedGeneration }
    : { type: 'Degraded', status: 'False', reason: 'AsExpected', message: 'the workload reports no failure', observedGeneration };
  return [ready, progressing, degraded];
}

/** Whether two statuses are the same (key order ignored): a write is needed only when they differ. */
export function statusEquals(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}
