#!/usr/bin/env node
// Runs Node's built-in test runner over the compiled specs (unit specs next to the code,
// end-to-end specs under test/). Usage: node scripts/run-tests.mjs [path-substring ...]
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = ['dist/libs', 'dist/apps', 'dist/test'];
const filters = process.argv.slice(2);
const files = [];
const walk = (dir) => {
  let entries;
  try { entries = readdirSync(dir); } catch { return; }
  for (const entry of entries) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== 'robustness') walk(path);
    } else if (/\.(e2e-)?spec\.js$/.test(entry)) files.push(path);
  }
};
roots.forEach(walk);
const selected = filters.length ? files.filter((f) => filters.some((s) => f.includes(s))) : files;
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const result = spawnSync(
  process.execPath,
  ['--enable-source-maps', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...selected.sort()],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
