import { KubeObject, parseFieldSelector, parseLabelSelector } from '@app/api-machinery';
import { ResourceDefinition } from '@app/crd';

/** A compiled label + field selector; `isEverything` when both are empty. */
export interface ObjectPredicate {
  (object: KubeObject): boolean;
  isEverything: boolean;
}

/**
 * Compiles `labelSelector` and `fieldSelector` for a resource. Field selectors support
 * metadata.name, metadata.namespace and the resource's selectable fields (dotted paths);
 * anything else is a 400, as kube-apiserver answers.
 */
export function compileSelectors(definition: ResourceDefinition, query: { labelSelector?: string; fieldSelector?: string }): ObjectPredicate {
  const labels = parseLabelSelector(query.labelSelector ?? '');
  const fields = parseFieldSelector(query.fieldSelector ?? '');
  fields.assertSupported(['metadata.name', 'metadata.namespace', ...definition.selectableFields], definition.kind);
  const predicate = ((object: KubeObject) =>
    labels.matches(object.metadata?.labels ?? {}) && fields.matches((path: string) => fieldValue(object, path))) as ObjectPredicate;
  predicate.isEverything = labels.empty && fields.empty;
  return predicate;
}

/** The string form of a dotted field path (`status.phase`), as field selectors compare it. */
export function fieldValue(object: KubeObject, path: string): string | undefined {
  let value: unknown = object;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
