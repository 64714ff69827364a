import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Direction, Polarity, RagStatus, Unit } from '../../src/performance/indicator-types.ts';
import {
  PUBLICATION_MESSAGES,
  consecutiveOffTarget,
  directionOfTravel,
  exceptionReportRequired,
  formatNumber,
  formatValue,
  movement,
  publicationProblems,
  ragStatus,
  ragStatusText,
  roundedText,
  summaryCounts,
  TRAVEL_REACH_MONTHS,
  travel,
} from '../../src/performance/rules.ts';
import {
  MAX_PERIODS_BETWEEN,
  comparePeriods,
  dueDate,
  financialYearOf,
  isPeriod,
  nextPeriod,
  parsePeriodLabel,
  periodContains,
  periodEnd,
  periodLabel,
  periodOf,
  periodShortLabel,
  periodsBetween,
  previousPeriod,
} from '../../src/performance/periods.ts';
import type { Frequency, Period } from '../../src/performance/indicator-types.ts';

// ---------------------------------------------------------------------------------------------
// Seed 004, Appendix 7 – Performance at end of March 2018: every one of its 38 rows.
//
// Columns kept: the measure, its unit, the previous period, the target ('n/a' → null), the
// actual (blank or 'n/a' → null), the printed direction-of-travel arrow (column header "up is
// good, down is bad", so an arrow is a JUDGEMENT, not a movement; '' where none is printed),
// the printed RAG cell, and the polarity we give the measure from its meaning (the reason is
// in the note where it is not obvious). `says` is the movement the row's own comment states,
// where it states one.

type Printed = 'On Target' | 'Within 10%' | 'Off Target' | 'No target' | 'Improving';
interface Row {
  n: number;
  measure: string;
  unit: Unit;
  previous: number | null;
  target: number | null;
  actual: number | null;
  arrow: '↑' | '↓' | '➔' | '';
  printed: Printed;
  polarity: Polarity;
  says?: 'improving' | 'worsening';
  note?: string;
}

