import { KubeObject } from '@app/api-machinery';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../admission.constants.js';
import { isUnset, metadataMap } from './object-edit.js';
import { MutationRule, RuleContext } from './rule.types.js';

/**
 * Labels Applications `app.kubernetes.io/managed-by: application-operator` unless the label is
 * already set: a tool that owns the object (Helm sets `Helm`) keeps its claim.
 */
export const managedByMutator: MutationRule = {
  name: 'managed-by',
  mutate(object: KubeObject, { target }: RuleContext): string[] {
    if (target.type !== 'application') return [];
    const labels = metadataMap(object, 'labels');
    if (labels && isUnset(labels, MANAGED_BY_LABEL)) labels[MANAGED_BY_LABEL] = MANAGED_BY_VALUE;
    return [];
  },
};
