import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CertificatePair } from './certificates.js';

export const CA_CERT_FILE = 'ca.crt';
export const CA_KEY_FILE = 'ca.key';
export const SERVING_CERT_FILE = 'tls.crt';
export const SERVING_KEY_FILE = 'tls.key';

/** Both files of a pair, or undefined when either cannot be read. */
export async function readPair(certPath: string, keyPath: string): Promise<CertificatePair | undefined> {
  try {
    const [cert, key] = await Promise.all([readFile(certPath, 'utf8'), readFile(keyPath, 'utf8')]);
    return { cert, key };
  } catch {
    return undefined;
  }
}

export async function ensureDirectory(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true, mode: 0o700 });
}

/**
 * Replaces a pair atomically file by file (write a temporary file, then rename): readers see
 * an old or a new file, never a partial one. The key is written mode 0600.
 */
export async function writePair(directory: string, certFile: string, keyFile: string, pair: CertificatePair): Promise<void> {
  const { certTmp, keyTmp } = await writeTemporaries(directory, pair);
  await rename(keyTmp, join(directory, keyFile));
  await rename(certTmp, join(directory, certFile));
}

/**
 * Installs the CA only if no other process has: the key is hard-linked into place, which
 * fails when it exists. Returns false when another process won; its files are left alone.
 */
export async function claimCertificateAuthority(directory: string, ca: CertificatePair): Promise<boolean> {
  const { certTmp, keyTmp } = await writeTemporaries(directory, ca);
  try {
    await link(keyTmp, join(directory, CA_KEY_FILE));
  } catch (error) {
    await Promise.all([unlink(keyTmp), unlink(certTmp)]).catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  await unlink(keyTmp);
  await rename(certTmp, join(directory, CA_CERT_FILE));
  return true;
}

async function writeTemporaries(directory: string, pair: CertificatePair): Promise<{ certTmp: string; keyTmp: string }> {
  const suffix = `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const certTmp = join(directory, `.cert${suffix}`);
  const keyTmp = join(directory, `.key${suffix}`);
  await writeFile(keyTmp, pair.key, { mode: 0o600 });
  await writeFile(certTmp, pair.cert, { mode: 0o644 });
  return { certTmp, keyTmp };
}
