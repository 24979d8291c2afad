/**
 * Lets pending promise chains run to completion (several macrotask turns through the real
 * setImmediate, which mock.timers leaves alone when only setTimeout/setInterval/Date are mocked).
 */
export async function settle(turns = 20): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
