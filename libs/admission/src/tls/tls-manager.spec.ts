import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Logger } from '@nestjs/common';
import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstValueFrom } from 'rxjs';
import { AdmissionModuleOptions } from '../admission-module-options.interface.js';
import { within } from '../testing/within.js';
import { createCertificateAuthority, describeCertificate, issueServingCertificate } from './certificates.js';
import { TlsManager } from './tls-manager.js';

Logger.overrideLogger(false);

describe(TlsManager.name, () => {
  let dataDir: string;
  const managers: TlsManager[] = [];
  before(async () => (dataDir = await mkdtemp(join(tmpdir(), 'webhook-tls-'))));
  after(async () => {
    managers.forEach((manager) => manager.onModuleDestroy());
    await rm(dataDir, { recursive: true, force: true });
  });

  async function start(options: Partial<AdmissionModuleOptions>): Promise<TlsManager> {
    const manager = new TlsManager({ webhookPort: 0, dnsNames: ['webhook.system.svc'], dataDir, ...options });
    managers.push(manager);
    await manager.onModuleInit();
    return manager;
  }

  it('serves nothing when off', async () => {
    const manager = await start({ tls: 'off' });
    assert.equal(manager.enabled, false);
    assert.equal(manager.current(), undefined);
    assert.equal(manager.caBundle(), undefined);
  });

  it('auto: generates a CA and a serving certificate for the DNS names, keys mode 0600', async () => {
    const manager = await start({ tls: 'auto' });
    const directory = join(dataDir, 'webhook-tls');
    const ca = new X509Certificate(await readFile(join(directory, 'ca.crt')));
    const serving = new X509Certificate(await readFile(join(directory, 'tls.crt')));
    assert.equal(ca.ca, true);
    assert.equal(manager.caBundle(), ca.toString());
    assert.ok(serving.checkIssued(ca) && serving.verify(ca.publicKey));
    assert.equal(serving.ca, false);
    assert.deepEqual(describeCertificate(serving.toString()).hosts, ['localhost', '127.0.0.1', 'webhook.system.svc']);
    assert.equal(manager.current()?.serialNumber, serving.serialNumber);
    const caYears = (Date.parse(ca.validTo) - Date.now()) / (365 * 24 * 3600_000);
    const servingDays = (Date.parse(serving.validTo) - Date.now()) / (24 * 3600_000);
    assert.ok(caYears > 9.9 && caYears <= 10, `CA valid ${caYears} years`);
    assert.ok(servingDays > 89.9 && servingDays <= 90, `serving valid ${servingDays} days`);
    for (const key of ['ca.key', 'tls.key']) assert.equal((await stat(join(directory, key))).mode & 0o777, 0o600);
  });

  it('auto: reuses the stored CA and serving certificate on restart', async () => {
    const first = managers.at(-1)!;
    const again = await start({ tls: 'auto' });
    assert.equal(again.caBundle(), first.caBundle());
    assert.equal(again.current()?.serialNumber, first.current()?.serialNumber);
  });

  it('auto: rotates the serving certificate before it expires, keeping the CA', async () => {
    const firstCa = managers.at(-1)!.caBundle();
    const manager = await start({ tls: 'auto', servingCertValiditySeconds: 2, rotationCheckIntervalMs: 100 });
    assert.equal(manager.caBundle(), firstCa, 'the CA survives');
    const initial = manager.current()!;
    const rotated = await within(firstValueFrom(manager.credentials$), 5000, 'a rotation');
    assert.notEqual(rotated.serialNumber, initial.serialNumber);
    assert.equal(manager.caBundle(), firstCa);
    assert.ok(rotated.notAfter.getTime() > initial.notAfter.getTime());
    const onDisk = new X509Certificate(await readFile(join(dataDir, 'webhook-tls', 'tls.crt')));
    assert.equal(onDisk.serialNumber, rotated.serialNumber);
    assert.ok(onDisk.verify(new X509Certificate(firstCa!).publicKey));
  });

  it('files: serves the configured pair and reloads it when the files change', async () => {
    const ca = await createCertificateAuthority('test-ca', 3600);
    const [one, two, three] = await Promise.all([1, 2, 3].map(() => issueServingCertificate(ca, ['localhost'], 3600)));
    const certFile = join(dataDir, 'cert.pem');
    const keyFile = join(dataDir, 'key.pem');
    await Promise.all([writeFile(certFile, one.cert), writeFile(keyFile, one.key)]);
    const manager = await start({ tlsCertFile: certFile, tlsKeyFile: keyFile, filePollIntervalMs: 200 });
    assert.equal(manager.mode, 'files');
    assert.equal(manager.current()?.cert, one.cert);
    assert.equal(manager.caBundle(), undefined);

    const changed = firstValueFrom(manager.credentials$);
    await writeFile(keyFile, two.key);
    await writeFile(certFile, two.cert);
    assert.equal((await within(changed, 5000, 'a reload')).cert, two.cert);

    await writeFile(certFile, three.cert);
    assert.equal(await manager.reloadFiles(), false, 'a certificate that does not match the key is refused');
    assert.equal(manager.current()?.cert, two.cert);
    await writeFile(keyFile, three.key);
    assert.equal(await manager.reloadFiles(), true);
    assert.equal(manager.current()?.cert, three.cert);
  });

  it('files: fails to start without usable files', async () => {
    await assert.rejects(start({ tls: 'files' }), /needs both tlsCertFile and tlsKeyFile/);
    await assert.rejects(start({ tls: 'files', tlsCertFile: join(dataDir, 'none.pem'), tlsKeyFile: join(dataDir, 'none.key') }), /ENOENT/);
  });
});
