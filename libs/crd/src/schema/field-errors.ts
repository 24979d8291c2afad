import { StatusCause } from '@app/api-machinery';
import { formatKubeValue } from './kube-value.js';

/**
 * StatusCause builders with apimachinery's field.Error wording (`reason`, `field`, and the
 * message without the field prefix, as kube-apiserver puts it in `details.causes`).
 */
export const kubeCause = {
  invalid: (field: string, value: unknown, detail: string): StatusCause =>
    withValue('FieldValueInvalid', 'Invalid value', field, value, detail),
  typeInvalid: (field: string, value: unknown, detail: string): StatusCause =>
    withValue('FieldValueTypeInvalid', 'Invalid value', field, value, detail),
  notSupported: (field: string, value: unknown, supported: readonly string[]): StatusCause =>
    withValue('FieldValueNotSupported', 'Unsupported value', field, value, supportedValues(supported)),
  duplicate: (field: string, value: unknown): StatusCause => withValue('FieldValueDuplicate', 'Duplicate value', field, value, ''),
  tooMany: (field: string, actual: number, max: number): StatusCause =>
    withValue('FieldValueTooMany', 'Too many', field, actual, `must have at most ${max} ${max === 1 ? 'item' : 'items'}`),
  required: (field: string, detail = ''): StatusCause => bare('FieldValueRequired', 'Required value', field, detail),
  forbidden: (field: string, detail: string): StatusCause => bare('FieldValueForbidden', 'Forbidden', field, detail),
  tooLong: (field: string, max: number): StatusCause =>
    bare('FieldValueTooLong', 'Too long', field, `may not be more than ${max} ${max === 1 ? 'byte' : 'bytes'}`),
  internal: (field: string, detail: string): StatusCause => bare('InternalError', 'Internal error', field, detail),
};

/** `field: message`, as kube prints one field error. */
export function describeCause(cause: StatusCause): string {
  return cause.field ? `${cause.field}: ${cause.message}` : (cause.message ?? '');
}

function supportedValues(values: readonly string[]): string {
  return values.length > 0 ? `supported values: ${values.map((v) => JSON.stringify(v)).join(', ')}` : '';
}

function withValue(reason: string, type: string, field: string, value: unknown, detail: string): StatusCause {
  const body = `${type}: ${formatKubeValue(value)}`;
  return { reason, message: detail ? `${body}: ${detail}` : body, field };
}

function bare(reason: string, type: string, field: string, detail: string): StatusCause {
  return { reason, message: detail ? `${type}: ${detail}` : type, field };
}
