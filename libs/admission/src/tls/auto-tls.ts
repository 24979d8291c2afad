import { Logger } from '@nestjs/common';
import { setTimeout as delay } from 'node:timers/promises';
import { join } from 'node:path';
import { CertificatePair, createCertificateAuthority, describeCertificate, isConsistent, issueServingCertificate } from './certificates.js';
import { CA_CERT_FILE, CA_KEY_FILE, claimCertificateAuthority, ensureDirectory, readPair, SERVING_CERT_FILE, SERVING_KEY_FILE, writePair } from './tls-files.js';

export interface AutoTlsOptions {
  directory: string;
  /** SANs of the serving certificate. */
  hosts: string[];
  servingValiditySeconds: number;
  caValiditySeconds: number;
}

const CA_COMMON_NAME = 'application-operator-webhook-ca';
/** How long to wait for another process that is installing the CA in the same directory. */
const CA_WAIT_ATTEMPTS = 50;
const CA_WAIT_MS = 100;

/**
 * Self-managed webhook certificates: a long-lived CA and a short-lived serving certificate it
 * signs, kept in `directory` and reused across restarts. Rotation replaces the serving
 * certificate only; the CA (and so a webhook configuration's caBundle) stays the same until it
 * expires. Several processes may share the directory: one CA wins, each keeps its own valid
 * serving certificate in memory.
 */
export class AutoTls {
  private readonly logger = new Logger(AutoTls.name);
  private ca?: CertificatePair;
  private serving?: CertificatePair;

  constructor(private readonly options: AutoTlsOptions) {}

  /** Loads or creates the CA and a serving certificate; returns the serving pair. */
  async start(): Promise<CertificatePair> {
    await ensureDirectory(this.options.directory);
    this.ca = await this.loadOrCreateCa();
    const stored = await readPair(this.path(SERVING_CERT_FILE), this.path(SERVING_KEY_FILE));
    this.serving = stored && !this.isDue(stored, new Date()) ? stored : await this.issue();
    return this.serving;
  }

  caBundle(): string | undefined {
    return this.ca?.cert;
  }

  /** Issues and stores a new serving certificate when the current one is due; else undefined. */
  async rotateIfDue(now = new Date()): Promise<CertificatePair | undefined> {
    if (!this.serving || !this.isDue(this.serving, now)) return undefined;
    this.serving = await this.issue();
    return this.serving;
  }

  /**
   * Due when less than a third of its lifetime remains, a SAN is missing, the CA did not sign
   * it, or it outlives the configured validity (the configuration was shortened).
   */
  isDue(pair: CertificatePair, now: Date): boolean {
    if (!isConsistent(pair, this.ca)) return true;
    const info = describeCertificate(pair.cert);
    const lifetime = info.notAfter.getTime() - info.notBefore.getTime();
    const remaining = info.notAfter.getTime() - now.getTime();
    const longest = this.options.servingValiditySeconds * 1100 + 2000;
    return remaining < lifetime / 3 || lifetime > longest || this.options.hosts.some((host) => !info.hosts.includes(host));
  }

  private async issue(): Promise<CertificatePair> {
    const pair = await issueServingCertificate(this.ca!, this.options.hosts, this.options.servingValiditySeconds);
    await writePair(this.options.directory, SERVING_CERT_FILE, SERVING_KEY_FILE, pair);
    const info = describeCertificate(pair.cert);
    this.logger.log(`issued webhook serving certificate ${info.serialNumber} for ${info.hosts.join(', ')}, valid until ${info.notAfter.toISOString()}`);
    return pair;
  }

  private async loadOrCreateCa(): Promise<CertificatePair> {
    for (let attempt = 0; attempt < CA_WAIT_ATTEMPTS; attempt++) {
      const stored = await readPair(this.path(CA_CERT_FILE), this.path(CA_KEY_FILE));
      if (stored && isConsistent(stored)) return this.checkCaExpiry(stored);
      if (!stored && !(await this.hasCaKey())) {
        const ca = await createCertificateAuthority(CA_COMMON_NAME, this.options.caValiditySeconds);
        if (await claimCertificateAuthority(this.options.directory, ca)) return ca;
      }
      await delay(CA_WAIT_MS);
    }
    this.logger.warn(`the webhook CA in ${this.options.directory} is incomplete or unreadable; creating a new one (update caBundle)`);
    const ca = await createCertificateAuthority(CA_COMMON_NAME, this.options.caValiditySeconds);
    await writePair(this.options.directory, CA_CERT_FILE, CA_KEY_FILE, ca);
    return ca;
  }

  private async checkCaExpiry(ca: CertificatePair): Promise<CertificatePair> {
    if (describeCertificate(ca.cert).notAfter.getTime() > Date.now()) return ca;
    this.logger.warn(`the webhook CA in ${this.options.directory} has expired; creating a new one (update caBundle)`);
    const fresh = await createCertificateAuthority(CA_COMMON_NAME, this.options.caValiditySeconds);
    await writePair(this.options.directory, CA_CERT_FILE, CA_KEY_FILE, fresh);
    return fresh;
  }

  private async hasCaKey(): Promise<boolean> {
    return (await readPair(this.path(CA_KEY_FILE), this.path(CA_KEY_FILE))) !== undefined;
  }

  private path(file: string): string {
    return join(this.options.directory, file);
  }
}
