// "Is this right?" (issue 18 item 7): a value far outside an indicator's history asks for a second
// look. Tukey's far-out fences, with the guards for short and flat histories.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { FENCE, MIN_HISTORY, unusualMessage, unusualValue, usualRange } from '../../src/performance/unusual-values.ts';
import { endedPeriods, periodLabel } from '../../src/performance/periods.ts';

// Seed 004, children with a child protection plan per 10,000 (April 2017 to March 2018, July missing).
const CPP = [40.2, 41.0, 42.3, 39.8, 38.5, 37.9, 36.2, 38.0, 37.4, 37.1, 35.5];

test('a slipped decimal point is unusual; the next ordinary month is not', () => {
  assert.equal(unusualValue(36.4, CPP, 1), null);
  assert.equal(unusualValue(30, CPP, 1), null, 'on target at last is not a typo');
  const slip = unusualValue(3.55, CPP, 1);
  assert.ok(slip);
  assert.equal(slip.min, 35.5);
  assert.equal(slip.max, 42.3);
  assert.ok(unusualValue(355, CPP, 1));
  assert.equal(
    unusualMessage(355, slip, 'rate_per_10000', 1),
    "355.0 per 10,000 is far outside this indicator's past values (35.5 per 10,000 to 42.3 per 10,000)",
  );
});

test('the fences are Q1 − 3 × IQR and Q3 + 3 × IQR', () => {
  // 1..9: Q1 = 3, Q3 = 7, IQR = 4 (the median 5 gives a floor of 0.5, below it): fences −9 and 19.
  const range = usualRange([1, 2, 3, 4, 5, 6, 7, 8, 9])!;
  assert.equal(FENCE, 3);
  assert.deepEqual([range.low, range.high], [-9, 19]);
  assert.equal(unusualValue(19, [1, 2, 3, 4, 5, 6, 7, 8, 9]), null, 'the fence itself is usual');
  assert.ok(unusualValue(19.5, [1, 2, 3, 4, 5, 6, 7, 8, 9]));
  assert.ok(unusualValue(-9.5, [1, 2, 3, 4, 5, 6, 7, 8, 9]));
});

test('too short a history says nothing; a flat one still allows ordinary change', () => {
  assert.equal(MIN_HISTORY, 4);
  assert.equal(unusualValue(1000, [51.9, 51.9, 51.9]), null);
  assert.equal(unusualValue(1000, []), null);
  // LAC held at 51.9: the spread is at least a tenth of the median (5.19), so 60 is fine and 80 is not.
  assert.equal(unusualValue(60, [51.9, 51.9, 51.9, 51.9], 1), null);
  assert.ok(unusualValue(80, [51.9, 51.9, 51.9, 51.9], 1));
  // All zeros: the spread is at least one unit of the last decimal place.
  assert.equal(unusualValue(2, [0, 0, 0, 0], 0), null);
  assert.ok(unusualValue(4, [0, 0, 0, 0], 0));
  // No value, or nulls in the history, are not counted.
  assert.equal(unusualValue(null, CPP), null);
  assert.equal(usualRange([null, 1, null, 2, 3]), null);
});

test('property: a value between the quartiles is never unusual, and the fences lie beyond them', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 4, maxLength: 40 }), fc.nat(), (history, k) => {
      const sorted = [...history].sort((a, b) => a - b);
      // A value in the middle half of the history (by rank): never unusual.
      const middle = sorted[Math.ceil((sorted.length - 1) / 4) + (k % Math.max(1, Math.floor(sorted.length / 2)))]!;
      const range = usualRange(history)!;
      return unusualValue(middle, history) === null && range.low < range.high && range.low <= sorted[Math.ceil((sorted.length - 1) / 4)]!;
    }),
  );
});

test('the value form offers only periods that have ended, the latest first', () => {
  // 6 December 2026: November 2026 is the latest ended month; December is still running.
  const months = endedPeriods('monthly', '2026-12-06', '2017-08-01', 60);
  assert.equal(periodLabel(months[0]!), 'November 2026');
  assert.ok(!months.some((p) => p.start === '2026-12-01'));
  assert.equal(months.length, 60);
  // Quarters: 2026/27 Q2 (July to September) is the latest ended; Q3 (October to December) is not offered.
  assert.deepEqual(endedPeriods('quarterly', '2026-12-06', '2026-01-01', 10).map(periodLabel), ['2026/27 Q2', '2026/27 Q1', '2025/26 Q4']);
  // Years: 2025/26 ended on 31 March 2026; on the last day of a period it has not yet ended.
  assert.equal(periodLabel(endedPeriods('annual', '2026-12-06', '2020-04-01', 10)[0]!), '2025/26');
  assert.equal(periodLabel(endedPeriods('monthly', '2026-11-30', '2026-01-01', 10)[0]!), 'October 2026');
  // An earliest period after the latest ended one still offers the latest ended one.
  assert.deepEqual(endedPeriods('monthly', '2026-12-06', '2026-12-01', 10).map(periodLabel), ['November 2026']);
});
