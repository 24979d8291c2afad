/**
 * The token of an `Authorization: Bearer <token>` header as kube-apiserver reads it: the scheme
 * is case-insensitive, surrounding spaces are trimmed. `undefined`: no bearer credentials at all;
 * `''`: a bearer header with an empty token (which fails authentication).
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const parts = header.trim().split(' ');
  if (parts.length < 2 || parts[0].toLowerCase() !== 'bearer') return undefined;
  return parts.slice(1).join(' ').trim();
}
