import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { KubeObject, StatusError } from '@app/api-machinery';
import { Application, Informer, WorkloadDriver, WorkloadRef, WorkloadStatus } from '@app/reconciler';
import { ResourceClient, ResourceClientFactory } from '@app/resources';
import { filter, map, merge, Observable } from 'rxjs';
import { CLUSTER_OPTIONS, MANAGED_BY_LABEL } from '../cluster.constants.js';
import { ResolvedClusterOptions } from '../cluster.options.js';
import { workloadStatusOf } from './deployment-status.js';
import { desiredWorkload } from './desired-workload.js';
import { contains } from './object-contains.js';
import { assertAdoptable, owningApplication } from './ownership.js';
import { CONFIGMAPS_RESOURCE, Deployment, DEPLOYMENTS_RESOURCE, MANAGED_BY_VALUE } from './workload.resources.js';

/**
 * The WorkloadDriver of cluster mode: each Application owns an apps/v1 Deployment and a ConfigMap
 * of its name (see desiredWorkload), written with server-side apply (this operator's
 * fieldManager, forced: the Application is the source of truth, so drift is overwritten).
 * Informers on the Deployments and ConfigMaps it manages (label-selected) let `sync` skip an
 * apply when nothing changed and make `changes$` emit the owning Application whenever one of
 * them changes (a kubelet reporting ready pods, someone editing or deleting them).
 * `sync` and `remove` are idempotent; errors propagate (the reconciler backs off). `remove`
 * deletes only objects controlled by an Application of that name (uid precondition), which a
 * real cluster's garbage collector would also do and the standalone stand-in needs.
 */
@Injectable()
export class KubernetesWorkloadDriver extends WorkloadDriver implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(KubernetesWorkloadDriver.name);
  private readonly deploymentClient: ResourceClient<Deployment>;
  private readonly configMapClient: ResourceClient;
  /** The Deployments this operator manages (all namespaces). */
  readonly deployments: Informer<Deployment>;
  /** The ConfigMaps this operator manages (all namespaces). */
  readonly configMaps: Informer<KubeObject>;
  readonly changes$: Observable<WorkloadRef>;

  constructor(clients: ResourceClientFactory, scheduler: SchedulerRegistry, @Inject(CLUSTER_OPTIONS) private readonly options: ResolvedClusterOptions) {
    super();
    this.deploymentClient = clients.client<Deployment>(DEPLOYMENTS_RESOURCE);
    this.configMapClient = clients.client(CONFIGMAPS_RESOURCE);
    const informerOptions = (resource: string) => ({ resyncPeriodMs: 0, resyncName: `resync:${resource}`, labelSelector: `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}` });
    this.deployments = new Informer(this.deploymentClient, scheduler, informerOptions('deployments'));
    this.configMaps = new Informer(this.configMapClient, scheduler, informerOptions('configmaps'));
    this.changes$ = merge(this.deployments.events$, this.configMaps.events$).pipe(
      map((event) => owningApplication(event.object)),
      filter((owner): owner is WorkloadRef => owner !== undefined),
    );
  }

  onApplicationBootstrap(): void {
    this.deployments.start();
    this.configMaps.start();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.deployments.stop(), this.configMaps.stop()]);
  }

  async sync(app: Application): Promise<WorkloadStatus> {
    const desired = desiredWorkload(app);
    const uid = app.metadata?.uid ?? '';
    await this.ensure(this.configMaps, this.configMapClient, desired.configMap, uid);
    const deployment = await this.ensure(this.deployments, this.deploymentClient, desired.deployment as Deployment, uid);
    return workloadStatusOf(deployment);
  }

  async remove(namespace: string, name: string): Promise<void> {
    await this.removeOwned(this.deploymentClient, namespace, name);
    await this.removeOwned(this.configMapClient, namespace, name);
  }

  /** Applies `desired` unless the cached object already has it; returns the object as it is now. */
  private async ensure<T extends KubeObject>(informer: Informer<T>, client: ResourceClient<T>, desired: T, uid: string): Promise<T> {
    const { namespace, name = '' } = desired.metadata ?? {};
    const live = informer.hasSynced() ? informer.get(namespace, name) : undefined;
    if (live) {
      assertAdoptable(live, uid);
      if (contains(live, desired)) return live;
    }
    const { object } = await client.patch(namespace, name, 'apply', desired, { fieldManager: this.options.fieldManager, force: true });
    return object;
  }

  private async removeOwned(client: ResourceClient, namespace: string, name: string): Promise<void> {
    let live: KubeObject;
    try {
      live = await client.get(namespace, name);
    } catch (error) {
      if (codeOf(error) === 404) return;
      throw error;
    }
    const owner = owningApplication(live);
    if (owner?.name !== name) {
      this.logger.warn(`not deleting ${client.ref.resource} ${namespace}/${name}: it is not controlled by Application ${name}`);
      return;
    }
    try {
      await client.delete(namespace, name, { propagationPolicy: 'Background', preconditions: { uid: live.metadata?.uid } });
    } catch (error) {
      // 404: already gone; 409: the uid precondition failed, so that name now holds another object.
      if (codeOf(error) !== 404 && codeOf(error) !== 409) throw error;
    }
  }
}

function codeOf(error: unknown): number | undefined {
  return error instanceof StatusError ? error.code : undefined;
}
