/** The outcome of one named check. `message` says why it failed (or qualifies a pass). */
export interface HealthCheckResult {
  name: string;
  ok: boolean;
  message?: string;
  /** Skipped through `?exclude=name` (counts as passed, as in kube-apiserver). */
  excluded?: boolean;
}

/** A cheap, side-effect-free check; throwing or rejecting means failed. */
export type HealthCheck = () => Omit<HealthCheckResult, 'name'> | Promise<Omit<HealthCheckResult, 'name'>>;

/** Every check of one probe, in order. */
export interface HealthReport {
  ok: boolean;
  checks: HealthCheckResult[];
  /** `?exclude` names that match no check (kube-apiserver warns about them). */
  unknownExclusions: string[];
  /** Readiness only: facts registered with `addReadinessDetail` (the leader status). */
  details?: Record<string, unknown>;
}
