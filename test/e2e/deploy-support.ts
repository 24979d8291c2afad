/**
 * Shared by the deploy-*.e2e-spec.ts files: the repository's deployment files (Dockerfile,
 * docker-compose.yml, deploy/) read as data, and operator processes started the way the image
 * and the compose stack start them (same environment, same command, optionally on a
 * read-only root filesystem).
 */
import { execFile, spawn, spawnSync, ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { waitForServing } from '../support/operator.js';
export { until } from '../support/wait.js';

/** The repository root (this file runs from dist/test/e2e/). */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const OPERATOR_SERVICES = ['operator-1', 'operator-2', 'operator-3'] as const;

export const repoFile = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Runs a command in the repository root; resolves with its exit code and output (never rejects on exit codes). */
export async function run(command: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, { cwd: ROOT, env: { ...process.env, ...env }, timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string; message: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** docker-compose.yml as Compose reads it (YAML merge keys resolved). */
export function composeFile(): any {
  return parse(repoFile('docker-compose.yml'), { merge: true });
}

/** A service's `environment`, in either of Compose's forms (mapping or KEY=VALUE list). */
export function serviceEnvironment(service: any): Record<string, string> {
  const environment = service.environment ?? {};
  const entries: [string, unknown][] = Array.isArray(environment)
    ? environment.map((item: string) => [item.split('=')[0], item.slice(item.indexOf('=') + 1)])
    : Object.entries(environment);
  return Object.fromEntries(entries.map(([key, value]) => [key, String(value)]));
}

/** One Dockerfile instruction, continuation lines joined, with the stage it belongs to. */
export interface Instruction {
  keyword: string;
  args: string;
  stage: number;
}

export function dockerfile(): Instruction[] {
  const text = repoFile('Dockerfile').replace(/\\\n/g, ' ');
  const instructions: Instruction[] = [];
  let stage = -1;
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    if (keyword.toUpperCase() === 'FROM') stage++;
    instructions.push({ keyword: keyword.toUpperCase(), args: args.replace(/\s+/g, ' ').trim(), stage });
  }
  return instructions;
}

/** The final stage's instructions: what the image runs. */
export function runtimeStage(): Instruction[] {
  const all = dockerfile();
  const last = Math.max(...all.map((i) => i.stage));
  return all.filter((i) => i.stage === last);
}

/** The image's `ENV` (KEY=VALUE form) of the final stage. */
export function imageEnvironment(): Record<string, string> {
  const pairs = runtimeStage()
    .filter((i) => i.keyword === 'ENV')
    .flatMap((i) => [...i.args.matchAll(/(\w+)=("[^"]*"|\S+)/g)].map(([, key, value]) => [key, value.replace(/^"|"$/g, '')]));
  return Object.fromEntries(pairs);
}

/** The image's CMD (exec form), as an argv. */
export function imageCommand(): string[] {
  return JSON.parse(runtimeStage().find((i) => i.keyword === 'CMD')!.args) as string[];
}

/** The command of the image's HEALTHCHECK (exec form), as an argv. */
export function imageHealthcheck(): string[] {
  const args = runtimeStage().find((i) => i.keyword === 'HEALTHCHECK')!.args;
  return JSON.parse(args.slice(args.indexOf('CMD') + 3).trim()) as string[];
}

/** True when this process may create a private mount namespace (needed for a read-only root). */
export function canMakeReadOnlyRoot(): boolean {
  return spawnSync('unshare', ['-m', 'sh', '-c', 'mount --rbind / / && mount -o remount,bind,ro /'], { stdio: 'ignore' }).status === 0;
}

/** An operator process started like the container: the image's CMD in its WORKDIR (the repository here). */
export interface ContainerProcess {
  name: string;
  child: ChildProcess;
  port: number;
  url: string;
  output(): string;
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  /** Remount `/` read-only in a private mount namespace, leaving only this directory writable. */
  readOnlyRootExcept?: string;
  timeoutMs?: number;
}

/**
 * Starts the image's command (`node` = this Node.js) with exactly `env` plus PATH: nothing of
 * the test's own environment leaks in, as in a container. Resolves once it logs "serving on".
 */
export async function startContainerProcess(name: string, env: Record<string, string>, options: StartOptions = {}): Promise<ContainerProcess> {
  const [command, ...args] = imageCommand();
  const node = command === 'node' ? process.execPath : command;
  const fullEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env };
  const [file, argv] = options.readOnlyRootExcept ? readOnlyRoot(options.readOnlyRootExcept, [node, ...args]) : [node, args];
  const child = spawn(file, argv, { cwd: ROOT, env: fullEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  return { name, ...(await waitForServing(name, child, options.timeoutMs ?? 20_000)) };
}

/**
 * The command and arguments that run `argv` in the repository root inside a private mount
 * namespace where `/` is remounted read-only, except `writable` (bind-mounted onto itself first).
 */
export function readOnlyRoot(writable: string, argv: string[]): [string, string[]] {
  const script = 'mount --rbind / / && mount --bind "$1" "$1" && mount -o remount,bind,ro / && cd "$2" && shift 2 && exec "$@"';
  return ['unshare', ['-m', 'sh', '-c', script, 'sh', writable, ROOT, ...argv]];
}

