import { KubeObject } from '@app/api-machinery';

/** Metadata a server sets on every object: never part of a manifest. */
const SERVER_SET_METADATA = ['uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink'];

/**
 * A CRD as a manifest to commit or apply: the object the server serves without what the server
 * sets (uid, resourceVersion, generation, timestamps, managedFields) and without `status`.
 * Pure; returns a new object.
 */
export function crdManifest(served: KubeObject): KubeObject {
  const { status: _status, apiVersion, kind, metadata = {}, ...rest } = structuredClone(served);
  const cleaned = Object.fromEntries(Object.entries(metadata).filter(([key]) => !SERVER_SET_METADATA.includes(key)));
  return { apiVersion, kind, metadata: cleaned, ...rest };
}
