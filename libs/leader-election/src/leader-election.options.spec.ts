import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolveLeaderElectionOptions } from './leader-election.options.js';

describe(resolveLeaderElectionOptions.name, () => {
  it('applies client-go core defaults, release on cancel and a hostname-based identity', () => {
    const config = resolveLeaderElectionOptions({});
    assert.deepEqual({ ...config, identity: undefined }, {
      enabled: true,
      identity: undefined,
      leaseNamespace: 'default',
      leaseName: 'application-operator',
      leaseDurationSeconds: 15,
      renewDeadlineSeconds: 10,
      retryPeriodSeconds: 2,
      releaseOnCancel: true,
    });
    assert.match(config.identity, /^.+_[0-9a-f-]{36}$/);
    assert.notEqual(resolveLeaderElectionOptions({}).identity, config.identity);
  });

  it('keeps given values and ignores undefined ones', () => {
    const config = resolveLeaderElectionOptions({ identity: 'operator-1', leaseName: undefined, releaseOnCancel: false });
    assert.equal(config.identity, 'operator-1');
    assert.equal(config.leaseName, 'application-operator');
    assert.equal(config.releaseOnCancel, false);
  });

  it('rejects lease <= renew deadline, naming both values', () => {
    assert.throws(
      () => resolveLeaderElectionOptions({ leaseDurationSeconds: 10, renewDeadlineSeconds: 10 }),
      { message: 'invalid leader election configuration: leaseDurationSeconds (10) must be greater than renewDeadlineSeconds (10)' },
    );
  });

  it('rejects renew deadline <= 1.2 × retry period (client-go JitterFactor)', () => {
    assert.throws(
      () => resolveLeaderElectionOptions({ renewDeadlineSeconds: 2, retryPeriodSeconds: 2 }),
      { message: 'invalid leader election configuration: renewDeadlineSeconds (2) must be greater than 1.2 × retryPeriodSeconds (2) = 2.4' },
    );
  });

  it('lists every problem at once, including non-positive and fractional lease durations', () => {
    assert.throws(
      () => resolveLeaderElectionOptions({ leaseDurationSeconds: 1.5, renewDeadlineSeconds: 0, retryPeriodSeconds: -1, leaseName: '' }),
      (error: unknown) => {
        assert.ok(error instanceof Error);
        for (const part of [
          'leaseDurationSeconds (1.5) must be a positive integer',
          'renewDeadlineSeconds (0) must be greater than zero',
          'retryPeriodSeconds (-1) must be greater than zero',
          'leaseName must not be empty',
        ]) assert.ok(error.message.includes(part), `${error.message} should mention ${part}`);
        return true;
      },
    );
  });
});
