import { randomUUID } from 'node:crypto';
import { BadRequestError, ConflictError, deepEqual, InvalidError, KubeObject, NotFoundError, rfc3339Now, fieldCause } from '@app/api-machinery';
import { Store } from '@app/storage';
import { AdmissionAttributes, AdmissionChain, AdmissionOperation } from '../admission/admission-chain.js';
import { DeleteOptions, WriteOptions, WriteResult } from '../client/resource-client.js';
import { decode, encode, parseResourceVersion } from '../storage/codec.js';
import { objectKey } from '../storage/keys.js';
import { storeCall } from '../storage/storage-errors.js';
import { bumpGenerationIfSpecChanged, carrySystemFields, checkBody, initializeForCreate, validateMetadata } from './object-meta.js';
import { ResourceReader } from './resource-reader.js';
import { admitBySchema } from './schema-admission.js';
import { groupResource, kindOf, RequestScope, resolveWriteOptions, ResolvedWriteOptions } from './request-scope.js';
import { NamespaceProvisioner } from './namespace-provisioner.js';

/** Which part of an object an update may change. */
export type UpdateTarget = 'main' | 'status';

/**
 * The write path of every resource: admission (mutate) → schema (prune, default, validate) →
 * metadata rules → admission (validate) → compare-and-swap in the store. Nothing is stored on
 * any failure, nor under dryRun.
 */
export class ResourceWriter {
  constructor(
    private readonly store: Store,
    private readonly reader: ResourceReader,
    private readonly admission: AdmissionChain,
    private readonly namespaces: NamespaceProvisioner,
  ) {}

  async create(scope: RequestScope, body: unknown, options?: WriteOptions): Promise<WriteResult> {
    const opts = resolveWriteOptions(options);
    const object = checkBody(scope, body);
    initializeForCreate(object);
    if (scope.version.subresources.status) delete object.status;
    const warnings: string[] = [];
    const admitted = await this.admit(scope, 'CREATE', object, undefined, opts, warnings);
    const name = admitted.metadata!.name!;
    if (opts.dryRun) return { object: admitted, warnings, created: true };
    await this.namespaces.ensure(scope, opts);
    const stored = scope.definition.convert(admitted, scope.definition.storageVersion);
    const kv = await storeCall(groupResource(scope), name, () => this.store.create(objectKey(scope.definition, scope.namespace, name), encode(stored)));
    return { object: scope.definition.convert(decode(kv), scope.version.name), warnings, created: true };
  }

  /**
   * PUT semantics. With `metadata.resourceVersion` in the body it is a compare-and-swap (409 on
   * a stale one); without, last write wins (retried internally on a concurrent write).
   */
  async update(scope: RequestScope, name: string, body: unknown, options?: WriteOptions, target: UpdateTarget = 'main'): Promise<WriteResult> {
    const opts = resolveWriteOptions({ ...options, subresource: target === 'status' ? 'status' : undefined });
    const incoming = checkBody(scope, body);
    const bodyName = incoming.metadata?.name;
    if (bodyName !== undefined && bodyName !== name) {
      throw new BadRequestError(`the name of the object (${String(bodyName)}) does not match the name on the URL (${name})`);
    }
    const precondition = parseResourceVersion(incoming.metadata?.resourceVersion);
    if (precondition !== undefined && Number.isNaN(precondition)) {
      throw new InvalidError(kindOf(scope), name, [fieldCause.invalid('metadata.resourceVersion', incoming.metadata?.resourceVersion, 'must be a number')]);
    }
    return this.guaranteedUpdate(scope, name, precondition, opts, (current) => merge(scope, incoming, current, target));
  }

