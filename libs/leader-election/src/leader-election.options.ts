import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { JITTER_FACTOR, LEADER_ELECTION_DEFAULTS } from './leader-election.constants.js';
import { messages } from './leader-election.messages.js';

/** Options of `LeaderElectionModule.forRoot` (every field optional; defaults as client-go's core clients). */
export interface LeaderElectionModuleOptions {
  /** False: this process is leader at once and for ever (single instance). Default true. */
  enabled?: boolean;
  /** Unique among replicas. Default: hostname plus a random suffix (see `defaultIdentity`). */
  identity?: string;
  leaseNamespace?: string;
  leaseName?: string;
  /** How long followers wait, by their own clock, after last seeing the lease change before taking it. Integer (the Lease field is int32). */
  leaseDurationSeconds?: number;
  /** How long the leader keeps leading without a successful renew. Must be < leaseDurationSeconds. */
  renewDeadlineSeconds?: number;
  /** Time between attempts; 1.2 × retryPeriodSeconds must be < renewDeadlineSeconds. */
  retryPeriodSeconds?: number;
  /** Release the lease on shutdown so a follower takes over within about one retry period. Default true. */
  releaseOnCancel?: boolean;
}

/** Options with every default applied, validated. */
export type LeaderElectionConfig = Required<LeaderElectionModuleOptions>;

/** `<hostname>_<uuid>`, as controller-runtime derives identities when no pod name is given. */
export function defaultIdentity(): string {
  return `${hostname()}_${randomUUID()}`;
}

/** Applies defaults and validates; throws one Error naming every bad value. */
export function resolveLeaderElectionOptions(options: LeaderElectionModuleOptions = {}): LeaderElectionConfig {
  const config: LeaderElectionConfig = {
    ...LEADER_ELECTION_DEFAULTS,
    identity: defaultIdentity(),
    ...definedOnly(options),
  };
  validateLeaderElectionConfig(config);
  return config;
}

/** The timing an elector runs with (seconds). */
export type LeaderElectionTiming = Pick<LeaderElectionConfig, 'leaseDurationSeconds' | 'renewDeadlineSeconds' | 'retryPeriodSeconds'>;

/** client-go's NewLeaderElector checks, all reported at once, plus non-empty names. */
export function validateLeaderElectionConfig(config: LeaderElectionConfig): void {
  const problems = timingProblems(config);
  for (const field of ['identity', 'leaseNamespace', 'leaseName'] as const) {
    if (typeof config[field] !== 'string' || config[field].length === 0) problems.push(`${field} must not be empty`);
  }
  if (problems.length > 0) throw new Error(messages.invalidTiming(problems));
}

/** Throws one Error naming every bad value unless lease > renewDeadline > 1.2 × retryPeriod > 0. */
export function validateLeaderElectionTiming(timing: LeaderElectionTiming): void {
  const problems = timingProblems(timing);
  if (problems.length > 0) throw new Error(messages.invalidTiming(problems));
}

function timingProblems(c: LeaderElectionTiming): string[] {
  const { leaseDurationSeconds: lease, renewDeadlineSeconds: renew, retryPeriodSeconds: retry } = c;
  const problems: string[] = [];
  if (!Number.isInteger(lease) || lease < 1) problems.push(`leaseDurationSeconds (${lease}) must be a positive integer`);
  if (!(renew > 0)) problems.push(`renewDeadlineSeconds (${renew}) must be greater than zero`);
  if (!(retry > 0)) problems.push(`retryPeriodSeconds (${retry}) must be greater than zero`);
  if (!(lease > renew)) problems.push(`leaseDurationSeconds (${lease}) must be greater than renewDeadlineSeconds (${renew})`);
  if (!(renew > JITTER_FACTOR * retry)) {
    problems.push(`renewDeadlineSeconds (${renew}) must be greater than ${JITTER_FACTOR} × retryPeriodSeconds (${retry}) = ${round(JITTER_FACTOR * retry)}`);
  }
  return problems;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
