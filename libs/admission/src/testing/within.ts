/**
 * Awaits `promise`, failing after `ms`. The pending timer also keeps the event loop alive while
 * the code under test waits on unref'd timers and non-persistent watchers.
 */
export async function within<T>(promise: Promise<T>, ms: number, what = 'the awaited event'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
