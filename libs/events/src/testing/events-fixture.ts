import { SchedulerRegistry } from '@nestjs/schedule';
import { Counter, Registry } from 'prom-client';
import { Leadership } from '@app/leader-election';
import { METRIC } from '@app/metrics';
import { EVENT_WRITE_FAILURES_METRIC } from '../events.constants.js';
import { EventsModuleOptions, resolveEventsConfig } from '../events.options.js';
import { CoreEvent, EVENTS_RESOURCE } from '../recorder/core-event.js';
import { EventClock } from '../recorder/event-clock.js';
import { KubeEventRecorder } from '../recorder/kube-event-recorder.js';
import { EventRetention } from '../retention/event-retention.js';
import { InMemoryResourceClient } from './in-memory-resource-client.js';

/** Spec helper: a clock that moves only when told. */
export class ManualClock implements EventClock {
  constructor(private ms = Date.UTC(2026, 0, 1, 12, 0, 0)) {}
  now(): number {
    return this.ms;
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Spec helper: Leadership whose answer the test flips. */
export class TestLeadership extends Leadership {
  leader = true;
  readonly leading$ = undefined as never;
  readonly identity = 'operator-0-abcde';
  isLeader(): boolean {
    return this.leader;
  }
}

export async function counterValue(counter: Counter<string>, labels: Record<string, string> = {}): Promise<number> {
  const { values } = await counter.get();
  return values.filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l)).reduce((sum, v) => sum + v.value, 0);
}

/**
 * Spec helper: a KubeEventRecorder and EventRetention over an InMemoryResourceClient, with a
 * ManualClock, private metrics, no retry delay and no timers unless `options` asks for them.
 */
export function eventsFixture(options: EventsModuleOptions = {}) {
  const clock = new ManualClock();
  const config = resolveEventsConfig({ instance: 'operator-0', sweepIntervalMs: 0, writeRetryDelayMs: 0, clock, ...options });
  const client = new InMemoryResourceClient<CoreEvent>(EVENTS_RESOURCE);
  const registry = new Registry();
  const counter = (name: string, labelNames: string[]) => new Counter({ name, help: name, labelNames, registers: [registry] });
  const metrics = {
    eventTotal: counter(METRIC.eventTotal, ['type', 'severity']),
    aggregated: counter(METRIC.eventAggregatedTotal, ['reason']),
    writeFailures: counter(EVENT_WRITE_FAILURES_METRIC, []),
  };
  const scheduler = new SchedulerRegistry();
  const leadership = new TestLeadership();
  const retention = new EventRetention(config, client, scheduler, leadership);
  const recorder = new KubeEventRecorder(config, client, metrics.eventTotal, metrics.aggregated, scheduler, retention, metrics.writeFailures);
  const stored = () => [...client.objects.values()];
  return { clock, config, client, metrics, scheduler, leadership, retention, recorder, stored };
}

/** Spec helper: an Application as the reconciler would pass it. */
export function application(name = 'web', namespace = 'default') {
  return {
    apiVersion: 'cloudnative.elide.dev/v1',
    kind: 'Application',
    metadata: { name, namespace, uid: `uid-${namespace}-${name}`, resourceVersion: '42' },
  };
}
