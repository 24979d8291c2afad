/** One media range of an Accept header. */
export interface MediaRange {
  /** Lower-cased type (`application`, `*`). */
  type: string;
  /** Lower-cased subtype (`json`, `*`). */
  subtype: string;
  /** Parameters other than `q`, names and values as sent (`as`, `g`, `v`, `stream`, ...). */
  params: Record<string, string>;
  /** Quality, 1 when absent. */
  q: number;
}

/**
 * Parses an Accept header as kube-apiserver's goautoneg does: ranges without a '/' are skipped
 * (except `*`), parameters without '=' are ignored, and the result is ordered by q, then by
 * specificity (concrete type, then concrete subtype); ties keep header order.
 */
export function parseAccept(header: string | undefined): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const part of (header ?? '').split(',')) {
    const range = parseRange(part);
    if (range) ranges.push(range);
  }
  return ranges.sort(compareRanges);
}

function parseRange(part: string): MediaRange | undefined {
  const [mediaRange, ...parameters] = part.split(';');
  const pieces = mediaRange.split('/');
  const type = pieces[0].trim().toLowerCase();
  let range: MediaRange;
  if (pieces.length === 1 && type === '*') range = { type: '*', subtype: '*', params: {}, q: 1 };
  else if (pieces.length === 2 && type !== '') range = { type, subtype: pieces[1].trim().toLowerCase(), params: {}, q: 1 };
  else return undefined;
  for (const parameter of parameters) {
    const eq = parameter.indexOf('=');
    if (eq < 0) continue;
    const name = parameter.slice(0, eq).trim();
    const value = parameter.slice(eq + 1).trim();
    if (name === 'q') range.q = parseQuality(value);
    else Object.defineProperty(range.params, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return range;
}

function parseQuality(value: string): number {
  const q = Number(value);
  return Number.isFinite(q) ? q : 0;
}

function compareRanges(a: MediaRange, b: MediaRange): number {
  if (a.q !== b.q) return b.q - a.q;
  if ((a.type === '*') !== (b.type === '*')) return a.type === '*' ? 1 : -1;
  if ((a.subtype === '*') !== (b.subtype === '*')) return a.subtype === '*' ? 1 : -1;
  return 0;
}
