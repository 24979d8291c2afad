/** Default budget of an EncodingCache: UTF-16 code units of encoded text held. */
export const DEFAULT_ENCODING_CACHE_CHARS = 4 * 1024 * 1024;

/**
 * Encoded events (SSE messages, watch JSON lines) by a key naming the change and the encoding
 * variant, so a change sent to many clients is encoded once, not once per client. The key must
 * determine the bytes: the caller builds it from what the encoding depends on (the change's
 * revision and type, the object's identity and version, the framing). Oldest entries are
 * evicted past `maxChars` (insertion order: the entries that matter are the change being fanned
 * out right now and the few before it, for clients resuming together); a miss only costs an
 * encoding. Holds immutable strings only. Not thread-safe by design (one event loop).
 */
export class EncodingCache {
  private readonly entries = new Map<string, string>();
  private chars = 0;

  constructor(private readonly maxChars = DEFAULT_ENCODING_CACHE_CHARS) {}

  /** The text cached under `key`, or `encode()`'s, cached (unless larger than the whole budget). */
  get(key: string, encode: () => string): string {
    const cached = this.entries.get(key);
    if (cached !== undefined) return cached;
    const text = encode();
    if (text.length <= this.maxChars) this.add(key, text);
    return text;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Text held, in UTF-16 code units. */
  get heldChars(): number {
    return this.chars;
  }

  private add(key: string, text: string): void {
    this.entries.set(key, text);
    this.chars += key.length + text.length;
    for (const [oldest, held] of this.entries) {
      if (this.chars <= this.maxChars) break;
      this.entries.delete(oldest);
      this.chars -= oldest.length + held.length;
    }
  }
}
