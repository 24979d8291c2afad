import { KubeObject } from '@app/api-machinery';

/** The ConversionReview versions this webhook answers; kube-apiserver sends the first of the CRD's `conversionReviewVersions` it knows. */
export const CONVERSION_REVIEW_API_VERSIONS = ['apiextensions.k8s.io/v1', 'apiextensions.k8s.io/v1beta1'] as const;
export type ConversionReviewApiVersion = (typeof CONVERSION_REVIEW_API_VERSIONS)[number];
export const CONVERSION_REVIEW_KIND = 'ConversionReview';

/** `response.result` of a ConversionReview: a meta/v1 Status, `Success` or `Failure` with a message. */
export interface ConversionResult {
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
}

/** apiextensions.k8s.io ConversionResponse: the converted objects in request order, echoing the request's uid. */
export interface ConversionResponse {
  uid: string;
  convertedObjects: KubeObject[];
  result: ConversionResult;
}

/** The ConversionReview the webhook answers, in the apiVersion it was asked in. */
export interface ConversionReviewResponse {
  apiVersion: ConversionReviewApiVersion;
  kind: typeof CONVERSION_REVIEW_KIND;
  response: ConversionResponse;
}

/** A decoded ConversionRequest: what to convert, and into which apiVersion. */
export interface ConversionRequest {
  uid: string;
  desiredAPIVersion: string;
  objects: KubeObject[];
}
