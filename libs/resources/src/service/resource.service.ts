import { Injectable, Optional } from '@nestjs/common';
import { KubeList, KubeObject, PathNotFoundError } from '@app/api-machinery';
import { CrdRegistry, ResourceDefinition } from '@app/crd';
import { Store } from '@app/storage';
import { Observable } from 'rxjs';
import { AdmissionChain, NoopAdmissionChain } from '../admission/admission-chain.js';
import { DeleteOptions, ListQuery, PatchType, ResourceRef, ResourceWatchEvent, UserInfo, WatchQuery, WriteOptions, WriteResult } from '../client/resource-client.js';
import { NamespaceProvisioner } from './namespace-provisioner.js';
import { ResourceApplier } from './apply/resource-applier.js';
import { ResourcePatcher } from './resource-patcher.js';
import { ResourceReader } from './resource-reader.js';
import { ResourceScaler, Scale } from './resource-scaler.js';
import { ResourceWatcher } from './resource-watcher.js';
import { ResourceWriter, UpdateTarget } from './resource-writer.js';
import { RequestScope, SYSTEM_USER } from './request-scope.js';

/**
 * The generic resource layer: every served resource (CRDs and built-ins alike) is read and
 * written here with kube-apiserver's semantics. Nothing in it is specific to one kind.
 */
@Injectable()
export class ResourceService {
  private readonly reader: ResourceReader;
  private readonly writer: ResourceWriter;
  private readonly patcher: ResourcePatcher;
  private readonly scaler: ResourceScaler;
  private readonly watcher: ResourceWatcher;

  constructor(store: Store, private readonly registry: CrdRegistry, @Optional() admission?: AdmissionChain) {
    this.reader = new ResourceReader(store);
    this.writer = new ResourceWriter(store, this.reader, admission ?? new NoopAdmissionChain(), new NamespaceProvisioner(store, registry));
    this.patcher = new ResourcePatcher(this.writer, new ResourceApplier(this.reader, this.writer));
    this.scaler = new ResourceScaler(this.reader, this.writer);
    this.watcher = new ResourceWatcher(store, this.reader);
  }

  /**
   * Resolves a served resource version; 404 (as kube-apiserver) when nothing serves it.
   * `userAgent` names the field manager of writes that give no `fieldManager` (as kube does).
   */
  scope(ref: ResourceRef, namespace?: string, user: UserInfo = SYSTEM_USER, userAgent?: string): RequestScope {
    const definition = this.registry.resolve(ref.group, ref.version, ref.resource);
    const version = definition?.versions.find((v) => v.name === ref.version && v.served);
    if (!definition || !version) throw new PathNotFoundError();
    return { definition, version, namespace: definition.scope === 'Namespaced' ? namespace : undefined, user, ...(userAgent !== undefined ? { userAgent } : {}) };
  }

  definition(ref: ResourceRef): ResourceDefinition | undefined {
    return this.registry.resolve(ref.group, ref.version, ref.resource);
  }

  get(scope: RequestScope, name: string): Promise<KubeObject> {
    return this.reader.get(scope, name);
  }

  list(scope: RequestScope, query?: ListQuery): Promise<KubeList> {
    return this.reader.list(scope, query);
  }

  /** Exactly `JSON.stringify(await get(scope, name))`, cached per stored version (the API's GET). */
  getJson(scope: RequestScope, name: string): Promise<string> {
    return this.reader.getJson(scope, name);
  }

  /** Exactly `JSON.stringify(await list(scope, query))`, from per-object cached JSON (the API's LIST). */
  listJson(scope: RequestScope, query?: ListQuery): Promise<string> {
    return this.reader.listJson(scope, query);
  }

  watch(scope: RequestScope, query?: WatchQuery): Observable<ResourceWatchEvent> {
    return this.watcher.watch(scope, query);
  }

  create(scope: RequestScope, body: unknown, options?: WriteOptions): Promise<WriteResult> {
    return this.writer.create(scope, body, options);
  }

  update(scope: RequestScope, name: string, body: unknown, options?: WriteOptions, target: UpdateTarget = 'main'): Promise<WriteResult> {
    return this.writer.update(scope, name, body, options, target);
  }

  /**
   * PATCH: merge, JSON, strategic (built-ins only) or server-side apply (`type: 'apply'`, which
   * needs `fieldManager`, honours `force`, and creates a missing object: `created: true`).
   */
  patch(scope: RequestScope, name: string, type: PatchType, patch: unknown, options?: WriteOptions & { subresource?: string; force?: boolean }): Promise<WriteResult> {
    return this.patcher.patch(scope, name, type, patch, options);
  }

  delete(scope: RequestScope, name: string, options?: DeleteOptions): Promise<WriteResult> {
    return this.writer.delete(scope, name, options);
  }

  getScale(scope: RequestScope, name: string): Promise<Scale> {
    return this.scaler.get(scope, name);
  }

  updateScale(scope: RequestScope, name: string, body: unknown, options?: WriteOptions): Promise<{ object: Scale; warnings: string[] }> {
    return this.scaler.update(scope, name, body, options);
  }

  patchScale(scope: RequestScope, name: string, type: PatchType, patch: unknown, options?: WriteOptions): Promise<{ object: Scale; warnings: string[] }> {
    return this.scaler.patch(scope, name, type, patch, options);
  }
}
