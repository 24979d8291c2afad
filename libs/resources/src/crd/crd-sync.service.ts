import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AlreadyExistsError, ConflictError, deepEqual, KubeObject, NotFoundError } from '@app/api-machinery';
import { CrdRegistry } from '@app/crd';
import { Subscription, timer } from 'rxjs';
import { ResourceRef } from '../client/resource-client.js';
import { ResourceService } from '../service/resource.service.js';

export const CRD_RESOURCE: ResourceRef = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };

/**
 * Keeps the served resources in step with the CustomResourceDefinition objects in the store:
 * stores the bundled CRDs (the Application CRD is the source of truth and is rewritten on
 * boot when it changed), then serves every stored CRD, and follows creates, updates and
 * deletes from this and other processes sharing the store.
 */
@Injectable()
export class CrdSyncService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(CrdSyncService.name);
  private subscription?: Subscription;
  private stopped = false;

  constructor(private readonly resources: ResourceService, private readonly registry: CrdRegistry) {}

  async onModuleInit(): Promise<void> {
    const scope = this.resources.scope(CRD_RESOURCE);
    for (const crd of this.registry.crds()) await this.ensureStored(crd as KubeObject);
    const revision = await this.loadAll();
    this.follow(scope, revision);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.subscription?.unsubscribe();
  }

  /**
   * Serves a CRD at once (called after an API write so the next request sees it), then records
   * its status (NamesAccepted, Established) through `/status` as kube's CRD controllers do, so
   * `kubectl wait --for condition=established` returns. Idempotent: an equal status is not rewritten.
   */
  apply(crd: KubeObject): void {
    try {
      this.registry.register(crd as never);
    } catch (error) {
      this.logger.warn(`cannot serve CustomResourceDefinition ${crd.metadata?.name}: ${(error as Error).message}`);
      return;
    }
    void this.recordStatus(crd);
  }

  private async recordStatus(crd: KubeObject): Promise<void> {
    const name = crd.metadata!.name!;
    const status = this.registry.crds().find((served) => served.metadata.name === name)?.status;
    if (!status || deepEqual(withoutTimes(crd.status), withoutTimes(status))) return;
    const body = { ...crd, status };
    await this.resources.update(this.resources.scope(CRD_RESOURCE), name, body, {}, 'status').catch((error: unknown) => {
      if (!(error instanceof ConflictError) && !(error instanceof NotFoundError)) this.logger.warn(`cannot record the status of ${name}: ${(error as Error).message}`);
    });
  }

  private async ensureStored(crd: KubeObject): Promise<void> {
    const scope = this.resources.scope(CRD_RESOURCE);
    const name = crd.metadata!.name!;
    try {
      const stored = await this.resources.get(scope, name);
      if (deepEqual(stored.spec, crd.spec)) return;
      await this.resources.update(scope, name, { ...stored, spec: crd.spec });
      this.logger.log(`updated CustomResourceDefinition ${name} to the bundled version`);
    } catch (error) {
      if (error instanceof NotFoundError) return this.createBundled(crd);
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  private async createBundled(crd: KubeObject): Promise<void> {
    const { status: _status, ...body } = crd;
    await this.resources.create(this.resources.scope(CRD_RESOURCE), { ...body, metadata: { name: crd.metadata!.name } }).catch((error: unknown) => {
      if (!(error instanceof AlreadyExistsError)) throw error;
    });
  }

  private async loadAll(): Promise<number> {
    const list = await this.resources.list(this.resources.scope(CRD_RESOURCE));
    list.items.forEach((crd) => this.apply(crd));
    return Number(list.metadata.resourceVersion);
  }

  private follow(scope: ReturnType<ResourceService['scope']>, revision: number): void {
    this.subscription = this.resources.watch(scope, { resourceVersion: String(revision) }).subscribe({
      next: (event) => {
        const crd = event.object as KubeObject;
        if (event.type === 'DELETED') this.registry.unregister(crd.metadata!.name!);
        else if (event.type === 'ADDED' || event.type === 'MODIFIED') this.apply(crd);
      },
      error: (error: unknown) => this.restart(scope, error),
      complete: () => this.restart(scope, undefined),
    });
  }

  private restart(scope: ReturnType<ResourceService['scope']>, error: unknown): void {
    if (this.stopped) return;
    if (error) this.logger.warn(`CRD watch ended (${(error as Error).message}); relisting`);
    this.subscription = timer(error ? 1000 : 0).subscribe(() => {
      this.loadAll()
        .then((revision) => !this.stopped && this.follow(scope, revision))
        .catch((e: unknown) => this.restart(scope, e));
    });
  }
}

/** A CRD status without its conditions' transition times (they differ between processes). */
function withoutTimes(status: unknown): unknown {
  if (typeof status !== 'object' || status === null) return status;
  const { conditions, ...rest } = status as { conditions?: Record<string, unknown>[] };
  return { ...rest, conditions: conditions?.map(({ lastTransitionTime: _time, ...condition }) => condition) };
}
