import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { Subject } from 'rxjs';
import { PathNotFoundError } from '@app/api-machinery';
import { AdmissionModuleOptions, WebhookTlsMode } from '../admission-module-options.interface.js';
import { ADMISSION_MODULE_OPTIONS } from '../admission.constants.js';
import { FileWatcher } from '../util/file-watcher.js';
import { AutoTls } from './auto-tls.js';
import { CertificatePair, describeCertificate } from './certificates.js';

/** The serving certificate in force, with what clients and logs care about. */
export interface TlsCredentials extends CertificatePair {
  serialNumber: string;
  notAfter: Date;
}

export const DEFAULT_SERVING_CERT_VALIDITY_SECONDS = 90 * 24 * 3600;
export const DEFAULT_CA_VALIDITY_SECONDS = 10 * 365 * 24 * 3600;
export const DEFAULT_ROTATION_CHECK_INTERVAL_MS = 3600_000;
export const WEBHOOK_TLS_DIRECTORY = 'webhook-tls';

/**
 * The webhook server's certificate. `files`: the configured pair, reloaded whenever the files
 * change (a bad pair is logged and the previous one kept). `auto`: a generated CA and serving
 * certificate in `<dataDir>/webhook-tls/`, the serving certificate rotated before it expires
 * without changing the CA. `off`: no certificate. Startup fails on an unusable configuration.
 */
@Injectable()
export class TlsManager implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(TlsManager.name);
  private readonly changes = new Subject<TlsCredentials>();
  /** Each new serving certificate after the first (rotation or file change). */
  readonly credentials$ = this.changes.asObservable();
  readonly mode: WebhookTlsMode;
  private credentials?: TlsCredentials;
  private auto?: AutoTls;
  private watcher?: FileWatcher;
  private rotationTimer?: NodeJS.Timeout;
  private rotating?: Promise<boolean>;

  constructor(@Inject(ADMISSION_MODULE_OPTIONS) private readonly options: AdmissionModuleOptions) {
    this.mode = options.tls ?? (options.tlsCertFile && options.tlsKeyFile ? 'files' : 'off');
  }

  get enabled(): boolean {
    return this.mode !== 'off';
  }

  get port(): number {
    return this.options.webhookPort;
  }

  async onModuleInit(): Promise<void> {
    if (this.mode === 'files') await this.startFiles();
    if (this.mode === 'auto') await this.startAuto();
  }

  onModuleDestroy(): void {
    clearInterval(this.rotationTimer);
    this.watcher?.close();
    this.changes.complete();
  }

  current(): TlsCredentials | undefined {
    return this.credentials;
  }

  /** The CA bundle (PEM) for a webhook configuration's caBundle; only in `auto` mode. */
  caBundle(): string | undefined {
    return this.auto?.caBundle();
  }

  /** The CA bundle; a 404 Status error when there is none (TLS mode is not `auto`). */
  requireCaBundle(): string {
    const bundle = this.caBundle();
    if (bundle === undefined) throw new PathNotFoundError(`no webhook CA bundle: it is generated only when webhook TLS is "auto" (it is "${this.mode}")`);
    return bundle;
  }

  /** Rotates the serving certificate now if it is due (`auto`); true when it did. */
  async rotateIfDue(): Promise<boolean> {
    if (this.rotating) return this.rotating;
    this.rotating = (async () => {
      const pair = await this.auto?.rotateIfDue();
      if (pair) this.publish(pair);
      return pair !== undefined;
    })().finally(() => (this.rotating = undefined));
    return this.rotating;
  }

  private async startFiles(): Promise<void> {
    const { tlsCertFile: certFile, tlsKeyFile: keyFile } = this.options;
    if (!certFile || !keyFile) throw new Error('webhook TLS mode "files" needs both tlsCertFile and tlsKeyFile');
    this.credentials = toCredentials(await readServingPair(certFile, keyFile));
    this.watcher = new FileWatcher([certFile, keyFile], () => this.reloadFiles().then(() => undefined), {
      pollIntervalMs: this.options.filePollIntervalMs ?? 2000,
      debounceMs: 200,
    });
    await this.watcher.start();
  }

  /** Reads the configured files again (`files`); false, keeping the current pair, when they are unusable. */
  async reloadFiles(): Promise<boolean> {
    const { tlsCertFile: certFile, tlsKeyFile: keyFile } = this.options;
    if (this.mode !== 'files' || !certFile || !keyFile) return false;
    try {
      this.publish(await readServingPair(certFile, keyFile));
      return true;
    } catch (error) {
      this.logger.error(`webhook certificate ${certFile} not reloaded, keeping the previous one: ${(error as Error).message}`);
      return false;
    }
  }

  private async startAuto(): Promise<void> {
    const hosts = [...new Set(['localhost', '127.0.0.1', ...this.options.dnsNames])];
    this.auto = new AutoTls({
      directory: join(this.options.dataDir, WEBHOOK_TLS_DIRECTORY),
      hosts,
      servingValiditySeconds: this.options.servingCertValiditySeconds ?? DEFAULT_SERVING_CERT_VALIDITY_SECONDS,
      caValiditySeconds: this.options.caValiditySeconds ?? DEFAULT_CA_VALIDITY_SECONDS,
    });
    this.credentials = toCredentials(await this.auto.start());
    this.rotationTimer = setInterval(() => {
      this.rotateIfDue().catch((error: Error) => this.logger.error(`webhook certificate rotation failed: ${error.message}`));
    }, this.options.rotationCheckIntervalMs ?? DEFAULT_ROTATION_CHECK_INTERVAL_MS);
    this.rotationTimer.unref();
  }

  private publish(pair: CertificatePair): void {
    this.credentials = toCredentials(pair);
    this.logger.log(`webhook serving certificate is now ${this.credentials.serialNumber}`);
    this.changes.next(this.credentials);
  }
}

/** Reads a pair and proves it usable (the key matches the certificate) before anyone serves it. */
async function readServingPair(certFile: string, keyFile: string): Promise<CertificatePair> {
  const [cert, key] = await Promise.all([readFile(certFile, 'utf8'), readFile(keyFile, 'utf8')]);
  createSecureContext({ cert, key });
  return { cert, key };
}

function toCredentials(pair: CertificatePair): TlsCredentials {
  const info = describeCertificate(pair.cert);
  return { ...pair, serialNumber: info.serialNumber, notAfter: info.notAfter };
}
