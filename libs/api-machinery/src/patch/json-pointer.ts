/** RFC 6901 JSON pointers. */

/** Splits a pointer into unescaped reference tokens, or returns undefined when malformed. */
export function parseJsonPointer(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  const tokens = pointer.slice(1).split('/');
  if (tokens.some((token) => /~(?![01])/.test(token))) return undefined;
  return tokens.map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapeJsonPointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds a pointer from unescaped tokens. */
export function formatJsonPointer(tokens: readonly string[]): string {
  return tokens.map((token) => `/${escapeJsonPointerToken(token)}`).join('');
}

/** An RFC 6901 array index: `0` or digits without a leading zero. */
export function arrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined;
}
