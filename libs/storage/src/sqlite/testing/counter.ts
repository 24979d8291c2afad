import { RevisionConflictError, KeyExistsError, Store } from '../../store.js';

/**
 * Adds one to the integer stored at `key` with compare-and-swap, retrying on conflict. Resolves
 * once the increment is acknowledged. Test helper for the lost-update checks.
 */
export async function incrementCounter(store: Store, key: string): Promise<number> {
  for (let conflicts = 0; ; conflicts++) {
    const current = await store.get(key);
    try {
      if (!current) await store.create(key, '1');
      else await store.update(key, String(Number(current.value) + 1), current.modRevision);
      return conflicts;
    } catch (error) {
      if (!(error instanceof RevisionConflictError || error instanceof KeyExistsError)) throw error;
    }
  }
}

export interface IncrementTally {
  acknowledged: number;
  conflicts: number;
}

/** Runs `loops` concurrent loops of `perLoop` increments each; counts acknowledgements and retries. */
export async function incrementConcurrently(store: Store, key: string, loops: number, perLoop: number): Promise<IncrementTally> {
  const tally = { acknowledged: 0, conflicts: 0 };
  const loop = async (): Promise<void> => {
    for (let i = 0; i < perLoop; i++) {
      tally.conflicts += await incrementCounter(store, key);
      tally.acknowledged++;
    }
  };
  await Promise.all(Array.from({ length: loops }, loop));
  return tally;
}
