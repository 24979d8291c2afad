import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AccessControlModuleOptions } from '../access-control-options.interface.js';
import { ACCESS_CONTROL_OPTIONS } from '../security.constants.js';
import { AuditEvent, AuditLevel } from './audit-event.js';
import { RotatingFile } from './rotating-file.js';

/**
 * The audit backend: one JSON line per event in the audit file (or standard output for `-`),
 * at the configured level (`Metadata` drops `requestObject`; `None` or no path writes nothing).
 * Writing never fails a request: an I/O error is logged (once per minute at most) and the event
 * is lost, like kube-apiserver's non-blocking log backend.
 */
@Injectable()
export class AuditLogger implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Audit');
  private file?: RotatingFile;
  private lastErrorAt = 0;

  constructor(@Inject(ACCESS_CONTROL_OPTIONS) private readonly options: AccessControlModuleOptions) {}

  get level(): AuditLevel {
    return this.options.audit?.level ?? 'None';
  }

  get enabled(): boolean {
    return this.options.audit !== undefined && this.level !== 'None';
  }

  onModuleInit(): void {
    const audit = this.options.audit;
    if (!this.enabled || !audit || audit.path === '-') return;
    mkdirSync(dirname(audit.path), { recursive: true });
    this.file = new RotatingFile(audit.path, audit.maxSizeBytes, audit.maxBackups);
    this.logger.log(`audit log at level ${audit.level} in ${audit.path}`);
  }

  write(event: AuditEvent): void {
    if (!this.enabled) return;
    const recorded = this.level === 'Request' ? event : { ...event, requestObject: undefined };
    const line = `${JSON.stringify(recorded)}\n`;
    try {
      if (this.file) this.file.write(line);
      else process.stdout.write(line);
    } catch (error) {
      if (Date.now() - this.lastErrorAt < 60_000) return;
      this.lastErrorAt = Date.now();
      this.logger.error(`could not write the audit log: ${(error as Error).message}`);
    }
  }

  onModuleDestroy(): void {
    this.file?.close();
    this.file = undefined;
  }
}
