/** One step of a compiled JSONPath, applied to every value the previous step produced. */
export type JsonPathStep =
  | { kind: 'field'; name: string }
  | { kind: 'wildcard' }
  | { kind: 'recursive' }
  | { kind: 'slice'; start?: number; end?: number; step?: number; single: boolean }
  | { kind: 'union'; branches: JsonPathStep[][] }
  | { kind: 'filter'; left: JsonPathStep[]; operator?: FilterOperator; right?: FilterOperand };

export type FilterOperator = '==' | '!=' | '<' | '>' | '<=' | '>=';

/** The right side of a filter: a literal, or a path relative to the current element (`@...`). */
export type FilterOperand = { literal: string | number | boolean | null } | { path: JsonPathStep[] };

/** Raised for a path client-go's jsonpath parser would reject. */
export class JsonPathSyntaxError extends Error {}
