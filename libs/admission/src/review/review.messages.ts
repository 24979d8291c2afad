/** Texts of malformed-review answers. */
export const reviewMessages = {
  emptyBody: () => 'the request body is empty: expected an AdmissionReview (admission.k8s.io/v1) JSON object',
  notJson: (detail: string) => `the request body is not valid JSON: ${detail}`,
  notAnObject: (what: string) => `the request body must be an AdmissionReview JSON object, not ${what}`,
  wrongApiVersion: (got: unknown) => `apiVersion: must be "admission.k8s.io/v1", got ${describe(got)}`,
  wrongKind: (got: unknown) => `kind: must be "AdmissionReview", got ${describe(got)}`,
  noRequest: () => 'request: required: an AdmissionReview sent to a webhook must carry a request',
  required: (field: string) => `${field}: required`,
  mustBe: (field: string, type: string, got: unknown) => `${field}: must be ${type}, got ${describe(got)}`,
  tooDeep: (field: string, max: number) => `${field}: nesting exceeds the maximum depth of ${max}`,
  requiredFor: (field: string, operation: string) => `${field}: required for operation ${operation}`,
};

/** A short description of a JSON value's type for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value.length <= 64 ? JSON.stringify(value) : 'a string';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
