import { deepEqual, KubeObject, ManagedFieldsEntry, rfc3339Now } from '@app/api-machinery';
import { ResourceVersion } from '@app/crd';
import { requestApiVersion, RequestScope } from '../request-scope.js';
import { ApplyConflictError, FieldConflict } from './apply-conflict.js';
import { fieldElement, FieldSet } from './field-set.js';
import { capUpdateManagers, decodeManagedFields, encodeManagedFields, isResetRequest, ManagedFields, managerIdentity } from './managed-fields.js';
import { objectSchema, Schema } from './object-schema.js';
import { mergeValues, removeFields } from './structured-merge.js';
import { compare, Comparison, toFieldSet } from './typed-walk.js';

const STATUS = fieldElement('status');
const schemas = new WeakMap<ResourceVersion, Schema>();

/** What a server-side apply produced: the merged object (managedFields set) for the normal write path. */
export interface AppliedObject {
  object: KubeObject;
  managedFields: ManagedFieldsEntry[] | undefined;
}

/**
 * Tracks which manager owns which fields of an object (kube's FieldManager over
 * structured-merge-diff). Pure: it computes managedFields and merged objects, stores nothing.
 * One instance serves one request (resource version and subresource).
 */
export class FieldManager {
  private readonly apiVersion: string;

  constructor(private readonly scope: RequestScope, private readonly subresource: string | undefined) {
    this.apiVersion = requestApiVersion(scope);
  }

  /**
   * managedFields after an Update (create, PUT, merge/JSON patch, scale, status) that turned
   * `live` into `next`: the fields it added or changed go to `manager` (and leave every other
   * manager: updates never conflict); removed fields leave everyone. Managed fields sent in the
   * request replace the live ones unless empty or malformed; `[]` or `[{}]` clears them.
   */
  update(live: KubeObject | undefined, next: KubeObject, requested: unknown, manager: string): ManagedFieldsEntry[] | undefined {
    const managed = this.baseForUpdate(live, requested);
    this.recordUpdate(managed, live ?? this.skeleton(), next, manager, this.subresource);
    capUpdateManagers(managed);
    return encodeManagedFields(managed);
  }

  /**
   * Server-side apply of `config` by `manager` over `live` (undefined: the object is created):
   * sets what the configuration sets, removes what this manager applied before and no longer
   * applies (unless someone else manages it), and throws ApplyConflictError when it would
   * change fields other managers own, unless `force` takes them over.
   */
  apply(live: KubeObject | undefined, config: KubeObject, manager: string, force: boolean): AppliedObject {
    const base = live ?? this.skeleton();
    const managed = decodeOrEmpty(base.metadata?.managedFields);
    // As kube: an object nobody manages yet is first attributed, whole, to `before-first-apply`.
    if (live && managed.size === 0) this.recordUpdate(managed, this.skeleton(), live, 'before-first-apply', undefined);
    const schema = this.schemaOf(this.scope.version)!;
    const identity = { manager, operation: 'Apply' as const, apiVersion: this.apiVersion, subresource: this.subresource };
    const key = managerIdentity(identity);
    const last = managed.get(key);
    managed.set(key, { ...identity, time: last?.time, fields: stripMeta(this.ignoreResetFields(toFieldSet(config, schema))) });
    let merged = mergeValues(base, config, schema) as KubeObject;
    if (last && last.apiVersion === this.apiVersion) {
      const owned = [...managed.values()].reduce((all, entry) => all.union(entry.fields), new FieldSet());
      merged = removeFields(merged, last.fields.difference(owned), owned, schema) as KubeObject;
    }
    this.release(managed, new Comparisons(this, base, merged), key, force);
    if (!deepEqual(base, merged) && managed.has(key)) managed.get(key)!.time = rfc3339Now();
    const managedFields = encodeManagedFields(managed);
    merged.metadata = { ...merged.metadata, managedFields };
    if (!managedFields) delete merged.metadata.managedFields;
    return { object: merged, managedFields };
  }

  /** The schema structured merge uses for `version`; undefined when it is not served. */
  schemaOf(version: ResourceVersion | undefined): Schema | undefined {
    if (!version) return undefined;
    let schema = schemas.get(version);
    if (!schema) schemas.set(version, (schema = objectSchema(version.openAPIV3Schema)));
    return schema;
  }

  /** The served version an `apiVersion` (group/version) names, if any. */
  versionOf(apiVersion: string): ResourceVersion | undefined {
    if (apiVersion === this.apiVersion) return this.scope.version;
    const [group, name] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
    return group === this.scope.definition.group ? this.scope.definition.versions.find((v) => v.name === name) : undefined;
  }

