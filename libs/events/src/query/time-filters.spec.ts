import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseGoDuration, parseRfc3339 } from './time-filters.js';

describe('parseGoDuration', () => {
  it('reads Go durations in milliseconds', () => {
    const cases: Array<[string, number]> = [['0', 0], ['5m', 300_000], ['1h30m', 5_400_000], ['90s', 90_000], ['1.5h', 5_400_000], ['250ms', 250], ['2h45m30.5s', 9_930_500], ['1000us', 1], ['.5s', 500]];
    for (const [text, ms] of cases) assert.equal(parseGoDuration(text), ms, text);
  });

  it('refuses everything else', () => {
    for (const text of ['', '5', 'm', '-5m', '+5m', '5 m', '5d', '1h30', 'abc', '5m!']) assert.equal(parseGoDuration(text), undefined, text);
  });
});

describe('parseRfc3339', () => {
  it('reads UTC, offsets, fractions, and a `+` that arrived as a space', () => {
    assert.equal(parseRfc3339('2026-01-01T12:00:00Z'), Date.UTC(2026, 0, 1, 12));
    assert.equal(parseRfc3339('2026-01-01T14:00:00+02:00'), Date.UTC(2026, 0, 1, 12));
    assert.equal(parseRfc3339('2026-01-01T14:00:00 02:00'), Date.UTC(2026, 0, 1, 12));
    assert.equal(parseRfc3339('2026-01-01T12:00:00.250Z'), Date.UTC(2026, 0, 1, 12, 0, 0, 250));
  });

  it('refuses malformed or impossible times', () => {
    for (const text of ['2026-01-01', '2026-01-01T12:00:00', '2026-02-30T00:00:00Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', 'yesterday']) {
      assert.equal(parseRfc3339(text), undefined, text);
    }
  });
});
