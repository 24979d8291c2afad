/** Sorts after every key made of BMP characters (SQLite compares UTF-8 bytes; U+FFFF is EF BF BF). */
const END_OF_KEYSPACE = '\uffff\uffff';

/**
 * The half-open range `[start, end)` of keys that begin with a prefix, by etcd's rule (the end is
 * the prefix with its last character incremented). Keys are ASCII by convention.
 */
export interface KeyRange {
  start: string;
  end: string;
}

export function prefixRange(prefix: string): KeyRange {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const code = prefix.charCodeAt(i);
    if (code < 0xffff) return { start: prefix, end: prefix.slice(0, i) + String.fromCharCode(code + 1) };
  }
  return { start: prefix, end: END_OF_KEYSPACE };
}

export function inRange(range: KeyRange, key: string): boolean {
  return key >= range.start && key < range.end;
}
