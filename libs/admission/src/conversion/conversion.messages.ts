import { describe } from '../review/review.messages.js';

/** Texts of ConversionReview answers: malformed reviews (400 or `Failure`) and conversion failures. */
export const conversionMessages = {
  emptyBody: () => 'the request body is empty: expected a ConversionReview (apiextensions.k8s.io/v1) JSON object',
  notJson: (detail: string) => `the request body is not valid JSON: ${detail}`,
  notAnObject: (got: unknown) => `the request body must be a ConversionReview JSON object, not ${describe(got)}`,
  wrongApiVersion: (got: unknown) => `apiVersion: must be "apiextensions.k8s.io/v1" or "apiextensions.k8s.io/v1beta1", got ${describe(got)}`,
  wrongKind: (got: unknown) => `kind: must be "ConversionReview", got ${describe(got)}`,
  noRequest: () => 'request: required: a ConversionReview sent to a conversion webhook must carry a request',
  required: (field: string) => `${field}: required`,
  mustBe: (field: string, type: string, got: unknown) => `${field}: must be ${type}, got ${describe(got)}`,
  /** kube's runtime.Scheme wording for a kind it does not know in a version (`notRegisteredErr`). */
  notRegistered: (kind: string, apiVersion: string) => `no kind "${kind}" is registered for version "${apiVersion}"`,
  missingKind: (index: number) => `Object 'Kind' is missing in the object at index ${index}`,
  missingApiVersion: (index: number) => `Object 'apiVersion' is missing in the object at index ${index}`,
  otherGroup: (from: string, to: string) => `cannot convert from group "${from}" to group "${to}": a conversion keeps the group`,
};
