import { KubeObject } from '@app/api-machinery';
import { isPlainObject, valueAt } from '../util/json.js';
import { ruleMessages } from './rule.messages.js';
import { RuleContext, RuleFindings, ValidationRule, noFindings } from './rule.types.js';

/** Warns (never denies) when an Application declares no resource hints (`spec.resources` absent or empty). */
export const resourcesHintRule: ValidationRule = {
  name: 'resources-hint',
  validate(object: KubeObject, { target }: RuleContext): RuleFindings {
    const findings = noFindings();
    if (target.type !== 'application') return findings;
    const resources = valueAt(object, ['spec', 'resources']);
    const empty = resources === undefined || resources === null || (isPlainObject(resources) && Object.keys(resources).length === 0);
    if (empty) findings.warnings.push(ruleMessages.noResources());
    return findings;
  },
};
