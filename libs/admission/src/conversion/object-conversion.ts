import { hasOwn, KubeObject, parseApiVersion, StatusError } from '@app/api-machinery';
import { CrdRegistry, ResourceDefinition } from '@app/crd';
import { conversionMessages as msg } from './conversion.messages.js';

/** A conversion that cannot be done (unknown kind or version): answered `Failure` with its message. */
export class ConversionFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversionFailure';
  }
}

/**
 * Converts each object to `desiredAPIVersion` with the converter of its custom resource in the
 * registry (the same one the standalone API uses), in order. Every object keeps its kind and
 * exactly its metadata (kube-apiserver refuses a converted object whose name, namespace, uid or
 * kind changed, and would restore the rest). Pure: the inputs are not modified. Throws
 * ConversionFailure naming the first object that cannot be converted.
 */
export function convertObjects(registry: CrdRegistry, desiredAPIVersion: string, objects: readonly KubeObject[]): KubeObject[] {
  const desired = parseApiVersion(desiredAPIVersion);
  return objects.map((object, index) => {
    const definition = definitionOf(registry, object, index);
    if (desired.group !== definition.group || desired.version === '') throw new ConversionFailure(msg.notRegistered(definition.kind, desiredAPIVersion));
    const converted = convertOne(definition, object, desired.version);
    converted.kind = object.kind;
    if (hasOwn(object, 'metadata')) converted.metadata = structuredClone(object.metadata);
    else delete converted.metadata;
    return converted;
  });
}

/** The custom resource definition of `object`'s apiVersion and kind. */
function definitionOf(registry: CrdRegistry, object: KubeObject, index: number): ResourceDefinition {
  if (typeof object.kind !== 'string' || object.kind === '') throw new ConversionFailure(msg.missingKind(index));
  if (typeof object.apiVersion !== 'string' || object.apiVersion === '') throw new ConversionFailure(msg.missingApiVersion(index));
  const { group } = parseApiVersion(object.apiVersion);
  const definition = registry.byKind(group, object.kind);
  if (!definition || definition.source !== 'crd' || definition.kind !== object.kind) throw new ConversionFailure(msg.notRegistered(object.kind, object.apiVersion));
  return definition;
}

function convertOne(definition: ResourceDefinition, object: KubeObject, version: string): KubeObject {
  try {
    return definition.convert(object, version);
  } catch (error) {
    if (error instanceof StatusError) throw new ConversionFailure(error.message);
    throw error;
  }
}
