import { Global, Module } from '@nestjs/common';
import { ResourceClientFactory } from './client/resource-client.js';
import { LocalResourceClientFactory } from './client/local-resource-client.js';
import { CrdSyncService } from './crd/crd-sync.service.js';
import { ChangeFeed } from './feed/change-feed.js';
import { StoreChangeFeed } from './feed/store-change-feed.js';
import { ResourceService } from './service/resource.service.js';
import { NamespaceController } from './service/namespace-controller.js';

/**
 * The generic resource layer over the Store (from StorageModule) and the CrdRegistry (from
 * CrdModule). An AdmissionChain provided globally (AdmissionModule) is used for every write;
 * without one, writes are admitted unchanged. The NamespaceController empties and removes
 * terminating Namespaces (on every replica).
 */
@Global()
@Module({
  providers: [
    ResourceService,
    CrdSyncService,
    NamespaceController,
    { provide: ResourceClientFactory, useClass: LocalResourceClientFactory },
    { provide: ChangeFeed, useClass: StoreChangeFeed },
  ],
  exports: [ResourceService, CrdSyncService, ResourceClientFactory, ChangeFeed],
})
export class ResourcesModule {}
