import { Injectable } from '@nestjs/common';
import { KubeList, KubeObject } from '@app/api-machinery';
import { Observable } from 'rxjs';
import { ResourceService } from '../service/resource.service.js';
import { SYSTEM_USER } from '../service/request-scope.js';
import {
  DeleteOptions,
  ListQuery,
  PatchType,
  ResourceClient,
  ResourceClientFactory,
  ResourceRef,
  ResourceWatchEvent,
  WatchQuery,
  WriteOptions,
  WriteResult,
} from './resource-client.js';

/** A ResourceClient that calls the in-process resource layer (standalone mode), as the operator itself. */
export class LocalResourceClient<T extends KubeObject = KubeObject> implements ResourceClient<T> {
  constructor(readonly ref: ResourceRef, private readonly service: ResourceService) {}

  private scope(namespace: string | undefined, options?: WriteOptions) {
    return this.service.scope(this.ref, namespace, options?.user ?? SYSTEM_USER);
  }

  get(namespace: string | undefined, name: string): Promise<T> {
    return this.service.get(this.scope(namespace), name) as Promise<T>;
  }

  list(namespace: string | undefined, query?: ListQuery): Promise<KubeList<T>> {
    return this.service.list(this.scope(namespace), query) as Promise<KubeList<T>>;
  }

  create(namespace: string | undefined, object: T, options?: WriteOptions): Promise<WriteResult<T>> {
    return this.service.create(this.scope(namespace, options), object, options) as Promise<WriteResult<T>>;
  }

  update(namespace: string | undefined, object: T, options?: WriteOptions): Promise<WriteResult<T>> {
    return this.service.update(this.scope(namespace, options), object.metadata?.name ?? '', object, options) as Promise<WriteResult<T>>;
  }

  updateStatus(namespace: string | undefined, object: T, options?: WriteOptions): Promise<WriteResult<T>> {
    return this.service.update(this.scope(namespace, options), object.metadata?.name ?? '', object, options, 'status') as Promise<WriteResult<T>>;
  }

  patch(namespace: string | undefined, name: string, type: PatchType, patch: unknown, options?: WriteOptions & { force?: boolean; subresource?: string }): Promise<WriteResult<T>> {
    return this.service.patch(this.scope(namespace, options), name, type, patch, options) as Promise<WriteResult<T>>;
  }

  delete(namespace: string | undefined, name: string, options?: DeleteOptions): Promise<WriteResult<T>> {
    return this.service.delete(this.scope(namespace, options), name, options) as Promise<WriteResult<T>>;
  }

  watch(namespace: string | undefined, query?: WatchQuery): Observable<ResourceWatchEvent<T>> {
    return this.service.watch(this.scope(namespace), query) as Observable<ResourceWatchEvent<T>>;
  }
}

@Injectable()
export class LocalResourceClientFactory extends ResourceClientFactory {
  constructor(private readonly service: ResourceService) {
    super();
  }

  client<T extends KubeObject = KubeObject>(ref: ResourceRef): ResourceClient<T> {
    return new LocalResourceClient<T>(ref, this.service);
  }
}
