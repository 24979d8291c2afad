import { deepEqual } from '@app/api-machinery';
import { CustomResourceDefinition } from '@app/crd';

/** What a cluster's CRD lacks for this operator to work, and what merely differs. */
export interface CrdComparison {
  /** Blocking: the resource this operator serves is not what the cluster serves. */
  problems: string[];
  /** Not blocking, worth a warning: schemas or storage version differ from this build's. */
  differences: string[];
}

/**
 * Compares the CRD this operator was built with (`wanted`) with the one the cluster serves
 * (`live`): same group, kind, plural and scope, and every version we serve served there too.
 * Pure.
 */
export function compareCrds(wanted: CustomResourceDefinition, live: CustomResourceDefinition): CrdComparison {
  const problems: string[] = [];
  const differences: string[] = [];
  const same = (what: string, a: unknown, b: unknown) => a !== b && problems.push(`${what} is ${JSON.stringify(b)}, expected ${JSON.stringify(a)}`);
  same('spec.group', wanted.spec.group, live.spec?.group);
  same('spec.names.kind', wanted.spec.names.kind, live.spec?.names?.kind);
  same('spec.names.plural', wanted.spec.names.plural, live.spec?.names?.plural);
  same('spec.scope', wanted.spec.scope, live.spec?.scope);
  const liveVersions = new Map((live.spec?.versions ?? []).map((version) => [version.name, version]));
  for (const version of wanted.spec.versions.filter((v) => v.served)) {
    const found = liveVersions.get(version.name);
    if (!found?.served) {
      problems.push(`version ${version.name} is not served`);
      continue;
    }
    if (version.storage && !found.storage) differences.push(`the storage version is not ${version.name}`);
    if (!deepEqual(version.schema?.openAPIV3Schema, found.schema?.openAPIV3Schema)) differences.push(`the ${version.name} schema differs from this operator's`);
  }
  return { problems, differences };
}

/** The CRD's Established condition is True (its resource is being served). */
export function isEstablished(crd: CustomResourceDefinition): boolean {
  const conditions = (crd.status?.conditions ?? []) as Array<{ type?: string; status?: string }>;
  return conditions.some((condition) => condition.type === 'Established' && condition.status === 'True');
}
