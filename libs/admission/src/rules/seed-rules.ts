import { defaultsMutator } from './defaults.mutator.js';
import { imagePolicyRule } from './image-policy.rule.js';
import { imageRequiredRule } from './image.rule.js';
import { managedByMutator } from './managed-by.mutator.js';
import { replicasRule } from './replicas.rule.js';
import { resourcesHintRule } from './resources-hint.rule.js';
import { MutationRule, ValidationRule } from './rule.types.js';
import { trackingMutator } from './tracking.mutator.js';

/** The validating rules, in the order their findings are reported. */
export const VALIDATION_RULES: readonly ValidationRule[] = [imageRequiredRule, imagePolicyRule, replicasRule, resourcesHintRule];

/** The mutating rules, in order; tracking runs last because it compares the final object. */
export const MUTATION_RULES: readonly MutationRule[] = [defaultsMutator, managedByMutator, trackingMutator];
