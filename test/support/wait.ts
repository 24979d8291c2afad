/** Resolves after `ms` milliseconds. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/**
 * Polls `probe` every `intervalMs` until it returns something truthy, and resolves to that; fails
 * after `timeoutMs` naming `what` and the last value seen. For state that is only observable by
 * asking (another process, the store); await an event where one exists.
 */
export async function waitFor<T>(probe: () => Promise<T> | T, timeoutMs = 15_000, what = 'condition', intervalMs = 50): Promise<Truthy<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Truthy<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(value)}`);
    await delay(intervalMs);
  }
}

/**
 * Polls `probe` every `intervalMs` until it returns a value other than undefined or false (0 and
 * '' are answers), and resolves to it. A probe that throws counts as "not yet" (a server still
 * starting, a connection refused); the timeout error names `what` and the last error seen.
 */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 15_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await delay(intervalMs);
  }
}