const P: Unit = 'percentage';
const APPENDIX_7: Row[] = [
  // Outcome: Adults and children are kept safe
  {
    n: 1,
    measure: '% of adult safeguarding enquiries where outcomes were at least partially achieved',
    unit: P,
    previous: 73.0,
    target: null,
    actual: 95.0,
    arrow: '↑',
    printed: 'Improving',
    polarity: 'higher_is_better',
    says: 'improving',
    note: 'The RAG cell says "Improving", which is a direction, not a status. There is no target, so the numbers give No target. Table 1.2 evidently counted this row as green (see the summary test).',
  },
  {
    n: 2,
    measure: '% of people who use services who say that they have made them feel safer',
    unit: P,
    previous: 83.2,
    target: null,
    actual: 84.8,
    arrow: '↑',
    printed: 'No target',
    polarity: 'higher_is_better',
    says: 'improving',
  },
  {
    n: 3,
    measure: 'Rate of referrals per 10,000 of population under 18',
    unit: 'rate_per_10000',
    previous: 298.6,
    target: null,
    actual: 330.1,
    arrow: '↓',
    printed: 'No target',
    polarity: 'lower_is_better',
    note: 'A demand measure; the seed treats a rise as bad (↓ on a rise from 298.6 to 330.1) and its comment calls the lower-than-comparators rate "favourable", so lower is better.',
  },
  {
    n: 4,
    measure: '% children whose referral to social care occurred within 12 months of a previous referral',
    unit: P,
    previous: 12.54,
    target: 20.0,
    actual: 12.5,
    arrow: '↑',
    printed: 'On Target',
    polarity: 'lower_is_better',
    note: 'Re-referrals: the comment calls 20.0% a "ceiling target". ↑ on a fall from 12.54% to 12.50%: up is good.',
  },
  {
    n: 5,
    measure: 'Number of children with a Child Protection Plan per 10,000 population under 18',
    unit: 'rate_per_10000',
    previous: 37.1,
    target: 30.0,
    actual: 35.5,
    arrow: '',
    printed: 'Off Target',
    polarity: 'lower_is_better',
    note: '35.5 > 30.0 × 1.1 = 33, so off target rather than within 10%.',
  },
  {
    n: 6,
    measure: 'Proportion of children subject to a Child Protection Plan for the second or subsequent time (within 2 years)',
    unit: P,
    previous: 27.9,
    target: null,
    actual: 10.4,
    arrow: '',
    printed: 'No target',
    polarity: 'lower_is_better',
  },
  {
    n: 7,
    measure: 'The number of looked after children per 10,000 population under 18',
    unit: 'rate_per_10000',
    previous: 51.9,
    target: 40,
    actual: 51.9,
    arrow: '➔',
    printed: 'Off Target',
    polarity: 'lower_is_better',
    note: 'The LAC strategy aims to reduce the rate of growth: lower is better. 51.9 > 44.',
  },
  {
    n: 8,
    measure: 'Number of young first time entrants into the criminal justice system, per 10,000 of population',
    unit: 'rate_per_10000',
    previous: 3.68,
    target: null,
    actual: 3.23,
    arrow: '',
    printed: 'No target',
    polarity: 'lower_is_better',
  },
  // Outcome: Older people live well independently
  {
    n: 9,
    measure: 'Number of contacts for community equipment in period',
    unit: 'count',
    previous: null,
    target: null,
    actual: null,
    arrow: '',
    printed: 'No target',
    polarity: 'not_applicable',
    note: 'New measure, no data yet; an activity count with no good direction.',
  },
  {
    n: 10,
    measure: 'Number of contacts for Assistive Technology in period',
    unit: 'count',
    previous: null,
    target: null,
    actual: null,
    arrow: '',
    printed: 'No target',
    polarity: 'not_applicable',
    note: 'New measure, no data yet.',
  },
  {
    n: 11,
    measure: 'Proportion of people finishing a reablement episode as independent (year to date)',
    unit: P,
    previous: 57.3,
    target: 57,
    actual: 57.7,
    arrow: '',
    printed: 'On Target',
    polarity: 'higher_is_better',
    says: 'improving',
  },
  {
    n: 12,
    measure: 'Average monthly number of bed day delays (social care attributable) per 100,000 18+ population',
    unit: 'rate_per_100000',
    previous: 157,
    target: 114,
    actual: 151,
    arrow: '',
    printed: 'Off Target',
    polarity: 'lower_is_better',
    note: '151 > 114 × 1.1 = 125.4.',
  },
  {
    n: 13,
    measure: 'Number of Community Action Plans Completed in period',
    unit: 'count',
    previous: 104,
    target: null,
    actual: 98,
    arrow: '',
    printed: 'No target',
    polarity: 'higher_is_better',
    says: 'worsening',
    note: 'Comment: "Performance decreased".',
  },
  {
    n: 14,
    measure: 'Number of assessments for long-term care completed in period',
    unit: 'count',
    previous: 158,
    target: null,
    actual: 183,
    arrow: '',
    printed: 'No target',
    polarity: 'higher_is_better',
    says: 'improving',
    note: 'Comment: "Performance increased".',
  },
  {
    n: 15,
    measure: 'BCF 2A PART 2 - Admissions to residential and nursing care homes (aged 65+), per 100,000 population',
    unit: 'rate_per_100000',
    previous: 326.3,
    target: 564.0,
    actual: 343.2,
    arrow: '',
    printed: 'On Target',
    polarity: 'lower_is_better',
    note: 'A ceiling target. The comment warns the figure is cumulative "so will always go up" and that its arrow would mean "the ceiling target will not be breached" at this rate; no arrow is printed. Our direction of travel says worsening (it rose), which is literally true; the demo data notes the difference.',
  },
  // Outcome: People live in a safe environment
  {
    n: 16,
    measure: 'Victim-based crime per 1,000 of population (hate crime)',
    unit: 'rate_per_1000',
    previous: 54.87,
    target: null,
    actual: 57.59,
    arrow: '',
    printed: 'No target',
    polarity: 'lower_is_better',
  },
  // Outcome: People with disabilities live well independently
  {
    n: 17,
    measure: 'Proportion of adults with a primary support reason of learning disability support in paid employment (year to date)',
    unit: P,
    previous: 3.5,
    target: 6.0,
    actual: 3.6,
    arrow: '',
    printed: 'Off Target',
    polarity: 'higher_is_better',
    note: '3.6 < 6.0 × 0.9 = 5.4.',
  },
  {
    n: 18,
    measure: 'Proportion of adults in contact with secondary mental health services in paid employment',
    unit: P,
    previous: 13.3,
    target: 12.5,
    actual: 13.0,
    arrow: '',
    printed: 'On Target',
    polarity: 'higher_is_better',
  },
  {
    n: 19,
    measure: 'Proportion of adults with a primary support reason of learning disability support who live in their own home or with their family',
    unit: P,
    previous: 76.2,
    target: 72.0,
    actual: 71.2,
    arrow: '',
    printed: 'Within 10%',
    polarity: 'higher_is_better',
    note: '64.8 ≤ 71.2 < 72.0.',
  },
  {
    n: 20,
    measure: 'Proportion of adults in contact with secondary mental health services living independently, with or without support',
    unit: P,
    previous: 81.2,
    target: 75.0,
    actual: 81.5,
    arrow: '↑',
    printed: 'On Target',
    polarity: 'higher_is_better',
    says: 'improving',
  },
  {
    n: 21,
    measure: 'Proportion of adults receiving Direct Payments',
    unit: P,
    previous: 23.3,
    target: 24.0,
    actual: 23.6,
    arrow: '↑',
    printed: 'Within 10%',
    polarity: 'higher_is_better',
  },
  {
    n: 22,
    measure: 'Proportion of carers receiving Direct Payments',
    unit: P,
    previous: 95.1,
    target: null,
    actual: 95.0,
    arrow: '↓',
    printed: 'No target',
    polarity: 'higher_is_better',
  },
  // Outcome: Places that work with children help them to reach their full potential
  {
    n: 23,
    measure: '% of EHCP assessments completed within timescale',
    unit: P,
    previous: 100.0,
    target: null,
    actual: 91.4,
    arrow: '↓',
    printed: 'No target',
    polarity: 'higher_is_better',
    says: 'worsening',
  },
  {
    n: 24,
    measure: 'Number of young people who are NEET, per 10,000 of population',
    unit: 'rate_per_10000',
    previous: 243.5,
    target: null,
    actual: 260.3,
    arrow: '↓',
    printed: 'No target',
    polarity: 'lower_is_better',
    says: 'worsening',
    note: '"The rate increased" and the arrow is ↓: a rise is bad.',
  },
  {
    n: 25,
    measure: 'Proportion of young people with SEND who are NEET',
    unit: P,
    previous: 6.9,
    target: null,
    actual: 7.6,
    arrow: '',
    printed: 'No target',
    polarity: 'lower_is_better',
    says: 'worsening',
    note: '"Performance fell" as the rate rose: lower is better.',
  },
  {
    n: 26,
    measure: 'KS2 Reading, writing and maths combined to the expected standard (All children)',
    unit: P,
    previous: 52.5,
    target: null,
    actual: 58.7,
    arrow: '',
    printed: 'No target',
    polarity: 'higher_is_better',
    says: 'improving',
  },
  {
    n: 27,
    measure: 'KS4 Attainment 8 (All children)',
    unit: P,
    previous: 51.5,
    target: null,
    actual: 47.7,
    arrow: '',
    printed: 'No target',
    polarity: 'higher_is_better',
    says: 'worsening',
  },
  {
    n: 28,
    measure: '% of Persistent absence (All children)',
    unit: P,
    previous: 11.0,
    target: null,
    actual: null,
    arrow: '',
    printed: 'No target',
    polarity: 'lower_is_better',
    note: 'Actual "n/a": data not released.',
  },
  {
    n: 29,
    measure: '% Fixed term exclusions (All children)',
    unit: P,
    previous: 3.5,
    target: null,
    actual: 3.7,
    arrow: '',
    printed: 'No target',
    polarity: 'lower_is_better',
    says: 'worsening',
    note: '"Performance fell slightly" as the rate rose.',
  },
  {
    n: 30,
    measure: '% receiving place at first choice school (Primary)',
    unit: P,
    previous: 91.3,
    target: null,
    actual: 93.2,
    arrow: '',
    printed: 'No target',
    polarity: 'higher_is_better',
    says: 'improving',
  },
  {
    n: 31,
    measure: '% receiving place at first choice school (Secondary)',
    unit: P,
    previous: 92.9,
    target: null,
    actual: 92.5,
    arrow: '',
    printed: 'No target',
    polarity: 'higher_is_better',
    says: 'worsening',
  },
  {
    n: 32,
    measure: '% of disadvantaged households taking up funded 2 year old childcare places',
    unit: P,
    previous: 69.6,
    target: null,
    actual: 82.4,
    arrow: '',
    printed: 'No target',
    polarity: 'higher_is_better',
    says: 'improving',
  },
  {
    n: 33,
    measure: 'Ofsted - Pupils attending schools judged Good or Outstanding (Primary Schools)',
    unit: P,
    previous: 82.4,
    target: null,
    actual: 82.5,
    arrow: '↑',
    printed: 'No target',
    polarity: 'higher_is_better',
    says: 'improving',
  },
  {
    n: 34,
    measure: 'Ofsted - Pupils attending schools judged Good or Outstanding (Secondary Schools)',
    unit: P,
    previous: 85.5,
    target: null,
    actual: 88.8,
    arrow: '↑',
    printed: 'No target',
    polarity: 'higher_is_better',
    says: 'improving',
  },
  {
    n: 35,
    measure: 'Ofsted - Pupils attending schools judged Good or Outstanding (Special Schools)',
    unit: P,
    previous: 93.1,
    target: null,
    actual: 93.1,
    arrow: '➔',
    printed: 'No target',
    polarity: 'higher_is_better',
    note: 'Printed as → in this row and ➔ in row 7; the same meaning.',
  },
  {
    n: 36,
    measure: 'Ofsted - Pupils attending schools judged Good or Outstanding (Nursery Schools)',
    unit: P,
    previous: 100.0,
    target: null,
    actual: 100.0,
    arrow: '➔',
    printed: 'No target',
    polarity: 'higher_is_better',
  },
  // Outcome: The Cambridgeshire economy prospers to the benefit of all residents
  {
    n: 37,
    measure: 'Proportion of new apprentices per 1,000 of population',
    unit: 'rate_per_1000',
    previous: null,
    target: null,
    actual: null,
    arrow: '',
    printed: 'No target',
    polarity: 'higher_is_better',
    note: 'New measure in development.',
  },
  {
    n: 38,
    measure: 'Engagement with learners from deprived wards as a proportion of the total learners engaged',
    unit: P,
    previous: null,
    target: null,
    actual: null,
    arrow: '',
    printed: 'No target',
    polarity: 'higher_is_better',
    note: 'New measure in development.',
  },
];

