// The money rules with seed 004's own figures: the commentary rule of Appendix 2 (2% of the annual
// budget or £100,000, whichever is greater), variances and percentages as Appendix 1 prints them,
// virements and revised budgets, periods of the financial year, and pence read safely.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  commentaryThreshold,
  describeChange,
  missingCommentary,
  needsApprovingCommittee,
  needsCommentary,
  parsePeriod,
  parsePounds,
  parseYear,
  penceToPounds,
  periodEnd,
  periodLabel,
  revisedBudget,
  roundingDifferences,
  SEED_RULE,
  toPence,
  toThousands,
  variancePercent,
  yearLabel,
  yearOfDate,
} from '../../src/finance/rules.ts';

const k = (thousands: number) => thousands * 100_000; // £000 → pence

describe('the commentary rule (Appendix 2)', () => {
  it('catches a variance above 2% of the budget when that is more than £100,000', () => {
    // LD - City, South and East Localities: 1,055 on 33,562 (2% is 671).
    assert.equal(needsCommentary(k(1055), k(33562), SEED_RULE), true);
    // LD Head of Service: -127 on 5,625 (2% is 112.5, above the floor).
    assert.equal(needsCommentary(k(-127), k(5625), SEED_RULE), true);
    // Strategic Management - Adults: -4,935 on a negative budget of -8,880.
    assert.equal(needsCommentary(k(-4935), k(-8880), SEED_RULE), true);
  });
  it('uses the £100,000 floor when 2% is less', () => {
    // Early Help District Delivery Service - South: -125 on 4,845 (2% is 97): caught; North: -91 on 4,309: not.
    assert.equal(needsCommentary(k(-125), k(4845), SEED_RULE), true);
    assert.equal(needsCommentary(k(-91), k(4309), SEED_RULE), false);
    assert.equal(commentaryThreshold(k(4845), SEED_RULE), 10_000_000);
    // Schools Intervention Service: 106 on 1,077.
    assert.equal(needsCommentary(k(106), k(1077), SEED_RULE), true);
  });
  it('does not catch what the seed comments on beyond the rule', () => {
    // Physical Disabilities: 158 on 11,685 (2% is 233.7); Central Commissioning - Adults: 197 on 26,700 (534).
    assert.equal(needsCommentary(k(158), k(11685), SEED_RULE), false);
    assert.equal(needsCommentary(k(197), k(26700), SEED_RULE), false);
  });
  it('needs more than the threshold: exactly £100,000, or exactly 2%, is not caught', () => {
    assert.equal(needsCommentary(10_000_000, 0, SEED_RULE), false);
    assert.equal(needsCommentary(10_000_001, 0, SEED_RULE), true);
    assert.equal(needsCommentary(k(200), k(10000), SEED_RULE), false);
    assert.equal(needsCommentary(k(200) + 1, k(10000), SEED_RULE), true);
    assert.equal(needsCommentary(k(-200) - 1, k(-10000), SEED_RULE), true);
  });
  it('takes both thresholds as settings', () => {
    const rule = { percent: 2.5, floorPence: 25_000_000 };
    assert.equal(needsCommentary(k(-127), k(5625), rule), false);
    assert.equal(needsCommentary(k(1055), k(33562), rule), true); // 2.5% of 33,562 is 839
    assert.equal(needsCommentary(k(800), k(33562), rule), false);
  });
  it('lists the caught lines no commentary covers; a group commentary covers each of its lines', () => {
    const lines = [
      { id: 'ld-head', variancePence: k(-127), budgetPence: k(5625) },
      { id: 'ld-cse', variancePence: k(1055), budgetPence: k(33562) },
      { id: 'pd', variancePence: k(158), budgetPence: k(11685) },
      { id: 'yos', variancePence: k(-121), budgetPence: k(1469) },
    ];
    assert.deepEqual(
      missingCommentary(lines, new Set(['ld-head', 'ld-cse']), SEED_RULE).map((l) => l.id),
      ['yos'],
    );
    assert.deepEqual(
      missingCommentary(lines, new Set(), SEED_RULE).map((l) => l.id),
      ['ld-head', 'ld-cse', 'yos'],
    );
  });
});

