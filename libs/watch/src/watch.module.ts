import { Module } from '@nestjs/common';
import { WatchHub } from './hub/watch-hub.js';
import { KubeWatchResponder } from './kube/kube-watch-responder.js';
import { SseService } from './sse/sse.service.js';
import { ConfigurableModuleClass } from './watch.module-definition.js';

/**
 * Change streams: the shared WatchHub, Kubernetes watch framing and SSE. Needs a `ChangeFeed`
 * provider (pass the module exporting it in `imports`, or make it global) and the global
 * MetricsModule. `WatchModule.register({ imports: [ResourcesModule], sse: { ... } })`.
 */
@Module({
  providers: [WatchHub, SseService, KubeWatchResponder],
  exports: [WatchHub, SseService, KubeWatchResponder],
})
export class WatchModule extends ConfigurableModuleClass {}