const PRINTED_TO_STATUS: Record<Exclude<Printed, 'Improving'>, RagStatus> = {
  'On Target': 'on_target',
  'Within 10%': 'within_tolerance',
  'Off Target': 'off_target',
  'No target': 'no_target',
};

const ARROW_TO_DIRECTION: Record<Exclude<Row['arrow'], ''>, Direction> = { '↑': 'improving', '↓': 'worsening', '➔': 'same' };

test('Appendix 7 has 38 rows, numbered in order, 11 of them with a target', () => {
  assert.equal(APPENDIX_7.length, 38);
  assert.deepEqual(
    APPENDIX_7.map((r) => r.n),
    Array.from({ length: 38 }, (_, i) => i + 1),
  );
  assert.equal(APPENDIX_7.filter((r) => r.target !== null).length, 11);
});

test('every Appendix 7 row with a target gets the RAG status the seed prints (10% tolerance)', () => {
  const withTarget = APPENDIX_7.filter((r) => r.target !== null);
  for (const row of withTarget) {
    assert.notEqual(row.printed, 'Improving');
    const expected = PRINTED_TO_STATUS[row.printed as Exclude<Printed, 'Improving'>];
    assert.equal(ragStatus(row.actual, row.target, row.polarity, 10), expected, `row ${row.n}: ${row.measure}`);
  }
  // The brief's named cases, spelt out.
  assert.equal(ragStatus(12.5, 20.0, 'lower_is_better', 10), 'on_target'); // re-referrals under the ceiling
  assert.equal(ragStatus(35.5, 30.0, 'lower_is_better', 10), 'off_target'); // CP plans: 35.5 > 33
  assert.equal(ragStatus(51.9, 40, 'lower_is_better', 10), 'off_target'); // LAC
  assert.equal(ragStatus(57.7, 57, 'higher_is_better', 10), 'on_target'); // reablement
  assert.equal(ragStatus(151, 114, 'lower_is_better', 10), 'off_target'); // bed day delays
  assert.equal(ragStatus(343.2, 564.0, 'lower_is_better', 10), 'on_target'); // BCF admissions
  assert.equal(ragStatus(3.6, 6.0, 'higher_is_better', 10), 'off_target'); // LD employment
  assert.equal(ragStatus(13.0, 12.5, 'higher_is_better', 10), 'on_target'); // MH employment
  assert.equal(ragStatus(71.2, 72.0, 'higher_is_better', 10), 'within_tolerance'); // LD own home
  assert.equal(ragStatus(81.5, 75.0, 'higher_is_better', 10), 'on_target'); // MH living independently
  assert.equal(ragStatus(23.6, 24.0, 'higher_is_better', 10), 'within_tolerance'); // direct payments
});

test('the wrong polarity would contradict the seed: the polarities chosen are the only ones that fit', () => {
  // For each targeted row, the opposite polarity gives a different status from the printed one
  // (so the seed's statuses pin the polarity down), except where both agree.
  const flip = (p: Polarity): Polarity => (p === 'higher_is_better' ? 'lower_is_better' : 'higher_is_better');
  const pinned = APPENDIX_7.filter(
    (r) => r.target !== null && ragStatus(r.actual, r.target, flip(r.polarity), 10) !== PRINTED_TO_STATUS[r.printed as Exclude<Printed, 'Improving'>],
  );
  assert.equal(pinned.length, 11);
});

test('every Appendix 7 row without a target is No target, whatever its data', () => {
  for (const row of APPENDIX_7.filter((r) => r.target === null)) {
    assert.equal(ragStatus(row.actual, row.target, row.polarity, 10), 'no_target', `row ${row.n}`);
    if (row.printed !== 'Improving') assert.equal(row.printed, 'No target', `row ${row.n}`);
  }
  // Row 1 is where the printed cell disagrees: "Improving" is not a RAG status and there is no
  // target to be on, so the numbers give No target. It is a direction, which our rule gives too.
  const row1 = APPENDIX_7[0]!;
  assert.equal(row1.printed, 'Improving');
  assert.equal(ragStatus(row1.actual, row1.target, row1.polarity, 10), 'no_target');
  assert.equal(directionOfTravel(row1.actual, row1.previous, row1.polarity, 1), 'improving');
});

test("table 1.2 (Red 4, Amber 2, Green 6, No Target 26, Total 38) from Appendix 7's 38 rows", () => {
  // Appendix 7 prints 38 rows: 5 "On Target", 2 "Within 10%", 4 "Off Target", 26 "No target"
  // and row 1 whose RAG cell reads "Improving". Table 1.2 (and para 2.2: "six are shown as
  // green, two as amber and four are red. Twenty-six have no target") counts six green and 26
  // no target, so the report's authors counted row 1's "Improving" as green. Constructed that
  // way, the statuses reproduce table 1.2 exactly.
  const printed = APPENDIX_7.map((r): RagStatus => (r.printed === 'Improving' ? 'on_target' : PRINTED_TO_STATUS[r.printed]));
  assert.deepEqual(summaryCounts(printed), { red: 4, amber: 2, green: 6, noTarget: 26, noData: 0, total: 38 });

  // From the numbers, row 1 has no target, so the honest count is 5 green and 27 no target.
  // (The demo data documents this one-row difference.)
  const computed = APPENDIX_7.map((r) => ragStatus(r.actual, r.target, r.polarity, 10));
  assert.deepEqual(summaryCounts(computed), { red: 4, amber: 2, green: 5, noTarget: 27, noData: 0, total: 38 });
  // Rows with no data and no target (9, 10, 28, 37, 38) count as no target, as the seed counts them.
  assert.equal(APPENDIX_7.filter((r) => r.actual === null).length, 5);
});

test('summaryCounts counts a target without a value as no data, and the parts always add up to the total', () => {
  assert.deepEqual(summaryCounts([]), { red: 0, amber: 0, green: 0, noTarget: 0, noData: 0, total: 0 });
  assert.deepEqual(summaryCounts([null, 'off_target', null]), { red: 1, amber: 0, green: 0, noTarget: 0, noData: 2, total: 3 });
  fc.assert(
    fc.property(fc.array(fc.constantFrom<RagStatus | null>('on_target', 'within_tolerance', 'off_target', 'no_target', null)), (statuses) => {
      const s = summaryCounts(statuses);
      return s.total === statuses.length && s.red + s.amber + s.green + s.noTarget + s.noData === s.total;
    }),
  );
  assert.throws(() => summaryCounts(['purple' as RagStatus]), /Unknown RAG status/);
});

test('direction of travel reproduces every arrow Appendix 7 prints (↑ good, ↓ bad, ➔ same)', () => {
  const withArrow = APPENDIX_7.filter((r) => r.arrow !== '');
  assert.equal(withArrow.length, 14);
  for (const row of withArrow) {
    const expected = ARROW_TO_DIRECTION[row.arrow as Exclude<Row['arrow'], ''>];
    assert.equal(directionOfTravel(row.actual, row.previous, row.polarity, 2), expected, `row ${row.n}: ${row.measure}`);
  }
  // Spelt out: the arrows are judgements, not movements.
  assert.equal(directionOfTravel(84.8, 83.2, 'higher_is_better', 1), 'improving'); // feel safer: up, ↑
  assert.equal(directionOfTravel(330.1, 298.6, 'lower_is_better', 1), 'worsening'); // referrals: up, but ↓
  assert.equal(directionOfTravel(12.5, 12.54, 'lower_is_better', 2), 'improving'); // re-referrals: down, but ↑
  assert.equal(directionOfTravel(51.9, 51.9, 'lower_is_better', 1), 'same'); // LAC ➔
});

