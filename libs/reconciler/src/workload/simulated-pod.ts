/** Pull failure states a pod goes through, as the kubelet reports them. */
export type PullFailure = 'ErrImagePull' | 'ImagePullBackOff';

/** One simulated pod: created not ready, ready once its start time passes (unless its image fails). */
export interface SimulatedPod {
  id: number;
  /** Identifies the pod template (image + config): pods of another template are "old". */
  template: string;
  image: string;
  createdAt: number;
  /** When the pod's next state change happens on its own (ms epoch); Infinity when none will. */
  changesAt: number;
  ready: boolean;
  /** Set when the image cannot be pulled: the pod never becomes ready. */
  waiting?: PullFailure;
}

/** The kubelet-style message for a pod stuck pulling its image. */
export function pullFailureMessage(reason: PullFailure, image: string): string {
  return reason === 'ErrImagePull'
    ? `Failed to pull image "${image}": ${image} not found: manifest unknown (simulated)`
    : `Back-off pulling image "${image}" (simulated)`;
}

/** Pods that get removed first when scaling down: not ready before ready, then newest first (as a ReplicaSet ranks them). */
export function deletionOrder(a: SimulatedPod, b: SimulatedPod): number {
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  return b.createdAt - a.createdAt || b.id - a.id;
}
