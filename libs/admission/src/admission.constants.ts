/** API group of the resources these rules apply to. */
export const APPLICATION_GROUP = 'cloudnative.elide.dev';
export const APPLICATION_KIND = 'Application';
export const APPLICATION_RESOURCE = 'applications';

/** The names kube-apiserver would know the webhooks by (they appear in denial messages). */
export const VALIDATING_WEBHOOK_NAME = 'vapplication.cloudnative.elide.dev';
export const MUTATING_WEBHOOK_NAME = 'mapplication.cloudnative.elide.dev';

/**
 * The `webhook` label of the webhook metrics: `validate` and `mutate` on the HTTP path and the
 * API path alike; `convert` for the CRD conversion webhook (`POST /convert`).
 */
export type WebhookLabel = 'validate' | 'mutate' | 'convert';

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'application-operator';
export const LAST_ADMITTED_BY_ANNOTATION = 'cloudnative.elide.dev/last-admitted-by';
export const LAST_ADMITTED_AT_ANNOTATION = 'cloudnative.elide.dev/last-admitted-at';

export const ADMISSION_REVIEW_API_VERSION = 'admission.k8s.io/v1';
export const ADMISSION_REVIEW_KIND = 'AdmissionReview';

/** Deepest JSON nesting accepted in an admitted object (the rules walk objects recursively). */
export const MAX_OBJECT_DEPTH = 1000;

/** Injection token of the module options. */
export const ADMISSION_MODULE_OPTIONS = 'ADMISSION_MODULE_OPTIONS';

/** Optional injection token of an `AdmissionClock` (tests pin the tracking timestamp). */
export const ADMISSION_CLOCK = 'ADMISSION_CLOCK';
