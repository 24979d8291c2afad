import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';

type Schema = SchemaObject | ReferenceObject;

/**
 * Component schemas of the operator's own (non-Kubernetes) endpoints. Kubernetes kinds
 * (Application, Event, CustomResourceDefinition, Status, ...) are not here: they come from the
 * generator that serves `/openapi/v3`, under kube's component names (see KUBE_SCHEMA).
 */
export const SCHEMA = {
  rootInfo: 'RootInfo',
  versionInfo: 'io.k8s.apimachinery.pkg.version.Info',
  leaderInfo: 'LeaderInfo',
  queueSnapshot: 'QueueSnapshot',
  queueItem: 'QueueItem',
  eventQueryResult: 'EventQueryResult',
  eventSummary: 'EventSummary',
  admissionReview: 'io.k8s.api.admission.v1.AdmissionReview',
  probeReport: 'ProbeReport',
  sseChange: 'SseChange',
} as const;

/** Component names the Kubernetes generator gives the kinds the operator's endpoints return. */
export const KUBE_SCHEMA = {
  application: 'dev.elide.cloudnative.v1.Application',
  event: 'io.k8s.api.core.v1.Event',
  crd: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
  crdList: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionList',
} as const;

/** `{ $ref }` to a component schema. */
export function schemaRef(name: string): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

const str = (description: string, extra: SchemaObject = {}): SchemaObject => ({ type: 'string', description, ...extra });
const int = (description: string): SchemaObject => ({ type: 'integer', description });
const bool = (description: string): SchemaObject => ({ type: 'boolean', description });
const obj = (description: string, properties: Record<string, Schema>, required?: string[]): SchemaObject => ({ type: 'object', description, properties, ...(required ? { required } : {}) });
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true });

function serviceSchemas(): Record<string, SchemaObject> {
  return {
    [SCHEMA.rootInfo]: obj('What this process is and serves.', {
      name: str('Package name.'),
      description: str('What the operator does.'),
      version: str('Package version.'),
      mode: str('`standalone` (serves its own Kubernetes API) or `cluster`.', { enum: ['standalone', 'cluster'] }),
      storage: str('`sqlite` or `memory`.', { enum: ['sqlite', 'memory'] }),
      features: { type: 'object', description: 'Which optional parts run (leader election, reconciler, webhook TLS, ...).', additionalProperties: true },
      endpoints: { type: 'object', description: 'Where things are served: endpoint name to a path (or a list of paths).', additionalProperties: true },
    }),
    [SCHEMA.versionInfo]: obj('Kubernetes-style version information (what `kubectl version` reads).', {
      major: str('Major version.'),
      minor: str('Minor version.'),
      gitVersion: str('Full version.'),
      gitCommit: str('Commit (empty for local builds).'),
      gitTreeState: str('`clean` or `dirty`.'),
      buildDate: str('Build date (empty for local builds).'),
      goVersion: str('The runtime (`node<version>`).'),
      compiler: str('`node`.'),
      platform: str('`<os>/<arch>`.'),
    }),
    [SCHEMA.probeReport]: obj('A probe\'s JSON answer (`?verbose` answers kube-apiserver\'s text form instead).', {
      status: str('`ok` when every check passes.', { enum: ['ok', 'failed'] }),
      checks: { type: 'object', description: 'Check name to `ok`, `excluded` or the reason it failed.', additionalProperties: { type: 'string' } },
      leader: { type: 'object', description: 'The leader-election status the readiness check read.', additionalProperties: true },
      unknownExclusions: { type: 'array', items: { type: 'string' }, description: '`?exclude=` names that match no check.' },
    }, ['status', 'checks']),
  };
}

function controllerSchemas(): Record<string, SchemaObject> {
  return {
    [SCHEMA.leaderInfo]: obj('This replica\'s identity and the Lease as it last saw it (nulls when election is disabled).', {
      identity: str('This replica\'s identity (POD_NAME, else hostname and a random suffix).'),
      isLeader: bool('Whether this replica leads (holds an unexpired Lease, or election is disabled).'),
      holderIdentity: nullable(str('The Lease\'s holderIdentity.')),
      leaseDurationSeconds: nullable(int('The Lease\'s leaseDurationSeconds.')),
      acquireTime: nullable(str('When the holder acquired the Lease (RFC 3339).', { format: 'date-time' })),
      renewTime: nullable(str('When the holder last renewed the Lease (RFC 3339).', { format: 'date-time' })),
      leaseTransitions: nullable(int('How many times the Lease changed holder.')),
    }, ['identity', 'isLeader', 'holderIdentity', 'leaseDurationSeconds', 'acquireTime', 'renewTime', 'leaseTransitions']),
    [SCHEMA.queueItem]: obj('One reconcile key in the work queue.', {
      key: str('`<namespace>/<name>`.'),
      state: str('queued: waiting for a worker; processing: held by a worker; waiting: a delayed retry is scheduled.', { enum: ['queued', 'processing', 'waiting'] }),
      retries: int('Failures since the key last succeeded (its backoff exponent).'),
      lastError: nullable(str('The last reconcile error.')),
      nextAttemptTime: nullable(str('When the delayed retry runs (RFC 3339, milliseconds).', { format: 'date-time' })),
    }, ['key', 'state', 'retries', 'lastError', 'nextAttemptTime']),
    [SCHEMA.queueSnapshot]: obj('The reconciler\'s work queue.', {
      leader: bool('Whether this replica reconciles (only the leader does).'),
      depth: int('Keys waiting for a worker (workqueue_depth).'),
      items: { type: 'array', items: schemaRef(SCHEMA.queueItem) },
    }, ['leader', 'depth', 'items']),
  };
}

