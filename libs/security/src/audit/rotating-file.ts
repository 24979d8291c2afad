import { closeSync, existsSync, fstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * An append-only file with size-based rotation, logrotate style: when a write would take the
 * file past `maxSizeBytes`, `path` becomes `path.1` (older ones shift to `.2`, ...; beyond
 * `maxBackups` they are deleted) and a new `path` is started. Writes are synchronous and whole
 * (one line is never split across files); files are created with mode 0600.
 */
export class RotatingFile {
  private fd: number;
  private size: number;

  constructor(
    private readonly path: string,
    private readonly maxSizeBytes: number,
    private readonly maxBackups: number,
  ) {
    this.fd = openSync(path, 'a', 0o600);
    this.size = fstatSync(this.fd).size;
  }

  write(text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    if (this.maxSizeBytes > 0 && this.size > 0 && this.size + bytes.length > this.maxSizeBytes) this.rotate();
    writeSync(this.fd, bytes);
    this.size += bytes.length;
  }

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    if (this.maxBackups === 0) rmSync(this.path, { force: true });
    else {
      rmSync(`${this.path}.${this.maxBackups}`, { force: true });
      for (let index = this.maxBackups - 1; index >= 1; index--) {
        if (existsSync(`${this.path}.${index}`)) renameSync(`${this.path}.${index}`, `${this.path}.${index + 1}`);
      }
      renameSync(this.path, `${this.path}.1`);
    }
    this.fd = openSync(this.path, 'a', 0o600);
    this.size = 0;
  }
}
