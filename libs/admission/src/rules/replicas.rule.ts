import { fieldCause, KubeObject } from '@app/api-machinery';
import { valueAt } from '../util/json.js';
import { ruleMessages } from './rule.messages.js';
import { RuleContext, RuleFindings, ValidationRule, noFindings } from './rule.types.js';

/**
 * The replica count (`spec.replicas`, or v1beta1's `spec.replicaCount`) is an integer in
 * 0..policy.maxReplicas; an absent count passes (defaulting supplies it). Warns on exactly 1.
 */
export const replicasRule: ValidationRule = {
  name: 'replicas',
  validate(object: KubeObject, { target, policy }: RuleContext): RuleFindings {
    const findings = noFindings();
    if (target.type === 'other') return findings;
    const path = target.replicasPath;
    const field = path.join('.');
    const replicas = valueAt(object, path);
    if (replicas === undefined || replicas === null) return findings;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas)) {
      findings.violations.push({ path, forbidden: false, cause: fieldCause.invalid(field, replicas, ruleMessages.replicasNotInteger()) });
    } else if (replicas < 0 || replicas > policy.maxReplicas) {
      findings.violations.push({ path, forbidden: false, cause: fieldCause.invalid(field, replicas, ruleMessages.replicasOutOfRange(policy.maxReplicas)) });
    } else if (replicas === 1) {
      findings.warnings.push(ruleMessages.singleReplica(field));
    }
    return findings;
  },
};