test('direction of travel agrees with what each Appendix 7 comment says happened', () => {
  const said = APPENDIX_7.filter((r) => r.says);
  assert.ok(said.length >= 14);
  for (const row of said) assert.equal(directionOfTravel(row.actual, row.previous, row.polarity, 2), row.says, `row ${row.n}`);
  // BCF admissions: no arrow printed; the figure rose, which for a ceiling is worsening.
  assert.equal(directionOfTravel(343.2, 326.3, 'lower_is_better', 1), 'worsening');
  // Rows with no previous or no current value have no direction.
  for (const n of [9, 10, 28, 37, 38]) {
    const row = APPENDIX_7[n - 1]!;
    assert.equal(directionOfTravel(row.actual, row.previous, row.polarity), 'none', `row ${n}`);
  }
});

test('direction of travel: nulls, rounding to the decimals, not applicable', () => {
  assert.equal(directionOfTravel(null, 5, 'higher_is_better'), 'none');
  assert.equal(directionOfTravel(5, null, 'higher_is_better'), 'none'); // first period
  assert.equal(directionOfTravel(null, null, 'lower_is_better'), 'none');
  assert.equal(directionOfTravel(12.54, 12.5, 'lower_is_better', 1), 'same'); // 12.5 vs 12.5 to 1 place
  assert.equal(directionOfTravel(12.54, 12.5, 'lower_is_better', 2), 'worsening');
  assert.equal(directionOfTravel(0.1 + 0.2, 0.3, 'higher_is_better'), 'same'); // float noise below 4 places
  assert.equal(directionOfTravel(0.1 + 0.2, 0.3, 'higher_is_better', 17), 'improving'); // it is there at 17
  assert.equal(directionOfTravel(1.005, 1.0, 'higher_is_better', 2), 'improving'); // 1.005 → 1.01 exactly
  assert.equal(directionOfTravel(-2, -3, 'higher_is_better'), 'improving');
  assert.equal(directionOfTravel(-2, -3, 'lower_is_better'), 'worsening');
  // Not applicable: no judgement, even when equal; movement() gives the plain up/down.
  assert.equal(directionOfTravel(80, 52, 'not_applicable'), 'none');
  assert.equal(directionOfTravel(52, 52, 'not_applicable'), 'none');
  assert.equal(movement(80, 77), 'up');
  assert.equal(movement(77, 80), 'down');
  assert.equal(movement(80, 80), 'same');
  assert.equal(movement(80, null), null);
  assert.throws(() => directionOfTravel(1, 2, 'higher_is_better', -1), RangeError);
  assert.throws(() => directionOfTravel(1, 2, 'higher_is_better', 1.5), RangeError);
});

test('direction of travel is antisymmetric and polarities mirror each other', () => {
  const value = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 100);
  fc.assert(
    fc.property(value, value, (a, b) => {
      const up = directionOfTravel(a, b, 'higher_is_better', 2);
      const down = directionOfTravel(a, b, 'lower_is_better', 2);
      const back = directionOfTravel(b, a, 'higher_is_better', 2);
      const mirror: Record<Direction, Direction> = { improving: 'worsening', worsening: 'improving', same: 'same', none: 'none' };
      return down === mirror[up] && back === mirror[up] && (a === b) === (up === 'same');
    }),
  );
});

// ---------------------------------------------------------------------------------------------
// Seed 001: NI 16, NI 32, MARAC, NI 8

test('seed 001: NI 16 serious acquisitive crime against its 12.2 per 1,000 target (lower is better)', () => {
  // Baseline 12.53 per 1,000 (7,390 offences); target 12.2 per 1,000 by 2010/11; amber up to 13.42.
  assert.equal(ragStatus(12.53, 12.2, 'lower_is_better', 10), 'within_tolerance');
  // "Over the last financial year serious acquisitive crime has risen by 5%": 12.53 × 1.05 ≈ 13.16.
  assert.equal(ragStatus(13.16, 12.2, 'lower_is_better', 10), 'within_tolerance');
  assert.equal(directionOfTravel(13.16, 12.53, 'lower_is_better', 2), 'worsening');
  assert.equal(ragStatus(12.2, 12.2, 'lower_is_better', 10), 'on_target');
  assert.equal(ragStatus(13.42, 12.2, 'lower_is_better', 10), 'within_tolerance'); // the boundary, exactly
  assert.equal(ragStatus(13.43, 12.2, 'lower_is_better', 10), 'off_target');
  assert.equal(formatValue(12.53, 'rate_per_1000', 2), '12.53 per 1,000');
  assert.equal(formatValue(7390, 'count', 0), '7,390');
});

test('seed 001: NI 32 repeat domestic violence 25% against a 28% target is on target (lower is better)', () => {
  assert.equal(ragStatus(25, 28, 'lower_is_better', 10), 'on_target');
  assert.equal(ragStatus(30, 28, 'lower_is_better', 10), 'within_tolerance');
  assert.equal(ragStatus(31, 28, 'lower_is_better', 10), 'off_target'); // > 30.8
  assert.equal(formatValue(25, 'percentage', 0), '25%');
});

test('seed 001: MARAC referrals 52, 62, 77, 80 by quarter are counted, not judged', () => {
  const referrals = [52, 62, 77, 80];
  const statuses = referrals.map((v) => ragStatus(v, null, 'not_applicable', 10));
  assert.deepEqual(statuses, ['no_target', 'no_target', 'no_target', 'no_target']);
  assert.deepEqual(
    referrals.map((v, i) => directionOfTravel(v, referrals[i - 1] ?? null, 'not_applicable')),
    ['none', 'none', 'none', 'none'],
  );
  assert.deepEqual(
    referrals.map((v, i) => movement(v, referrals[i - 1] ?? null)),
    [null, 'up', 'up', 'up'],
  ); // "are rising"
  // Even with a target, not applicable polarity means nothing to judge by.
  assert.equal(ragStatus(80, 60, 'not_applicable', 10), 'no_target');
});

test('seed 001: NI 8 went to the board as an exception report after running off target', () => {
  assert.equal(exceptionReportRequired(['on_target', 'off_target', 'off_target']), true);
  assert.equal(exceptionReportRequired(['off_target', 'off_target', 'within_tolerance']), false);
  assert.equal(exceptionReportRequired(['off_target']), false);
  assert.equal(exceptionReportRequired(['off_target'], 1), true);
  assert.equal(exceptionReportRequired(['off_target', 'off_target'], 3), false);
  assert.throws(() => exceptionReportRequired([], 0), RangeError);
  assert.equal(formatValue(5000, 'money', 0), '£5,000'); // "(estimated cost £5000)"
});

// ---------------------------------------------------------------------------------------------
// RAG: edges and properties

test('RAG: no target, no value, not applicable', () => {
  assert.equal(ragStatus(null, null, 'higher_is_better', 10), 'no_target');
  assert.equal(ragStatus(5, null, 'higher_is_better', 10), 'no_target');
  assert.equal(ragStatus(null, 5, 'higher_is_better', 10), null); // a target but not reported yet
  assert.equal(ragStatus(null, 5, 'not_applicable', 10), 'no_target');
  assert.equal(ragStatus(5, 5, 'not_applicable', 10), 'no_target');
  assert.throws(() => ragStatus(5, 5, 'higher_is_better', -1), RangeError);
  assert.throws(() => ragStatus(5, 5, 'higher_is_better', Number.NaN), RangeError);
  assert.throws(() => ragStatus(Number.POSITIVE_INFINITY, 5, 'higher_is_better', 10), TypeError);
  assert.throws(() => ragStatus(1, 5, 'sideways' as Polarity, 10), /Unknown polarity/);
});

