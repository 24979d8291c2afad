import { getJson, getText } from './api.js';
import { byId } from './dom.js';
import { age, ratePerMinute, sumMetric } from './format.js';

interface LeaderInfo {
  identity: string;
  isLeader: boolean;
  holderIdentity: string | null;
  acquireTime: string | null;
  renewTime: string | null;
  leaseTransitions: number | null;
}

interface QueueSnapshot {
  leader: boolean;
  depth: number;
  items: unknown[];
}

/** Which optional endpoints this server has, from `GET /` (nothing is requested that would 404). */
export interface ServerFeatures {
  leader?: string;
  queue?: string;
  metrics?: string;
}

const RATE_WINDOW_MS = 60_000;

/**
 * Leader, work-queue depth and reconcile rate, polled every `intervalMs` while the stream is
 * live (not while disconnected, so a restarting server is not hammered). The reconcile rate is
 * the increase of `controller_reconcile_total` (all results) from `/metrics` over the last minute.
 */
export class StatusView {
  private features: ServerFeatures = {};
  private samples: Array<[number, number]> = [];
  private leader?: LeaderInfo;

  constructor(private readonly isLive: () => boolean, intervalMs = 3_000) {
    window.setInterval(() => void this.poll(), intervalMs);
    window.setInterval(() => this.renderLeaseAge(), 1_000);
  }

  /** Reads `GET /` to learn which endpoints exist, then polls at once. */
  async discover(): Promise<void> {
    const root = await getJson<{ features?: { reconciler?: boolean }; endpoints?: Record<string, unknown> }>('/');
    const endpoints = root?.endpoints ?? {};
    const reconciler = root?.features?.reconciler === true;
    this.features = {
      leader: typeof endpoints.leader === 'string' ? endpoints.leader : root ? '/leader' : undefined,
      queue: typeof endpoints.queue === 'string' ? endpoints.queue : reconciler ? '/debug/queue' : undefined,
      metrics: typeof endpoints.metrics === 'string' && reconciler ? endpoints.metrics : undefined,
    };
    await this.poll();
  }

  private async poll(): Promise<void> {
    if (!this.isLive()) return;
    const { leader, queue, metrics } = this.features;
    const [leaderInfo, queueInfo, metricsText] = await Promise.all([
      leader ? getJson<LeaderInfo>(leader) : undefined,
      queue ? getJson<QueueSnapshot>(queue) : undefined,
      metrics ? getText(metrics) : undefined,
    ]);
    this.leader = leaderInfo;
    this.renderLeader();
    byId('queue-depth').textContent = queueInfo ? String(queueInfo.depth) : 'n/a';
    this.renderRate(metricsText);
  }

  private renderLeader(): void {
    const badge = byId('leader-badge');
    const info = this.leader;
    byId('leader-identity').textContent = info ? info.holderIdentity ?? (info.isLeader ? info.identity : 'none') : 'n/a';
    byId('replica-identity').textContent = info ? `${info.identity}${info.isLeader ? ' (leader)' : ' (follower)'}` : 'n/a';
    badge.dataset.leader = info?.holderIdentity ?? (info?.isLeader ? info.identity : '');
    badge.dataset.isLeader = info ? String(info.isLeader) : '';
    this.renderLeaseAge();
  }

  private renderLeaseAge(): void {
    const info = this.leader;
    const now = Date.now();
    byId('lease-age').textContent = !info ? '' : info.acquireTime
      ? `held ${age(info.acquireTime, now)}, renewed ${age(info.renewTime, now)} ago, ${info.leaseTransitions ?? 0} transitions`
      : 'no lease (election disabled)';
  }

  private renderRate(metricsText: string | undefined): void {
    const total = metricsText === undefined ? undefined : sumMetric(metricsText, 'controller_reconcile_total');
    const now = Date.now();
    if (total === undefined) this.samples = [];
    else this.samples = [...this.samples.filter(([time]) => now - time <= RATE_WINDOW_MS), [now, total]];
    const rate = ratePerMinute(this.samples);
    byId('reconcile-rate').textContent = total === undefined ? 'n/a' : rate === undefined ? '…' : rate.toFixed(rate < 10 ? 1 : 0);
  }
}
