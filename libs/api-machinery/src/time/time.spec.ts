import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequestError } from '../errors/status-error.js';
import { parseDurationOrTime, parseGoDuration } from './go-duration.js';
import { humanAge, humanDuration } from './human-duration.js';
import { microTime, parseRfc3339, rfc3339, rfc3339Now } from './rfc3339.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe(rfc3339.name, () => {
  it('writes UTC with second precision, as metav1.Time', () => {
    assert.equal(rfc3339(new Date('2026-11-27T16:28:33.987Z')), '2026-11-27T16:28:33Z');
    assert.equal(rfc3339(new Date('2026-11-27T17:28:33+01:00')), '2026-11-27T16:28:33Z');
  });

  it('formats now', () => {
    const before = Math.floor(Date.now() / 1000) * 1000;
    const now = rfc3339Now();
    assert.match(now, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.ok(Date.parse(now) >= before && Date.parse(now) <= Date.now());
  });

  it('writes microseconds for metav1.MicroTime', () => {
    assert.equal(microTime(new Date('2026-11-27T16:28:33.987Z')), '2026-11-27T16:28:33.987000Z');
    assert.equal(microTime(new Date('2026-11-27T16:28:33Z')), '2026-11-27T16:28:33.000000Z');
  });

  it('refuses an invalid date', () => {
    assert.throws(() => rfc3339(new Date('nope')), RangeError);
  });
});

describe(parseRfc3339.name, () => {
  const cases: [text: string, iso: string | undefined][] = [
    ['2026-11-27T16:28:33Z', '2026-11-27T16:28:33.000Z'],
    ['2026-11-27T16:28:33.123456Z', '2026-11-27T16:28:33.123Z'],
    ['2026-11-27T18:28:33+02:00', '2026-11-27T16:28:33.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2026-02-29T00:00:00Z', undefined],
    ['2026-13-01T00:00:00Z', undefined],
    ['2026-11-27T24:00:00Z', undefined],
    ['2026-11-27 16:28:33Z', undefined],
    ['2026-11-27T16:28:33', undefined],
    ['yesterday', undefined],
  ];
  for (const [text, iso] of cases) {
    it(`${iso ? 'parses' : 'rejects'} ${text}`, () => assert.equal(parseRfc3339(text)?.toISOString(), iso));
  }
});

describe(humanDuration.name, () => {
  const cases: [ms: number, text: string][] = [
    [-2 * SECOND, '<invalid>'],
    [-1999, '0s'],
    [-1, '0s'],
    [0, '0s'],
    [999, '0s'],
    [45 * SECOND, '45s'],
    [2 * MINUTE - 1, '119s'],
    [2 * MINUTE, '2m'],
    [2 * MINUTE + 30 * SECOND, '2m30s'],
    [5 * MINUTE + 30 * SECOND, '5m30s'],
    [10 * MINUTE - 1, '9m59s'],
    [10 * MINUTE, '10m'],
    [10 * MINUTE + 59 * SECOND, '10m'],
    [3 * HOUR - 1, '179m'],
    [3 * HOUR, '3h'],
    [3 * HOUR + 5 * MINUTE, '3h5m'],
    [8 * HOUR - 1, '7h59m'],
    [8 * HOUR, '8h'],
    [48 * HOUR - 1, '47h'],
    [2 * DAY, '2d'],
    [2 * DAY + HOUR, '2d1h'],
    [8 * DAY - 1, '7d23h'],
    [8 * DAY, '8d'],
    [2 * 365 * DAY - 1, '729d'],
    [2 * 365 * DAY, '2y'],
    [2 * 365 * DAY + DAY, '2y1d'],
    [8 * 365 * DAY - 1, '7y364d'],
    [8 * 365 * DAY, '8y'],
    [9 * 365 * DAY + 5 * DAY, '9y'],
  ];
  for (const [ms, text] of cases) {
    it(`prints ${ms}ms as ${text}`, () => assert.equal(humanDuration(ms), text));
  }

  it('prints the age of a timestamp', () => {
    assert.equal(humanAge(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:05:30Z')), '5m30s');
    assert.equal(humanAge(undefined), '<unknown>');
  });
});

describe(parseGoDuration.name, () => {
  const cases: [text: string, ms: number | undefined][] = [
    ['90s', 90 * SECOND],
    ['5m', 5 * MINUTE],
    ['1h30m', 90 * MINUTE],
    ['1.5h', 90 * MINUTE],
    ['300ms', 300],
    ['1h0m0s', HOUR],
    ['0', 0],
    ['-5m', -5 * MINUTE],
    ['', undefined],
    ['5', undefined],
    ['5 m', undefined],
    ['1h-5m', undefined],
    ['abc', undefined],
    ['5d', undefined],
  ];
  for (const [text, ms] of cases) {
    it(`${ms === undefined ? 'rejects' : 'parses'} ${JSON.stringify(text)}`, () => assert.equal(parseGoDuration(text), ms));
  }
});

describe(parseDurationOrTime.name, () => {
  const now = new Date('2026-11-27T16:28:33Z');

  it('reads a duration as that long before now', () => {
    assert.equal(parseDurationOrTime('5m', now).toISOString(), '2026-11-27T16:23:33.000Z');
    assert.equal(parseDurationOrTime('1h30m', now).toISOString(), '2026-11-27T14:58:33.000Z');
  });

  it('reads an RFC 3339 time', () => {
    assert.equal(parseDurationOrTime('2026-11-27T10:00:00+01:00', now).toISOString(), '2026-11-27T09:00:00.000Z');
  });

  for (const garbage of ['soon', '-5m', '', '2026-02-30T00:00:00Z', '12']) {
    it(`rejects ${JSON.stringify(garbage)} with a 400`, () => {
      assert.throws(() => parseDurationOrTime(garbage, now), (error: unknown) => error instanceof BadRequestError && error.message.startsWith(`invalid since value ${JSON.stringify(garbage)}`));
    });
  }
});