test('RAG: the tolerance boundary is exact, where floating point would misjudge it', () => {
  // In floats 57 × 0.9 = 51.300000000000004, so a naive rule puts 51.3 (exactly 10% under a
  // 57% target) off target. Likewise 13 × 0.9 = 11.700000000000001 and 1.13 × 1.1 = 1.2429999999999999.
  assert.ok(51.3 < 57 * (1 - 10 / 100));
  assert.equal(ragStatus(51.3, 57, 'higher_is_better', 10), 'within_tolerance');
  assert.equal(ragStatus(51.29, 57, 'higher_is_better', 10), 'off_target');
  assert.equal(ragStatus(11.7, 13, 'higher_is_better', 10), 'within_tolerance');
  assert.ok(1.243 > 1.13 * (1 + 10 / 100));
  assert.equal(ragStatus(1.243, 1.13, 'lower_is_better', 10), 'within_tolerance');
  assert.equal(ragStatus(1.2431, 1.13, 'lower_is_better', 10), 'off_target');
  assert.equal(ragStatus(33, 30, 'lower_is_better', 10), 'within_tolerance');
  assert.equal(ragStatus(33.000001, 30, 'lower_is_better', 10), 'off_target');
  assert.equal(ragStatus(64.8, 72, 'higher_is_better', 10), 'within_tolerance');
  assert.equal(ragStatus(64.79, 72, 'higher_is_better', 10), 'off_target');
  // Other tolerances, fractional ones, and none.
  assert.equal(ragStatus(95, 100, 'higher_is_better', 5), 'within_tolerance');
  assert.equal(ragStatus(94.99, 100, 'higher_is_better', 5), 'off_target');
  assert.equal(ragStatus(97.5, 100, 'higher_is_better', 2.5), 'within_tolerance');
  assert.equal(ragStatus(97.49, 100, 'higher_is_better', 2.5), 'off_target');
  assert.equal(ragStatus(99.99, 100, 'higher_is_better', 0), 'off_target');
  assert.equal(ragStatus(100, 100, 'higher_is_better', 0), 'on_target');
  // Very small and very large numbers (exponent notation in JS).
  assert.equal(ragStatus(9e-7, 1e-6, 'higher_is_better', 10), 'within_tolerance');
  assert.equal(ragStatus(8.9e-7, 1e-6, 'higher_is_better', 10), 'off_target');
  assert.equal(ragStatus(1.1e21, 1e21, 'lower_is_better', 10), 'within_tolerance');
});

test('RAG: negative and zero targets keep the band on the bad side', () => {
  // Target −5 (e.g. a net change), higher is better: amber from −5.5 to −5.
  assert.equal(ragStatus(-4, -5, 'higher_is_better', 10), 'on_target');
  assert.equal(ragStatus(-5.5, -5, 'higher_is_better', 10), 'within_tolerance');
  assert.equal(ragStatus(-5.6, -5, 'higher_is_better', 10), 'off_target');
  assert.equal(ragStatus(-4.5, -5, 'lower_is_better', 10), 'within_tolerance');
  assert.equal(ragStatus(-4.4, -5, 'lower_is_better', 10), 'off_target');
  // A target of zero has no band.
  assert.equal(ragStatus(0, 0, 'lower_is_better', 10), 'on_target');
  assert.equal(ragStatus(0.01, 0, 'lower_is_better', 10), 'off_target');
});

const hundredths = fc.integer({ min: -10_000_000, max: 10_000_000 });
const polarity = fc.constantFrom<Polarity>('higher_is_better', 'lower_is_better');
const tolerance = fc.integer({ min: 0, max: 1000 }).map((n) => n / 10);

/** The rule worked in integers: values in hundredths, tolerance in tenths of a percent. */
function reference(a: number, t: number, p: Polarity, tolTenths: number): RagStatus {
  const A = BigInt(a) * 1000n;
  const T = BigInt(t) * 1000n;
  const band = BigInt(Math.abs(t)) * BigInt(tolTenths);
  if (p === 'higher_is_better') return A >= T ? 'on_target' : A >= T - band ? 'within_tolerance' : 'off_target';
  return A <= T ? 'on_target' : A <= T + band ? 'within_tolerance' : 'off_target';
}

test('RAG agrees with an all-integer reference for any values to 2 places', () => {
  fc.assert(
    fc.property(
      hundredths,
      hundredths,
      polarity,
      fc.integer({ min: 0, max: 1000 }),
      (a, t, p, tolTenths) => ragStatus(a / 100, t / 100, p, tolTenths / 10) === reference(a, t, p, tolTenths),
    ),
    { numRuns: 2000 },
  );
});

test('RAG is monotone in the actual value and the polarities mirror each other', () => {
  const rank: Record<string, number> = { off_target: 0, within_tolerance: 1, on_target: 2 };
  fc.assert(
    fc.property(hundredths, hundredths, hundredths, tolerance, (x, y, t, tol) => {
      const [lo, hi] = x <= y ? [x / 100, y / 100] : [y / 100, x / 100];
      const better = (a: RagStatus | null, b: RagStatus | null) => rank[a!]! >= rank[b!]!;
      return (
        better(ragStatus(hi, t / 100, 'higher_is_better', tol), ragStatus(lo, t / 100, 'higher_is_better', tol)) &&
        better(ragStatus(lo, t / 100, 'lower_is_better', tol), ragStatus(hi, t / 100, 'lower_is_better', tol)) &&
        ragStatus(x / 100, t / 100, 'higher_is_better', tol) === ragStatus(-x / 100, -t / 100, 'lower_is_better', tol)
      );
    }),
    { numRuns: 1000 },
  );
});

// ---------------------------------------------------------------------------------------------
// Runs of off-target periods, and publication

test('consecutiveOffTarget counts back from the newest period; anything else ends the run', () => {
  assert.equal(consecutiveOffTarget([]), 0);
  assert.equal(consecutiveOffTarget(['off_target']), 1);
  assert.equal(consecutiveOffTarget(['off_target', 'off_target', 'on_target']), 0);
  assert.equal(consecutiveOffTarget(['on_target', 'off_target', 'off_target']), 2);
  assert.equal(consecutiveOffTarget(['off_target', 'within_tolerance', 'off_target', 'off_target', 'off_target']), 3);
  assert.equal(consecutiveOffTarget(['off_target', null, 'off_target']), 1); // an unreported period ends it
  assert.equal(consecutiveOffTarget(['off_target', 'off_target', null]), 0);
  assert.equal(consecutiveOffTarget(['off_target', 'no_target', 'off_target']), 1);
  fc.assert(
    fc.property(fc.array(fc.constantFrom<RagStatus | null>('on_target', 'within_tolerance', 'off_target', 'no_target', null)), (s) => {
      const run = consecutiveOffTarget(s);
      return (
        run <= s.length &&
        s.slice(s.length - run).every((x) => x === 'off_target') &&
        (run === s.length || s[s.length - run - 1] !== 'off_target') &&
        exceptionReportRequired(s) === run >= 2
      );
    }),
  );
});

