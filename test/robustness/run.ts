import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveProfile } from './profile.js';
import { passed, RobustnessReport, ScenarioRecorder, ScenarioResult } from './report/report.js';
import { renderReport } from './report/table.js';
import { Scenario, ScenarioContext } from './scenario.js';
import { crashScenario } from './scenarios/crash/crash.scenario.js';
import { fuzzScenario } from './scenarios/fuzz/fuzz.scenario.js';
import { leaderScenario } from './scenarios/leader/leader.scenario.js';
import { soakScenario } from './scenarios/soak/soak.scenario.js';
import { watchScenario } from './scenarios/watch/watch.scenario.js';
import { lostUpdatesScenario } from './scenarios/lost-updates/lost-updates.scenario.js';
import { Random } from './support/random.js';

/** Every scenario, in the order they run. */
const SCENARIOS: Scenario[] = [crashScenario, lostUpdatesScenario, fuzzScenario, leaderScenario, watchScenario, soakScenario];

interface Options {
  profile?: string;
  only: string[];
  output: string;
  seed: number;
}

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const value = (flag: string) => {
    const arg = argv.find((a) => a.startsWith(`--${flag}=`));
    return arg?.slice(flag.length + 3);
  };
  const only = (value('only') ?? env.ROBUSTNESS_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const seed = Number(value('seed') ?? env.ROBUSTNESS_SEED ?? Math.floor(Math.random() * 2 ** 31));
  return { profile: value('profile') ?? env.ROBUSTNESS_PROFILE, only, output: value('output') ?? env.ROBUSTNESS_REPORT ?? 'robustness-report.json', seed };
}

async function runScenario(scenario: Scenario, ctx: ScenarioContext): Promise<ScenarioResult> {
  const rec = new ScenarioRecorder();
  const started = Date.now();
  let error: string | undefined;
  process.stdout.write(`\n▶ ${scenario.id}: ${scenario.title}\n`);
  try {
    await scenario.run(ctx, rec);
  } catch (thrown) {
    error = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
    process.stdout.write(`  [${scenario.id}] ERROR ${error}\n`);
  } finally {
    await ctx.dispose();
  }
  const result: ScenarioResult = { scenario: scenario.id, title: scenario.title, durationMs: Date.now() - started, figures: rec.figures, promises: rec.promises, error };
  if (rec.samples) result.samples = rec.samples;
  for (const p of rec.promises) process.stdout.write(`  ${p.passed ? '✔' : '✖'} ${p.promise}: ${p.detail}\n`);
  process.stdout.write(`${passed(result) ? '✔' : '✖'} ${scenario.id} (${(result.durationMs / 1000).toFixed(1)} s)\n`);
  return result;
}

function commit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2), process.env);
  const profile = resolveProfile(options.profile);
  const unknown = options.only.filter((id) => !SCENARIOS.some((s) => s.id === id));
  if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(', ')}: known are ${SCENARIOS.map((s) => s.id).join(', ')}`);
  const selected = options.only.length ? SCENARIOS.filter((s) => options.only.includes(s.id)) : SCENARIOS;
  const random = new Random(options.seed);
  const logRoot = mkdtempSync(join(tmpdir(), 'robustness-logs-'));
  const started = Date.now();
  process.stdout.write(`robustness suite: profile ${profile.name}, seed ${options.seed}, scenarios ${selected.map((s) => s.id).join(', ')}\nlogs: ${logRoot}\n`);
  const scenarios: ScenarioResult[] = [];
  for (const scenario of selected) scenarios.push(await runScenario(scenario, new ScenarioContext(profile, random.fork(), scenario.id, logRoot)));
  const report: RobustnessReport = {
    kind: 'RobustnessReport',
    version: 1,
    profile: profile.name,
    seed: options.seed,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    environment: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length, commit: commit() },
    passed: scenarios.every(passed),
    scenarios,
  };
  writeFileSync(options.output, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\n${renderReport(report)}\n\nreport written to ${options.output}\n`);
  if (report.passed && !process.env.ROBUSTNESS_KEEP_LOGS) rmSync(logRoot, { recursive: true, force: true });
  else process.stdout.write(`server logs kept in ${logRoot}\n`);
  return report.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
