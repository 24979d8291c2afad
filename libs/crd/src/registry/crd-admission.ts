import { ConflictError, InvalidError, StatusCause } from '@app/api-machinery';
import { CustomResourceDefinition } from '../definition/custom-resource-definition.js';
import { ResourceDefinition } from '../definition/resource-definition.js';
import { kubeCause } from '../schema/field-errors.js';
import { isPlainObject } from '../schema/json-schema.js';
import { applyCrdDefaults } from './crd-defaults.js';
import { validateCrd } from './crd-validation.js';

const CRD_KIND = { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' };
const CRD_RESOURCE = { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions' };

/**
 * A defaulted, validated deep copy of a CRD object, ready to build a definition from. Throws
 * InvalidError with kube's causes; a `Webhook` conversion strategy is refused unless an
 * in-process converter is registered under the CRD's name (this server calls no webhooks).
 */
export function prepareCrd(crd: unknown, hasConverter: (crdName: string) => boolean): CustomResourceDefinition {
  const copy = safeClone(crd);
  applyCrdDefaults(copy);
  const causes = validateCrd(copy);
  const name = crdName(copy);
  const spec = isPlainObject(copy) && isPlainObject(copy.spec) ? copy.spec : {};
  if (causes.length === 0 && isPlainObject(spec.conversion) && spec.conversion.strategy === 'Webhook' && !hasConverter(name)) {
    causes.push(kubeCause.forbidden('spec.conversion.strategy', 'conversion webhooks are not called by this server; register an in-process converter for this CRD'));
  }
  if (causes.length > 0) throw new InvalidError(CRD_KIND, name, causes);
  return copy as CustomResourceDefinition;
}

/**
 * Throws ConflictError when the CRD's plural, singular, short names, kind or listKind are
 * already used by another resource of its group (kube's NamesAccepted=False).
 */
export function assertNamesFree(crd: CustomResourceDefinition, others: ResourceDefinition[]): void {
  const { group, names } = crd.spec;
  const resourceNames = [names.plural, names.singular, ...(names.shortNames ?? [])];
  const kinds = [names.kind, names.listKind];
  for (const other of others.filter((definition) => definition.group === group)) {
    const taken = new Set([other.plural, other.singular, ...other.shortNames]);
    const takenKinds = new Set([other.kind, other.listKind]);
    const clash = resourceNames.find((name) => name !== undefined && taken.has(name)) ?? kinds.find((kind) => kind !== undefined && takenKinds.has(kind));
    if (clash !== undefined) throw new ConflictError(CRD_RESOURCE, crd.metadata.name, `"${clash}" is already in use`);
  }
}

/** A CRD may not take over a built-in resource's name. */
export function builtinConflict(name: string): ConflictError {
  return new ConflictError(CRD_RESOURCE, name, `"${name}" is a built-in resource`);
}

function safeClone(crd: unknown): unknown {
  try {
    return structuredClone(crd);
  } catch (error) {
    const cause: StatusCause = kubeCause.invalid('', '', `cannot copy object: ${error instanceof Error ? error.message : String(error)}`);
    throw new InvalidError(CRD_KIND, '', [cause]);
  }
}

function crdName(crd: unknown): string {
  const metadata = isPlainObject(crd) && isPlainObject(crd.metadata) ? crd.metadata : {};
  return typeof metadata.name === 'string' ? metadata.name : '';
}
