import { BadRequestError, InternalError, JsonPatchOperation } from '@app/api-machinery';
import { ADMISSION_REVIEW_API_VERSION, ADMISSION_REVIEW_KIND } from '../admission.constants.js';
import { AdmissionStatus } from '../engine/admission-result.js';
import { admissionStatus } from '../engine/denial-status.js';
import { AdmissionResponse, AdmissionReviewResponse } from './admission-review.types.js';

function review(response: AdmissionResponse): AdmissionReviewResponse {
  return { apiVersion: ADMISSION_REVIEW_API_VERSION, kind: ADMISSION_REVIEW_KIND, response };
}

function withWarnings(response: AdmissionResponse, warnings: string[]): AdmissionResponse {
  if (warnings.length > 0) response.warnings = warnings;
  return response;
}

/** Admits; carries `patchType: JSONPatch` and the base64 patch only when the patch is non-empty. */
export function allowedReview(uid: string, warnings: string[], patch: JsonPatchOperation[] = []): AdmissionReviewResponse {
  const response = withWarnings({ uid, allowed: true }, warnings);
  if (patch.length > 0) {
    response.patchType = 'JSONPatch';
    response.patch = Buffer.from(JSON.stringify(patch)).toString('base64');
  }
  return review(response);
}

export function deniedReview(uid: string, status: AdmissionStatus, warnings: string[] = []): AdmissionReviewResponse {
  return review(withWarnings({ uid, allowed: false, status }, warnings));
}

/** The answer to a review that decodes but is malformed: refused with 400 BadRequest. */
export function badRequestReview(uid: string, message: string): AdmissionReviewResponse {
  return deniedReview(uid, admissionStatus(new BadRequestError(message)));
}

/** The answer when the webhook itself failed: refused with 500 InternalError (still HTTP 200). */
export function internalErrorReview(uid: string, message: string): AdmissionReviewResponse {
  return deniedReview(uid, admissionStatus(new InternalError(message)));
}
