import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import assert from 'node:assert/strict';
import { advance, advanceUntil, LEASE_NAME, LEASE_NAMESPACE, replica, Replica, settle } from '../testing/election-harness.js';
import { InMemoryLeaseStore } from '../testing/in-memory-leases.js';
import { LeaderElector } from './leader-elector.js';

const RENEW_DEADLINE_MS = 10_000;
const LEASE_MS = 15_000;
/** A follower of a live leader reads the lease every retryPeriod. */
const RETRY_MS = 2_000;

describe(`${LeaderElector.name} failover and fencing`, () => {
  let store: InMemoryLeaseStore;
  let a: Replica;
  let b: Replica;
  const lease = () => store.read(LEASE_NAMESPACE, LEASE_NAME);
  const lastOkWriteBy = (id: string) => store.writes.filter((w) => w.client === id && w.outcome === 'ok').at(-1)?.at ?? NaN;
  const neverBothLead = () => assert.ok(!(a.elector.isLeader() && b.elector.isLeader()), 'both lead');

  beforeEach(async () => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: Date.UTC(2024, 4, 1, 10) });
    store = new InMemoryLeaseStore();
    a = replica(store, 'a');
    b = replica(store, 'b');
    a.elector.start();
    await advance(10);
    b.elector.start();
    await advance(10_000);
    assert.equal(a.elector.isLeader(), true);
    assert.equal(b.elector.status().leader, 'a');
  });
  afterEach(() => {
    a.elector.dispose();
    b.elector.dispose();
    mock.timers.reset();
  });

  it('a leader that cannot renew stops leading at the renew deadline, before the follower acquires after the lease duration', async () => {
    a.client.failing = true;
    await advance(30_000, neverBothLead);
    const lastRenew = lastOkWriteBy('a');
    const [lost, lostAt] = a.transitions.at(-1) ?? [];
    const [won, wonAt = NaN] = b.transitions.at(-1) ?? [];
    assert.equal(lost, false);
    assert.equal(lostAt! - lastRenew, RENEW_DEADLINE_MS, 'steps down exactly at the renew deadline');
    assert.equal(won, true);
    assert.ok(wonAt > lostAt!, 'the old leader stepped down before the new one acquired');
    assert.ok(wonAt - lastRenew >= LEASE_MS, `took over ${wonAt - lastRenew}ms after the last renew`);
    assert.ok(wonAt - lastRenew <= LEASE_MS + RETRY_MS + 10, `took over ${wonAt - lastRenew}ms after the last renew`);
    assert.equal(lease()?.spec?.holderIdentity, 'b');
    assert.equal(lease()?.spec?.leaseTransitions, 1);
    assert.ok(a.logger.lines.includes('warn: lost leadership (lease default/application-operator, identity a): lease not renewed within the renew deadline (10s)'));
    assert.deepEqual(a.events.records.map((e) => e.message), ['a became leader', 'a stopped leading']);
    assert.equal(a.metrics.values.get('application-operator'), 0);
    assert.equal(b.metrics.values.get('application-operator'), 1);

    a.client.failing = false;
    await advance(20_000, neverBothLead);
    assert.equal(lease()?.spec?.holderIdentity, 'b', 'the recovered replica follows instead of taking the lease back');
    assert.equal(a.elector.isLeader(), false);
    assert.equal(a.elector.status().leader, 'b');
    assert.ok(a.logger.lines.includes('log: new leader elected: b'));
  });

  for (const phase of [0, 700, 1_400, 1_990]) {
    it(`a killed leader (no release, ${phase}ms into its renew period) is replaced within leaseDuration + retryPeriod`, async () => {
      await advance(phase);
      const killedAt = Date.now();
      a.elector.dispose(); // kill -9: nothing more runs, nothing is released
      const took = await advanceUntil(() => b.elector.isLeader(), 2 * LEASE_MS);
      assert.ok(took >= LEASE_MS - RETRY_MS && took <= LEASE_MS + RETRY_MS + 10, `took over ${took}ms after the kill`);
      assert.equal(store.writes.filter((w) => w.client === 'a').at(-1)!.at <= killedAt, true);
      assert.equal(lease()?.spec?.holderIdentity, 'b');
    });
  }

  it('releases the lease on stop: leading$ is false before the release, the follower takes over within one retry', async () => {
    const stopping = a.elector.stop();
    assert.equal(a.elector.isLeader(), false);
    assert.deepEqual(a.transitions.at(-1)?.[0], false);
    assert.equal(lease()?.spec?.holderIdentity, 'a', 'released only after leadership was dropped');
    await stopping;
    assert.equal(lease()?.spec?.holderIdentity, '');
    assert.equal(lease()?.spec?.leaseDurationSeconds, 1);
    assert.equal(lease()?.spec?.leaseTransitions, 0);
    const took = await advanceUntil(() => b.elector.isLeader(), LEASE_MS);
    assert.ok(took <= RETRY_MS, `follower took ${took}ms`);
    assert.equal(lease()?.spec?.holderIdentity, 'b');
    assert.equal(lease()?.spec?.leaseTransitions, 1);
    await advance(20_000);
    assert.equal(store.writes.filter((w) => w.client === 'a').at(-1)?.holderIdentity, '', 'a stopped replica writes nothing after its release');
  });

  it('a paused (SIGSTOP) leader answers isLeader() false after the renew deadline and never writes as holder after resuming', async () => {
    a.clock.pause();
    const lastRenew = lastOkWriteBy('a');
    await advance(30_000, () => {
      neverBothLead();
      assert.equal(a.elector.isLeader(), Date.now() - lastRenew < RENEW_DEADLINE_MS, 'fenced by the monotonic clock alone');
    });
    assert.equal(b.elector.isLeader(), true);
    assert.equal(lease()?.spec?.holderIdentity, 'b');
    assert.deepEqual(a.transitions.at(-1)?.[0], true, 'no timer of the paused process has run');
    assert.equal(a.elector.isLeader(), false);

    const resumedAt = Date.now();
    a.clock.resume();
    assert.equal(a.elector.isLeader(), false);
    assert.deepEqual(a.transitions.at(-1), [false, resumedAt], 'steps down as soon as it runs again');
    await settle();
    await advance(30_000, neverBothLead);
    assert.deepEqual(store.writes.filter((w) => w.client === 'a' && w.at > lastRenew), [], 'no write at all after the pause');
    assert.equal(lease()?.spec?.holderIdentity, 'b');
    assert.equal(a.elector.status().leader, 'b');
    assert.equal(a.elector.isLeader(), false);
  });

  it('steps down when it finds the lease held by another replica, even before its deadline', async () => {
    // Another writer (say, a replica whose clock runs far too fast) took the lease while a was briefly stopped.
    a.clock.pause();
    await advance(5_000);
    const current = lease()!;
    await store.client('c').update(LEASE_NAMESPACE, { ...current, spec: { ...current.spec, holderIdentity: 'c', leaseTransitions: 1 } });
    a.clock.resume();
    await advanceUntil(() => a.transitions.at(-1)?.[0] === false, 3_000);
    assert.ok(a.logger.lines.includes('warn: lost leadership (lease default/application-operator, identity a): lease is held by c'));
    assert.equal(a.elector.isLeader(), false);
    assert.equal(lease()?.spec?.holderIdentity, 'c');
  });
});
