import { Logger } from '@nestjs/common';
import { BehaviorSubject } from 'rxjs';
import { JITTER_FACTOR } from '../leader-election.constants.js';
import { messages } from '../leader-election.messages.js';
import { validateLeaderElectionTiming } from '../leader-election.options.js';
import { LeaderElectionStatus, LeaderInfo, leaderElectionStatus } from '../leader-status.types.js';
import { LeaseLock } from '../lease/lease-lock.js';
import { Leadership } from '../leadership.js';
import { ElectionClock, systemClock, TimerHandle } from './election-clock.js';
import { ElectionLogger } from './election-logger.js';
import { LeaderElectorDeps, LeaderElectorOptions } from './leader-elector.options.js';
import { LeaseCandidate } from './lease-candidate.js';
import { LeadershipReporter } from './leadership-reporter.js';

/**
 * client-go's LeaderElector over a LeaseLock. Candidates try every retryPeriod (jittered by
 * 1.2 while no live leader is known); the leader renews every retryPeriod and stops leading the moment a renew has not
 * succeeded within renewDeadline of the last successful write, measured on a monotonic clock from
 * the moment that write was issued. Since renewDeadline < leaseDuration, the leader steps down
 * before any follower can consider the lease expired. `isLeader()` checks the deadline itself,
 * so a process resumed after a pause answers false before any timer runs. After losing, it
 * keeps running as a candidate. `stop()` stops leading at once, then releases the lease.
 */
export class LeaderElector extends Leadership {
  private readonly leadingSubject = new BehaviorSubject<boolean>(false);
  readonly leading$ = this.leadingSubject.asObservable();
  readonly identity: string;
  private readonly candidate: LeaseCandidate;
  private readonly reporter: LeadershipReporter;
  private readonly clock: ElectionClock;
  private readonly random: () => number;
  private readonly logger: ElectionLogger;
  private readonly retryMs: number;
  private readonly renewDeadlineMs: number;
  private readonly releaseOnCancel: boolean;
  private running = false;
  private disposed = false;
  private leading = false;
  private lastRenewAt = Number.NEGATIVE_INFINITY;
  private reportedLeader = '';
  /** Bumped by every start(), so a round still in flight from before a stop() cannot restart its loop. */
  private generation = 0;
  private retryTimer?: TimerHandle;
  private deadlineTimer?: TimerHandle;
  private cycle?: Promise<void>;

  constructor(options: LeaderElectorOptions, private readonly lock: LeaseLock, deps: LeaderElectorDeps = {}) {
    super();
    validateLeaderElectionTiming(options);
    if (!options.identity) throw new Error('leader election identity must not be empty');
    this.identity = options.identity;
    this.clock = deps.clock ?? systemClock;
    this.random = deps.random ?? Math.random;
    this.logger = deps.logger ?? new Logger(LeaderElector.name);
    this.retryMs = options.retryPeriodSeconds * 1000;
    this.renewDeadlineMs = options.renewDeadlineSeconds * 1000;
    this.releaseOnCancel = options.releaseOnCancel ?? true;
    this.candidate = new LeaseCandidate(lock, this.identity, options.leaseDurationSeconds, this.clock, this.logger);
    this.reporter = new LeadershipReporter(lock, lock.reference().name, this.identity, this.logger, deps.metrics, deps.events);
  }

  isLeader(): boolean {
    return this.leading && !this.pastRenewDeadline();
  }

  /** Starts competing (first round at once). Idempotent. */
  start(): void {
    if (this.running || this.disposed) return;
    this.running = true;
    this.logger.log(messages.attempting(this.lock.describe()));
    this.scheduleRound(0, ++this.generation);
  }

  /** Stops leading at once (leading$ emits false first), waits for a round in flight, then releases if configured. Idempotent. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.clearTimer('retryTimer');
    if (this.leading) this.stopLeading(messages.shuttingDown, { expected: true });
    await this.cycle;
    if (this.releaseOnCancel) await this.candidate.release();
  }

  /** Stops without releasing and completes leading$. */
  dispose(): void {
    this.running = false;
    this.disposed = true;
    this.clearTimer('retryTimer');
    if (this.leading) this.stopLeading(messages.shuttingDown, { expected: true });
    this.leadingSubject.complete();
  }

  status(): LeaderElectionStatus {
    const leading = this.isLeader();
    const holder = this.candidate.observed.validHolder();
    const leader = leading ? this.identity : holder && holder !== this.identity ? holder : null;
    return leaderElectionStatus({ enabled: true, running: this.running, leading, identity: this.identity, leader, lease: this.lock.describe() });
  }

