import { fieldCause, KubeObject } from '@app/api-machinery';
import { valueAt } from '../util/json.js';
import { ruleMessages } from './rule.messages.js';
import { RuleContext, RuleFindings, ValidationRule, noFindings } from './rule.types.js';

export const IMAGE_PATH = ['spec', 'image'];

/** `spec.image` is present and a non-empty string (whitespace alone does not count). */
export const imageRequiredRule: ValidationRule = {
  name: 'image-required',
  validate(object: KubeObject, { target }: RuleContext): RuleFindings {
    const findings = noFindings();
    if (target.type !== 'application') return findings;
    const image = valueAt(object, IMAGE_PATH);
    if (image === undefined || image === null || image === '') {
      findings.violations.push({ path: IMAGE_PATH, forbidden: false, cause: fieldCause.required('spec.image', ruleMessages.imageRequired()) });
    } else if (typeof image !== 'string' || image.trim() === '') {
      findings.violations.push({ path: IMAGE_PATH, forbidden: false, cause: fieldCause.invalid('spec.image', image, ruleMessages.imageNotString()) });
    }
    return findings;
  },
};
