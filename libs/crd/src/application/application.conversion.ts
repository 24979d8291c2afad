import { KubeObject, parseApiVersion } from '@app/api-machinery';
import { APPLICATION_GROUP } from './application.crd.js';
import { ResourceConverter } from '../definition/resource-converter.js';
import { isPlainObject } from '../schema/json-schema.js';

const REPLICAS_FIELD = new Map([
  ['v1', 'replicas'],
  ['v1beta1', 'replicaCount'],
]);

/**
 * Application v1 ⇄ v1beta1: `spec.replicas` (v1) is `spec.replicaCount` (v1beta1); every other
 * field is identical. Sets `apiVersion` to the target. Lossless for every defined field, both
 * ways. Unknown versions are left to the caller (the registry rejects them first).
 */
export const applicationConverter: ResourceConverter = (object, fromVersion, toVersion) => {
  const from = REPLICAS_FIELD.get(fromVersion);
  const to = REPLICAS_FIELD.get(toVersion);
  const spec = object.spec;
  if (from && to && from !== to && isPlainObject(spec) && Object.hasOwn(spec, from)) {
    const renamed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(spec)) renamed[key === from ? to : key] = value;
    object.spec = renamed;
  }
  object.apiVersion = `${APPLICATION_GROUP}/${toVersion}`;
  return object;
};

/** Returns a new Application in `toVersion` (`v1` or `v1beta1`), converted from its apiVersion. */
export function convertApplication(object: KubeObject, toVersion: string): KubeObject {
  const fromVersion = parseApiVersion(object.apiVersion ?? '').version;
  return applicationConverter(structuredClone(object), fromVersion, toVersion);
}
