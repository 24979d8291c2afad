import 'reflect-metadata';
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { ArgumentsHost, Catch, ExceptionFilter, Global, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { firstValueFrom } from 'rxjs';
import { StatusError } from '@app/api-machinery';
import { AdmissionModule, applicationAdmissionReview, TlsManager } from '@app/admission';
import { CrdModule } from '@app/crd';
import { metricProviders } from '@app/metrics';
import { AdmissionController } from './admission.controller.js';
import { startWebhookServer, WebhookServer } from './webhook-server.js';

/** Renders StatusErrors as the app's global filter does. */
@Catch(StatusError)
class StatusFilter implements ExceptionFilter {
  catch(error: StatusError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse().status(error.code).json(error.toStatus());
  }
}

/** The metric declarations without the /metrics endpoint and default metrics. */
@Global()
@Module({ providers: metricProviders, exports: metricProviders })
class TestMetricsModule {}

async function createApp(options: Parameters<typeof AdmissionModule.forRoot>[0]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [TestMetricsModule, CrdModule, AdmissionModule.forRoot(options)], controllers: [AdmissionController] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new StatusFilter());
  return app.init();
}

interface Reply {
  status: number;
  contentType: string;
  body: string;
  serialNumber: string;
}

async function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

describe('admission webhooks over HTTPS', () => {
  let dataDir: string;
  let app: INestApplication;
  let webhooks: WebhookServer;
  let tls: TlsManager;

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'webhook-e2e-'));
    app = await createApp({ tls: 'auto', dataDir, webhookPort: 0, dnsNames: ['operator.test'], servingCertValiditySeconds: 3, rotationCheckIntervalMs: 100 });
    tls = app.get(TlsManager);
    webhooks = (await startWebhookServer(app.getHttpAdapter().getInstance(), tls, { host: '127.0.0.1', port: 0 }))!;
  });

  after(async () => {
    await app.close();
    assert.equal(webhooks.server.listening, false, 'the webhook server closes with the app');
    await rm(dataDir, { recursive: true, force: true });
  });

  function call(method: string, path: string, body?: string, ca: string | null = tls.caBundle()!): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: webhooks.port, servername: 'localhost', ...(ca === null ? {} : { ca }), method, path, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        const serialNumber = (res.socket as TLSSocket).getPeerCertificate().serialNumber;
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, contentType: String(res.headers['content-type']), body: Buffer.concat(chunks).toString(), serialNumber }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  const seed = JSON.stringify(
    applicationAdmissionReview(
      { apiVersion: 'cloudnative.elide.dev/v1', kind: 'Application', metadata: { name: 'web', namespace: 'default' }, spec: { image: 'nginx:1.25', replicas: 3 } },
      { uid: 'e2e-1', userInfo: { username: 'kubernetes-admin' } },
    ),
  );

  it('answers /validate and /mutate over HTTPS, the chain verified with the generated CA', async () => {
    const validated = await call('POST', '/validate', seed);
    assert.equal(validated.status, 200);
    assert.deepEqual(JSON.parse(validated.body), {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: { uid: 'e2e-1', allowed: true, warnings: ['spec.resources is not set: the application declares no resource requests or limits'] },
    });
    const mutated = JSON.parse((await call('POST', '/mutate', seed)).body);
    assert.equal(mutated.response.patchType, 'JSONPatch');
    assert.ok(mutated.response.patch.length > 0);
  });

  it('answers /convert over HTTPS: a ConversionReview converted, or 400 Status when the body is not one', async () => {
    const object = { apiVersion: 'cloudnative.elide.dev/v1beta1', kind: 'Application', metadata: { name: 'web', namespace: 'default', uid: 'u-1' }, spec: { image: 'nginx:1.25', replicaCount: 2 } };
    const converted = await call('POST', '/convert', JSON.stringify({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'ConversionReview', request: { uid: 'c-1', desiredAPIVersion: 'cloudnative.elide.dev/v1', objects: [object] } }));
    assert.equal(converted.status, 200);
    assert.deepEqual(JSON.parse(converted.body).response, {
      uid: 'c-1',
      convertedObjects: [{ ...object, apiVersion: 'cloudnative.elide.dev/v1', spec: { image: 'nginx:1.25', replicas: 2 } }],
      result: { metadata: {}, status: 'Success' },
    });
    const notAReview = await call('POST', '/convert', seed);
    assert.equal(notAReview.status, 400);
    assert.match(JSON.parse(notAReview.body).message, /apiVersion: must be "apiextensions.k8s.io\/v1" or "apiextensions.k8s.io\/v1beta1", got "admission.k8s.io\/v1"/);
  });

  it('is refused by a client that does not trust the generated CA', async () => {
    await assert.rejects(call('POST', '/validate', seed, null), /unable to verify the first certificate|UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
  });

  it('answers 400 Status for undecodable bodies and 200 refusals for malformed reviews', async () => {
    const array = await call('POST', '/validate', '[]');
    assert.equal(array.status, 400);
    assert.equal(JSON.parse(array.body).reason, 'BadRequest');
    const malformed = await call('POST', '/mutate', JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'x', operation: 'CREATE' } }));
    assert.equal(malformed.status, 200);
    assert.equal(JSON.parse(malformed.body).response.status.code, 400);
  });

  it('serves the CA bundle for caBundle', async () => {
    const reply = await call('GET', '/webhook/ca.crt');
    assert.equal(reply.status, 200);
    assert.equal(reply.contentType, 'application/x-pem-file');
    assert.equal(reply.body, tls.caBundle());
    assert.match(reply.body, /^-----BEGIN CERTIFICATE-----\n/);
  });

  it('rotates the serving certificate while serving, under the same CA', async () => {
    const ca = tls.caBundle()!;
    const before = await call('POST', '/validate', seed);
    const rotated = await withinMs(firstValueFrom(tls.credentials$), 8000);
    const afterRotation = await call('POST', '/validate', seed, ca);
    assert.equal(afterRotation.status, 200);
    assert.equal(tls.caBundle(), ca, 'the CA did not change');
    assert.equal(afterRotation.serialNumber, rotated.serialNumber);
    assert.notEqual(afterRotation.serialNumber, before.serialNumber);
  });
});

describe('admission webhooks without TLS', () => {
  it('starts no HTTPS server and answers 404 Status for the CA bundle', async () => {
    const app = await createApp({ tls: 'off', dataDir: tmpdir(), webhookPort: 0, dnsNames: [] });
    try {
      assert.equal(await startWebhookServer(app.getHttpAdapter().getInstance(), app.get(TlsManager)), undefined);
      await app.listen(0, '127.0.0.1');
      const reply = await fetch(`${await app.getUrl()}/webhook/ca.crt`.replace('[::1]', '127.0.0.1'));
      assert.equal(reply.status, 404);
      assert.match(String(reply.headers.get('content-type')), /^application\/json/);
      const status = (await reply.json()) as Record<string, unknown>;
      assert.equal(status.kind, 'Status');
      assert.equal(status.reason, 'NotFound');
      assert.match(String(status.message), /only when webhook TLS is "auto" \(it is "off"\)/);
    } finally {
      await app.close();
    }
  });
});
