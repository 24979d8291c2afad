/**
 * A child process for the multi-process specs, forked with `<mode> <path> ...args`:
 * - `increment <path> <key> <loops> <perLoop>`: opens, says `ready`, waits for `go`, runs the
 *   increments, replies `{ acknowledged, conflicts }`, exits.
 * - `write <path> <key> <value>`: opens, says `ready`, waits for `go`, creates or updates the key,
 *   replies `{ revision }`, then stays alive until killed.
 */
import { SqliteStore } from '../sqlite-store.js';
import { incrementConcurrently } from './counter.js';

const [mode, path, key, ...rest] = process.argv.slice(2);

function send(message: unknown): Promise<void> {
  return new Promise((resolve, reject) => process.send!(message, (error: Error | null) => (error ? reject(error) : resolve())));
}

function nextMessage(): Promise<unknown> {
  return new Promise((resolve) => process.once('message', resolve));
}

async function main(): Promise<void> {
  const store = new SqliteStore({ path: path!, pollIntervalMs: 20, compaction: { intervalMs: 0 } });
  await store.open();
  const go = nextMessage();
  await send('ready');
  await go;
  if (mode === 'increment') {
    const tally = await incrementConcurrently(store, key!, Number(rest[0]), Number(rest[1]));
    await store.close();
    await send(tally);
    process.disconnect();
    return;
  }
  const current = await store.get(key!);
  const kv = current ? await store.update(key!, rest[0]!, current.modRevision) : await store.create(key!, rest[0]!);
  await send({ revision: kv.modRevision });
  setInterval(() => undefined, 60_000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
