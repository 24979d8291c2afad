import { fieldCause, KubeObject } from '@app/api-machinery';
import { AdmissionPolicy } from '../policy/policy.types.js';
import { valueAt } from '../util/json.js';
import { globMatches } from './glob.js';
import { IMAGE_PATH } from './image.rule.js';
import { fullName, fullReference, ImageReference, parseImageReference, registryAllows } from './image-reference.js';
import { ruleMessages } from './rule.messages.js';
import { RuleContext, RuleFindings, ValidationRule, Violation, noFindings } from './rule.types.js';

/**
 * Security policy on `spec.image`: blocked globs, allowed registries, `requireTag`; and the
 * best-practice warning for `latest`/untagged images (`warnLatestTag`). A missing or
 * non-string image is left to imageRequiredRule.
 */
export const imagePolicyRule: ValidationRule = {
  name: 'image-policy',
  validate(object: KubeObject, { target, policy }: RuleContext): RuleFindings {
    const findings = noFindings();
    const image = valueAt(object, IMAGE_PATH);
    if (target.type !== 'application' || typeof image !== 'string' || image.trim() === '') return findings;
    const ref = parseImageReference(image.trim());
    findings.violations.push(...policyViolations(ref, policy));
    if (policy.warnLatestTag && ref.digest === undefined) {
      if (ref.tag === undefined) findings.warnings.push(ruleMessages.noTag('spec.image', image));
      else if (ref.tag === 'latest') findings.warnings.push(ruleMessages.latestTag('spec.image', image));
    }
    return findings;
  },
};

function policyViolations(ref: ImageReference, policy: AdmissionPolicy): Violation[] {
  const forbid = (detail: string): Violation => ({ path: IMAGE_PATH, forbidden: true, cause: fieldCause.forbidden('spec.image', detail) });
  const violations: Violation[] = [];
  const blockedBy = blockingPattern(ref, policy.blockedImages);
  if (blockedBy !== undefined) violations.push(forbid(ruleMessages.imageBlocked(ref.raw, blockedBy)));
  if (policy.allowedRegistries.length > 0 && !policy.allowedRegistries.some((entry) => registryAllows(entry, ref))) {
    violations.push(forbid(ruleMessages.registryNotAllowed(ref.raw, ref.registry, policy.allowedRegistries)));
  }
  if (policy.requireTag && ref.tag === undefined && ref.digest === undefined) violations.push(forbid(ruleMessages.tagRequired(ref.raw)));
  return violations;
}

/**
 * The first blocked pattern matching the image as written, its name alone, or its fully
 * qualified forms (`docker.io/library/nginx`, `docker.io/library/nginx:latest`).
 */
function blockingPattern(ref: ImageReference, patterns: string[]): string | undefined {
  const rawName = ref.raw.split('@')[0].replace(/:[^/:]*$/, '');
  const candidates = [ref.raw, rawName, fullName(ref), fullReference(ref)];
  return patterns.find((pattern) => candidates.some((candidate) => globMatches(pattern, candidate)));
}
