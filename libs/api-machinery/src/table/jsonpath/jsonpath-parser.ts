import { FilterOperand, FilterOperator, JsonPathStep, JsonPathSyntaxError } from './jsonpath.types.js';

/** client-go jsonpath's terminators of a dotted field name. */
const TERMINATORS = new Set([' ', '\t', '\n', '.', ',', '[', ']', '$', '@', '{', '}']);
const SLICE = /^(-?\d*)(?::(-?\d*))?(?::(-?\d*))?$/;
const FILTER = /^([^!<>=]+)([!<>=]+)(.+?)$/;
const OPERATORS: readonly FilterOperator[] = ['==', '!=', '<', '>', '<=', '>='];

/**
 * Parses the JSONPath subset client-go supports in CRD printer columns: `.a.b`, escaped dots
 * (`.metadata.annotations.example\.com/x`), `['key']`, `[0]`, `[-1]`, `[1:3]`, `[*]`, `.*`,
 * `..name`, unions `[0,2]` and filters `[?(@.type=="Ready")]`. An optional `$` or `{...}`
 * wrapper is accepted. Throws JsonPathSyntaxError.
 */
export function parseJsonPath(expression: string): JsonPathStep[] {
  let text = expression.trim();
  if (text.startsWith('{') && text.endsWith('}')) text = text.slice(1, -1).trim();
  if (text.startsWith('$') || text.startsWith('@')) text = text.slice(1);
  return parseSteps(text);
}

function parseSteps(text: string): JsonPathStep[] {
  const steps: JsonPathStep[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (text.startsWith('..', pos)) {
      steps.push({ kind: 'recursive' });
      pos += text[pos + 2] === '[' ? 2 : 1;
    } else if (text[pos] === '.') {
      const { name, next } = readName(text, pos + 1);
      if (name === '*') steps.push({ kind: 'wildcard' });
      else if (name !== '') steps.push({ kind: 'field', name });
      else if (next < text.length && text[next] !== '[') throw new JsonPathSyntaxError(`unexpected ${JSON.stringify(text[next])} in ${JSON.stringify(text)}`);
      pos = next;
    } else if (text[pos] === '[') {
      const end = closingBracket(text, pos);
      steps.push(parseBracket(text.slice(pos + 1, end).trim()));
      pos = end + 1;
    } else {
      throw new JsonPathSyntaxError(`unrecognized character in action: ${JSON.stringify(text[pos])}`);
    }
  }
  return steps;
}

/** A dotted name up to the next unescaped terminator; `\x` stands for `x`. */
function readName(text: string, start: number): { name: string; next: number } {
  let name = '';
  let pos = start;
  while (pos < text.length && !TERMINATORS.has(text[pos])) {
    if (text[pos] === '\\' && pos + 1 < text.length) pos++;
    name += text[pos++];
  }
  return { name, next: pos };
}

/** Index of the `]` closing the bracket at `open`, skipping quoted text and parentheses. */
function closingBracket(text: string, open: number): number {
  let quote = '';
  let depth = 0;
  for (let pos = open + 1; pos < text.length; pos++) {
    const ch = text[pos];
    if (quote) {
      if (ch === '\\') pos++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ']' && depth <= 0) return pos;
  }
  throw new JsonPathSyntaxError(`unclosed array expect ]: ${JSON.stringify(text)}`);
}

function parseBracket(content: string): JsonPathStep {
  if (content === '*') return { kind: 'wildcard' };
  if (content.startsWith('?(') && content.endsWith(')')) return parseFilter(content.slice(2, -1).trim());
  const parts = splitUnion(content);
  if (parts.length > 1) return { kind: 'union', branches: parts.map((part) => [parseBracket(part.trim())]) };
  const quoted = unquote(content);
  if (quoted !== undefined) return { kind: 'field', name: quoted };
  return parseSlice(content);
}

function parseSlice(content: string): JsonPathStep {
  const match = SLICE.exec(content);
  if (!match || content === '') throw new JsonPathSyntaxError(`invalid array index ${content}`);
  const number = (value: string | undefined): number | undefined => (value === undefined || value === '' || value === '-' ? undefined : Number(value));
  if (!content.includes(':')) return { kind: 'slice', start: number(match[1]), single: true };
  return { kind: 'slice', start: number(match[1]), end: number(match[2]), step: number(match[3]), single: false };
}

function parseFilter(text: string): JsonPathStep {
  const match = FILTER.exec(text);
  if (!match) return { kind: 'filter', left: parseOperandPath(text) };
  const operator = match[2] as FilterOperator;
  if (!OPERATORS.includes(operator)) throw new JsonPathSyntaxError(`unrecognized filter operator ${match[2]}`);
  return { kind: 'filter', left: parseOperandPath(match[1].trim()), operator, right: parseOperand(match[3].trim()) };
}

function parseOperandPath(text: string): JsonPathStep[] {
  if (!text.startsWith('@')) throw new JsonPathSyntaxError(`filter operand must start with @: ${JSON.stringify(text)}`);
  return parseSteps(text.slice(1));
}

function parseOperand(text: string): FilterOperand {
  const quoted = unquote(text);
  if (quoted !== undefined) return { literal: quoted };
  if (text === 'true' || text === 'false') return { literal: text === 'true' };
  if (text === 'null') return { literal: null };
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return { literal: Number(text) };
  return { path: parseOperandPath(text) };
}

/** `'text'` or `"text"` with backslash escapes; undefined when not a single quoted string. */
function unquote(text: string): string | undefined {
  const quote = text[0];
  if ((quote !== "'" && quote !== '"') || text.length < 2 || !text.endsWith(quote)) return undefined;
  let value = '';
  for (let pos = 1; pos < text.length - 1; pos++) {
    if (text[pos] === '\\' && pos + 1 < text.length - 1) pos++;
    else if (text[pos] === quote) return undefined;
    value += text[pos];
  }
  return value;
}

/** Splits `a,b` at top-level commas (not inside quotes). */
function splitUnion(content: string): string[] {
  const parts: string[] = [];
  let quote = '';
  let start = 0;
  for (let pos = 0; pos < content.length; pos++) {
    const ch = content[pos];
    if (quote) {
      if (ch === '\\') pos++;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ',') {
      parts.push(content.slice(start, pos));
      start = pos + 1;
    }
  }
  parts.push(content.slice(start));
  return parts;
}
