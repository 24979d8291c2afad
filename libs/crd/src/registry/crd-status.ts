import { CustomResourceDefinition } from '../definition/custom-resource-definition.js';

/**
 * The status kube's CRD controllers converge a served CRD to: names accepted as given, the
 * storage version recorded, `NamesAccepted` and `Established` True since `since` (RFC 3339).
 * What `kubectl wait --for condition=established` looks for.
 */
export function establishedStatus(crd: CustomResourceDefinition, since: string): Record<string, unknown> {
  const condition = (type: string, reason: string, message: string) => ({ type, status: 'True', lastTransitionTime: since, reason, message });
  return {
    acceptedNames: structuredClone(crd.spec.names),
    storedVersions: crd.spec.versions.filter((version) => version.storage).map((version) => version.name),
    conditions: [
      condition('NamesAccepted', 'NoConflicts', 'no conflicts found'),
      condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted'),
    ],
  };
}
