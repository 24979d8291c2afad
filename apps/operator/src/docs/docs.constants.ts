/** Where the API reference is served: Swagger UI at `/docs`, the OpenAPI 3 document at `/docs-json` (and `/docs-yaml`). */
export const DOCS_PATH = 'docs';
export const DOCS_JSON_PATH = `/${DOCS_PATH}-json`;

/** One Swagger tag per module of the operator. Controllers tag their operations with these. */
export const TAG = {
  applications: 'applications',
  crds: 'crds',
  watch: 'watch',
  events: 'events',
  reconciler: 'reconciler',
  admission: 'admission',
  leaderElection: 'leader-election',
  health: 'health',
  metrics: 'metrics',
  dashboard: 'dashboard',
  discovery: 'discovery',
  authorization: 'authorization',
  kubernetes: 'kubernetes',
  customResources: 'custom-resources',
} as const;

export type Tag = (typeof TAG)[keyof typeof TAG];

/** The tags in display order, each with what it covers. */
export const TAGS: ReadonlyArray<{ name: Tag; description: string }> = [
  { name: TAG.applications, description: 'Application resources (`cloudnative.elide.dev`, v1 and v1beta1), with kube-apiserver semantics. Schemas are generated from the Application CRD.' },
  { name: TAG.crds, description: 'CustomResourceDefinitions: the Application CRD (`/crd`), every registered CRD (`/crds`) and the `apiextensions.k8s.io/v1` API.' },
  { name: TAG.watch, description: 'Change streams: Server-Sent Events at `/watch`. Kubernetes watches are the `?watch=true` form of every list path.' },
  { name: TAG.events, description: 'Kubernetes Events recorded by the operator: the `/events` query API and the core `v1` Event resource.' },
  { name: TAG.reconciler, description: 'The reconciler\'s work queue.' },
  { name: TAG.admission, description: 'Validating and mutating admission webhooks (`AdmissionReview` v1) and the webhook CA bundle.' },
  { name: TAG.leaderElection, description: 'Leader election: this replica\'s view (`/leader`) and the `coordination.k8s.io/v1` Lease API.' },
  { name: TAG.health, description: 'Liveness and readiness probes, as kube-apiserver serves them.' },
  { name: TAG.metrics, description: 'Prometheus metrics.' },
  { name: TAG.dashboard, description: 'The live dashboard (plain HTML and JavaScript modules, served from this process).' },
  { name: TAG.discovery, description: 'Service information, Kubernetes API discovery and the per group-version OpenAPI v3 documents.' },
  { name: TAG.authorization, description: 'Access reviews (`authorization.k8s.io/v1`) and RBAC objects.' },
  { name: TAG.kubernetes, description: 'The other built-in Kubernetes resources the operator serves (namespaces, configmaps, deployments, ...).' },
  { name: TAG.customResources, description: 'Resources of user-registered CRDs (listed while they are registered).' },
];
