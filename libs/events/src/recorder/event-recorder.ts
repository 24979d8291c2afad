import { KubeObject } from '@app/api-machinery';

export type EventType = 'Normal' | 'Warning';

/** The seed's severity, kept beside the Kubernetes-valid `type` (annotation + query field). */
export type EventSeverity = 'Info' | 'Warning' | 'Error' | 'Critical';

/** core/v1 ObjectReference, as Event.involvedObject. */
export interface ObjectReference {
  kind: string;
  apiVersion: string;
  namespace?: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface EventInput {
  /** The object the event is about: a full object (its reference is derived) or a reference. */
  regarding: KubeObject | ObjectReference;
  type: EventType;
  /** PascalCase, machine-readable (`Created`, `ScalingReplicaSet`, `ReconcileError`). */
  reason: string;
  message: string;
  /** Defaults to Info for Normal and Warning for Warning. */
  severity?: EventSeverity;
  /** What was done (events.k8s.io `action`), optional. */
  action?: string;
}

/**
 * Records Kubernetes events with client-go EventCorrelator-style aggregation. `record` never
 * throws and never blocks the caller: writes happen in the background; failures are logged and
 * counted. `flush` resolves once everything recorded so far has been written (for tests and shutdown).
 */
export abstract class EventRecorder {
  abstract record(input: EventInput): void;
  abstract flush(): Promise<void>;
}
