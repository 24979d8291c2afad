import { createHash } from 'node:crypto';
import { FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface FileWatcherOptions {
  /** Stat fallback for file systems where fs.watch misses changes (network mounts, some containers). */
  pollIntervalMs: number;
  /** Quiet time after the last directory event before the files are read. */
  debounceMs: number;
}

/**
 * Calls `onChange` once the content of a set of files has changed (any of them appearing,
 * changing or disappearing). Watches the parent directories rather than the files, so editors
 * that save by rename and Kubernetes' symlink swap of mounted Secrets/ConfigMaps are seen;
 * polls as a fallback. Events are debounced; `onChange` never runs concurrently with itself.
 */
export class FileWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private debounce?: NodeJS.Timeout;
  private poll?: NodeJS.Timeout;
  private fingerprint?: string;
  private checking?: Promise<void>;
  private recheck = false;
  private closed = false;

  constructor(
    private readonly paths: string[],
    private readonly onChange: () => void | Promise<void>,
    private readonly options: FileWatcherOptions,
  ) {}

  /** Remembers the current content (so only later changes count) and starts watching. */
  async start(): Promise<void> {
    this.fingerprint = await this.read();
    this.watchDirectories();
    this.poll = setInterval(() => {
      this.watchDirectories();
      void this.check();
    }, this.options.pollIntervalMs);
    this.poll.unref();
  }

  close(): void {
    this.closed = true;
    clearInterval(this.poll);
    clearTimeout(this.debounce);
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private watchDirectories(): void {
    for (const directory of new Set(this.paths.map((path) => dirname(path)))) {
      if (this.closed || this.watchers.has(directory)) continue;
      try {
        const watcher = watch(directory, { persistent: false }, () => this.schedule());
        watcher.on('error', () => this.forget(directory, watcher));
        this.watchers.set(directory, watcher);
      } catch {
        // The directory does not exist (yet): polling covers it and retries the watch.
      }
    }
  }

  private forget(directory: string, watcher: FSWatcher): void {
    watcher.close();
    if (this.watchers.get(directory) === watcher) this.watchers.delete(directory);
  }

  private schedule(): void {
    if (this.closed) return;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.check(), this.options.debounceMs);
    this.debounce.unref();
  }

  private async check(): Promise<void> {
    if (this.checking) {
      this.recheck = true;
      return this.checking;
    }
    this.checking = this.compare().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async compare(): Promise<void> {
    do {
      this.recheck = false;
      const fingerprint = await this.read();
      if (this.closed || fingerprint === this.fingerprint) continue;
      this.fingerprint = fingerprint;
      try {
        await this.onChange();
      } catch {
        // The owner reports its own failures; a watcher must outlive them.
      }
    } while (this.recheck && !this.closed);
  }

  private async read(): Promise<string> {
    const hash = createHash('sha256');
    for (const path of this.paths) {
      const content = await readFile(path).catch(() => undefined);
      hash.update(content === undefined ? `missing:${path}` : `file:${path}:${content.length}:`);
      if (content) hash.update(content);
    }
    return hash.digest('hex');
  }
}
