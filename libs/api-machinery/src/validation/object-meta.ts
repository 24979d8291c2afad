import { fieldCause } from '../errors/status-error.js';
import { OwnerReference, parseApiVersion, StatusCause } from '../meta/types.js';
import { validateLabelValue, validateQualifiedName } from './qualified-name.js';
import { byteLength } from './validation.messages.js';

/** Total size limit of all annotation keys and values, in bytes. */
export const TOTAL_ANNOTATION_SIZE_LIMIT_BYTES = 256 * 1024;

/** kube's ValidateLabels: one cause per problem with a key or a value, all at `fieldPath`. */
export function validateLabels(labels: Record<string, string> | undefined, fieldPath = 'metadata.labels'): StatusCause[] {
  const wrongType = stringMapTypeCauses(labels, fieldPath);
  if (wrongType.length > 0) return wrongType;
  const causes: StatusCause[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const message of validateQualifiedName(key)) causes.push(fieldCause.invalid(fieldPath, key, message));
    for (const message of validateLabelValue(String(value))) causes.push(fieldCause.invalid(fieldPath, value, message));
  }
  return causes;
}

/** kube's ValidateAnnotations: keys are qualified names (case-insensitive), total size ≤ 256 KiB. */
export function validateAnnotations(annotations: Record<string, string> | undefined, fieldPath = 'metadata.annotations'): StatusCause[] {
  const wrongType = stringMapTypeCauses(annotations, fieldPath);
  if (wrongType.length > 0) return wrongType;
  const causes: StatusCause[] = [];
  let totalSize = 0;
  for (const [key, value] of Object.entries(annotations ?? {})) {
    for (const message of validateQualifiedName(key.toLowerCase())) causes.push(fieldCause.invalid(fieldPath, key, message));
    totalSize += byteLength(key) + byteLength(String(value));
  }
  if (totalSize > TOTAL_ANNOTATION_SIZE_LIMIT_BYTES) causes.push(fieldCause.tooLong(fieldPath, TOTAL_ANNOTATION_SIZE_LIMIT_BYTES));
  return causes;
}

/** kube's ValidateFinalizers: each a qualified name; `orphan` and `foregroundDeletion` exclusive. */
export function validateFinalizers(finalizers: string[] | undefined, fieldPath = 'metadata.finalizers'): StatusCause[] {
  if (finalizers !== undefined && finalizers !== null && !Array.isArray(finalizers)) return [fieldCause.typeInvalid(fieldPath, finalizers, 'must be a list of strings')];
  const notStrings = (finalizers ?? []).flatMap((f, i) => (typeof f === 'string' ? [] : [fieldCause.typeInvalid(`${fieldPath}[${i}]`, f, 'must be a string')]));
  if (notStrings.length > 0) return notStrings;
  const causes: StatusCause[] = [];
  for (const finalizer of finalizers ?? []) {
    for (const message of validateQualifiedName(finalizer)) causes.push(fieldCause.invalid(fieldPath, finalizer, message));
  }
  if (finalizers?.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    causes.push(invalidJson(fieldPath, finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return causes;
}

/** kube's ValidateOwnerReferences: required members, no Event owners, at most one controller. */
export function validateOwnerReferences(references: OwnerReference[] | undefined, fieldPath = 'metadata.ownerReferences'): StatusCause[] {
  const causes: StatusCause[] = [];
  let firstController = '';
  for (const reference of references ?? []) {
    causes.push(...validateOwnerReference(reference, fieldPath));
    if (reference.controller !== true) continue;
    const current = `${reference.kind}/${reference.name}`;
    if (!firstController) firstController = current;
    else causes.push(invalidJson(fieldPath, references!.map(ownerReferenceJson), `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`));
  }
  return causes;
}

function validateOwnerReference(reference: OwnerReference, fieldPath: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const { group, version } = apiVersionParts(reference.apiVersion ?? '');
  if (!version) causes.push(fieldCause.invalid(`${fieldPath}.apiVersion`, reference.apiVersion ?? '', 'version must not be empty'));
  if (!reference.kind) causes.push(fieldCause.invalid(`${fieldPath}.kind`, reference.kind ?? '', 'must not be empty'));
  if (!reference.name) causes.push(fieldCause.invalid(`${fieldPath}.name`, reference.name ?? '', 'must not be empty'));
  if (!reference.uid) causes.push(fieldCause.invalid(`${fieldPath}.uid`, reference.uid ?? '', 'must not be empty'));
  if (group === '' && version === 'v1' && reference.kind === 'Event') {
    causes.push(invalidJson(fieldPath, ownerReferenceJson(reference), '/v1, Kind=Event is disallowed from being an owner'));
  }
  return causes;
}

/** schema.ParseGroupVersion: more than one '/' is an error, which leaves the version empty. */
function apiVersionParts(apiVersion: string): { group: string; version: string } {
  if (apiVersion.split('/').length > 2) return { group: '', version: '' };
  return parseApiVersion(apiVersion);
}

/** Go encodes OwnerReference members in declaration order. */
function ownerReferenceJson(reference: OwnerReference): Record<string, unknown> {
  const { apiVersion, kind, name, uid, controller, blockOwnerDeletion } = reference;
  return { apiVersion, kind, name, uid, controller, blockOwnerDeletion };
}

/**
 * A map[string]string in Go: anything else fails kube's decoding. Checked first, so the other
 * rules only ever see string keys and values (a number stored as a label value would break
 * every typed client that reads the object back).
 */
function stringMapTypeCauses(map: unknown, fieldPath: string): StatusCause[] {
  if (map === undefined || map === null) return [];
  if (typeof map !== 'object' || Array.isArray(map)) return [fieldCause.typeInvalid(fieldPath, map, 'must be a map of string keys to string values')];
  return Object.entries(map).flatMap(([key, value]) => (typeof value === 'string' ? [] : [fieldCause.typeInvalid(`${fieldPath}[${key}]`, value, 'must be a string')]));
}

/** field.Invalid for a composite value, which kube renders as JSON. */
function invalidJson(field: string, value: unknown, detail: string): StatusCause {
  return { reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${detail}`, field };
}
