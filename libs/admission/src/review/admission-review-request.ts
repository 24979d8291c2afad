import type { KubeObject } from '@app/api-machinery';
import type { AdmissionOperation, UserInfo } from '@app/resources';

/** What varies between AdmissionReview requests for an Application; the rest is the seed's example. */
export interface ApplicationReviewOptions {
  operation?: AdmissionOperation;
  uid?: string;
  namespace?: string;
  /** `request.name` (kube sets it for every operation but a CREATE with generateName). */
  name?: string;
  userInfo?: UserInfo;
  oldObject?: KubeObject | null;
  dryRun?: boolean;
}

/**
 * The AdmissionReview v1 request kube-apiserver sends a webhook for an Application (group
 * cloudnative.elide.dev, v1): by default the seed's example, a CREATE in `default` by `admin`
 * with uid 705ab4f5-6393-11e8-b7cc-42010a800002. Used for the API documentation's example and by
 * every test that calls the webhooks.
 */
export function applicationAdmissionReview(object: KubeObject, options: ApplicationReviewOptions = {}) {
  const { operation = 'CREATE', uid = '705ab4f5-6393-11e8-b7cc-42010a800002', namespace = 'default', userInfo = { username: 'admin' } } = options;
  return {
    apiVersion: 'admission.k8s.io/v1' as const,
    kind: 'AdmissionReview' as const,
    request: {
      uid,
      kind: { group: 'cloudnative.elide.dev', version: 'v1', kind: 'Application' },
      resource: { group: 'cloudnative.elide.dev', version: 'v1', resource: 'applications' },
      namespace,
      ...(options.name !== undefined ? { name: options.name } : {}),
      operation,
      userInfo,
      object,
      ...(options.oldObject !== undefined ? { oldObject: options.oldObject } : {}),
      ...(options.dryRun !== undefined ? { dryRun: options.dryRun } : {}),
    },
  };
}
