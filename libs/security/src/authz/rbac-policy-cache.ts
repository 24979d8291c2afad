import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { KubeObject } from '@app/api-machinery';
import { ChangeFeed, ResourceChange, ResourceService, SYSTEM_USER } from '@app/resources';
import { filter, Subject, Subscription } from 'rxjs';
import type { RbacPolicySource } from './rbac-evaluator.js';
import { BindingObject, RBAC_GROUP, RBAC_RESOURCES, RBAC_VERSION, RbacResource, RoleObject } from './rbac.types.js';

const RELIST_DELAY_MS = 1000;

/**
 * An in-memory copy of every Role, ClusterRole, RoleBinding and ClusterRoleBinding, listed from
 * the store and kept current from the change feed (including writes by other processes sharing
 * the store), so authorization never waits for I/O. A change is applied only if it is newer than
 * what is held; a broken feed (compaction) triggers a relist. Reads are synchronous snapshots.
 */
@Injectable()
export class RbacPolicyCache implements RbacPolicySource, OnModuleDestroy {
  private readonly logger = new Logger(RbacPolicyCache.name);
  private readonly objects = new Map<RbacResource, Map<string, KubeObject>>(RBAC_RESOURCES.map((r) => [r, new Map()]));
  private readonly changed = new Subject<RbacResource>();
  /** The resource whose objects changed, after the copy is updated (and each resource after a relist). Completes on destroy. */
  readonly changes$ = this.changed.asObservable();
  private subscription?: Subscription;
  private relistTimer?: NodeJS.Timeout;
  private started = false;
  private destroyed = false;

  constructor(
    private readonly resources: ResourceService,
    private readonly feed: ChangeFeed,
  ) {}

  /** Lists everything and follows changes; resolves once the first list is held. Idempotent. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.relist();
  }

  get synced(): boolean {
    return this.started && this.subscription !== undefined;
  }

  clusterRole(name: string): RoleObject | undefined {
    return this.objects.get('clusterroles')!.get(name) as RoleObject | undefined;
  }

  role(namespace: string, name: string): RoleObject | undefined {
    return this.objects.get('roles')!.get(`${namespace}/${name}`) as RoleObject | undefined;
  }

  /** Every ClusterRole held. */
  clusterRoles(): RoleObject[] {
    return [...this.objects.get('clusterroles')!.values()] as RoleObject[];
  }

  clusterRoleBindings(): BindingObject[] {
    return [...this.objects.get('clusterrolebindings')!.values()] as BindingObject[];
  }

  roleBindings(namespace: string): BindingObject[] {
    return [...this.objects.get('rolebindings')!.values()].filter((b) => b.metadata?.namespace === namespace) as BindingObject[];
  }

  private async relist(): Promise<void> {
    this.subscription?.unsubscribe();
    const revision = await this.feed.currentRevision();
    for (const resource of RBAC_RESOURCES) {
      const scope = this.resources.scope({ group: RBAC_GROUP, version: RBAC_VERSION, resource }, undefined, SYSTEM_USER);
      const list = await this.resources.list(scope);
      this.objects.set(resource, new Map(list.items.map((item) => [keyOf(item), item])));
    }
    if (this.destroyed) return;
    this.subscription = this.feed
      .changes(revision)
      .pipe(filter((change) => change.resource.group === RBAC_GROUP))
      .subscribe({ next: (change) => this.apply(change), error: (error: unknown) => this.relistLater(error) });
    for (const resource of RBAC_RESOURCES) this.changed.next(resource);
  }

  private apply(change: ResourceChange): void {
    const objects = this.objects.get(change.resource.resource as RbacResource);
    if (!objects) return;
    const key = keyOf(change.object);
    const held = objects.get(key);
    if (held && Number(held.metadata?.resourceVersion) > change.revision) return;
    if (change.type === 'DELETED') objects.delete(key);
    else objects.set(key, change.object);
    this.changed.next(change.resource.resource as RbacResource);
  }

  private relistLater(error: unknown): void {
    this.subscription = undefined;
    if (this.destroyed) return;
    this.logger.warn(`RBAC change feed ended (${(error as Error)?.message ?? String(error)}); listing again`);
    this.relistTimer = setTimeout(() => {
      this.relist().catch((failure: unknown) => this.relistLater(failure));
    }, RELIST_DELAY_MS);
  }

  onModuleDestroy(): void {
    this.destroyed = true;
    clearTimeout(this.relistTimer);
    this.subscription?.unsubscribe();
    this.changed.complete();
  }
}

function keyOf(object: KubeObject): string {
  const { namespace, name } = object.metadata ?? {};
  return namespace ? `${namespace}/${name}` : `${name}`;
}
