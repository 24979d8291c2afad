import { Condition } from './application.types.js';

/** Kubernetes time format: RFC 3339 UTC, second precision (metav1.Time). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function findCondition(conditions: readonly Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find((condition) => condition.type === type);
}

/**
 * apimachinery's meta.SetStatusCondition: returns the list with `desired` in place of the
 * condition of the same type. `lastTransitionTime` is kept unless `status` flips (then it is
 * `now`); reason, message and observedGeneration always follow `desired`.
 */
export function setCondition(conditions: readonly Condition[], desired: Omit<Condition, 'lastTransitionTime'>, now: string): Condition[] {
  const existing = findCondition(conditions, desired.type);
  const lastTransitionTime = existing && existing.status === desired.status ? existing.lastTransitionTime : now;
  const next: Condition = { ...desired, lastTransitionTime };
  return existing ? conditions.map((condition) => (condition === existing ? next : condition)) : [...conditions, next];
}
