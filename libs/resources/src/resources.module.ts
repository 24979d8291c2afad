import { Global, Module } from '@nestjs/common';
import { ResourceClientFactory } from './client/resource-client.js';
import { LocalResourceClientFactory } from './client/local-resource-client.js';
import { CrdSyncService } from './crd/crd-sync.service.js';
import { ChangeFeed } from './feed/change-feed.js';
import { StoreChangeFeed } from './feed/store-change-feed.js';
import { ResourceService } from './service/resource.service.js';

/**
 * The generic resource layer over the Store (from StorageModule) and the CrdRegistry (from
 * CrdModule). An AdmissionChain provided globally (AdmissionModule) is used for every write;
 * without one, writes are admitted unchanged.
 */
@Global()
@Module({
  providers: [
    ResourceService,
    CrdSyncService,
    { provide: ResourceClientFactory, useClass: LocalResourceClientFactory },
    { provide: ChangeFeed, useClass: StoreChangeFeed },
  ],
  exports: [ResourceService, CrdSyncService, ResourceClientFactory, ChangeFeed],
})
export class ResourcesModule {}
