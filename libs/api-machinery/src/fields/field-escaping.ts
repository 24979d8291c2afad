/** apimachinery fields.EscapeValue: prefixes `\`, `,` and `=` with a backslash. */
export function escapeFieldValue(value: string): string {
  return value.replace(/[\\,=]/g, (ch) => `\\${ch}`);
}

/**
 * fields.UnescapeValue: the literal value, or the error text kube reports for an unknown escape
 * or an unescaped `,`/`=` (Go prints the rune as its code point, e.g. `61` for '=').
 */
export function unescapeFieldValue(text: string): { value: string } | { error: string } {
  if (!/[\\,=]/.test(text)) return { value: text };
  let value = '';
  let inSlash = false;
  for (const ch of text) {
    if (inSlash) {
      if (ch !== '\\' && ch !== ',' && ch !== '=') return { error: `invalid field selector: invalid escape sequence: \\${ch}` };
      value += ch;
      inSlash = false;
    } else if (ch === '\\') {
      inSlash = true;
    } else if (ch === ',' || ch === '=') {
      return { error: `invalid field selector: unescaped character in value: ${ch.codePointAt(0)}` };
    } else {
      value += ch;
    }
  }
  return inSlash ? { error: 'invalid field selector: invalid escape sequence: \\' } : { value };
}

/** splitTerms: commas preceded by a backslash are data, not separators. */
export function splitFieldTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i];
    if (inSlash) inSlash = false;
    else if (ch === '\\') inSlash = true;
    else if (ch === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const TERM_OPERATORS = ['!=', '==', '='] as const;
export type FieldTermOperator = (typeof TERM_OPERATORS)[number];

/** splitTerm: the first operator occurrence splits; the left side has no escaping. */
export function splitFieldTerm(term: string): { field: string; operator: FieldTermOperator; rawValue: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    const operator = TERM_OPERATORS.find((op) => term.startsWith(op, i));
    if (operator) return { field: term.slice(0, i), operator, rawValue: term.slice(i + operator.length) };
  }
  return undefined;
}
