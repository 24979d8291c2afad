import { apiVersionOf, BadRequestError, KubeObject, parseApiVersion } from '@app/api-machinery';
import { ResourceConverter } from '../definition/resource-converter.js';

/** What a definition's `convert` needs to know about its resource. */
export interface ConversionTarget {
  group: string;
  kind: string;
  versions: readonly string[];
}

/**
 * Builds a definition's `convert(object, version)`: always returns a new object (a deep copy when it
 * converts; a shallow one, sharing nested values, when it does not); same version or
 * no converter (CRD strategy `None`) only rewrites apiVersion; otherwise the in-process
 * converter runs. Throws BadRequestError for a version the resource does not have.
 */
export function makeConvert(target: ConversionTarget, converter?: ResourceConverter): (object: KubeObject, version: string) => KubeObject {
  return (object, version) => {
    if (!target.versions.includes(version)) throw unknownVersion(target, version);
    const from = parseApiVersion(typeof object.apiVersion === 'string' ? object.apiVersion : '').version;
    // No conversion: a new top-level object sharing nested values (objects on the hot paths are
    // freshly decoded; a deep copy here cost as much as the JSON.parse that produced them).
    if (!converter || from === '' || from === version) return { ...object, apiVersion: apiVersionOf(target.group, version) };
    if (!target.versions.includes(from)) throw unknownVersion(target, from);
    const converted = converter(structuredClone(object), from, version);
    converted.apiVersion = apiVersionOf(target.group, version);
    return converted;
  };
}

function unknownVersion(target: ConversionTarget, version: string): BadRequestError {
  return new BadRequestError(`no kind "${target.kind}" is registered for version "${apiVersionOf(target.group, version)}"`);
}
