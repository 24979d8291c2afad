import { KubeObject } from '@app/api-machinery';
import { CONVERSION_REVIEW_KIND, ConversionReviewApiVersion, ConversionReviewResponse } from './conversion-review.types.js';

/** The converted objects, `result.status: Success`. */
export function convertedReview(apiVersion: ConversionReviewApiVersion, uid: string, convertedObjects: KubeObject[]): ConversionReviewResponse {
  return { apiVersion, kind: CONVERSION_REVIEW_KIND, response: { uid, convertedObjects, result: { metadata: {}, status: 'Success' } } };
}

/** No objects, `result.status: Failure` with the reason: kube-apiserver fails the request that needed the conversion with it. */
export function failedReview(apiVersion: ConversionReviewApiVersion, uid: string, message: string): ConversionReviewResponse {
  return { apiVersion, kind: CONVERSION_REVIEW_KIND, response: { uid, convertedObjects: [], result: { metadata: {}, status: 'Failure', message } } };
}
