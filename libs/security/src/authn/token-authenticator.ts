import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { GROUP, AuthenticatedUser } from './user.js';
import { parseTokenCsv, TokenRecord } from './token-csv.js';

interface TokenEntry {
  digest: Buffer;
  user: AuthenticatedUser;
}

interface FileState {
  path: string;
  /** `mtimeMs:size:ino` when last read; a change triggers a reload. */
  signature?: string;
  entries: TokenEntry[];
}

/**
 * Bearer tokens from static token files (kube-apiserver's `--token-auth-file` CSV). Tokens are
 * compared in constant time: the presented token's SHA-256 digest against every entry's digest
 * with `timingSafeEqual`, never stopping early. `reloadIfChanged` re-reads files whose size,
 * mtime or inode changed; a file that has become unreadable or malformed keeps its previous
 * tokens (the error is returned for logging). Every user gets `system:authenticated`.
 */
export class TokenAuthenticator {
  private readonly files: FileState[];

  /** Reads every file now; throws (TokenFileError or a file system error) if one is unusable. */
  constructor(paths: string[]) {
    this.files = paths.map((path) => ({ path, entries: [] }));
    for (const file of this.files) this.load(file);
  }

  get size(): number {
    return this.files.reduce((sum, file) => sum + file.entries.length, 0);
  }

  /** The token's user, or undefined when no file holds it. */
  authenticate(token: string): AuthenticatedUser | undefined {
    const digest = sha256(token);
    let found: AuthenticatedUser | undefined;
    for (const file of this.files) {
      for (const entry of file.entries) {
        if (timingSafeEqual(entry.digest, digest) && found === undefined) found = entry.user;
      }
    }
    return found;
  }

  /** Reloads changed files; returns one message per file that failed to reload (its old tokens stay). */
  reloadIfChanged(): { reloaded: string[]; errors: string[] } {
    const reloaded: string[] = [];
    const errors: string[] = [];
    for (const file of this.files) {
      try {
        if (signatureOf(file.path) === file.signature) continue;
        this.load(file);
        reloaded.push(file.path);
      } catch (error) {
        errors.push(`${file.path}: ${(error as Error).message}`);
      }
    }
    return { reloaded, errors };
  }

  private load(file: FileState): void {
    const signature = signatureOf(file.path);
    const records = parseTokenCsv(readFileSync(file.path, 'utf8'), file.path);
    file.entries = records.map(entryOf);
    file.signature = signature;
  }
}

function entryOf(record: TokenRecord): TokenEntry {
  const groups = record.groups.includes(GROUP.authenticated) ? record.groups : [...record.groups, GROUP.authenticated];
  return { digest: sha256(record.token), user: { username: record.username, uid: record.uid, groups } };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function signatureOf(path: string): string {
  const stat = statSync(path);
  return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
}
