import 'reflect-metadata';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Test } from '@nestjs/testing';
import { CrdModule } from './crd.module.js';
import { CrdRegistry } from './registry/crd-registry.js';

describe(CrdModule.name, () => {
  it('provides one registry pre-loaded with the built-ins and the Application CRD', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [CrdModule] }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    try {
      const registry = app.get(CrdRegistry);
      assert.equal(registry.resolve('cloudnative.elide.dev', 'v1', 'applications')?.kind, 'Application');
      assert.equal(registry.resolve('', 'v1', 'events')?.kind, 'Event');
      assert.equal(app.get(CrdRegistry), registry);
    } finally {
      await app.close();
    }
  });
});
