import { Inject, Injectable, Optional } from '@nestjs/common';
import { BadRequestError, deepClone, deepEqual, KubeObject } from '@app/api-machinery';
import { AdmissionAttributes } from '@app/resources';
import { ADMISSION_CLOCK, MAX_OBJECT_DEPTH } from '../admission.constants.js';
import { PolicyStore } from '../policy/policy-store.js';
import { admissionTarget, AdmissionTarget } from '../rules/admission-target.js';
import { RuleContext, Violation } from '../rules/rule.types.js';
import { MUTATION_RULES, VALIDATION_RULES } from '../rules/seed-rules.js';
import { jsonDepth, valueAt } from '../util/json.js';
import { AdmissionClock, MutationResult, ValidationResult } from './admission-result.js';
import { AdmissionMetrics } from './admission-metrics.js';
import { admissionStatus, denialStatus } from './denial-status.js';

const systemClock: AdmissionClock = { now: () => new Date() };

/**
 * The one implementation of the admission rules, shared by the HTTP webhooks and the API
 * path. Synchronous, side-effect free apart from metrics; never modifies its input. Rules
 * apply to Applications (and their `/scale`) on CREATE and UPDATE; everything else is
 * admitted unchanged. On UPDATE a violation is ratcheted (ignored) when the offending field
 * is unchanged from the stored object, as kube-apiserver ratchets CRD validation: a policy
 * tightened later does not block unrelated writes such as finalizer removal.
 */
@Injectable()
export class AdmissionEngine {
  private readonly clock: AdmissionClock;

  constructor(
    private readonly policies: PolicyStore,
    private readonly metrics: AdmissionMetrics,
    @Optional() @Inject(ADMISSION_CLOCK) clock?: AdmissionClock,
  ) {
    this.clock = clock ?? systemClock;
  }

  mutate(attributes: AdmissionAttributes): MutationResult {
    const startedAt = performance.now();
    const result = this.runMutators(attributes);
    this.metrics.observe('mutate', attributes.operation, true, startedAt);
    return result;
  }

  validate(attributes: AdmissionAttributes): ValidationResult {
    const startedAt = performance.now();
    const result = this.runValidators(attributes);
    this.metrics.observe('validate', attributes.operation, result.allowed, startedAt);
    return result;
  }

  private runMutators(attributes: AdmissionAttributes): MutationResult {
    const { object } = attributes;
    const target = admissionTarget(attributes);
    if (!object || !writes(attributes) || attributes.subResource || target.type === 'other' || tooDeep(object)) {
      return { object, warnings: [] };
    }
    const mutated = deepClone(object);
    const context = this.context(attributes, target);
    const warnings = MUTATION_RULES.flatMap((rule) => rule.mutate(mutated, context));
    return { object: mutated, warnings };
  }

  private runValidators(attributes: AdmissionAttributes): ValidationResult {
    const { object, oldObject } = attributes;
    const target = admissionTarget(attributes);
    if (!object || !writes(attributes) || target.type === 'other') return { allowed: true, warnings: [] };
    if (tooDeep(object) || (oldObject && tooDeep(oldObject))) {
      const error = new BadRequestError(`object nesting exceeds the maximum depth of ${MAX_OBJECT_DEPTH}`);
      return { allowed: false, warnings: [], status: admissionStatus(error) };
    }
    const context = this.context(attributes, target);
    const findings = VALIDATION_RULES.map((rule) => rule.validate(object, context));
    const warnings = findings.flatMap((finding) => finding.warnings);
    let violations: Violation[] = findings.flatMap((finding) => finding.violations);
    if (attributes.operation === 'UPDATE' && oldObject) {
      violations = violations.filter((violation) => !deepEqual(valueAt(object, violation.path), valueAt(oldObject, violation.path)));
    }
    if (violations.length === 0) return { allowed: true, warnings };
    return { allowed: false, warnings, status: denialStatus(violations, attributes) };
  }

  private context(attributes: AdmissionAttributes, target: AdmissionTarget): RuleContext {
    const namespace = attributes.namespace || namespaceOf(attributes.object);
    return { attributes, target, policy: this.policies.effective(namespace), now: this.clock.now() };
  }
}

function writes(attributes: AdmissionAttributes): boolean {
  return attributes.operation === 'CREATE' || attributes.operation === 'UPDATE';
}

function tooDeep(object: KubeObject): boolean {
  return jsonDepth(object, MAX_OBJECT_DEPTH) > MAX_OBJECT_DEPTH;
}

function namespaceOf(object: KubeObject | undefined): string | undefined {
  const namespace = valueAt(object, ['metadata', 'namespace']);
  return typeof namespace === 'string' ? namespace : undefined;
}
