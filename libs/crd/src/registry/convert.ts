import { apiVersionOf, BadRequestError, KubeObject, parseApiVersion } from '@app/api-machinery';
import { ResourceConverter } from '../definition/resource-converter.js';

/** What a definition's `convert` needs to know about its resource. */
export interface ConversionTarget {
  group: string;
  kind: string;
  versions: readonly string[];
}

/**
 * Builds a definition's `convert(object, version)`: always returns a deep copy; same version or
 * no converter (CRD strategy `None`) only rewrites apiVersion; otherwise the in-process
 * converter runs. Throws BadRequestError for a version the resource does not have.
 */
export function makeConvert(target: ConversionTarget, converter?: ResourceConverter): (object: KubeObject, version: string) => KubeObject {
  return (object, version) => {
    if (!target.versions.includes(version)) throw unknownVersion(target, version);
    const copy = structuredClone(object);
    const from = parseApiVersion(typeof object.apiVersion === 'string' ? object.apiVersion : '').version;
    if (!converter || from === '' || from === version) {
      copy.apiVersion = apiVersionOf(target.group, version);
      return copy;
    }
    if (!target.versions.includes(from)) throw unknownVersion(target, from);
    const converted = converter(copy, from, version);
    converted.apiVersion = apiVersionOf(target.group, version);
    return converted;
  };
}

function unknownVersion(target: ConversionTarget, version: string): BadRequestError {
  return new BadRequestError(`no kind "${target.kind}" is registered for version "${apiVersionOf(target.group, version)}"`);
}
