import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const MAIN_JS = fileURLToPath(new URL('../../../apps/operator/src/main.js', import.meta.url));
const GC_PRELOAD = new URL('./gc-preload.js', import.meta.url).href;

/** Environment every child gets unless a scenario overrides it. */
export const BASE_ENV: Record<string, string> = {
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'info',
  LOG_FORMAT: 'text',
  STORAGE: 'sqlite',
  SQLITE_SYNCHRONOUS: 'full',
  ENABLE_LEADER_ELECTION: 'false',
  SIM_POD_STARTUP_MS: '20',
  SHUTDOWN_TIMEOUT_MS: '2000',
  WEBHOOK_TLS: 'off',
  NODE_OPTIONS: `--expose-gc --import=${GC_PRELOAD}`,
};

/** Heap and resources of a child right after two forced garbage collections. */
export interface MemorySample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  resources: number;
  sockets: number;
  timers: number;
}

type LineListener = (line: string, at: number) => void;

/**
 * One operator child process (`node dist/apps/operator/src/main.js`), restartable on the same
 * port and data directory. Every output line goes to `<logDir>/<name>.log` and to listeners;
 * the last 200 lines are kept for error messages. Signals: kill -9, SIGTERM, SIGSTOP/SIGCONT.
 */
export class ServerProcess {
  child?: ChildProcess;
  port = 0;
  /** How many times it was started. */
  starts = 0;
  private exitedPromise: Promise<void> = Promise.resolve();
  private readonly tail: string[] = [];
  private readonly listeners = new Set<LineListener>();
  private log?: WriteStream;

  constructor(
    readonly name: string,
    private env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns now (synchronously) and returns a promise of the moment it serves. `env` adds to or replaces variables. */
  spawn(env: Record<string, string> = {}, timeoutMs = 60_000): Promise<void> {
    if (this.alive) throw new Error(`${this.name} is already running`);
    this.env = { ...this.env, ...env };
    if (this.port) this.env.PORT = String(this.port);
    this.log ??= createWriteStream(join(this.logDir, `${this.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, ['--enable-source-maps', MAIN_JS], { env: { ...process.env, ...BASE_ENV, ...this.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts++;
    // 'close': the process ended and every line it wrote has been read.
    this.exitedPromise = new Promise((resolve) => child.once('close', () => resolve()));
    for (const stream of [child.stdout!, child.stderr!]) createInterface({ input: stream }).on('line', (line) => this.onLine(line));
    return this.serving(child, timeoutMs);
  }

  /** Spawns and waits until it serves. */
  async start(env: Record<string, string> = {}, timeoutMs?: number): Promise<this> {
    await this.spawn(env, timeoutMs);
    return this;
  }

  /** Sends `signal` (default SIGKILL) and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.alive) this.child!.kill(signal);
    await this.exitedPromise;
  }

  /** Graceful stop: SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.alive) return;
    this.child!.kill('SIGCONT');
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.alive && this.child!.kill('SIGKILL'), graceMs);
    await this.exitedPromise;
    clearTimeout(timer);
  }

  signal(signal: NodeJS.Signals): void {
    if (this.alive) this.child!.kill(signal);
  }

  exited(): Promise<void> {
    return this.exitedPromise;
  }

  /** Calls `listener` for every later output line; returns the unsubscribe function. */
  onLine(listener: LineListener): () => void;
  onLine(line: string): void;
  onLine(arg: LineListener | string): (() => void) | void {
    if (typeof arg === 'function') {
      this.listeners.add(arg);
      return () => this.listeners.delete(arg);
    }
    const at = Date.now();
    this.tail.push(arg);
    if (this.tail.length > 200) this.tail.shift();
    this.log?.write(`${at} ${arg}\n`);
    for (const listener of this.listeners) listener(arg, at);
  }

  /** Resolves with the first later line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`${this.name}: no line matching ${pattern} within ${timeoutMs} ms\n${this.recentOutput()}`));
      }, timeoutMs);
      const off = this.onLine((line) => {
        const match = pattern.exec(line);
        if (!match) return;
        clearTimeout(timer);
        off();
        resolve(match);
      });
    });
  }

  /** Forces two GCs in the child (SIGUSR2, see gc-preload) and returns its memory afterwards. */
  async memory(timeoutMs = 10_000): Promise<MemorySample> {
    const line = this.waitForLine(/^robustness-memory (\{.*\})$/, timeoutMs);
    this.signal('SIGUSR2');
    return JSON.parse((await line)[1]) as MemorySample;
  }

  recentOutput(lines = 40): string {
    return this.tail.slice(-lines).join('\n');
  }

  /** Stops the child (if running) and closes the log file. */
  async dispose(): Promise<void> {
    await this.kill('SIGKILL');
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
    this.log = undefined;
  }

  private serving(child: ChildProcess, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`${this.name} did not serve within ${timeoutMs} ms`)), timeoutMs);
      const off = this.onLine((line) => {
        const match = /serving on http:\/\/[^:]+:(\d+)/.exec(line);
        if (!match) return;
        this.port = Number(match[1]);
        done();
        resolve();
      });
      const onExit = (code: number | null, signal: string | null) => fail(new Error(`${this.name} exited (${code ?? signal}) before serving`));
      const done = () => {
        clearTimeout(timer);
        off();
        child.off('exit', onExit);
      };
      const fail = (error: Error) => {
        done();
        reject(new Error(`${error.message}\n${this.recentOutput()}`));
      };
      child.once('exit', onExit);
    });
  }
}
