import { DeploymentStrategy } from '../application/application.types.js';
import { WorkloadStatus } from './workload-driver.js';
import { deletionOrder, pullFailureMessage, SimulatedPod } from './simulated-pod.js';

/** The part of a Deployment's spec the simulation honours. */
export interface SimulatedDeploymentSpec {
  replicas: number;
  image: string;
  /** Pod template identity (image + config): a change triggers a rollout. */
  template: string;
  strategy: DeploymentStrategy;
}

export interface SimulatedDeploymentOptions {
  /** How long a created pod takes to become ready. 0: ready on the next timer tick. */
  podStartupMs: number;
  /** Whether pods of this image fail to pull (never become ready). */
  failingImage: (image: string) => boolean;
}

/** maxSurge / maxUnavailable of a RollingUpdate at the default 25%, rounded as Kubernetes does. */
export function rollingUpdateBounds(replicas: number): { maxSurge: number; maxUnavailable: number } {
  const maxSurge = Math.ceil(replicas * 0.25);
  const maxUnavailable = Math.floor(replicas * 0.25);
  return maxSurge === 0 && maxUnavailable === 0 ? { maxSurge, maxUnavailable: 1 } : { maxSurge, maxUnavailable };
}

/**
 * A SIMULATION of one apps/v1 Deployment and its pods, with no containers behind it. It follows
 * the deployment controller's arithmetic at pod granularity: RollingUpdate scales the new
 * template up to replicas + maxSurge pods and old ones down keeping at least replicas -
 * maxUnavailable ready (unready old pods go first); Recreate deletes every old pod before
 * creating new ones; without a template change it scales directly. Pod deletion is instant.
 * Time is passed in (ms epoch), so the owner decides when it advances.
 */
export class SimulatedDeployment {
  private pods: SimulatedPod[] = [];
  private nextId = 1;
  private spec?: SimulatedDeploymentSpec;

  constructor(private readonly options: SimulatedDeploymentOptions) {}

  setSpec(spec: SimulatedDeploymentSpec): void {
    this.spec = spec;
  }

  /** Applies pod state changes due by `now`, then runs the controller to a fixed point. Returns whether anything changed. */
  step(now: number): boolean {
    let changed = this.advancePods(now);
    for (let pass = 0; pass < 16 && this.reconcile(now); pass++) changed = true;
    return changed;
  }

  /** When a pod next changes on its own, if any will. */
  nextChange(): number | undefined {
    let next = Infinity;
    for (const pod of this.pods) next = Math.min(next, pod.changesAt);
    return Number.isFinite(next) ? next : undefined;
  }

  status(): WorkloadStatus {
    const desired = this.spec?.replicas ?? 0;
    const current = this.pods.filter((pod) => pod.template === this.spec?.template);
    const ready = this.pods.filter((pod) => pod.ready).length;
    const failing = current.find((pod) => pod.waiting);
    return {
      replicas: this.pods.length,
      readyReplicas: ready,
      updatedReplicas: current.length,
      availableReplicas: ready,
      progressing: !(current.length === desired && ready === desired && this.pods.length === desired),
      ...(failing?.waiting ? { failure: { reason: failing.waiting, message: pullFailureMessage(failing.waiting, failing.image) } } : {}),
    };
  }

  /** A copy of the pods, for inspection. */
  listPods(): SimulatedPod[] {
    return this.pods.map((pod) => ({ ...pod }));
  }

  private advancePods(now: number): boolean {
    let changed = false;
    for (const pod of this.pods) {
      if (pod.changesAt > now) continue;
      changed = true;
      if (!this.options.failingImage(pod.image)) {
        pod.ready = true;
        pod.changesAt = Infinity;
      } else if (!pod.waiting) {
        pod.waiting = 'ErrImagePull';
        pod.changesAt = now + this.options.podStartupMs;
      } else {
        pod.waiting = 'ImagePullBackOff';
        pod.changesAt = Infinity;
      }
    }
    return changed;
  }

  /** One pass of the deployment controller; returns whether it created or deleted pods. */
  private reconcile(now: number): boolean {
    if (!this.spec) return false;
    const { template, strategy, replicas } = this.spec;
    const old = this.pods.filter((pod) => pod.template !== template);
    if (old.length > 0 && strategy === 'Recreate') {
      this.delete(old);
      this.scaleCurrent(replicas, now);
      return true;
    }
    if (old.length === 0) return this.scaleCurrent(replicas, now);
    return this.rollingUpdate(now);
  }

  private rollingUpdate(now: number): boolean {
    const { template, replicas } = this.spec!;
    const { maxSurge, maxUnavailable } = rollingUpdateBounds(replicas);
    const current = () => this.pods.filter((pod) => pod.template === template);
    const old = () => this.pods.filter((pod) => pod.template !== template);
    const before = this.pods.length;
    let changed = false;
    const toCreate = Math.min(replicas - current().length, replicas + maxSurge - this.pods.length);
    if (toCreate > 0) changed = this.create(toCreate, now);
    if (current().length > replicas) changed = this.delete(current().sort(deletionOrder).slice(0, current().length - replicas)) || changed;
    const minAvailable = replicas - maxUnavailable;
    const newUnavailable = current().filter((pod) => !pod.ready).length;
    const maxScaledDown = this.pods.length - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return changed;
    changed = this.delete(old().filter((pod) => !pod.ready).slice(0, maxScaledDown)) || changed;
    const available = this.pods.filter((pod) => pod.ready).length;
    if (available > minAvailable) changed = this.delete(old().filter((pod) => pod.ready).sort(deletionOrder).slice(0, available - minAvailable)) || changed;
    return changed || this.pods.length !== before;
  }

  /** Scales pods of the current template straight to `replicas` (no rollout in progress). */
  private scaleCurrent(replicas: number, now: number): boolean {
    const current = this.pods.filter((pod) => pod.template === this.spec!.template);
    if (current.length < replicas) return this.create(replicas - current.length, now);
    if (current.length > replicas) return this.delete(current.sort(deletionOrder).slice(0, current.length - replicas));
    return false;
  }

  private create(count: number, now: number): boolean {
    const { template, image } = this.spec!;
    for (let i = 0; i < count; i++) {
      this.pods.push({ id: this.nextId++, template, image, createdAt: now, changesAt: now + this.options.podStartupMs, ready: false });
    }
    return count > 0;
  }

  private delete(pods: SimulatedPod[]): boolean {
    if (pods.length === 0) return false;
    const doomed = new Set(pods);
    this.pods = this.pods.filter((pod) => !doomed.has(pod));
    return true;
  }
}
