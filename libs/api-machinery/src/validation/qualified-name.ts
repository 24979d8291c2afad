import { validateDns1123Subdomain } from './dns.js';
import { byteLength, emptyError, maxLenError, regexError } from './validation.messages.js';

const QUALIFIED_NAME_CHAR = '[A-Za-z0-9]';
const QUALIFIED_NAME_EXT_CHAR = '[-A-Za-z0-9_.]';
const QUALIFIED_NAME_FMT = `(${QUALIFIED_NAME_CHAR}${QUALIFIED_NAME_EXT_CHAR}*)?${QUALIFIED_NAME_CHAR}`;
const QUALIFIED_NAME_ERR = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const QUALIFIED_NAME_MAX_LENGTH = 63;
const LABEL_VALUE_FMT = `(${QUALIFIED_NAME_FMT})?`;
const LABEL_VALUE_ERR = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/** Maximum length of a label value. */
export const LABEL_VALUE_MAX_LENGTH = 63;

const qualifiedNameRegexp = new RegExp(`^${QUALIFIED_NAME_FMT}$`);
const labelValueRegexp = new RegExp(`^${LABEL_VALUE_FMT}$`);

/**
 * kube's IsQualifiedName (label keys, annotation keys, finalizers): an optional DNS subdomain
 * prefix and '/', then a name of at most 63 characters. Returns the problems, empty when valid.
 */
export function validateQualifiedName(value: string): string[] {
  const parts = value.split('/');
  if (parts.length > 2) {
    return [`a qualified name ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const errors = parts.length === 2 ? prefixErrors(parts[0]) : [];
  const name = parts[parts.length - 1];
  if (name.length === 0) errors.push(`name part ${emptyError()}`);
  else if (byteLength(name) > QUALIFIED_NAME_MAX_LENGTH) errors.push(`name part ${maxLenError(QUALIFIED_NAME_MAX_LENGTH)}`);
  if (!qualifiedNameRegexp.test(name)) errors.push(`name part ${regexError(QUALIFIED_NAME_ERR, QUALIFIED_NAME_FMT, 'MyName', 'my.name', '123-abc')}`);
  return errors;
}

function prefixErrors(prefix: string): string[] {
  if (prefix.length === 0) return [`prefix part ${emptyError()}`];
  return validateDns1123Subdomain(prefix).map((message) => `prefix part ${message}`);
}

/** kube's IsValidLabelValue: the problems, empty when valid (the empty string is valid). */
export function validateLabelValue(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > LABEL_VALUE_MAX_LENGTH) errors.push(maxLenError(LABEL_VALUE_MAX_LENGTH));
  if (!labelValueRegexp.test(value)) errors.push(regexError(LABEL_VALUE_ERR, LABEL_VALUE_FMT, 'MyValue', 'my_value', '12345'));
  return errors;
}

/** True when `value` is a valid qualified name (label key, finalizer). */
export function isQualifiedName(value: string): boolean {
  return validateQualifiedName(value).length === 0;
}

/** True when `value` is a valid label value. */
export function isValidLabelValue(value: string): boolean {
  return validateLabelValue(value).length === 0;
}
