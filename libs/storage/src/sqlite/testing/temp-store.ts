import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore } from '../sqlite-store.js';
import { SqliteStoreOptions } from '../sqlite-store.options.js';

/** A fresh directory under the OS temp dir; `remove()` deletes it. Test helper. */
export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'storage-spec-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A database path in a new temp directory (or `:memory:`), and a store opened on it. */
export async function openTempStore(
  options: Partial<SqliteStoreOptions> & { memory?: boolean } = {},
): Promise<{ store: SqliteStore; path: string; dispose(): Promise<void> }> {
  const temp = tempDir();
  const path = options.memory ? ':memory:' : join(temp.dir, 'nested', 'store.db');
  const store = new SqliteStore({ pollIntervalMs: 20, compaction: { intervalMs: 0 }, ...options, path });
  await store.open();
  return {
    store,
    path,
    dispose: async () => {
      await store.close();
      temp.remove();
    },
  };
}