  info(): LeaderInfo {
    const record = this.candidate.observed.record;
    return {
      identity: this.identity,
      isLeader: this.isLeader(),
      holderIdentity: record?.holderIdentity ?? null,
      leaseDurationSeconds: record?.leaseDurationSeconds ?? null,
      acquireTime: record?.acquireTime ?? null,
      renewTime: record?.renewTime ?? null,
      leaseTransitions: record?.leaseTransitions ?? null,
    };
  }

  private scheduleRound(delayMs: number, generation: number): void {
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      const cycle = this.round(generation).finally(() => {
        if (this.cycle === cycle) this.cycle = undefined;
        if (this.isCurrent(generation)) this.scheduleRound(this.nextDelayMs(), generation);
      });
      this.cycle = cycle;
    }, delayMs);
  }

  private isCurrent(generation: number): boolean {
    return this.running && generation === this.generation;
  }

  private async round(generation: number): Promise<void> {
    this.enforceRenewDeadline();
    const attemptedAt = this.clock.monotonic();
    const held = await this.candidate.tryAcquireOrRenew();
    if (!this.isCurrent(generation)) return;
    this.reportNewLeader();
    const holder = this.candidate.observed.holder();
    if (held) this.renewed(attemptedAt);
    else if (this.leading && holder !== '' && holder !== this.identity) this.stopLeading(messages.leaseHeldBy(holder), { forget: true });
    else this.enforceRenewDeadline();
  }

  /** A write issued at `attemptedAt` succeeded: followers cannot take over before attemptedAt + leaseDuration. */
  private renewed(attemptedAt: number): void {
    this.lastRenewAt = attemptedAt;
    if (this.pastRenewDeadline()) return this.enforceRenewDeadline();
    if (!this.leading) {
      this.leading = true;
      this.leadingSubject.next(true);
      this.reporter.becameLeader();
    }
    this.armRenewDeadline();
  }

  private armRenewDeadline(): void {
    this.clearTimer('deadlineTimer');
    const remaining = Math.max(0, Math.ceil(this.lastRenewAt + this.renewDeadlineMs - this.clock.monotonic()));
    this.deadlineTimer = this.clock.setTimeout(() => {
      this.deadlineTimer = undefined;
      // Timers may fire a little early by the monotonic clock: check, and re-arm if so.
      if (this.pastRenewDeadline()) this.enforceRenewDeadline();
      else if (this.leading) this.armRenewDeadline();
    }, remaining);
  }

  private enforceRenewDeadline(): void {
    if (this.leading && this.pastRenewDeadline()) this.stopLeading(messages.renewDeadlineExceeded(this.renewDeadlineMs / 1000), { forget: true });
  }

  private pastRenewDeadline(): boolean {
    return this.clock.monotonic() - this.lastRenewAt >= this.renewDeadlineMs;
  }

  /** Emits first, then reports. `forget`: the next round reads the lease before any write (no blind renew). */
  private stopLeading(why: string, { forget = false, expected = false } = {}): void {
    this.leading = false;
    this.clearTimer('deadlineTimer');
    this.leadingSubject.next(false);
    this.reporter.stoppedLeading(why, expected);
    if (forget) this.candidate.observed.forget();
  }

  private reportNewLeader(): void {
    const holder = this.candidate.observed.holder();
    if (holder === this.reportedLeader) return;
    this.reportedLeader = holder;
    if (holder !== '' && holder !== this.identity) this.reporter.newLeader(holder);
  }

  /**
   * Leader: every retryPeriod. Following a live leader: every retryPeriod and right at the
   * observed expiry, so a dead leader is replaced within leaseDuration + retryPeriod of its last
   * renew. Otherwise (no lease, released, expired, contention): jittered like wait.JitterUntil.
   */
  private nextDelayMs(): number {
    if (this.leading) return this.retryMs;
    const observed = this.candidate.observed;
    const holder = observed.validHolder();
    const expiresAt = observed.expiresAt();
    if (holder === '' || holder === this.identity || expiresAt === undefined) return this.retryMs * (1 + this.random() * JITTER_FACTOR);
    return Math.min(this.retryMs, Math.max(0, Math.ceil(expiresAt - this.clock.monotonic())) + 1);
  }

  private clearTimer(name: 'retryTimer' | 'deadlineTimer'): void {
    const handle = this[name];
    if (handle !== undefined) this.clock.clearTimeout(handle);
    this[name] = undefined;
  }
}
