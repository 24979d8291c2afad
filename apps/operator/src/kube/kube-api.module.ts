import { Module } from '@nestjs/common';
import { DiscoveryService } from './discovery.service.js';
import { KubeApiController } from './kube-api.controller.js';
import { KubeApiHandler } from './kube-api.handler.js';
import { KubeResponder } from './kube-responder.js';
import { KubeWatchHandler } from './kube-watch.handler.js';
import { OpenApiController } from './openapi.controller.js';
import { OpenApiService } from './openapi.service.js';
import { TableConverter } from './table-converter.js';

/** The Kubernetes API surface: discovery, OpenAPI v3, and every resource path under /api and /apis. */
@Module({
  controllers: [KubeApiController, OpenApiController],
  providers: [DiscoveryService, OpenApiService, KubeApiHandler, KubeResponder, KubeWatchHandler, TableConverter],
  exports: [DiscoveryService, TableConverter],
})
export class KubeApiModule {}