  convert(object: KubeObject, version: ResourceVersion): KubeObject {
    return version === this.scope.version ? object : this.scope.definition.convert(object, version.name);
  }

  /** kube's reset fields: the main resource never owns status, the status subresource owns only status. */
  ignoreResetFields(set: FieldSet): FieldSet {
    if (this.subresource === 'status') return set.onlySubtrees([STATUS]);
    if (this.subresource === undefined && this.scope.version.subresources.status) return set.withoutSubtrees([STATUS]);
    return set;
  }

  /** An Update by `manager` from `live` to `next`: it gets what changed, everyone loses what changed or went. */
  private recordUpdate(managed: ManagedFields, live: KubeObject, next: KubeObject, manager: string, subresource: string | undefined): void {
    const comparisons = new Comparisons(this, live, next);
    this.release(managed, comparisons, undefined, true);
    const own = comparisons.of(this.apiVersion)!;
    const changed = stripMeta(own.added.union(own.modified));
    if (changed.isEmpty()) return;
    const identity = { manager, operation: 'Update' as const, apiVersion: this.apiVersion, subresource };
    const previous = managed.get(managerIdentity(identity));
    managed.set(managerIdentity(identity), { ...identity, time: rfc3339Now(), fields: previous ? changed.union(previous.fields) : changed });
  }

  /**
   * Takes the fields this write changes away from every manager but `skip` (conflicts, an error
   * unless `force`), and the fields it removes from everyone (structured-merge-diff's update).
   */
  private release(managed: ManagedFields, comparisons: Comparisons, skip: string | undefined, force: boolean): void {
    const conflicts: FieldConflict[] = [];
    const changes: [string, FieldSet][] = [];
    for (const [key, entry] of [...managed.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const comparison = key === skip ? undefined : comparisons.of(entry.apiVersion);
      if (!comparison) continue;
      const taken = entry.fields.intersection(comparison.added.union(comparison.modified));
      conflicts.push(...taken.paths().map((path) => ({ manager: entry, path })));
      changes.push([key, taken.union(comparison.removed)]);
    }
    if (!force && conflicts.length > 0) throw new ApplyConflictError(conflicts);
    for (const [key, lost] of changes) {
      const entry = managed.get(key)!;
      const fields = entry.fields.difference(lost);
      if (fields.isEmpty()) managed.delete(key);
      else managed.set(key, { ...entry, fields });
    }
  }

  private baseForUpdate(live: KubeObject | undefined, requested: unknown): ManagedFields {
    if (this.subresource === undefined) {
      if (isResetRequest(requested)) return new Map();
      const fromRequest = decodeOrEmpty(requested);
      if (fromRequest.size > 0) return fromRequest;
    }
    return decodeOrEmpty(live?.metadata?.managedFields);
  }

  private skeleton(): KubeObject {
    return { apiVersion: this.apiVersion, kind: this.scope.definition.kind };
  }
}

/** Comparisons of one write, per version managers recorded their fields in (computed once each). */
class Comparisons {
  private readonly cache = new Map<string, Comparison | undefined>();

  constructor(private readonly fields: FieldManager, private readonly live: KubeObject, private readonly next: KubeObject) {}

  of(apiVersion: string): Comparison | undefined {
    if (!this.cache.has(apiVersion)) this.cache.set(apiVersion, this.compute(apiVersion));
    return this.cache.get(apiVersion);
  }

  private compute(apiVersion: string): Comparison | undefined {
    const version = this.fields.versionOf(apiVersion);
    const schema = this.fields.schemaOf(version);
    if (!version || !schema) return undefined;
    try {
      const c = compare(this.fields.convert(this.live, version), this.fields.convert(this.next, version), schema);
      const filter = (set: FieldSet) => this.fields.ignoreResetFields(set);
      return { added: filter(c.added), modified: filter(c.modified), removed: filter(c.removed) };
    } catch {
      return undefined;
    }
  }
}

function decodeOrEmpty(entries: unknown): ManagedFields {
  try {
    return decodeManagedFields(entries);
  } catch {
    return new Map();
  }
}

/** Fields never recorded for anyone: type meta and the `metadata` node itself (its children are). */
function stripMeta(set: FieldSet): FieldSet {
  const stripped = set.clone();
  stripped.member = false;
  stripped.children.delete(fieldElement('apiVersion'));
  stripped.children.delete(fieldElement('kind'));
  const metadata = stripped.children.get(fieldElement('metadata'));
  if (metadata) metadata.member = false;
  return stripped;
}