test('an off-target value needs a commentary and a corrective action before publication', () => {
  assert.deepEqual(publicationProblems({ rag: 'off_target', commentary: '', correctiveAction: '' }), [
    PUBLICATION_MESSAGES.commentary,
    PUBLICATION_MESSAGES.correctiveAction,
  ]);
  assert.deepEqual(publicationProblems({ rag: 'off_target', commentary: '  \n ', correctiveAction: 'A weekly Threshold to Resources Panel' }), [
    PUBLICATION_MESSAGES.commentary,
  ]);
  assert.deepEqual(publicationProblems({ rag: 'off_target', commentary: 'In March the number of Looked After Children held at 697.', correctiveAction: '' }), [
    PUBLICATION_MESSAGES.correctiveAction,
  ]);
  assert.deepEqual(publicationProblems({ rag: 'off_target', commentary: 'Why', correctiveAction: 'What' }), []);
  for (const rag of ['on_target', 'within_tolerance', 'no_target', null] as const) {
    assert.deepEqual(publicationProblems({ rag, commentary: '', correctiveAction: '' }), [], String(rag));
  }
  assert.match(PUBLICATION_MESSAGES.commentary, /^Enter /);
  assert.match(PUBLICATION_MESSAGES.correctiveAction, /^Enter /);
});

// ---------------------------------------------------------------------------------------------
// Display

test('formatValue prints values as the seeds do', () => {
  assert.equal(formatValue(84.8, 'percentage', 1), '84.8%');
  assert.equal(formatValue(12.5, 'percentage', 2), '12.50%'); // seed 004 prints "12.50%"
  assert.equal(formatValue(12.53, 'rate_per_1000', 2), '12.53 per 1,000');
  assert.equal(formatValue(330.1, 'rate_per_10000', 1), '330.1 per 10,000');
  assert.equal(formatValue(151, 'rate_per_100000', 0), '151 per 100,000');
  assert.equal(formatValue(5000, 'money', 0), '£5,000');
  assert.equal(formatValue(10305.5, 'money', 2), '£10,305.50');
  assert.equal(formatValue(-10305, 'money', 0), '-£10,305');
  assert.equal(formatValue(7390, 'count', 0), '7,390');
  assert.equal(formatValue(1538, 'count', 0), '1,538');
  assert.equal(formatValue(12, 'days', 0), '12 days');
  assert.equal(formatValue(1, 'days', 0), '1 day');
  assert.equal(formatValue(1.5, 'days', 1), '1.5 days');
  assert.equal(formatValue(3.23, 'number', 2), '3.23');
  assert.equal(formatValue(1234567.891, 'number', 2), '1,234,567.89');
  assert.equal(formatValue(null, 'percentage', 1), 'No data');
  assert.throws(() => formatValue(1, 'furlongs' as Unit, 0), /Unknown unit/);
  assert.throws(() => formatValue(1, 'count', -1), RangeError);
});

test('rounding is exact, half away from zero, and never prints negative zero', () => {
  assert.equal(roundedText(1.005, 2), '1.01'); // (1.005).toFixed(2) is '1.00'
  assert.equal(roundedText(2.5, 0), '3');
  assert.equal(roundedText(-2.5, 0), '-3');
  assert.equal(roundedText(0.125, 2), '0.13');
  assert.equal(roundedText(-0.04, 1), '0.0');
  assert.equal(roundedText(-0, 0), '0');
  assert.equal(roundedText(1e21, 0), '1000000000000000000000');
  assert.equal(roundedText(1e-7, 8), '0.00000010');
  assert.equal(formatNumber(-1234.5, 1), '-1,234.5');
  assert.equal(formatNumber(999.995, 2), '1,000.00');
  fc.assert(
    fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), (n) => {
      const text = roundedText(n / 1000, 3);
      return Number(text) === n / 1000 || (n === 0 && text === '0.000');
    }),
  );
});

test('RAG and polarity words', () => {
  assert.equal(ragStatusText('on_target'), 'On target');
  assert.equal(ragStatusText('within_tolerance'), 'Within 10%');
  assert.equal(ragStatusText('within_tolerance', 12.5), 'Within 12.5%');
  assert.equal(ragStatusText('within_tolerance', 100), 'Within 100%');
  assert.equal(ragStatusText('off_target'), 'Off target');
  assert.equal(ragStatusText('no_target'), 'No target');
  assert.equal(ragStatusText(null), 'No data');
});

// ---------------------------------------------------------------------------------------------
// Periods on the financial year (April to March)

const month = (start: string): Period => ({ frequency: 'monthly', start });
const quarter = (start: string): Period => ({ frequency: 'quarterly', start });
const year = (start: string): Period => ({ frequency: 'annual', start });

test('financial year boundaries: 31 March and 1 April', () => {
  assert.equal(financialYearOf('2018-03-31'), 2017);
  assert.equal(financialYearOf('2018-04-01'), 2018);
  assert.equal(financialYearOf('2018-01-01'), 2017);
  assert.equal(financialYearOf('2017-12-31'), 2017);
  assert.equal(financialYearOf('2018-03-31T23:30:00Z'), 2017);
  assert.deepEqual(periodOf('2018-03-31', 'annual'), year('2017-04-01'));
  assert.deepEqual(periodOf('2018-04-01', 'annual'), year('2018-04-01'));
  assert.deepEqual(periodOf('2018-03-31', 'quarterly'), quarter('2018-01-01'));
  assert.deepEqual(periodOf('2018-04-01', 'quarterly'), quarter('2018-04-01'));
  assert.deepEqual(periodOf('2018-03-31', 'monthly'), month('2018-03-01'));
  assert.deepEqual(periodOf('2018-04-01', 'monthly'), month('2018-04-01'));
  assert.throws(() => financialYearOf('2018-02-30'), TypeError);
  assert.throws(() => periodOf('31/03/2018', 'monthly'), TypeError);
  assert.throws(() => periodOf('2018-03-31', 'weekly' as Frequency), TypeError);
});

test('quarters: Q1 April–June … Q4 January–March, labelled by financial year', () => {
  const cases: [string, string, string][] = [
    ['2017-04-01', '2017-04-01', '2017/18 Q1'],
    ['2017-06-30', '2017-04-01', '2017/18 Q1'],
    ['2017-07-01', '2017-07-01', '2017/18 Q2'],
    ['2017-09-30', '2017-07-01', '2017/18 Q2'],
    ['2017-10-01', '2017-10-01', '2017/18 Q3'],
    ['2017-12-31', '2017-10-01', '2017/18 Q3'],
    ['2018-01-01', '2018-01-01', '2017/18 Q4'],
    ['2018-02-14', '2018-01-01', '2017/18 Q4'],
    ['2018-03-31', '2018-01-01', '2017/18 Q4'],
  ];
  for (const [date, start, label] of cases) {
    const p = periodOf(date, 'quarterly');
    assert.deepEqual(p, quarter(start), date);
    assert.equal(periodLabel(p), label, date);
  }
  // Seed 001: MARAC referrals "in 2008-09 … 1st Quarter: 52 … 4th Quarter 80".
  assert.deepEqual(periodsBetween(quarter('2008-04-01'), quarter('2009-01-01')).map(periodLabel), ['2008/09 Q1', '2008/09 Q2', '2008/09 Q3', '2008/09 Q4']);
  assert.equal(periodEnd(quarter('2009-01-01')), '2009-03-31');
});

