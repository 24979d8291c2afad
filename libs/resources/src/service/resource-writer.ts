import { AlreadyExistsError, BadRequestError, ConflictError, KubeObject, NotFoundError, rfc3339Now } from '@app/api-machinery';
import { Store } from '@app/storage';
import { AdmissionChain } from '../admission/admission-chain.js';
import { DeleteOptions, WriteOptions, WriteResult } from '../client/resource-client.js';
import { decode, encode, parseResourceVersion } from '../storage/codec.js';
import { objectKey } from '../storage/keys.js';
import { storeCall } from '../storage/storage-errors.js';
import { bumpGenerationIfSpecChanged, carrySystemFields, checkBody, initializeForCreate } from './object-meta.js';
import { ResourceReader } from './resource-reader.js';
import { groupResource, RequestScope, resolveWriteOptions, ResolvedWriteOptions } from './request-scope.js';
import { NamespaceProvisioner } from './namespace-provisioner.js';
import { isNamespaces, markTerminating, pendingFinalizers, prepareNamespaceForCreate, stillTerminating } from './namespace-lifecycle.js';
import { WriteAdmission } from './write-admission.js';
import { attributionView, checkDeletePreconditions, forbidNewFinalizersWhileDeleting, isNoop, nextForUpdate, recordManagedFields, UpdateTarget } from './write-rules.js';

export type { UpdateTarget };

/**
 * The write path of every resource: admission (mutate) → schema (prune, default, validate) →
 * metadata rules → admission (validate) → managedFields → compare-and-swap in the store.
 * Nothing is stored on any failure, nor under dryRun (which returns what would be stored).
 */
export class ResourceWriter {
  private readonly admission: WriteAdmission;

  constructor(
    private readonly store: Store,
    private readonly reader: ResourceReader,
    chain: AdmissionChain,
    private readonly namespaces: NamespaceProvisioner,
  ) {
    this.admission = new WriteAdmission(chain);
  }

  /** POST. Under dryRun: the object as it would be stored (uid, creationTimestamp, no resourceVersion). */
  async create(scope: RequestScope, body: unknown, options?: WriteOptions): Promise<WriteResult> {
    const opts = resolveWriteOptions(options);
    const object = checkBody(scope, body);
    const requested = object.metadata!.managedFields;
    const namespaceExists = await this.namespaces.admitCreate(scope, object.metadata!.name);
    initializeForCreate(object);
    if (isNamespaces(scope)) prepareNamespaceForCreate(object);
    if (scope.version.subresources.status) delete object.status;
    const warnings: string[] = [];
    const view = attributionView(scope, object, undefined, opts);
    const admitted = await this.admission.admit(scope, 'CREATE', object, undefined, opts, warnings);
    recordManagedFields(scope, undefined, requested, view, admitted, opts);
    const name = admitted.metadata!.name!;
    const key = objectKey(scope.definition, scope.namespace, name);
    if (opts.dryRun) {
      if (await this.reader.getStored(scope, name)) throw new AlreadyExistsError(groupResource(scope), name);
      return { object: admitted, warnings, created: true };
    }
    await this.namespaces.ensure(scope, opts, namespaceExists);
    const stored = scope.definition.convert(admitted, scope.definition.storageVersion);
    const kv = await storeCall(groupResource(scope), name, () => this.store.create(key, encode(stored)));
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
    return this.guaranteedUpdate(scope, name, precondition, opts, (current) => nextForUpdate(scope, incoming, current, target));
  }

  /**
   * Reads the current object, computes the next state with `transform`, admits it and writes it
   * with compare-and-swap; on a concurrent write, retries from a fresh read unless the caller
   * gave a resourceVersion precondition (then: 409 Conflict). A write that changes nothing is a
   * no-op: nothing is stored and the resourceVersion stays.
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
    const requested = next.metadata?.managedFields;
    carrySystemFields(next, current);
    const view = attributionView(scope, next, current, opts);
    const warnings: string[] = [];
    let admitted = await this.admission.admit(scope, 'UPDATE', next, current, opts, warnings);
    if (opts.subresource === 'status') admitted = { ...current, metadata: { ...current.metadata }, status: admitted.status };
    bumpGenerationIfSpecChanged(admitted, current);
    forbidNewFinalizersWhileDeleting(scope, admitted, current);
    recordManagedFields(scope, current, requested, view, admitted, opts);
    const unchanged = isNoop(admitted, current);
    if (unchanged || opts.dryRun) return { object: unchanged ? current : admitted, warnings };
    const key = objectKey(scope.definition, scope.namespace, name);
    if (admitted.metadata?.deletionTimestamp && pendingFinalizers(scope, admitted).length === 0) {
      const kv = await storeCall(groupResource(scope), name, () => this.store.delete(key, revision));
      return { object: scope.definition.convert(decode(kv), scope.version.name), warnings };
    }
    const stored = scope.definition.convert(admitted, scope.definition.storageVersion);
    const kv = await storeCall(groupResource(scope), name, () => this.store.update(key, encode(stored), revision));
    return { object: scope.definition.convert(decode(kv), scope.version.name), warnings };
  }

  /**
   * DELETE: an object with finalizers gets a deletionTimestamp and stays until the last
   * finalizer is removed; without finalizers it is removed at once. Returns the object (under
   * dryRun: as it would be after the delete).
   */
  async delete(scope: RequestScope, name: string, options?: DeleteOptions): Promise<WriteResult> {
    const opts = resolveWriteOptions(options);
    const precondition = options?.preconditions?.resourceVersion || undefined;
    for (let attempt = 0; ; attempt++) {
      const stored = await this.reader.getStored(scope, name);
      if (!stored) throw new NotFoundError(groupResource(scope), name);
      const revision = Number(stored.metadata!.resourceVersion);
      const current = scope.definition.convert(stored, scope.version.name);
      checkDeletePreconditions(scope, name, current, revision, precondition, options?.preconditions?.uid);
      await this.admission.validateDelete(scope, current, opts);
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
    if (isNamespaces(scope) && current.metadata?.deletionTimestamp && pendingFinalizers(scope, current).length > 0) throw stillTerminating(name);
    if (pendingFinalizers(scope, current).length > 0 || (isNamespaces(scope) && !current.metadata?.deletionTimestamp)) {
      if (current.metadata?.deletionTimestamp) return { object: current, warnings: [] };
      const next = isNamespaces(scope) ? markTerminating(current) : structuredClone(current);
      next.metadata!.deletionTimestamp ??= rfc3339Now();
      next.metadata!.deletionGracePeriodSeconds = 0;
      if (opts.dryRun) return { object: next, warnings: [] };
      const stored = scope.definition.convert(next, scope.definition.storageVersion);
      const kv = await storeCall(groupResource(scope), name, () => this.store.update(key, encode(stored), revision));
      return { object: scope.definition.convert(decode(kv), scope.version.name), warnings: [] };
    }
    if (opts.dryRun) return { object: current, warnings: [] };
    const kv = await storeCall(groupResource(scope), name, () => this.store.delete(key, revision));
    return { object: scope.definition.convert(decode(kv), scope.version.name), warnings: [] };
  }
}
