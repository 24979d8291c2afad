import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ensureBootstrapToken, writeBootstrapKubeconfig } from './bootstrap-credentials.js';
import { parseTokenCsv } from './token-csv.js';

describe(ensureBootstrapToken.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'bootstrap-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('creates an admin token in system:masters once, mode 0600, and keeps it afterwards', () => {
    const first = ensureBootstrapToken(join(dir, 'data'));
    assert.equal(first.created, true);
    assert.equal(statSync(first.tokenFile).mode & 0o777, 0o600);
    const [record] = parseTokenCsv(readFileSync(first.tokenFile, 'utf8'), first.tokenFile);
    assert.equal(record.username, 'admin');
    assert.deepEqual(record.groups, ['system:masters']);
    assert.match(record.token, /^[0-9a-f]{64}$/);
    const second = ensureBootstrapToken(join(dir, 'data'));
    assert.equal(second.created, false);
    assert.equal(parseTokenCsv(readFileSync(second.tokenFile, 'utf8'), second.tokenFile)[0].token, record.token);
  });

  it('writes a kubeconfig (mode 0600) with the admin token and the CA', () => {
    const data = join(dir, 'kc');
    const { tokenFile } = ensureBootstrapToken(data);
    const token = parseTokenCsv(readFileSync(tokenFile, 'utf8'), tokenFile)[0].token;
    const path = writeBootstrapKubeconfig(data, 'https://localhost:9443', '-----BEGIN CERTIFICATE-----\nX\n-----END CERTIFICATE-----\n');
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const config = parse(readFileSync(path, 'utf8'));
    assert.equal(config.kind, 'Config');
    assert.equal(config.clusters[0].cluster.server, 'https://localhost:9443');
    assert.match(Buffer.from(config.clusters[0].cluster['certificate-authority-data'], 'base64').toString(), /BEGIN CERTIFICATE/);
    assert.equal(config.users[0].user.token, token);
    assert.equal(config.contexts[0].name, config['current-context']);
  });
});
