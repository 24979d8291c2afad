import { Inject, Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { ResourceClient } from '@app/resources';
import { Application } from '../application/application.types.js';
import { ResolvedReconcilerOptions } from '../reconciler.options.js';
import { APPLICATION_CLIENT, RECONCILER_OPTIONS, RESYNC_INTERVAL_NAME } from '../reconciler.constants.js';
import { Informer } from './informer.js';
import { specOrMetadataChanged } from './predicates.js';

/**
 * The informer cache of every Application (all namespaces): what the reconciler, `/debug`,
 * readiness (`hasSynced`) and the resource_count gauge read. Runs on every replica, leader or
 * not, so a takeover starts with a warm cache. Status-only changes are cached but not enqueued
 * (the reconciler wrote them). Started and stopped by ReconcilerService.
 */
@Injectable()
export class ApplicationCache extends Informer<Application> {
  constructor(
    @Inject(APPLICATION_CLIENT) client: ResourceClient<Application>,
    scheduler: SchedulerRegistry,
    @Inject(RECONCILER_OPTIONS) options: ResolvedReconcilerOptions,
  ) {
    super(client, scheduler, {
      resyncPeriodMs: options.resyncPeriodSeconds * 1000,
      resyncName: RESYNC_INTERVAL_NAME,
      shouldEnqueue: specOrMetadataChanged,
    });
  }
}
