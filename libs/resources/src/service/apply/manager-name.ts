/** The manager of writes that name none and come without a User-Agent (the operator's own, in-process). */
export const DEFAULT_FIELD_MANAGER = 'application-operator';

const MAX_FIELD_MANAGER_LENGTH = 128;

/**
 * Who an Update is recorded for: the `fieldManager` option, else the User-Agent up to its first
 * `/` without unprintable characters, at most 128 bytes (kube's managerOrUserAgent:
 * `kubectl/v1.32.4 (linux/amd64) ...` → `kubectl`).
 */
export function managerOrUserAgent(fieldManager: string | undefined, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  if (userAgent === undefined) return DEFAULT_FIELD_MANAGER;
  let name = '';
  for (const char of userAgent.split('/')[0]) {
    if (/\p{C}/u.test(char)) continue;
    if (Buffer.byteLength(name + char) > MAX_FIELD_MANAGER_LENGTH) break;
    name += char;
  }
  return name;
}
