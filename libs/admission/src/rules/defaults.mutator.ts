import { KubeObject } from '@app/api-machinery';
import { isUnset, ensureMap } from './object-edit.js';
import { MutationRule, RuleContext } from './rule.types.js';

export const DEFAULT_STRATEGY = 'RollingUpdate';
export const DEFAULT_REPLICAS = 1;

/**
 * Defaults `spec.strategy` to RollingUpdate and the replica count (`spec.replicas`, v1beta1
 * `spec.replicaCount`) to 1 when unset. Never overwrites a value, whatever its type.
 */
export const defaultsMutator: MutationRule = {
  name: 'defaults',
  mutate(object: KubeObject, { target }: RuleContext): string[] {
    if (target.type !== 'application') return [];
    const spec = ensureMap(object as Record<string, unknown>, 'spec');
    if (!spec) return [];
    const replicasField = target.replicasPath[target.replicasPath.length - 1];
    if (isUnset(spec, 'strategy')) spec['strategy'] = DEFAULT_STRATEGY;
    if (isUnset(spec, replicasField)) spec[replicasField] = DEFAULT_REPLICAS;
    return [];
  },
};
