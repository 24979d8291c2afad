import { BadRequestError, fieldCause, InvalidError, isJsonObject } from '@app/api-machinery';

export type Obj = Record<string, unknown>;

/** The review in a request body, checked for its kind and apiVersion (absent ones are accepted); `spec` is always an object. */
export function reviewBody(body: unknown, kind: string, apiVersion: string): Obj {
  if (!isJsonObject(body)) throw new BadRequestError(`the request body must be a ${kind} object`);
  if (body.kind !== undefined && body.kind !== kind) throw new BadRequestError(`not a ${kind}: kind is ${JSON.stringify(body.kind)}`);
  if (body.apiVersion !== undefined && body.apiVersion !== apiVersion) throw new BadRequestError(`not a ${kind}: apiVersion is ${JSON.stringify(body.apiVersion)}, expected ${apiVersion}`);
  return { ...body, spec: isJsonObject(body.spec) ? body.spec : {} };
}

export function metadataOf(review: Obj): Obj {
  return isJsonObject(review.metadata) ? review.metadata : {};
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function invalid(group: string, kind: string, causes: ReturnType<typeof fieldCause.required>[]): InvalidError {
  return new InvalidError({ group, kind }, '', causes);
}
