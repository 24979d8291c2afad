/** Texts of the 400s the event query answers. */
export const EVENT_QUERY_MESSAGES = {
  unknownParameter: (name: string, known: readonly string[]) => `unknown query parameter "${name}"; supported: ${known.join(', ')}`,
  notSingle: (name: string) => `query parameter "${name}" must be given once, as a plain value`,
  badNamespace: (value: string) => `namespace "${value}" is not a valid namespace name (a lowercase RFC 1123 label)`,
  badEnum: (name: string, value: string, allowed: readonly string[]) =>
    `${name} "${value}" is not supported: supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`,
  badSince: (value: string) =>
    `since "${value}" is neither an RFC 3339 time (2024-05-01T12:00:00Z) nor a non-negative duration (5m, 1h30m, 90s)`,
  badLimit: (value: string, max: number) => `limit "${value}" must be an integer from 1 to ${max}`,
};