test('labels: March 2018, 2017/18 Q3, 2017/18, and short forms for axes', () => {
  assert.equal(periodLabel(month('2018-03-01')), 'March 2018');
  assert.equal(periodLabel(quarter('2017-10-01')), '2017/18 Q3');
  assert.equal(periodLabel(year('2017-04-01')), '2017/18');
  assert.equal(periodLabel(year('1999-04-01')), '1999/00');
  assert.equal(periodLabel(year('2010-04-01')), '2010/11'); // NI 16's target year
  assert.equal(periodShortLabel(month('2018-03-01')), 'Mar 2018');
  assert.equal(periodShortLabel(quarter('2017-10-01')), '17/18 Q3');
  assert.equal(periodShortLabel(year('2017-04-01')), '2017/18');
  // A start that is not the first day of such a period is refused.
  assert.throws(() => periodLabel(month('2018-03-02')), TypeError);
  assert.throws(() => periodLabel(quarter('2018-02-01')), TypeError);
  assert.throws(() => periodLabel(year('2018-01-01')), TypeError);
  assert.equal(isPeriod({ frequency: 'annual', start: '2018-04-01' }), true);
  assert.equal(isPeriod({ frequency: 'annual', start: '2018-04-1' }), false);
  assert.equal(isPeriod(null), false);
});

test('period ends, including leap years and the turn of the year', () => {
  assert.equal(periodEnd(month('2018-03-01')), '2018-03-31');
  assert.equal(periodEnd(month('2018-04-01')), '2018-04-30');
  assert.equal(periodEnd(month('2018-02-01')), '2018-02-28');
  assert.equal(periodEnd(month('2020-02-01')), '2020-02-29');
  assert.equal(periodEnd(month('2000-02-01')), '2000-02-29');
  assert.equal(periodEnd(month('2100-02-01')), '2100-02-28');
  assert.equal(periodEnd(month('2017-12-01')), '2017-12-31');
  assert.equal(periodEnd(quarter('2017-10-01')), '2017-12-31');
  assert.equal(periodEnd(quarter('2019-04-01')), '2019-06-30');
  assert.equal(periodEnd(year('2017-04-01')), '2018-03-31');
  assert.equal(periodEnd(year('2019-04-01')), '2020-03-31');
  assert.equal(periodEnd(month('9999-12-01')), '9999-12-31');
  assert.equal(periodContains(year('2019-04-01'), '2020-02-29'), true);
  assert.equal(periodContains(year('2019-04-01'), '2020-04-01'), false);
});

test('next and previous period cross year and financial-year boundaries', () => {
  assert.deepEqual(nextPeriod(month('2017-12-01')), month('2018-01-01'));
  assert.deepEqual(nextPeriod(month('2018-03-01')), month('2018-04-01'));
  assert.deepEqual(previousPeriod(month('2018-01-01')), month('2017-12-01'));
  assert.deepEqual(nextPeriod(quarter('2017-10-01')), quarter('2018-01-01'));
  assert.deepEqual(nextPeriod(quarter('2018-01-01')), quarter('2018-04-01'));
  assert.deepEqual(previousPeriod(quarter('2018-04-01')), quarter('2018-01-01'));
  assert.deepEqual(nextPeriod(year('2017-04-01')), year('2018-04-01'));
  assert.deepEqual(previousPeriod(year('2017-04-01')), year('2016-04-01'));
  assert.throws(() => nextPeriod(month('9999-12-01')), RangeError);
});

