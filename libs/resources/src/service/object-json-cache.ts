import { ResourceDefinition } from '@app/crd';
import { KeyValue } from '@app/storage';

/** Default budget: UTF-16 code units of stored and serialised text held (~2.4 KB per 1 KB Application). */
export const DEFAULT_OBJECT_JSON_CACHE_CHARS = 32 * 1024 * 1024;

interface Entry {
  definition: ResourceDefinition;
  revision: number;
  /** The stored text the JSON was produced from: a hit needs the same text, not only the same revision. */
  value: string;
  json: string;
  /** Read since it was last passed over for eviction (second-chance FIFO: a hit moves nothing). */
  recent: boolean;
}

/**
 * The JSON text of objects as the API serialises them, by key and requested version, each
 * valid for one stored version of the key: a hit needs the same definition (a re-registered
 * CRD is a new one), the same revision and byte-identical stored text, so it is exactly what
 * decoding, converting and serialising that stored text again would produce. An updated or
 * deleted key is never served from here again (its revision changed or it is not listed);
 * its old entry ages out. Past `maxChars`, the oldest entries not read since they were last
 * passed over are evicted (second-chance FIFO, so a hit costs no reordering).
 * Only immutable strings are shared; every call is synchronous, so concurrent requests are safe.
 */
export class ObjectJsonCache {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;

  constructor(private readonly maxChars = DEFAULT_OBJECT_JSON_CACHE_CHARS) {}

  /** The cached JSON of `kv` converted to `version`, or undefined. */
  get(definition: ResourceDefinition, version: string, kv: KeyValue): string | undefined {
    const id = cacheKey(version, kv.key);
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.revision !== kv.modRevision || entry.definition !== definition || entry.value !== kv.value) return undefined;
    entry.recent = true;
    return entry.json;
  }

  set(definition: ResourceDefinition, version: string, kv: KeyValue, json: string): void {
    const size = kv.value.length + json.length;
    if (size > this.maxChars) return;
    const id = cacheKey(version, kv.key);
    this.remove(id);
    this.entries.set(id, { definition, revision: kv.modRevision, value: kv.value, json, recent: false });
    this.chars += size;
    this.evict();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Text held, in UTF-16 code units. */
  get heldChars(): number {
    return this.chars;
  }

  /** Oldest first; an entry read since it was last passed over gets a second chance at the back. */
  private evict(): void {
    while (this.chars > this.maxChars) {
      const [id, oldest] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(id);
      if (oldest.recent) {
        oldest.recent = false;
        this.entries.set(id, oldest);
      } else {
        this.chars -= oldest.value.length + oldest.json.length;
      }
    }
  }

  private remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.chars -= entry.value.length + entry.json.length;
  }
}

function cacheKey(version: string, key: string): string {
  return `${version}\n${key}`;
}
