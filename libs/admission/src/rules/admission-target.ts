import { parseApiVersion } from '@app/api-machinery';
import { AdmissionAttributes } from '@app/resources';
import { APPLICATION_GROUP, APPLICATION_KIND, APPLICATION_RESOURCE } from '../admission.constants.js';
import { isPlainObject } from '../util/json.js';

/**
 * What a request is about, as far as the rules care: an Application (whose replicas field
 * depends on its version), the `/scale` subresource of one, or anything else (passed through).
 */
export type AdmissionTarget =
  | { type: 'application'; version: string; replicasPath: string[] }
  | { type: 'scale'; replicasPath: string[] }
  | { type: 'other' };

/** v1beta1 calls the replica count `spec.replicaCount`; every other version `spec.replicas`. */
export function replicasPathFor(version: string): string[] {
  return version === 'v1beta1' ? ['spec', 'replicaCount'] : ['spec', 'replicas'];
}

/** Classifies a request from the object's own apiVersion/kind, falling back to `attributes.kind`. */
export function admissionTarget(attributes: AdmissionAttributes): AdmissionTarget {
  if (attributes.subResource === 'status') return { type: 'other' };
  const gvk = objectKind(attributes) ?? attributes.kind;
  if (gvk.group === APPLICATION_GROUP && gvk.kind === APPLICATION_KIND) {
    return { type: 'application', version: gvk.version, replicasPath: replicasPathFor(gvk.version) };
  }
  const scaleOfApplication = attributes.subResource === 'scale' && attributes.resource.group === APPLICATION_GROUP
    && attributes.resource.resource === APPLICATION_RESOURCE;
  if (scaleOfApplication && gvk.kind === 'Scale') return { type: 'scale', replicasPath: ['spec', 'replicas'] };
  return { type: 'other' };
}

function objectKind(attributes: AdmissionAttributes): { group: string; version: string; kind: string } | undefined {
  const object: unknown = attributes.object ?? attributes.oldObject;
  if (!isPlainObject(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string') return undefined;
  return { ...parseApiVersion(object.apiVersion), kind: object.kind };
}
