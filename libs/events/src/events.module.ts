import { Module } from '@nestjs/common';
import { Leadership } from '@app/leader-election';
import { ResourceClientFactory } from '@app/resources';
import { EVENT_CLIENT, EVENTS_CONFIG, EVENTS_MODULE_OPTIONS } from './events.constants.js';
import { ConfigurableModuleClass } from './events.module-definition.js';
import { EventsModuleOptions, resolveEventsConfig } from './events.options.js';
import { EventQueryService } from './query/event-query.service.js';
import { EVENTS_RESOURCE } from './recorder/core-event.js';
import { EventRecorder } from './recorder/event-recorder.js';
import { KubeEventRecorder } from './recorder/kube-event-recorder.js';
import { EventRetention } from './retention/event-retention.js';

/**
 * Event recording, retention and queries. `EventsModule.forRoot(options)` (or `forRootAsync`);
 * global by default (`isGlobal: false` to opt out). Needs, visible from here: ResourceClientFactory
 * (global, or via `forRootAsync({ imports })`), SchedulerRegistry (`ScheduleModule.forRoot()`),
 * the metrics METRIC.eventTotal and METRIC.eventAggregatedTotal (MetricsModule), and optionally
 * Leadership (absent: this process is always leader). Exports EventRecorder and EventQueryService.
 */
@Module({
  providers: [
    {
      provide: EVENTS_CONFIG,
      useFactory: (options: EventsModuleOptions, leadership?: Leadership) => resolveEventsConfig(options, leadership?.identity),
      inject: [EVENTS_MODULE_OPTIONS, { token: Leadership, optional: true }],
    },
    { provide: EVENT_CLIENT, useFactory: (clients: ResourceClientFactory) => clients.client(EVENTS_RESOURCE), inject: [ResourceClientFactory] },
    EventRetention,
    KubeEventRecorder,
    { provide: EventRecorder, useExisting: KubeEventRecorder },
    EventQueryService,
  ],
  exports: [EventRecorder, EventQueryService],
})
export class EventsModule extends ConfigurableModuleClass {}
