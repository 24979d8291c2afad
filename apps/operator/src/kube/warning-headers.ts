/** kube-apiserver's limits on Warning headers (k8s.io/apiserver, filters/warning.go). */
export const WARNING_TOTAL_RUNES = 4 * 1024;
export const WARNING_ITEM_RUNES = 256;

/**
 * The `Warning` header values for `texts`, added in order the way kube-apiserver's recorder adds
 * them: duplicates and empty texts dropped; once the texts would pass 4096 characters in all,
 * every warning is cut to 256 characters and no more are added after 4096. Without the limit a
 * client's long unknown field names come back as a header no HTTP client accepts.
 */
export function warningHeaders(texts: string[]): string[] {
  const seen = new Set<string>();
  const ordered: string[] = [];
  let headers: string[] = [];
  let written = 0;
  let truncating = false;
  for (const text of texts) {
    if (text.length === 0 || (truncating && written >= WARNING_TOTAL_RUNES) || seen.has(text)) continue;
    seen.add(text);
    ordered.push(text);
    const length = runes(text).length;
    if (truncating) {
      written += Math.min(length, WARNING_ITEM_RUNES);
      headers.push(header(cut(text)));
    } else if (written + length <= WARNING_TOTAL_RUNES) {
      written += length;
      headers.push(header(text));
    } else {
      truncating = true;
      headers = ordered.map((t) => header(cut(t)));
      written = ordered.reduce((n, t) => n + Math.min(runes(t).length, WARNING_ITEM_RUNES), 0);
    }
  }
  return headers;
}

function runes(text: string): string[] {
  return [...text];
}

function cut(text: string): string {
  const all = runes(text);
  return all.length > WARNING_ITEM_RUNES ? all.slice(0, WARNING_ITEM_RUNES).join('') : text;
}

/**
 * `299 - "<text>"`. Node refuses header values with characters above U+00FF or DEL; Go writes the
 * text's UTF-8 bytes as they are, so the same bytes are sent here (as latin1 code units).
 */
function header(text: string): string {
  const value = `299 - ${JSON.stringify(text.replace(/[\r\n]+/g, ' '))}`.replace(/\x7f/g, '\\u007f');
  return Buffer.from(value, 'utf8').toString('latin1');
}