  /**
   * Reads the current object, computes the next state with `transform`, admits it and writes it
   * with compare-and-swap; on a concurrent write, retries from a fresh read unless the caller
   * gave a resourceVersion precondition (then: 409 Conflict).
   */
  async guaranteedUpdate(
    scope: RequestScope,
    name: string,
    precondition: number | undefined,
    options: ResolvedWriteOptions,
    transform: (current: KubeObject) => KubeObject | Promise<KubeObject>,
  ): Promise<WriteResult> {
    for (let attempt = 0; ; attempt++) {
      const stored = await this.reader.getStored(scope, name);
      if (!stored) throw new NotFoundError(groupResource(scope), name);
      const revision = Number(stored.metadata!.resourceVersion);
      if (precondition !== undefined && precondition !== revision) throw new ConflictError(groupResource(scope), name);
      const current = scope.definition.convert(stored, scope.version.name);
      try {
        return await this.commitUpdate(scope, current, await transform(structuredClone(current)), revision, options);
      } catch (error) {
        if (!(error instanceof ConflictError) || precondition !== undefined || attempt >= 16) throw error;
      }
    }
  }

  private async commitUpdate(scope: RequestScope, current: KubeObject, next: KubeObject, revision: number, opts: ResolvedWriteOptions): Promise<WriteResult> {
    const name = current.metadata!.name!;
    carrySystemFields(next, current);
    const warnings: string[] = [];
    let admitted = await this.admit(scope, 'UPDATE', next, current, opts, warnings);
    if (opts.subresource === 'status') admitted = { ...current, status: admitted.status };
    bumpGenerationIfSpecChanged(admitted, current);
    forbidNewFinalizersWhileDeleting(scope, admitted, current);
    const unchanged = deepEqual(stripVolatile(admitted), stripVolatile(current));
    if (unchanged || opts.dryRun) return { object: unchanged ? current : admitted, warnings };
    const key = objectKey(scope.definition, scope.namespace, name);
    if (admitted.metadata?.deletionTimestamp && (admitted.metadata.finalizers ?? []).length === 0) {
      const kv = await storeCall(groupResource(scope), name, () => this.store.delete(key, revision));
      return { object: scope.definition.convert(decode(kv), scope.version.name), warnings };
    }
    const stored = scope.definition.convert(admitted, scope.definition.storageVersion);
    const kv = await storeCall(groupResource(scope), name, () => this.store.update(key, encode(stored), revision));
    return { object: scope.definition.convert(decode(kv), scope.version.name), warnings };
  }

  /**
   * DELETE: an object with finalizers gets a deletionTimestamp and stays until the last
   * finalizer is removed; without finalizers it is removed at once. Returns the object.
   */
  async delete(scope: RequestScope, name: string, options?: DeleteOptions): Promise<WriteResult> {
    const opts = resolveWriteOptions(options);
    const precondition = parseResourceVersion(options?.preconditions?.resourceVersion);
    for (let attempt = 0; ; attempt++) {
      const stored = await this.reader.getStored(scope, name);
      if (!stored) throw new NotFoundError(groupResource(scope), name);
      const revision = Number(stored.metadata!.resourceVersion);
      const current = scope.definition.convert(stored, scope.version.name);
      checkDeletePreconditions(scope, name, current, revision, precondition, options?.preconditions?.uid);
      await this.admission.validate(this.attributes(scope, 'DELETE', undefined, current, opts));
      try {
        return await this.commitDelete(scope, current, revision, opts);
      } catch (error) {
        if (!(error instanceof ConflictError) || precondition !== undefined || attempt >= 16) throw error;
      }
    }
  }

