import { KubeObject, StatusCause } from '@app/api-machinery';
import { AdmissionAttributes } from '@app/resources';
import { AdmissionPolicy } from '../policy/policy.types.js';
import { AdmissionTarget } from './admission-target.js';

/** Everything a rule may look at besides the object itself. Rules never do I/O. */
export interface RuleContext {
  attributes: AdmissionAttributes;
  target: AdmissionTarget;
  /** The effective policy of the request's namespace. */
  policy: AdmissionPolicy;
  now: Date;
}

/**
 * One reason to refuse a request. `forbidden` violations break policy (403 Forbidden); the
 * others are invalid values (422 Invalid). `path` locates the offending field.
 */
export interface Violation {
  path: string[];
  cause: StatusCause;
  forbidden: boolean;
}

export interface RuleFindings {
  violations: Violation[];
  warnings: string[];
}

/** A validating rule: pure, deterministic for a given input and context. */
export interface ValidationRule {
  readonly name: string;
  validate(object: KubeObject, context: RuleContext): RuleFindings;
}

/**
 * A mutating rule: edits `object` in place (a private copy) and returns warnings.
 * Idempotent: running it on its own output changes nothing.
 */
export interface MutationRule {
  readonly name: string;
  mutate(object: KubeObject, context: RuleContext): string[];
}

export const noFindings = (): RuleFindings => ({ violations: [], warnings: [] });
