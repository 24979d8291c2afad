/**
 * String formats kube-openapi's strfmt registry knows, where ajv-formats' reading differs or is
 * missing. Unknown formats are ignored, as kube-apiserver ignores them.
 */
export const kubeFormats: Record<string, RegExp | ((value: string) => boolean)> = {
  // strfmt.ParseDateTime accepts RFC 3339 plus a few ISO 8601 shapes (no zone, minutes only).
  'date-time': isDateTime,
  // Go duration (`1h30m`, `250ms`) or strfmt's spelled-out units (`3 days`).
  duration: /^(?:[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$|^(?:\s*\d+\s*[A-Za-zµ]+\s*)+$/,
  // Anything url.Parse accepts: no whitespace or control characters.
  uri: /^[^\s\u0000-\u001f\u007f]*$/,
  cidr: /^(?:(?:\d{1,3}\.){3}\d{1,3}\/\d{1,2}|[0-9A-Fa-f:.]+\/\d{1,3})$/,
  mac: /^(?:[0-9A-Fa-f]{2}[:-]){5,19}[0-9A-Fa-f]{2}$/,
  uuid3: /^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
  uuid4: /^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i,
  uuid5: /^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$/i,
  hexcolor: /^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/,
  rgbcolor: /^rgb\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*\)$/,
};

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})?$/;

function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second = '0'] = match.map((part) => part ?? '0');
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day) &&
    Number(hour) < 24 &&
    Number(minute) < 60 &&
    Number(second) < 61
  );
}
