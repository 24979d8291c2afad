import { byteLength, maxLenError, regexError } from './validation.messages.js';

const DNS1123_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_ERR = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_ERR = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

/** Maximum length of a DNS-1123 label (namespace names). */
export const DNS1123_LABEL_MAX_LENGTH = 63;
/** Maximum length of a DNS-1123 subdomain (object names). */
export const DNS1123_SUBDOMAIN_MAX_LENGTH = 253;

const labelRegexp = new RegExp(`^${DNS1123_LABEL_FMT}$`);
const subdomainRegexp = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);

/** kube's IsDNS1123Label: the list of problems, empty when valid. */
export function validateDns1123Label(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1123_LABEL_MAX_LENGTH) errors.push(maxLenError(DNS1123_LABEL_MAX_LENGTH));
  if (!labelRegexp.test(value)) {
    errors.push(subdomainRegexp.test(value) ? 'must not contain dots' : regexError(DNS1123_LABEL_ERR, DNS1123_LABEL_FMT, 'my-name', '123-abc'));
  }
  return errors;
}

/** kube's IsDNS1123Subdomain: the list of problems, empty when valid. */
export function validateDns1123Subdomain(value: string): string[] {
  const errors: string[] = [];
  if (byteLength(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) errors.push(maxLenError(DNS1123_SUBDOMAIN_MAX_LENGTH));
  if (!subdomainRegexp.test(value)) errors.push(regexError(DNS1123_SUBDOMAIN_ERR, DNS1123_SUBDOMAIN_FMT, 'example.com'));
  return errors;
}

/** True when `value` is a valid DNS-1123 label. */
export function isDns1123Label(value: string): boolean {
  return validateDns1123Label(value).length === 0;
}

/** True when `value` is a valid DNS-1123 subdomain. */
export function isDns1123Subdomain(value: string): boolean {
  return validateDns1123Subdomain(value).length === 0;
}
