/** Tokens of apimachinery's label selector lexer (labels/selector.go). */
export enum Token {
  Error,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

export interface ScannedItem {
  token: Token;
  literal: string;
}

const STRING_TO_TOKEN: Record<string, Token> = {
  ')': Token.ClosedPar,
  ',': Token.Comma,
  '!': Token.DoesNotExist,
  '==': Token.DoubleEquals,
  '=': Token.Equals,
  '>': Token.GreaterThan,
  in: Token.In,
  '<': Token.LessThan,
  '!=': Token.NotEquals,
  notin: Token.NotIn,
  '(': Token.OpenPar,
};

const isWhitespace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecialSymbol = (ch: string): boolean => '=!(),><'.includes(ch) && ch !== '';

function tokenOf(text: string): Token | undefined {
  return Object.prototype.hasOwnProperty.call(STRING_TO_TOKEN, text) ? STRING_TO_TOKEN[text] : undefined;
}

/** Splits a selector into tokens, ending with EndOfString. Never throws. */
export function scanLabelSelector(text: string): ScannedItem[] {
  const items: ScannedItem[] = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && isWhitespace(text[pos])) pos++;
    if (pos >= text.length) {
      items.push({ token: Token.EndOfString, literal: '' });
      return items;
    }
    const scanned = isSpecialSymbol(text[pos]) ? scanSpecialSymbol(text, pos) : scanIdOrKeyword(text, pos);
    items.push(scanned.item);
    pos = scanned.next;
  }
}

function scanIdOrKeyword(text: string, start: number): { item: ScannedItem; next: number } {
  let end = start;
  while (end < text.length && !isSpecialSymbol(text[end]) && !isWhitespace(text[end])) end++;
  const literal = text.slice(start, end);
  return { item: { token: tokenOf(literal) ?? Token.Identifier, literal }, next: end };
}

/** Longest run of special symbols that still forms an operator ("!=", "=="). */
function scanSpecialSymbol(text: string, start: number): { item: ScannedItem; next: number } {
  let last: ScannedItem | undefined;
  let end = start;
  while (end < text.length && isSpecialSymbol(text[end])) {
    const candidate = text.slice(start, end + 1);
    const token = tokenOf(candidate);
    if (token !== undefined) last = { token, literal: candidate };
    else if (last) break;
    end++;
  }
  if (!last) return { item: { token: Token.Error, literal: `error expected: keyword found '${text.slice(start, end)}'` }, next: end };
  return { item: last, next: start + last.literal.length };
}