  private async commitDelete(scope: RequestScope, current: KubeObject, revision: number, opts: ResolvedWriteOptions): Promise<WriteResult> {
    const name = current.metadata!.name!;
    const key = objectKey(scope.definition, scope.namespace, name);
    const finalizers = current.metadata?.finalizers ?? [];
    if (finalizers.length > 0) {
      if (current.metadata?.deletionTimestamp || opts.dryRun) return { object: current, warnings: [] };
      const next = structuredClone(current);
      next.metadata!.deletionTimestamp = rfc3339Now();
      next.metadata!.deletionGracePeriodSeconds = 0;
      const stored = scope.definition.convert(next, scope.definition.storageVersion);
      const kv = await storeCall(groupResource(scope), name, () => this.store.update(key, encode(stored), revision));
      return { object: scope.definition.convert(decode(kv), scope.version.name), warnings: [] };
    }
    if (opts.dryRun) return { object: current, warnings: [] };
    const kv = await storeCall(groupResource(scope), name, () => this.store.delete(key, revision));
    return { object: scope.definition.convert(decode(kv), scope.version.name), warnings: [] };
  }

  /** mutate → schema (prune, default, validate) + metadata rules → validate. Returns the admitted object. */
  private async admit(scope: RequestScope, operation: AdmissionOperation, object: KubeObject, old: KubeObject | undefined, opts: ResolvedWriteOptions, warnings: string[]): Promise<KubeObject> {
    const mutated = await this.admission.mutate(this.attributes(scope, operation, object, old, opts));
    warnings.push(...mutated.warnings);
    const admitted = mutated.object ?? object;
    if (old) carrySystemFields(admitted, old);
    const schemaCauses = admitBySchema(scope, admitted, opts, warnings);
    validateMetadata(scope, admitted, schemaCauses);
    const validated = await this.admission.validate(this.attributes(scope, operation, admitted, old, opts));
    warnings.push(...validated.warnings);
    return admitted;
  }

  private attributes(scope: RequestScope, operation: AdmissionOperation, object: KubeObject | undefined, old: KubeObject | undefined, opts: ResolvedWriteOptions): AdmissionAttributes {
    const definition = scope.definition;
    return {
      uid: randomUUID(),
      operation,
      kind: { group: definition.group, version: scope.version.name, kind: definition.kind },
      resource: { group: definition.group, version: scope.version.name, resource: definition.plural },
      subResource: opts.subresource,
      namespace: scope.namespace,
      name: (object ?? old)?.metadata?.name ?? '',
      object,
      oldObject: old,
      dryRun: opts.dryRun,
      userInfo: scope.user,
      options: { fieldManager: opts.fieldManager, fieldValidation: opts.fieldValidation },
    };
  }
}

/** The next state for an update: the body for the main resource (status kept), or only the body's status. */
function merge(scope: RequestScope, incoming: KubeObject, current: KubeObject, target: UpdateTarget): KubeObject {
  if (target === 'status') return { ...current, status: incoming.status };
  if (!scope.version.subresources.status) return incoming;
  const next: KubeObject = { ...incoming };
  if (current.status === undefined) delete next.status;
  else next.status = current.status;
  return next;
}

function stripVolatile(object: KubeObject): KubeObject {
  const { resourceVersion: _rv, managedFields: _mf, ...metadata } = object.metadata ?? {};
  return { ...object, metadata };
}

function forbidNewFinalizersWhileDeleting(scope: RequestScope, next: KubeObject, current: KubeObject): void {
  if (!current.metadata?.deletionTimestamp) return;
  const before = new Set(current.metadata.finalizers ?? []);
  const added = (next.metadata?.finalizers ?? []).filter((f) => !before.has(f));
  if (added.length > 0) {
    throw new InvalidError(kindOf(scope), current.metadata.name ?? '', [
      fieldCause.forbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers ${JSON.stringify(added)}`),
    ]);
  }
}

function checkDeletePreconditions(scope: RequestScope, name: string, current: KubeObject, revision: number, rv: number | undefined, uid: string | undefined): void {
  if (uid !== undefined && uid !== current.metadata?.uid) {
    throw new ConflictError(groupResource(scope), name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata?.uid ?? ''}`);
  }
  if (rv !== undefined && rv !== revision) {
    throw new ConflictError(groupResource(scope), name, `Precondition failed: ResourceVersion in precondition: ${rv}, ResourceVersion in object meta: ${revision}`);
  }
}
