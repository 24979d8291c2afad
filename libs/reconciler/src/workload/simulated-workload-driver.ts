import { Inject, Injectable, OnModuleDestroy, Optional } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { Application, desiredReplicas } from '../application/application.types.js';
import { requestKey } from '../controller/request-key.js';
import { SIMULATION_OPTIONS } from '../reconciler.constants.js';
import { imageTag } from './image.js';
import { SimulatedDeployment } from './simulated-deployment.js';
import { DEFAULT_SIMULATION, SimulationOptions } from './simulation.options.js';
import { WorkloadDriver, WorkloadRef, WorkloadStatus } from './workload-driver.js';

interface Entry {
  ref: WorkloadRef;
  deployment: SimulatedDeployment;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * THIS IS A SIMULATION. No container runs anywhere: the default WorkloadDriver pretends that each
 * Application owns a Deployment and plays its rollout in memory, with timers, so that the whole
 * reconcile path (status, conditions, backoff, Failed/Degraded, events) can be exercised
 * without a cluster. What it models:
 * - pods become ready `podStartupMs` (default 300 ms) after they are created;
 * - `RollingUpdate` replaces old-template pods within maxSurge = ceil(25% of replicas) and
 *   maxUnavailable = floor(25% of replicas) (1 when both are 0), as the deployment controller;
 * - `Recreate` deletes every old pod, then creates the new ones (readiness drops to 0 meanwhile);
 * - an image whose tag is in `failingTags` (default `broken`, `doesnotexist`) never becomes
 *   ready: its pods report ErrImagePull, then ImagePullBackOff, which `sync` returns as `failure`;
 * - scaling up or down converges directly when no rollout is in progress.
 * State lives in this process only: it is lost on restart and not shared between replicas
 * (a new leader starts its simulated pods from scratch, as if they were rescheduled).
 * Replace it with a cluster driver (a Deployment per Application) by providing another
 * WorkloadDriver; nothing else changes.
 */
@Injectable()
export class SimulatedWorkloadDriver extends WorkloadDriver implements OnModuleDestroy {
  private readonly entries = new Map<string, Entry>();
  private readonly subject = new Subject<WorkloadRef>();
  readonly changes$: Observable<WorkloadRef> = this.subject.asObservable();
  private readonly podStartupMs: number;
  private readonly failingTags: Set<string>;

  constructor(@Optional() @Inject(SIMULATION_OPTIONS) options?: SimulationOptions) {
    super();
    this.podStartupMs = Math.max(0, options?.podStartupMs ?? DEFAULT_SIMULATION.podStartupMs);
    this.failingTags = new Set(options?.failingTags ?? DEFAULT_SIMULATION.failingTags);
  }

  async sync(app: Application): Promise<WorkloadStatus> {
    const entry = this.entryFor(app);
    entry.deployment.setSpec({
      replicas: desiredReplicas(app),
      image: app.spec.image,
      template: templateOf(app),
      strategy: app.spec.strategy ?? 'RollingUpdate',
    });
    entry.deployment.step(Date.now());
    this.schedule(entry);
    return entry.deployment.status();
  }

  async remove(namespace: string, name: string): Promise<void> {
    const key = requestKey(namespace, name);
    const entry = this.entries.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.entries.delete(key);
  }

  /** The simulated deployment of an Application, for inspection (tests, benchmarks). */
  deploymentOf(namespace: string, name: string): SimulatedDeployment | undefined {
    return this.entries.get(requestKey(namespace, name))?.deployment;
  }

  onModuleDestroy(): void {
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    this.entries.clear();
    this.subject.complete();
  }

  private entryFor(app: Application): Entry {
    const namespace = app.metadata?.namespace ?? '';
    const name = app.metadata?.name ?? '';
    const key = requestKey(namespace, name);
    let entry = this.entries.get(key);
    if (!entry) {
      const failingImage = (image: string) => this.failingTags.has(imageTag(image) ?? '');
      entry = { ref: { namespace, name }, deployment: new SimulatedDeployment({ podStartupMs: this.podStartupMs, failingImage }) };
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** One timer per deployment, for its next pod state change. */
  private schedule(entry: Entry): void {
    clearTimeout(entry.timer);
    entry.timer = undefined;
    const next = entry.deployment.nextChange();
    if (next === undefined) return;
    entry.timer = setTimeout(() => this.wake(entry), Math.max(0, next - Date.now()));
    entry.timer.unref?.();
  }

  private wake(entry: Entry): void {
    entry.timer = undefined;
    if (this.entries.get(requestKey(entry.ref.namespace, entry.ref.name)) !== entry) return;
    const changed = entry.deployment.step(Date.now());
    this.schedule(entry);
    if (changed) this.subject.next({ ...entry.ref });
  }
}

/** Pod template identity: image and config (a change of either rolls pods). */
function templateOf(app: Application): string {
  const config = Object.entries(app.spec.config ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([app.spec.image, config]);
}
