import { InvalidContinueError } from '../store.js';

/** Where a paginated list resumes: the revision of its first page and the next key to read. */
export interface ContinuePosition {
  revision: number;
  /** The first key of the next page, relative to the list's prefix. */
  start: string;
}

const TOKEN_VERSION = 'meta.k8s.io/v1';

/** Encodes a position as kube-apiserver does: base64url of `{"v","rv","start"}`. */
export function encodeContinue(position: ContinuePosition): string {
  const json = JSON.stringify({ v: TOKEN_VERSION, rv: position.revision, start: position.start });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** Decodes a token from `encodeContinue`; anything else throws `InvalidContinueError`. */
export function decodeContinue(token: string): ContinuePosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidContinueError(token);
  }
  const { v, rv, start } = (parsed ?? {}) as { v?: unknown; rv?: unknown; start?: unknown };
  if (v !== TOKEN_VERSION || !Number.isSafeInteger(rv) || (rv as number) < 1 || typeof start !== 'string' || start === '') {
    throw new InvalidContinueError(token);
  }
  return { revision: rv as number, start };
}
