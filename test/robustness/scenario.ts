import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Profile } from './profile.js';
import { ScenarioRecorder } from './report/report.js';
import { Random } from './support/random.js';
import { ServerProcess } from './support/server.js';

/**
 * What a scenario gets: the profile, a seeded generator, and factories for operator children and
 * data directories that are all cleaned up after the scenario, whatever happens.
 */
export class ScenarioContext {
  private readonly servers: ServerProcess[] = [];
  private readonly cleanups: Array<() => Promise<void> | void> = [];
  readonly logDir: string;

  constructor(
    readonly profile: Profile,
    readonly random: Random,
    readonly scenario: string,
    logRoot: string,
  ) {
    this.logDir = join(logRoot, scenario);
    mkdirSync(this.logDir, { recursive: true });
  }

  /** A child operator (not started) whose log goes to `<logDir>/<name>.log`. */
  server(name: string, env: Record<string, string> = {}): ServerProcess {
    const server = new ServerProcess(name, env, this.logDir);
    this.servers.push(server);
    return server;
  }

  /** A temporary directory removed after the scenario. */
  dataDir(prefix = 'data-'): string {
    const path = mkdtempSync(join(tmpdir(), `robustness-${this.scenario}-${prefix}`));
    this.onCleanup(() => rmSync(path, { recursive: true, force: true }));
    return path;
  }

  onCleanup(fn: () => Promise<void> | void): void {
    this.cleanups.push(fn);
  }

  log(message: string): void {
    process.stdout.write(`  [${this.scenario}] ${message}\n`);
  }

  /** Kills every child and runs every cleanup (last registered first). Never throws. */
  async dispose(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.dispose().catch(() => undefined)));
    for (const fn of this.cleanups.reverse()) await Promise.resolve().then(fn).catch(() => undefined);
  }
}

/** One robustness scenario: measures figures and checks promises into the recorder. */
export interface Scenario {
  id: string;
  title: string;
  run(ctx: ScenarioContext, rec: ScenarioRecorder): Promise<void>;
}
