import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GROUP } from './user.js';
import { parseTokenCsv } from './token-csv.js';
import { kubeconfigYaml } from './kubeconfig.js';

/** Files AUTH_BOOTSTRAP keeps in DATA_DIR. */
export const BOOTSTRAP_TOKEN_FILE = 'bootstrap-tokens.csv';
export const BOOTSTRAP_KUBECONFIG_FILE = 'admin.kubeconfig';
/** The user the bootstrap token authenticates as (member of system:masters). */
export const BOOTSTRAP_ADMIN_USER = 'admin';

/** Where the bootstrap credentials are, and whether this call created them. */
export interface BootstrapToken {
  tokenFile: string;
  created: boolean;
}

/**
 * Ensures `<dataDir>/bootstrap-tokens.csv` holds an admin token (user `admin`, group
 * system:masters), as k3s does on first start: 32 random bytes, hex, written with mode 0600 by
 * an exclusive create, so replicas sharing the directory race safely and a token is never
 * replaced once written. Idempotent.
 */
export function ensureBootstrapToken(dataDir: string): BootstrapToken {
  mkdirSync(dataDir, { recursive: true });
  const tokenFile = join(dataDir, BOOTSTRAP_TOKEN_FILE);
  const line = `${randomBytes(32).toString('hex')},${BOOTSTRAP_ADMIN_USER},${randomUUID()},"${GROUP.masters}"\n`;
  try {
    writeFileSync(tokenFile, line, { mode: 0o600, flag: 'wx' });
    return { tokenFile, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { tokenFile, created: false };
  }
}

/**
 * Writes (replaces atomically, mode 0600) `<dataDir>/admin.kubeconfig` pointing at `server`
 * (trusting `certificateAuthority`, a PEM bundle, when given) with the admin token from the
 * bootstrap token file. Returns the kubeconfig's path.
 */
export function writeBootstrapKubeconfig(dataDir: string, server: string, certificateAuthority?: string): string {
  const tokenFile = join(dataDir, BOOTSTRAP_TOKEN_FILE);
  const admin = parseTokenCsv(readFileSync(tokenFile, 'utf8'), tokenFile).find((record) => record.username === BOOTSTRAP_ADMIN_USER);
  if (!admin) throw new Error(`${tokenFile} holds no token for user "${BOOTSTRAP_ADMIN_USER}"`);
  const path = join(dataDir, BOOTSTRAP_KUBECONFIG_FILE);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, kubeconfigYaml({ server, certificateAuthority, user: BOOTSTRAP_ADMIN_USER, token: admin.token }), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
  return path;
}
