import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { readFile } from 'node:fs/promises';
import { Subject } from 'rxjs';
import { rfc3339 } from '@app/api-machinery';
import { AdmissionModuleOptions } from '../admission-module-options.interface.js';
import { ADMISSION_MODULE_OPTIONS } from '../admission.constants.js';
import { FileWatcher } from '../util/file-watcher.js';
import { DEFAULT_POLICY } from './default-policy.js';
import { effectivePolicy, parsePolicy } from './policy-parser.js';
import { AdmissionPolicy, PolicyDocument, PolicyLoadEvent, PolicyLoadStatus } from './policy.types.js';

const DEFAULT_POLL_MS = 2000;
const DEBOUNCE_MS = 100;

/**
 * The admission policy in force. Without `policyFile` it is the built-in default. With one, the
 * file is loaded at start (a missing or invalid file fails the start: the operator does not run
 * with a policy nobody wrote) and reloaded whenever it changes; a file that fails validation
 * is logged and the previous policy stays in force. Reads are synchronous and never fail.
 */
@Injectable()
export class PolicyStore implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PolicyStore.name);
  private readonly loadsSubject = new Subject<PolicyLoadEvent>();
  /** Every reload attempt after the initial load, good or bad. */
  readonly loads$ = this.loadsSubject.asObservable();
  private current: PolicyDocument = DEFAULT_POLICY;
  private loadStatus: PolicyLoadStatus = { source: 'builtin', lastLoadedAt: rfc3339(new Date()) };
  private watcher?: FileWatcher;

  constructor(@Inject(ADMISSION_MODULE_OPTIONS) private readonly options: AdmissionModuleOptions) {}

  async onModuleInit(): Promise<void> {
    const file = this.options.policyFile;
    if (!file) return;
    this.loadStatus = { source: 'file', file };
    // Watch first: a change made while the file is being loaded is then seen as a change.
    this.watcher = new FileWatcher([file], () => this.reload().then(() => undefined), {
      pollIntervalMs: this.options.filePollIntervalMs ?? DEFAULT_POLL_MS,
      debounceMs: DEBOUNCE_MS,
    });
    await this.watcher.start();
    const first = await this.read(file);
    if (!first.ok) {
      this.watcher.close();
      throw new Error(`admission policy file ${file} is invalid: ${first.error}`);
    }
    this.accept(first.document, file);
  }

  onModuleDestroy(): void {
    this.watcher?.close();
    this.loadsSubject.complete();
  }

  /** Reads the policy file again; idempotent. Keeps the current policy when the file is bad. */
  async reload(): Promise<PolicyLoadEvent> {
    const file = this.options.policyFile;
    if (!file) return { ok: true, document: this.current };
    const result = await this.read(file);
    if (result.ok) this.accept(result.document, file);
    else this.reject(result.error, file);
    this.loadsSubject.next(result);
    return result;
  }

  /** The policy for `namespace`: the file's values with the namespace's overrides applied. */
  effective(namespace?: string): AdmissionPolicy {
    return effectivePolicy(this.current, namespace);
  }

  /** The whole policy document in force (defaults and overrides). */
  document(): PolicyDocument {
    return this.current;
  }

  status(): PolicyLoadStatus {
    return { ...this.loadStatus };
  }

  private async read(file: string): Promise<PolicyLoadEvent> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      return { ok: false, error: `cannot read ${file}: ${(error as Error).message}` };
    }
    const parsed = parsePolicy(text);
    return parsed.ok ? parsed : { ok: false, error: parsed.errors.join('; ') };
  }

  private accept(document: PolicyDocument, file: string): void {
    this.current = document;
    this.loadStatus = { source: 'file', file, lastLoadedAt: rfc3339(new Date()) };
    this.logger.log(`admission policy loaded from ${file}`);
  }

  private reject(error: string, file: string): void {
    this.loadStatus = { ...this.loadStatus, lastError: error, lastErrorAt: rfc3339(new Date()) };
    this.logger.error(`admission policy file ${file} rejected, keeping the previous policy: ${error}`);
  }
}
