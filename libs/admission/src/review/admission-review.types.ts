import { AdmissionStatus } from '../engine/admission-result.js';

/** AdmissionReview v1 `response`. `patch` is a base64 RFC 6902 document, set only when non-empty. */
export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: AdmissionStatus;
  warnings?: string[];
  patchType?: 'JSONPatch';
  patch?: string;
}

/** The body every webhook call is answered with (always HTTP 200). */
export interface AdmissionReviewResponse {
  apiVersion: 'admission.k8s.io/v1';
  kind: 'AdmissionReview';
  response: AdmissionResponse;
}
