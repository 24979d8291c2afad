/** apimachinery's IsDNS1035Label / IsDNS1123Subdomain, with their exact messages. */

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_FORMAT = '[a-z]([-a-z0-9]*[a-z0-9])?';
const DNS1035_MESSAGE =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_FORMAT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const DNS1123_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

/** Problems with `value` as a DNS-1035 label (plural, singular, short names); empty when valid. */
export function dns1035LabelErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 63) errors.push(maxLengthError(63));
  if (!DNS1035_LABEL.test(value)) errors.push(regexError(DNS1035_MESSAGE, DNS1035_FORMAT, ['my-name', 'abc-123']));
  return errors;
}

/** Problems with `value` as a DNS-1123 subdomain (groups, object names); empty when valid. */
export function dns1123SubdomainErrors(value: string): string[] {
  const errors: string[] = [];
  if (value.length > 253) errors.push(maxLengthError(253));
  if (!DNS1123_SUBDOMAIN.test(value)) errors.push(regexError(DNS1123_MESSAGE, DNS1123_FORMAT, ['example.com']));
  return errors;
}

function maxLengthError(length: number): string {
  return `must be no more than ${length} characters`;
}

/** apimachinery's RegexError, including its `'a',  or 'b'` spacing. */
function regexError(message: string, format: string, examples: string[]): string {
  const shown = examples.map((example, index) => `${index > 0 ? ' or ' : ''}'${example}', `).join('');
  return `${message} (e.g. ${shown}regex used for validation is '${format}')`;
}
