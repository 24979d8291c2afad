/**
 * Quiet JSON reads: a failed request (network, non-2xx, bad JSON) resolves to undefined instead
 * of throwing, so the page shows "n/a" or "disconnected" and never an uncaught error.
 */
export async function getJson<T>(path: string): Promise<T | undefined> {
  const text = await getText(path, 'application/json');
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** The body as text, or undefined on any failure. */
export async function getText(path: string, accept = 'text/plain'): Promise<string | undefined> {
  try {
    const response = await fetch(path, { headers: { Accept: accept }, cache: 'no-store' });
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}
