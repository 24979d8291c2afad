import { StatusCause } from '@app/api-machinery';
import type { ErrorObject } from 'ajv';
import { kubeCause } from './field-errors.js';
import { fieldPath, PathSegment, pointerSegments } from './field-path.js';
import { formatGoNumber } from './kube-value.js';

/**
 * Converts ajv errors into kube-apiserver's causes for a custom resource (kube-openapi's
 * messages, as apiextensions-apiserver maps them onto field errors): one cause per failing
 * field, the first failure found for it; failures inside anyOf/oneOf/not branches are reported
 * once, by the combinator.
 */
export function ajvErrorsToCauses(errors: readonly ErrorObject[], root: unknown): StatusCause[] {
  const causes = new Map<string, StatusCause>();
  for (const error of errors) {
    if (insideBranch(error.schemaPath)) continue;
    const segments = pointerSegments(root, error.instancePath);
    const cause = toCause(error, segments);
    if (cause.field !== undefined && !causes.has(cause.field)) causes.set(cause.field, cause);
  }
  return [...causes.values()];
}

function toCause(error: ErrorObject, segments: PathSegment[]): StatusCause {
  const field = fieldPath(segments);
  const name = `${field} in body`;
  const params = error.params as Record<string, unknown>;
  const data: unknown = error.data;
  switch (error.keyword) {
    case 'required':
      return kubeCause.required(fieldPath([...segments, String(params.missingProperty)]));
    case 'type': {
      const actual = jsonTypeName(data);
      const expected = Array.isArray(params.type) ? params.type.join(',') : String(params.type);
      return kubeCause.typeInvalid(field, actual, `${name} must be of type ${expected}: ${JSON.stringify(actual)}`);
    }
    case 'format':
      return kubeCause.typeInvalid(field, data, `${name} must be of type ${String(params.format)}: ${JSON.stringify(String(data))}`);
    case 'enum':
      return kubeCause.notSupported(field, data, (params.allowedValues as unknown[]).map(enumLabel));
    case 'maxLength':
      return kubeCause.tooLong(field, Number(params.limit));
    case 'maxItems':
      return kubeCause.tooMany(field, Array.isArray(data) ? data.length : -1, Number(params.limit));
    case 'maxProperties':
      return kubeCause.tooMany(field, data && typeof data === 'object' ? Object.keys(data).length : -1, Number(params.limit));
    case 'additionalProperties':
      return kubeCause.invalid(field, params.additionalProperty, `${field}.${String(params.additionalProperty)} in body is a forbidden property`);
    default:
      return invalidCause(error, field, name, data, params);
  }
}

/** Everything kube reports as `Invalid value: <value>: <kube-openapi message>`. */
function invalidCause(error: ErrorObject, field: string, name: string, data: unknown, params: Record<string, unknown>): StatusCause {
  const limit = typeof params.limit === 'number' ? formatGoNumber(params.limit) : String(params.limit);
  const count = (value: unknown): number => (Array.isArray(value) ? value.length : value && typeof value === 'object' ? Object.keys(value).length : 0);
  switch (error.keyword) {
    case 'maximum': return kubeCause.invalid(field, data, `${name} should be less than or equal to ${limit}`);
    case 'exclusiveMaximum': return kubeCause.invalid(field, data, `${name} should be less than ${limit}`);
    case 'minimum': return kubeCause.invalid(field, data, `${name} should be greater than or equal to ${limit}`);
    case 'exclusiveMinimum': return kubeCause.invalid(field, data, `${name} should be greater than ${limit}`);
    case 'minLength': return kubeCause.invalid(field, data, `${name} should be at least ${limit} chars long`);
    case 'pattern': return kubeCause.invalid(field, data, `${name} should match '${String(params.pattern)}'`);
    case 'minItems': return kubeCause.invalid(field, count(data), `${name} should have at least ${limit} items`);
    case 'minProperties': return kubeCause.invalid(field, count(data), `${name} should have at least ${limit} properties`);
    case 'multipleOf': return kubeCause.invalid(field, data, `${name} should be a multiple of ${formatGoNumber(Number(params.multipleOf))}`);
    case 'uniqueItems': return kubeCause.invalid(field, '', `${name} shouldn't contain duplicates`);
    case 'anyOf': return kubeCause.invalid(field, '', `${field} must validate at least one schema (anyOf)`);
    case 'oneOf': return kubeCause.invalid(field, '', `${field} must validate one and only one schema (oneOf)`);
    case 'not': return kubeCause.invalid(field, '', `${field} must not validate the schema (not)`);
    default: return kubeCause.invalid(field, data, `${name} ${error.message ?? 'is invalid'}`);
  }
}

/** kube-openapi's name for a JSON value's type (integral numbers are `integer`). */
export function jsonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function enumLabel(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Whether the failing keyword sits under an anyOf/oneOf branch or a `not`. */
function insideBranch(schemaPath: string): boolean {
  const parts = schemaPath.replace(/^#\//, '').split('/');
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    if (part === 'properties') index++;
    else if ((part === 'anyOf' || part === 'oneOf') && index + 1 < parts.length - 1) return true;
    else if (part === 'not' && index < parts.length - 1) return true;
  }
  return false;
}
