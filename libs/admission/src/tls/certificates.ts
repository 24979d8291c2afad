import { createPrivateKey, generateKeyPair, randomBytes, X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { promisify } from 'node:util';
import forge from 'node-forge';

/** A certificate and its private key, PEM encoded. */
export interface CertificatePair {
  cert: string;
  key: string;
}

/** Clock skew tolerance: certificates start this much before issuance (at most 10% of their life). */
const MAX_BACKDATE_MS = 60_000;
const generateRsa = promisify(generateKeyPair);

/** A self-signed CA allowed to sign serving certificates (basicConstraints CA, keyCertSign). */
export async function createCertificateAuthority(commonName: string, validitySeconds: number): Promise<CertificatePair> {
  const { publicKey, privateKey } = await rsaKeyPair();
  const cert = baseCertificate(publicKey, validitySeconds);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { cert: toPem(cert), key: privateKey };
}

/** A serving certificate for `hosts` (DNS names and IP addresses as SANs), signed by `ca`. */
export async function issueServingCertificate(ca: CertificatePair, hosts: string[], validitySeconds: number): Promise<CertificatePair> {
  const { publicKey, privateKey } = await rsaKeyPair();
  const caCert = forge.pki.certificateFromPem(ca.cert);
  const cert = baseCertificate(publicKey, validitySeconds);
  cert.setSubject([{ name: 'commonName', value: hosts[0] ?? 'localhost' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: hosts.map((host) => (isIP(host) ? { type: 7, ip: host } : { type: 2, value: host })) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.key), forge.md.sha256.create());
  return { cert: toPem(cert), key: privateKey };
}

/** PEM with LF line ends (forge writes CRLF). */
function toPem(cert: forge.pki.Certificate): string {
  return forge.pki.certificateToPem(cert).replace(/\r\n/g, '\n');
}

async function rsaKeyPair(): Promise<{ publicKey: string; privateKey: string }> {
  return generateRsa('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
}

function baseCertificate(publicKeyPem: string, validitySeconds: number): forge.pki.Certificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKeyPem);
  cert.serialNumber = randomSerial();
  const now = Date.now();
  const backdate = Math.min(MAX_BACKDATE_MS, validitySeconds * 100);
  cert.validity.notBefore = new Date(now - backdate);
  cert.validity.notAfter = new Date(now + validitySeconds * 1000);
  return cert;
}

/** 128 random bits as a positive DER integer (leading bit clear), in hex. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  bytes[0] |= 0x01;
  return bytes.toString('hex');
}

/** What the rotation logic needs to know about a certificate. */
export interface CertificateInfo {
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** DNS names and IP addresses from the SAN extension. */
  hosts: string[];
}

export function describeCertificate(pem: string): CertificateInfo {
  const x509 = new X509Certificate(pem);
  const hosts = (x509.subjectAltName ?? '')
    .split(', ')
    .map((entry) => entry.replace(/^(DNS|IP Address):/, ''))
    .filter((entry) => entry !== '');
  return { serialNumber: x509.serialNumber, notBefore: new Date(x509.validFrom), notAfter: new Date(x509.validTo), hosts };
}

/** True when `pair.key` is the private key of `pair.cert` and, given a CA, the CA signed it. */
export function isConsistent(pair: CertificatePair, ca?: CertificatePair): boolean {
  try {
    const x509 = new X509Certificate(pair.cert);
    if (!x509.checkPrivateKey(createPrivateKey(pair.key))) return false;
    if (!ca) return true;
    const issuer = new X509Certificate(ca.cert);
    return x509.checkIssued(issuer) && x509.verify(issuer.publicKey);
  } catch {
    return false;
  }
}
