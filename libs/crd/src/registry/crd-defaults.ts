import { isPlainObject } from '../schema/json-schema.js';

/**
 * apiextensions.k8s.io/v1 defaulting of a CRD object, in place and idempotent:
 * `names.singular` = lower-cased kind, `names.listKind` = kind + `List`, `conversion.strategy`
 * = `None`. Anything that is not shaped like a CRD is left alone.
 */
export function applyCrdDefaults(crd: unknown): void {
  if (!isPlainObject(crd) || !isPlainObject(crd.spec)) return;
  const spec = crd.spec;
  if (isPlainObject(spec.names) && typeof spec.names.kind === 'string' && spec.names.kind !== '') {
    const names = spec.names;
    if (names.singular === undefined || names.singular === '') names.singular = (names.kind as string).toLowerCase();
    if (names.listKind === undefined || names.listKind === '') names.listKind = `${names.kind as string}List`;
  }
  if (spec.conversion === undefined) spec.conversion = { strategy: 'None' };
  else if (isPlainObject(spec.conversion) && spec.conversion.strategy === undefined) spec.conversion.strategy = 'None';
}
