/**
 * Examples from the seed: the Application `my-app` (image nginx:1.25, 3 replicas) and the
 * AdmissionReview of libs/admission/README.md. Responses are what the server answered for them
 * (managedFields left out for brevity).
 */
import { applicationAdmissionReview } from '@app/admission';

const CREATED = '2025-01-01T12:00:00Z';

/** The body of the seed's create request. */
export const APPLICATION_REQUEST = {
  apiVersion: 'cloudnative.elide.dev/v1',
  kind: 'Application',
  metadata: { name: 'my-app', namespace: 'default' },
  spec: { image: 'nginx:1.25', replicas: 3 },
};

const ADMITTED_METADATA = {
  name: 'my-app',
  namespace: 'default',
  uid: '720f659a-3dd1-4324-a905-89b2bb9912e0',
  creationTimestamp: CREATED,
  generation: 1,
  labels: { 'app.kubernetes.io/managed-by': 'application-operator' },
  annotations: { 'cloudnative.elide.dev/last-admitted-by': 'admin', 'cloudnative.elide.dev/last-admitted-at': CREATED },
};

/** The create's answer (201): defaults applied, the mutating webhook's label and annotations. */
export const APPLICATION_CREATED = {
  apiVersion: 'cloudnative.elide.dev/v1',
  kind: 'Application',
  metadata: { ...ADMITTED_METADATA, resourceVersion: '4' },
  spec: { image: 'nginx:1.25', replicas: 3, strategy: 'RollingUpdate' },
};

const condition = (type: string, status: string, reason: string, message: string) => ({ type, status, reason, message, observedGeneration: 1, lastTransitionTime: CREATED });

/** The same object once reconciled: finalizer added, status Running with 3/3 replicas ready. */
export const APPLICATION_RUNNING = {
  ...APPLICATION_CREATED,
  metadata: { ...ADMITTED_METADATA, finalizers: ['cloudnative.elide.dev/finalizer'], resourceVersion: '9' },
  status: {
    replicas: 3,
    readyReplicas: 3,
    updatedReplicas: 3,
    availableReplicas: 3,
    phase: 'Running',
    observedGeneration: 1,
    selector: 'app.kubernetes.io/instance=my-app',
    message: '3/3 replicas ready, 3/3 updated',
    conditions: [
      condition('Ready', 'True', 'ReplicasReady', '3/3 replicas ready, 3/3 updated'),
      condition('Progressing', 'False', 'RolloutComplete', 'generation 1 is rolled out'),
      condition('Degraded', 'False', 'AsExpected', 'the workload reports no failure'),
    ],
  },
};

export const APPLICATION_LIST = {
  apiVersion: 'cloudnative.elide.dev/v1',
  kind: 'ApplicationList',
  metadata: { resourceVersion: '12' },
  items: [APPLICATION_RUNNING],
};

/** The seed's AdmissionReview (a CREATE of my-app by admin). */
export const ADMISSION_REVIEW_REQUEST = applicationAdmissionReview(APPLICATION_REQUEST);

/** `/validate`'s answer to it: allowed, with a warning. */
export const ADMISSION_REVIEW_VALIDATED = {
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  response: {
    uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
    allowed: true,
    warnings: ['spec.resources is not set: the application declares no resource requests or limits'],
  },
};

const MUTATE_PATCH = [
  { op: 'add', path: '/metadata/labels', value: { 'app.kubernetes.io/managed-by': 'application-operator' } },
  { op: 'add', path: '/metadata/annotations', value: { 'cloudnative.elide.dev/last-admitted-by': 'admin', 'cloudnative.elide.dev/last-admitted-at': CREATED } },
  { op: 'add', path: '/spec/strategy', value: 'RollingUpdate' },
];

/** `/mutate`'s answer to it: a base64 JSON patch (labels, annotations, default strategy). */
export const ADMISSION_REVIEW_MUTATED = {
  apiVersion: 'admission.k8s.io/v1',
  kind: 'AdmissionReview',
  response: {
    uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
    allowed: true,
    warnings: ['spec.resources is not set: the application declares no resource requests or limits'],
    patchType: 'JSONPatch',
    patch: Buffer.from(JSON.stringify(MUTATE_PATCH)).toString('base64'),
  },
};

/** A `/watch` stream: the `ready` event, a change and a heartbeat. */
export const SSE_STREAM_EXAMPLE = [
  'retry: 2000',
  '',
  'id: 3',
  'event: ready',
  'data: {"resourceVersion":"3"}',
  '',
  'id: 4',
  'event: ADDED',
  `data: ${JSON.stringify({ type: 'ADDED', kind: 'Application', object: APPLICATION_CREATED })}`,
  '',
  ': heartbeat',
  '',
  '',
].join('\n');
