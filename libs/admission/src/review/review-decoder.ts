import { KubeObject } from '@app/api-machinery';
import { AdmissionAttributes, AdmissionOperation, ResourceRef, UserInfo } from '@app/resources';
import { ADMISSION_REVIEW_API_VERSION, ADMISSION_REVIEW_KIND } from '../admission.constants.js';
import { getOwn, isPlainObject, parseJsonObjectBody } from '../util/json.js';
import { RequestFields } from './request-fields.js';
import { describe, reviewMessages as msg } from './review.messages.js';

const OPERATIONS: readonly AdmissionOperation[] = ['CREATE', 'UPDATE', 'DELETE', 'CONNECT'];

/** A decoded review: its attributes, or why it is wrong (answered `allowed: false`, 400). */
export type DecodedReview =
  | { ok: true; attributes: AdmissionAttributes }
  | { ok: false; uid: string; operation: string; message: string };

/**
 * Decodes an AdmissionReview v1 request body (parsed JSON, or raw text/bytes). Throws
 * BadRequestError only when the body cannot be decoded at all (empty, not JSON, not an
 * object); every other defect is returned, naming each wrong field. Never throws anything else.
 */
export function decodeAdmissionReview(body: unknown): DecodedReview {
  const review = parseJsonObjectBody(body, { ...msg, notAnObject: (got) => msg.notAnObject(describe(got)) });
  const request = getOwn(review, 'request');
  const uid = isPlainObject(request) && typeof request.uid === 'string' ? request.uid : '';
  const operation = isPlainObject(request) && typeof request.operation === 'string' && OPERATIONS.includes(request.operation as AdmissionOperation)
    ? request.operation : 'UNKNOWN';
  const problems: string[] = [];
  if (getOwn(review, 'apiVersion') !== ADMISSION_REVIEW_API_VERSION) problems.push(msg.wrongApiVersion(getOwn(review, 'apiVersion')));
  if (getOwn(review, 'kind') !== ADMISSION_REVIEW_KIND) problems.push(msg.wrongKind(getOwn(review, 'kind')));
  if (!isPlainObject(request)) problems.push(msg.noRequest());
  else problems.push(...checkRequest(request));
  if (problems.length > 0) return { ok: false, uid, operation, message: problems.join('; ') };
  return { ok: true, attributes: toAttributes(request as Record<string, unknown>) };
}


function checkRequest(request: Record<string, unknown>): string[] {
  const fields = new RequestFields(request);
  fields.string('uid', true);
  const derivable = kindOfObject(request) !== undefined;
  fields.groupVersion('kind', 'kind', !derivable);
  fields.groupVersion('resource', 'resource', false);
  fields.groupVersion('requestKind', 'kind', false);
  fields.groupVersion('requestResource', 'resource', false);
  for (const field of ['subResource', 'requestSubResource', 'name', 'namespace']) fields.string(field);
  fields.oneOf('operation', OPERATIONS);
  fields.userInfo();
  fields.boolean('dryRun');
  const operation = fields.get('operation');
  const writes = operation === 'CREATE' || operation === 'UPDATE';
  fields.object('object', writes ? String(operation) : undefined);
  fields.object('oldObject', operation === 'UPDATE' ? 'UPDATE' : undefined);
  fields.object('options', undefined);
  return fields.problems;
}

function toAttributes(request: Record<string, unknown>): AdmissionAttributes {
  const text = (field: string) => (typeof request[field] === 'string' ? (request[field] as string) : undefined);
  const objectField = (field: string) => (isPlainObject(request[field]) ? (request[field] as KubeObject) : undefined);
  const kind = isPlainObject(request.kind) ? (request.kind as AdmissionAttributes['kind']) : kindOfObject(request)!;
  const attributes: AdmissionAttributes = {
    uid: request.uid as string,
    operation: request.operation as AdmissionOperation,
    kind,
    resource: isPlainObject(request.resource) ? (request.resource as unknown as ResourceRef) : guessResource(kind),
    name: text('name') ?? '',
    object: objectField('object'),
    oldObject: objectField('oldObject'),
    dryRun: request.dryRun === true,
    userInfo: toUserInfo(request.userInfo),
  };
  if (text('subResource')) attributes.subResource = text('subResource');
  if (text('namespace')) attributes.namespace = text('namespace');
  if (isPlainObject(request.requestKind)) attributes.requestKind = request.requestKind as AdmissionAttributes['kind'];
  if (isPlainObject(request.options)) attributes.options = request.options;
  return attributes;
}

function toUserInfo(value: unknown): UserInfo {
  if (!isPlainObject(value)) return { username: '' };
  const info: UserInfo = { username: typeof value.username === 'string' ? value.username : '' };
  if (typeof value.uid === 'string') info.uid = value.uid;
  if (Array.isArray(value.groups)) info.groups = value.groups as string[];
  if (isPlainObject(value.extra)) info.extra = value.extra as Record<string, string[]>;
  return info;
}

/** kube-apiserver always sends `kind`; hand-written reviews may carry only the object's own. */
function kindOfObject(request: Record<string, unknown>): AdmissionAttributes['kind'] | undefined {
  const object = isPlainObject(request.object) ? request.object : request.oldObject;
  if (!isPlainObject(object) || typeof object.apiVersion !== 'string' || typeof object.kind !== 'string' || !object.kind) return undefined;
  const slash = object.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : object.apiVersion.slice(0, slash);
  const version = object.apiVersion.slice(slash + 1);
  return version ? { group, version, kind: object.kind } : undefined;
}

/** apimachinery's UnsafeGuessKindToResource, for reviews that omit `resource`. */
function guessResource(kind: AdmissionAttributes['kind']): ResourceRef {
  const lower = kind.kind.toLowerCase();
  const plural = lower.endsWith('s') ? `${lower}es` : lower.endsWith('y') ? `${lower.slice(0, -1)}ies` : `${lower}s`;
  return { group: kind.group, version: kind.version, resource: plural };
}