describe('variances as Appendix 1 prints them', () => {
  it('divides the variance by the budget, so an underspend on a negative budget is positive', () => {
    assert.equal(variancePercent(k(-4935), k(-8880)), 56);
    assert.equal(variancePercent(k(-546), k(-523)), 104);
    assert.equal(variancePercent(k(-262), k(-107)), 245);
    assert.equal(variancePercent(k(524), k(1126)), 47);
    assert.equal(variancePercent(k(-1), 0), null);
  });
  it('prints £000 rounded half away from zero, in integers', () => {
    assert.equal(toThousands(105_549_999), 1055);
    assert.equal(toThousands(105_550_000), 1056);
    assert.equal(toThousands(-105_550_000), -1056);
    assert.equal(toThousands(-49_999), 0);
  });
  it('says where a printed total differs from the sum of the rounded lines', () => {
    // Two lines of £1,400.40k each: each prints 1,400, their total 2,801.
    const line = { budget: 140_040_000 };
    assert.deepEqual(roundingDifferences([line, line], { budget: 280_080_000 }), [{ column: 'budget', printed: 2801, sumOfLines: 2800 }]);
    assert.deepEqual(roundingDifferences([{ budget: k(2) }], { budget: k(2) }), []);
  });
  it('says a change as the minutes do', () => {
    assert.equal(describeChange(k(28)), 'an increase of £28k');
    assert.equal(describeChange(k(-532)), 'a reduction of £532k');
    assert.equal(describeChange(0), 'no change');
    assert.equal(describeChange(null), '');
  });
});

describe('virements', () => {
  const lac = 'lac-placements';
  const virements = [
    { effectiveDate: '2017-07-01', fromLineId: null, toLineId: lac, amountPence: k(2913) },
    { effectiveDate: '2017-09-01', fromLineId: lac, toLineId: 'other', amountPence: k(13) },
  ];
  it('derive the revised budget, as at a date or for the year', () => {
    assert.equal(revisedBudget(k(14444), lac, virements), k(17344));
    assert.equal(revisedBudget(k(14444), lac, virements, '2017-06-30'), k(14444));
    assert.equal(revisedBudget(k(14444), lac, virements, '2017-07-31'), k(17357));
    assert.equal(revisedBudget(0, 'other', virements), k(13));
  });
  it('need the approving committee above the de minimis (£160,000 in the seed)', () => {
    assert.equal(needsApprovingCommittee(k(2913), k(160)), true);
    assert.equal(needsApprovingCommittee(k(160), k(160)), false);
    assert.equal(needsApprovingCommittee(k(12), k(160)), false);
  });
});

describe('years and periods', () => {
  it('label and read financial years as 2017-18', () => {
    assert.equal(yearLabel(2017), '2017-18');
    assert.equal(yearLabel(1999), '1999-00');
    assert.equal(parseYear('2017-18'), 2017);
    assert.equal(parseYear('2017/18'), 2017);
    assert.equal(parseYear('2017-19'), null);
    assert.equal(parseYear('2017'), null);
    assert.equal(yearOfDate('2018-03-31'), 2017);
    assert.equal(yearOfDate('2018-04-01'), 2018);
  });
  it('run April to March, then the outturn', () => {
    assert.equal(periodLabel(2017, 1), 'April 2017');
    assert.equal(periodLabel(2017, 11), 'February 2018');
    assert.equal(periodLabel(2017, 13), 'Outturn 2017-18');
    assert.equal(periodEnd(2017, 1), '2017-04-30');
    assert.equal(periodEnd(2017, 11), '2018-02-28');
    assert.equal(periodEnd(2019, 11), '2020-02-29');
    assert.equal(periodEnd(2017, 13), '2018-03-31');
    assert.equal(parsePeriod('Feb'), 11);
    assert.equal(parsePeriod('11'), 11);
    assert.equal(parsePeriod('outturn'), 13);
    assert.equal(parsePeriod('14'), null);
    assert.equal(parsePeriod('Ma'), null);
  });
});

describe('pence', () => {
  it('read from the database as numbers, or as the strings aggregates give, and refuse what is not exact', () => {
    assert.equal(toPence(123), 123);
    assert.equal(toPence('-888000000'), -888_000_000);
    assert.equal(toPence(10n), 10);
    assert.throws(() => toPence('9007199254740993'));
    assert.throws(() => toPence(1.5));
    assert.throws(() => toPence('12.50'));
    assert.throws(() => toPence(null));
  });
  it('read pounds as a ledger or an officer writes them, without floats', () => {
    assert.deepEqual(parsePounds('-8,880', 'Budget'), { ok: true, value: -888_000 });
    assert.deepEqual(parsePounds('£1,234.5', 'Budget'), { ok: true, value: 123_450 });
    assert.deepEqual(parsePounds('(523.00)', 'Budget'), { ok: true, value: -52_300 });
    assert.deepEqual(parsePounds('\u221217113', 'Budget'), { ok: true, value: -1_711_300 });
    assert.deepEqual(parsePounds('-£0.29', 'Budget'), { ok: true, value: -29 });
    assert.deepEqual(parsePounds('', 'Budget'), { ok: false, error: 'Enter budget' });
    assert.equal(parsePounds('1.234', 'Budget').ok, false);
    assert.equal(parsePounds('12e3', 'Budget').ok, false);
    assert.equal(parsePounds('99999999999999', 'Budget').ok, false);
    assert.equal(penceToPounds(-888_000_000), '-8880000');
    assert.equal(penceToPounds(123_450), '1234.50');
  });
});
