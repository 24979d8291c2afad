import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KUBECTL = '/usr/bin/kubectl';

/** What a finished client process printed. */
export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Writes a kubeconfig for an operator at `serverUrl` (context namespace `default`; no auth, or
 * the bearer `token` when given) into `dir` and returns its path. `insecure-skip-tls-verify` is
 * set because @kubernetes/client-node 1.x refuses a plain `http://` server without it; kubectl
 * and the Python client ignore it for http.
 */
export function writeKubeconfig(dir: string, serverUrl: string, namespace = 'default', file = 'kubeconfig', token?: string): string {
  const path = join(dir, file);
  const text = [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: operator',
    '  cluster:',
    `    server: ${serverUrl}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    '- name: anonymous',
    token === undefined ? '  user: {}' : `  user:\n    token: ${JSON.stringify(token)}`,
    'contexts:',
    '- name: operator',
    '  context:',
    '    cluster: operator',
    '    user: anonymous',
    `    namespace: ${namespace}`,
    'current-context: operator',
    '',
  ].join('\n');
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

/** Environment for client processes: no inherited KUBECONFIG, HOME and TMPDIR inside `dir`. */
export function clientEnv(dir: string): NodeJS.ProcessEnv {
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const { KUBECONFIG: _ignored, ...env } = process.env;
  return { ...env, HOME: home, TMPDIR: home };
}

/** A kubectl process running in the background (`get -w`, `delete --wait`). */
export interface KubectlChild {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout matches `pattern` (rejects after `timeoutMs` or if kubectl exits first). */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<ProcessResult>;
  /** SIGTERM (idempotent); resolves when the process is gone. */
  kill(): Promise<ProcessResult>;
}

/**
 * Runs `/usr/bin/kubectl --kubeconfig <file> --cache-dir <dir>/cache ...` against one operator.
 * The private cache directory keeps discovery from one server (or one test run on a reused
 * port) from leaking into another.
 */
export class Kubectl {
  private readonly env: NodeJS.ProcessEnv;

  constructor(readonly kubeconfig: string, private readonly dir: string) {
    this.env = clientEnv(dir);
  }

  /** Builds the kubeconfig for `serverUrl` in `dir`. */
  static forServer(dir: string, serverUrl: string): Kubectl {
    return new Kubectl(writeKubeconfig(dir, serverUrl), dir);
  }

  private argv(args: string[]): string[] {
    return ['--kubeconfig', this.kubeconfig, '--cache-dir', join(this.dir, 'cache'), ...args];
  }

  /** Runs kubectl to completion; never rejects for a non-zero exit (the code is in the result). */
  run(args: string[], options: { input?: string; timeoutMs?: number } = {}): Promise<ProcessResult> {
    return new Promise((resolve, reject) => {
      const child = execFile(KUBECTL, this.argv(args), { env: this.env, timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(Object.assign(error, { stdout, stderr }));
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      });
      child.stdin!.on('error', () => undefined); // EPIPE when kubectl exits without reading stdin: harmless
      child.stdin!.end(options.input ?? '');
    });
  }

  /** `run`, failing with kubectl's stderr unless it exits 0. */
  async ok(args: string[], input?: string): Promise<string> {
    const result = await this.run(args, { input });
    if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')} exited ${result.code}:\n${result.stderr}${result.stdout}`);
    return result.stdout;
  }

  /** Starts kubectl in the background. */
  start(args: string[]): KubectlChild {
    const child = spawn(KUBECTL, this.argv(args), { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const listeners = new Set<() => void>();
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      listeners.forEach((listener) => listener());
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<ProcessResult>((resolve) => child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr })));
    let closed = false;
    void exited.then(() => {
      closed = true;
      listeners.forEach((listener) => listener());
    });
    const waitForOutput = (pattern: RegExp, timeoutMs = 15_000) =>
      new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => settle(new Error(`kubectl output did not match ${pattern} in ${timeoutMs} ms`)), timeoutMs);
        const settle = (error?: Error, text?: string) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(new Error(`${error.message}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
          else resolve(text!);
        };
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) settle(undefined, match[0]);
          else if (closed) settle(new Error(`kubectl exited before its output matched ${pattern}`));
        };
        listeners.add(check);
        check();
      });
    return {
      child,
      stdout: () => stdout,
      stderr: () => stderr,
      waitForOutput,
      exited,
      kill: () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        return exited;
      },
    };
  }
}