const anyPeriod: fc.Arbitrary<Period> = fc
  .tuple(
    fc.constantFrom<Frequency>('monthly', 'quarterly', 'annual'),
    fc.date({ min: new Date('1900-06-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }),
  )
  .map(([frequency, date]) => periodOf(date.toISOString().slice(0, 10), frequency));

test('property: next(previous(p)) = p = previous(next(p)), and the period holds its own start and end', () => {
  fc.assert(
    fc.property(anyPeriod, (p) => {
      assert.deepEqual(nextPeriod(previousPeriod(p)), p);
      assert.deepEqual(previousPeriod(nextPeriod(p)), p);
      assert.ok(periodContains(p, p.start));
      assert.ok(periodContains(p, periodEnd(p)));
      assert.ok(!periodContains(p, dueDate(p, 1)));
      assert.deepEqual(periodOf(dueDate(p, 1), p.frequency), nextPeriod(p)); // the day after the end starts the next
      assert.ok(comparePeriods(nextPeriod(p), p) > 0);
    }),
    { numRuns: 500 },
  );
});

test('property: every label round-trips through parsePeriodLabel', () => {
  fc.assert(
    fc.property(anyPeriod, (p) => {
      assert.deepEqual(parsePeriodLabel(periodLabel(p), p.frequency), p);
      assert.deepEqual(parsePeriodLabel(periodShortLabel(p), p.frequency) ?? p, p); // '17/18 Q3' is not read back: 2-digit years are ambiguous
    }),
    { numRuns: 500 },
  );
});

test('parsePeriodLabel reads the ways people write periods', () => {
  const march = month('2018-03-01');
  for (const text of ['Mar 2018', 'March 2018', '2018-03', 'march 2018', '  MARCH   2018 ', 'Mar. 2018', '2018-3']) {
    assert.deepEqual(parsePeriodLabel(text, 'monthly'), march, text);
  }
  assert.deepEqual(parsePeriodLabel('Sept 2018', 'monthly'), month('2018-09-01'));
  assert.deepEqual(parsePeriodLabel('Sep 2018', 'monthly'), month('2018-09-01'));
  const q3 = quarter('2017-10-01');
  for (const text of ['2017/18 Q3', 'Q3 2017/18', '2017-18 Q3', 'q3 2017-18', '2017/2018 Q3', 'Quarter 3 2017/18', '2017/18 q3', '2017–18 Q3', 'Q3, 2017/18']) {
    assert.deepEqual(parsePeriodLabel(text, 'quarterly'), q3, text);
  }
  assert.deepEqual(parsePeriodLabel('2017/18 Q4', 'quarterly'), quarter('2018-01-01'));
  assert.deepEqual(parsePeriodLabel('1999/00 Q4', 'quarterly'), quarter('2000-01-01'));
  const fy = year('2017-04-01');
  for (const text of ['2017/18', '2017-18', '2017/2018', '2017 / 18', 'FY 2017/18', '2017–18']) {
    assert.deepEqual(parsePeriodLabel(text, 'annual'), fy, text);
  }
  assert.deepEqual(parsePeriodLabel('1999/00', 'annual'), year('1999-04-01'));
  assert.deepEqual(parsePeriodLabel('1999/2000', 'annual'), year('1999-04-01'));
});

test('parsePeriodLabel refuses what is not a period of the frequency asked for', () => {
  const bad: [string, Frequency][] = [
    ['', 'monthly'],
    ['2018', 'monthly'],
    ['Marchember 2018', 'monthly'],
    ['2018-13', 'monthly'],
    ['2018-00', 'monthly'],
    ['2017/18', 'monthly'],
    ['2017/18 Q3', 'monthly'],
    ['13/2018', 'monthly'],
    ['2017/19', 'annual'],
    ['2017/2019', 'annual'],
    ['2017-12', 'annual'],
    ['March 2018', 'annual'],
    ['2017/18 Q3', 'annual'],
    ['2017/18 Q5', 'quarterly'],
    ['2017/18 Q0', 'quarterly'],
    ['2017/18', 'quarterly'],
    ['Q3', 'quarterly'],
    ['2017/19 Q3', 'quarterly'],
    ['March 2018', 'quarterly'],
    ['x'.repeat(1000), 'annual'],
  ];
  for (const [text, frequency] of bad) assert.equal(parsePeriodLabel(text, frequency), null, `${text} (${frequency})`);
  assert.equal(parsePeriodLabel(42 as unknown as string, 'monthly'), null);
  assert.throws(() => parsePeriodLabel('2017/18', 'fortnightly' as Frequency), TypeError);
});

test('periodsBetween lists periods inclusively, oldest first', () => {
  assert.deepEqual(periodsBetween(month('2017-11-01'), month('2018-02-01')).map(periodLabel), [
    'November 2017',
    'December 2017',
    'January 2018',
    'February 2018',
  ]);
  assert.deepEqual(periodsBetween(month('2018-03-01'), month('2018-03-01')), [month('2018-03-01')]);
  assert.deepEqual(periodsBetween(month('2018-03-01'), month('2018-02-01')), []);
  assert.deepEqual(periodsBetween(year('2008-04-01'), year('2010-04-01')).map(periodLabel), ['2008/09', '2009/10', '2010/11']);
  assert.equal(periodsBetween(month('2008-04-01'), month('2018-03-01')).length, 120);
  assert.throws(() => periodsBetween(month('2018-01-01'), quarter('2018-01-01')), TypeError);
  assert.throws(() => periodsBetween(month('1900-01-01'), month('2100-12-01')), RangeError);
  assert.equal(periodsBetween(month('1900-01-01'), month('1999-12-01')).length, MAX_PERIODS_BETWEEN);
  fc.assert(
    fc.property(anyPeriod, fc.integer({ min: 0, max: 40 }), (p, k) => {
      let q = p;
      for (let i = 0; i < k; i += 1) q = nextPeriod(q);
      const list = periodsBetween(p, q);
      return list.length === k + 1 && list.every((x, i) => i === 0 || comparePeriods(x, list[i - 1]!) > 0);
    }),
    { numRuns: 200 },
  );
});

test('values are due a lag after the period ends', () => {
  assert.equal(dueDate(month('2018-03-01')), '2018-04-30');
  assert.equal(dueDate(month('2018-01-01')), '2018-03-02');
  assert.equal(dueDate(month('2020-01-01')), '2020-03-01'); // leap year: 31 Jan + 30 days
  assert.equal(dueDate(quarter('2017-10-01')), '2018-01-30');
  assert.equal(dueDate(year('2017-04-01')), '2018-04-30');
  assert.equal(dueDate(year('2017-04-01'), 0), '2018-03-31');
  assert.equal(dueDate(quarter('2018-01-01'), 45), '2018-05-15');
  assert.throws(() => dueDate(month('2018-03-01'), -1), RangeError);
  assert.throws(() => dueDate(month('2018-03-01'), 1.5), RangeError);
});

// ---------------------------------------------------------------------------------------------
// Direction of travel across gaps (issue 18 item 7)

test('travel: a value for November 2026 after August 2017 gets no direction, and says why', () => {
  // Adult safeguarding enquiries (seed 004, monthly, latest August 2017 at 95%): a new value
  // nine years later is not "Worsening" against it.
  const t = travel({ period: '2026-11-01', value: 80 }, { period: '2017-08-01', value: 95 }, 'monthly', 'higher_is_better', 1);
  assert.equal(t.direction, 'none');
  assert.equal(t.movement, null);
  assert.equal(t.against, 'too_old');
  assert.equal(t.previousPeriod, '2017-08-01');
  assert.equal(t.words, 'No comparison: previous value is from August 2017');
  // The old rule judged it against whatever came before.
  assert.equal(directionOfTravel(80, 95, 'higher_is_better', 1), 'worsening');
});

test('travel: against the period just before, as seed 004 prints it', () => {
  // July → August 2017: 73% → 95%, "Performance is improving".
  const t = travel({ period: '2017-08-01', value: 95 }, { period: '2017-07-01', value: 73 }, 'monthly', 'higher_is_better', 1);
  assert.deepEqual(t, { direction: 'improving', movement: 'up', against: 'previous', previousPeriod: '2017-07-01', periodsBefore: 1, words: 'Improving' });
  // Referral rate (not applicable polarity): a movement, not a judgement.
  const r = travel({ period: '2018-03-01', value: 330.1 }, { period: '2018-02-01', value: 298.6 }, 'monthly', 'not_applicable', 1);
  assert.equal(r.direction, 'none');
  assert.equal(r.words, 'Up');
  // LAC held at 51.9: no change.
  assert.equal(travel({ period: '2018-03-01', value: 51.9 }, { period: '2018-02-01', value: 51.9 }, 'monthly', 'lower_is_better', 1).words, 'No change');
  // Annual: 2015/16 → 2016/17 feel safer 83.2 → 84.8.
  assert.equal(travel({ period: '2016-04-01', value: 84.8 }, { period: '2015-04-01', value: 83.2 }, 'annual', 'higher_is_better', 1).words, 'Improving');
});

test('travel: within a year it still compares, naming the period compared with', () => {
  // Funded 2-year-old places: autumn term (Q3) against the summer term (Q1), two quarters before.
  const t = travel({ period: '2017-10-01', value: 82.4 }, { period: '2017-04-01', value: 69.6 }, 'quarterly', 'higher_is_better', 1);
  assert.equal(t.direction, 'improving');
  assert.equal(t.against, 'earlier');
  assert.equal(t.periodsBefore, 2);
  assert.equal(t.words, 'Improving (compared with 2017/18 Q1, 2 quarters before)');
  // Exactly a year of months back is the furthest; a month more is too old.
  assert.equal(TRAVEL_REACH_MONTHS, 12);
  assert.equal(travel({ period: '2018-03-01', value: 2 }, { period: '2017-03-01', value: 1 }, 'monthly', 'higher_is_better').against, 'earlier');
  assert.equal(travel({ period: '2018-03-01', value: 2 }, { period: '2017-02-01', value: 1 }, 'monthly', 'higher_is_better').against, 'too_old');
  // Annual: only the year before; two years back is too old.
  const annual = travel({ period: '2018-04-01', value: 2 }, { period: '2016-04-01', value: 1 }, 'annual', 'higher_is_better');
  assert.equal(annual.words, 'No comparison: previous value is from 2016/17');
  assert.equal(
    travel({ period: '2018-01-01', value: 2 }, { period: '2017-01-01', value: 1 }, 'quarterly', 'lower_is_better').words,
    'Worsening (compared with 2016/17 Q4, 4 quarters before)',
  );
});

test('travel: nothing before, no value, and periods out of order', () => {
  assert.equal(travel({ period: '2018-03-01', value: 5 }, null, 'monthly', 'higher_is_better').words, 'No previous period');
  assert.equal(travel({ period: '2018-03-01', value: 5 }, { period: '2018-02-01', value: null }, 'monthly', 'higher_is_better').direction, 'none');
  assert.equal(travel({ period: '2018-03-01', value: null }, { period: '2018-02-01', value: 4 }, 'monthly', 'higher_is_better').words, 'No data');
  assert.throws(() => travel({ period: '2018-03-01', value: 5 }, { period: '2018-03-01', value: 4 }, 'monthly', 'higher_is_better'), RangeError);
  assert.throws(() => travel({ period: '2018-03-01', value: 5 }, { period: '2018-02-15', value: 4 }, 'monthly', 'higher_is_better'), TypeError);
});

test('travel: whenever it judges, it agrees with directionOfTravel; it never judges across more than a year', () => {
  const month = fc.integer({ min: 0, max: 600 });
  fc.assert(
    fc.property(month, fc.integer({ min: 1, max: 60 }), fc.integer({ min: -500, max: 500 }), fc.integer({ min: -500, max: 500 }), (m, back, a, b) => {
      const start = (k: number) => `${2000 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}-01`;
      const t = travel({ period: start(m + back), value: a }, { period: start(m), value: b }, 'monthly', 'lower_is_better', 0);
      if (back > TRAVEL_REACH_MONTHS) return t.direction === 'none' && t.against === 'too_old';
      return t.direction === directionOfTravel(a, b, 'lower_is_better', 0) && t.periodsBefore === back;
    }),
  );
});
