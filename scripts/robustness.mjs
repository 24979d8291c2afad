#!/usr/bin/env node
// Runs the robustness suite (test/robustness, compiled to dist/test/robustness): first the unit
// specs of its own analysis code, then every scenario, printing the table of figures and writing
// robustness-report.json. Exits non-zero if any promise is broken.
// Usage: node scripts/robustness.mjs [--profile=short|long] [--only=crash,fuzz] [--seed=N] [--output=file]
// (or ROBUSTNESS_PROFILE, ROBUSTNESS_ONLY, ROBUSTNESS_SEED; see test/robustness/profile.ts for more).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = 'dist/test/robustness';
const entry = join(root, 'run.js');
if (!existsSync(entry)) {
  console.error(`${entry} not found: run "npm run build" first`);
  process.exit(2);
}
const specs = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (name.endsWith('.spec.js')) specs.push(path);
  }
};
walk(root);
if (specs.length > 0) {
  const unit = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-reporter=dot', ...specs.sort()], { stdio: 'inherit' });
  if (unit.status !== 0) {
    console.error('the robustness suite\'s own unit specs failed');
    process.exit(unit.status ?? 1);
  }
}
const run = spawnSync(process.execPath, ['--enable-source-maps', entry, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
