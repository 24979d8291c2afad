import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startTestOperator } from '../support/operator.js';
import type { RunningOperator } from '../../apps/operator/src/bootstrap.js';

const run = promisify(execFile);
const README = fileURLToPath(new URL('../../../README.md', import.meta.url));

/** Every `curl` command in the README's sh blocks, in order (multi-line commands joined). */
function readmeCurls(): string[] {
  const text = readFileSync(README, 'utf8');
  const blocks = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((block) =>
    block
      .split(/\n(?=curl )/)
      .map((command) => command.trim())
      .filter((command) => command.startsWith('curl ') && command.includes('localhost:3000'))
      .map((command) => command.replace(/\s+#[^\n'"]*$/gm, '')),
  );
}

/** Commands whose documented answer is an error on purpose. */
const EXPECTED_ERRORS: [RegExp, number][] = [
  [/applications\/missing/, 404],
  [/"name":"bad"/, 422],
];

describe('README examples (e2e)', () => {
  let operator: RunningOperator;
  before(async () => {
    operator = await startTestOperator({ ENABLE_LEADER_ELECTION: 'true', LEASE_DURATION_SECONDS: '15' });
  });
  after(() => operator.shutdown());

  it('every curl example answers as documented, in order', async () => {
    const commands = readmeCurls();
    assert.ok(commands.length >= 20, `found ${commands.length} curl examples`);
    for (const command of commands) {
      // Streams (`curl -sN`) are read for two seconds: what matters is how they answer.
      const streaming = /^curl -sN/.test(command);
      const local = command
        .replaceAll('localhost:3000', `127.0.0.1:${operator.port}`)
        .replace(/^curl -sN?/, `curl -s ${streaming ? '--max-time 2 ' : ''}-o /dev/null -w "%{http_code}"`);
      const { stdout } = await run('bash', ['-c', streaming ? `${local} || true` : local], { timeout: 20_000 });
      const code = Number(stdout.trim());
      const expected = EXPECTED_ERRORS.find(([pattern]) => pattern.test(command))?.[1];
      if (expected) assert.equal(code, expected, command);
      else assert.ok(code >= 200 && code < 300, `${code} for: ${command}`);
    }
  });
});
