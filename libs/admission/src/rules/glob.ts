const cache = new Map<string, RegExp>();

/**
 * Shell-style glob over a whole string: `*` matches any run of characters (slashes included),
 * `?` exactly one; everything else is literal.
 */
export function globMatches(pattern: string, value: string): boolean {
  let regexp = cache.get(pattern);
  if (!regexp) {
    const body = pattern
      .split('')
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regexp = new RegExp(`^${body}$`, 's');
    if (cache.size > 1000) cache.clear();
    cache.set(pattern, regexp);
  }
  return regexp.test(value);
}
