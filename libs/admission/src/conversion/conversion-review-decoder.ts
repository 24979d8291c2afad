import { BadRequestError, KubeObject } from '@app/api-machinery';
import { getOwn, isPlainObject, parseJsonObjectBody } from '../util/json.js';
import { conversionMessages as msg } from './conversion.messages.js';
import { CONVERSION_REVIEW_API_VERSIONS, CONVERSION_REVIEW_KIND, ConversionRequest, ConversionReviewApiVersion } from './conversion-review.types.js';

/** A decoded ConversionReview: its request, or why the request is wrong (answered `Failure`). */
export type DecodedConversionReview =
  | { ok: true; apiVersion: ConversionReviewApiVersion; request: ConversionRequest }
  | { ok: false; apiVersion: ConversionReviewApiVersion; uid: string; message: string };

/**
 * Decodes a ConversionReview (apiextensions.k8s.io/v1 or v1beta1) request body: parsed JSON, or
 * raw text/bytes. Throws BadRequestError when the body is not a ConversionReview at all (empty,
 * not JSON, not an object, another apiVersion or kind, no `request` object): kube-apiserver's
 * decoder would refuse it too. A request with wrong fields is returned, each wrong field named.
 * The objects themselves are checked when converted. Never throws anything else.
 */
export function decodeConversionReview(body: unknown): DecodedConversionReview {
  const review = parseJsonObjectBody(body, msg);
  const apiVersion = getOwn(review, 'apiVersion');
  if (!CONVERSION_REVIEW_API_VERSIONS.includes(apiVersion as ConversionReviewApiVersion)) throw new BadRequestError(msg.wrongApiVersion(apiVersion));
  if (getOwn(review, 'kind') !== CONVERSION_REVIEW_KIND) throw new BadRequestError(msg.wrongKind(getOwn(review, 'kind')));
  const request = getOwn(review, 'request');
  if (!isPlainObject(request)) throw new BadRequestError(msg.noRequest());
  const version = apiVersion as ConversionReviewApiVersion;
  const uid = getOwn(request, 'uid');
  const problems = [
    nonEmptyString('request.uid', uid),
    nonEmptyString('request.desiredAPIVersion', getOwn(request, 'desiredAPIVersion')),
    objectsProblem(getOwn(request, 'objects')),
  ].filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0) return { ok: false, apiVersion: version, uid: typeof uid === 'string' ? uid : '', message: problems.join('; ') };
  const decoded: ConversionRequest = { uid: uid as string, desiredAPIVersion: request.desiredAPIVersion as string, objects: request.objects as KubeObject[] };
  return { ok: true, apiVersion: version, request: decoded };
}


function nonEmptyString(field: string, value: unknown): string | undefined {
  if (value === undefined || value === '') return msg.required(field);
  return typeof value === 'string' ? undefined : msg.mustBe(field, 'a string', value);
}

function objectsProblem(value: unknown): string | undefined {
  if (value === undefined) return msg.required('request.objects');
  if (!Array.isArray(value)) return msg.mustBe('request.objects', 'an array', value);
  const index = value.findIndex((object) => !isPlainObject(object));
  return index < 0 ? undefined : msg.mustBe(`request.objects[${index}]`, 'an object', value[index]);
}
