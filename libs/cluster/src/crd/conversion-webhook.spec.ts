import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { KubeObject } from '@app/api-machinery';
import { applicationCrd } from '@app/crd';
import { crdManifest } from './crd-manifest.js';
import { DEPLOYED_CONVERSION_WEBHOOK, withConversionWebhook, withoutConversion } from './conversion-webhook.js';

const manifest = () => crdManifest(structuredClone(applicationCrd) as unknown as KubeObject);

describe(withConversionWebhook.name, () => {
  it('sets strategy Webhook calling the deployed Service\'s /convert with ConversionReview v1, nothing else changed', () => {
    const original = manifest();
    const converted = withConversionWebhook(original);
    assert.deepEqual((converted.spec as Record<string, unknown>).conversion, {
      strategy: 'Webhook',
      webhook: { conversionReviewVersions: ['v1'], clientConfig: { service: { namespace: 'elide-system', name: 'application-operator', path: '/convert', port: 443 } } },
    });
    const { conversion: _after, ...rest } = converted.spec as Record<string, unknown>;
    const { conversion: before, ...restBefore } = original.spec as Record<string, unknown>;
    assert.deepEqual(rest, restBefore);
    assert.deepEqual(before, { strategy: 'None' }, 'the input is not modified');
    assert.deepEqual(converted.metadata, original.metadata);
  });

  it('calls the Service given', () => {
    const service = { ...DEPLOYED_CONVERSION_WEBHOOK, namespace: 'ops', port: 8443 };
    const spec = withConversionWebhook(manifest(), service).spec as { conversion: { webhook: { clientConfig: { service: unknown } } } };
    assert.deepEqual(spec.conversion.webhook.clientConfig.service, { namespace: 'ops', name: 'application-operator', path: '/convert', port: 8443 });
  });
});

describe(withoutConversion.name, () => {
  it('drops spec.conversion only, leaving the input alone', () => {
    const original = withConversionWebhook(manifest());
    const stripped = withoutConversion(original);
    assert.equal(Object.hasOwn(stripped.spec as object, 'conversion'), false);
    assert.equal((original.spec as { conversion: { strategy: string } }).conversion.strategy, 'Webhook');
    assert.deepEqual((stripped.spec as { versions: unknown }).versions, (original.spec as { versions: unknown }).versions);
  });
});
