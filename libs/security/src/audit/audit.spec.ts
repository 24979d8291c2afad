import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditRequestUri, sourceIPs } from './audit-event.js';
import { RotatingFile } from './rotating-file.js';

describe(auditRequestUri.name, () => {
  it('keeps path and query but redacts credential parameters', () => {
    assert.equal(auditRequestUri('/api/v1/namespaces?limit=5'), '/api/v1/namespaces?limit=5');
    assert.equal(auditRequestUri('/watch?kind=Application&access_token=s3cr3t&Token=x&ok=1'), '/watch?kind=Application&access_token=REDACTED&Token=REDACTED&ok=1');
    assert.equal(auditRequestUri('/x?%74oken=abc'), '/x?%74oken=REDACTED');
  });
});

describe(sourceIPs.name, () => {
  it('lists forwarded addresses, then X-Real-Ip, then the peer, without duplicates', () => {
    assert.deepEqual(sourceIPs({ 'x-forwarded-for': '10.0.0.1, 10.0.0.2', 'x-real-ip': '10.0.0.2' }, '::ffff:127.0.0.1'), ['10.0.0.1', '10.0.0.2', '127.0.0.1']);
    assert.deepEqual(sourceIPs({}, '::1'), ['::1']);
  });
});

describe(RotatingFile.name, () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('rotates by size, keeps maxBackups files, never splits a line', () => {
    const path = join(dir, 'audit.log');
    const file = new RotatingFile(path, 25, 2);
    for (let i = 0; i < 7; i++) file.write(`line-${i}-0123456789\n`);
    file.close();
    assert.equal(readFileSync(path, 'utf8'), 'line-6-0123456789\n');
    assert.equal(readFileSync(`${path}.1`, 'utf8'), 'line-5-0123456789\n');
    assert.equal(readFileSync(`${path}.2`, 'utf8'), 'line-4-0123456789\n');
    assert.equal(existsSync(`${path}.3`), false);
  });

  it('appends to an existing file and does not rotate when the limit is 0', () => {
    const path = join(dir, 'plain.log');
    new RotatingFile(path, 0, 3).write('a\n');
    const file = new RotatingFile(path, 0, 3);
    for (let i = 0; i < 100; i++) file.write('b\n');
    file.close();
    assert.equal(readFileSync(path, 'utf8').split('\n').length, 102);
    assert.equal(existsSync(`${path}.1`), false);
  });
});