function eventSchemas(): Record<string, SchemaObject> {
  return {
    [SCHEMA.eventSummary]: obj('One event: the fields people read, flattened, plus the stored Event.', {
      name: str('The Event\'s name.'),
      namespace: str('The Event\'s namespace.'),
      uid: str('The Event\'s uid.'),
      resourceVersion: str('The Event\'s resourceVersion.'),
      type: str('`Normal` or `Warning`.'),
      severity: str('The seed\'s severity.', { enum: ['Info', 'Warning', 'Error', 'Critical'] }),
      reason: str('Why (PascalCase), e.g. `Created`, `ScalingReplicaSet`, `ReconcileFailed`.'),
      message: str('What happened.'),
      count: int('How many times it happened (aggregated).'),
      firstTimestamp: nullable(str('First occurrence.', { format: 'date-time' })),
      lastTimestamp: nullable(str('Last occurrence.', { format: 'date-time' })),
      involvedObject: { type: 'object', description: 'The object the event is about (kind, apiVersion, namespace, name, uid, resourceVersion).', additionalProperties: true },
      source: { type: 'object', description: 'component and host.', additionalProperties: { type: 'string' } },
      reportingComponent: str('The component that recorded it.'),
      reportingInstance: str('The replica that recorded it.'),
      action: str('What was done (events.k8s.io style), when set.'),
      event: schemaRef(KUBE_SCHEMA.event),
    }, ['name', 'namespace', 'type', 'severity', 'reason', 'message', 'count', 'involvedObject']),
    [SCHEMA.eventQueryResult]: obj('Matching events, newest first (lastTimestamp, then resourceVersion).', {
      kind: str('Always `EventQueryResult`.', { enum: ['EventQueryResult'] }),
      metadata: obj('The events list\'s resourceVersion (watch `/api/v1/events` from it).', { resourceVersion: str('Store revision of the read.') }),
      total: int('Every match, before `limit`.'),
      limit: int('The limit applied.'),
      items: { type: 'array', items: schemaRef(SCHEMA.eventSummary) },
    }, ['kind', 'metadata', 'total', 'limit', 'items']),
    [SCHEMA.sseChange]: obj('The `data:` of an `ADDED`, `MODIFIED` or `DELETED` Server-Sent Event (its `id:` is the resourceVersion).', {
      type: str('The change.', { enum: ['ADDED', 'MODIFIED', 'DELETED'] }),
      kind: str('The object\'s kind: a requested kind, or `Event` with `include=events`.'),
      object: { type: 'object', additionalProperties: true, description: 'The object after the change (before it, for DELETED), as the Kubernetes API serves it.' },
    }, ['type', 'kind', 'object']),
  };
}

function admissionSchemas(): Record<string, SchemaObject> {
  const groupVersion = (what: string, last: string) => obj(what, { group: str('API group.'), version: str('API version.'), [last]: str(last) });
  return {
    [SCHEMA.admissionReview]: obj('AdmissionReview v1: a `request` in, the same review with a `response` out.', {
      apiVersion: str('`admission.k8s.io/v1`.', { enum: ['admission.k8s.io/v1'] }),
      kind: str('`AdmissionReview`.', { enum: ['AdmissionReview'] }),
      request: obj('What kube-apiserver (or you) asks about.', {
        uid: str('Echoed in the response.'),
        kind: groupVersion('The object\'s kind (taken from the object when omitted).', 'kind'),
        resource: groupVersion('The resource (taken from the object when omitted).', 'resource'),
        subResource: str('`scale` or `status`, when the write is to a subresource.'),
        name: str('The object\'s name.'),
        namespace: str('The object\'s namespace.'),
        operation: str('The operation.', { enum: ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'] }),
        userInfo: { type: 'object', description: 'Who asks: username, uid, groups.', additionalProperties: true },
        object: { type: 'object', additionalProperties: true, description: 'The object after the write (CREATE, UPDATE).' },
        oldObject: { type: 'object', additionalProperties: true, description: 'The stored object (UPDATE, DELETE).' },
        dryRun: bool('A dry run.'),
      }, ['uid']),
      response: obj('The decision (always answered with HTTP 200).', {
        uid: str('The request\'s uid.'),
        allowed: bool('Admitted or not.'),
        status: schemaRef('io.k8s.apimachinery.pkg.apis.meta.v1.Status'),
        warnings: { type: 'array', items: { type: 'string' }, description: 'Shown to the client as `Warning` headers.' },
        patchType: str('`JSONPatch`, when `patch` is set.', { enum: ['JSONPatch'] }),
        patch: str('Base64 RFC 6902 JSON patch (mutating webhook only, when something changes).', { format: 'byte' }),
      }, ['uid', 'allowed']),
    }, ['apiVersion', 'kind']),
  };
}

/** Every component schema of the operator's own endpoints. */
export function operatorSchemas(): Record<string, SchemaObject> {
  return { ...serviceSchemas(), ...controllerSchemas(), ...eventSchemas(), ...admissionSchemas() };
}
