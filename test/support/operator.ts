import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@app/config';
import { RunningOperator, startOperator } from '../../apps/operator/src/bootstrap.js';

export const MAIN_JS = fileURLToPath(new URL('../../apps/operator/src/main.js', import.meta.url));

/** Quiet, in-memory, single-instance defaults for tests; override per test. */
export const TEST_ENV: Record<string, string> = {
  STORAGE: 'memory',
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'error',
  ENABLE_LEADER_ELECTION: 'false',
  SIM_POD_STARTUP_MS: '20',
  SHUTDOWN_TIMEOUT_MS: '2000',
};

/** Starts the operator in this process on a random port. */
export async function startTestOperator(env: Record<string, string> = {}): Promise<RunningOperator> {
  return startOperator(loadConfig({ ...TEST_ENV, ...env }));
}

export function tempDir(prefix = 'operator-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** An operator in its own process (for kill -9, SIGTERM, SIGSTOP and multi-replica tests). */
export interface OperatorProcess {
  child: ChildProcess;
  url: string;
  port: number;
  output(): string;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Spawns `node main.js` and resolves once it logs that it is serving. */
export function spawnOperator(env: Record<string, string>, timeoutMs = 20_000): Promise<OperatorProcess> {
  const child = spawn(process.execPath, ['--enable-source-maps', MAIN_JS], {
    env: { ...process.env, ...TEST_ENV, LOG_LEVEL: 'info', LOG_FORMAT: 'text', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return waitForServing('operator', child, timeoutMs);
}

/**
 * Resolves once `child` (an operator, however started) logs `serving on http://host:port`, with
 * its output so far and a `kill` that resolves on exit; rejects, with the output, when it exits
 * first or does not serve within `timeoutMs`.
 */
export async function waitForServing(name: string, child: ChildProcess, timeoutMs: number): Promise<OperatorProcess> {
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving on http:\/\/[^:\s"]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before serving:\n${output}`));
    });
  });
  const kill = (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return { child, port, url: `http://127.0.0.1:${port}`, output: () => output, exited, kill };
}

/** A port nobody listens on right now (for processes that must share a known port). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
