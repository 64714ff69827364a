import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  AMBER_SHORTFALL,
  DEFAULT_MATRIX,
  GREEN_SHORTFALL,
  RECURRENCES,
  actionRag,
  addMonths,
  assessAction,
  byResidualScore,
  closeProblems,
  compareReferences,
  cycleMessage,
  daysInMonth,
  dependencyCycle,
  dueOn,
  expectedProgress,
  formatPlanDate,
  heatMap,
  isOverdue,
  levelCount,
  matrixProblems,
  maxScore,
  milestoneOverdue,
  nextReviewDate,
  parsePlanDate,
  parseRecurrence,
  planStage,
  priorityLevel,
  reviewOverdue,
  riskScore,
  routeReferences,
  taskLevel,
} from '../../src/plans/rules.ts';
import type { ActionProgress, PlanPeriod, Recurrence, RiskMatrix, RiskScores } from '../../src/plans/rules.ts';

// ---------------------------------------------------------------------------------------------
// Seed 004, the Communities and Partnerships Committee Delivery Plan: for every action its
// reference, the FIRST MILESTONE DATE, the ACTION CONTINUES UNTIL and the DECISION MAKING ROUTE
// columns exactly as printed.

interface SeedAction {
  ref: string;
  first: string;
  until: string;
  route: string;
}
const CPC = 'Communities and Partnerships Committee';
const DELIVERY_PLAN: SeedAction[] = [
  { ref: '1.1', first: 'April 2018', until: 'May 2020', route: 'Via action 1.4' },
  { ref: '1.2', first: 'April 2018', until: 'May 2020', route: 'Via action 1.4' },
  { ref: '1.3', first: 'June 2018', until: 'Refreshed annually', route: 'Via action 1.4' },
  { ref: '1.4', first: 'July 2018', until: 'Reviewed annually', route: `Countywide Communities Network Public Service Board ${CPC}` },
  { ref: '1.5', first: 'June 2018', until: 'Refreshed annually', route: `${CPC} CCC Service Committees` },
  { ref: '1.6', first: 'May-18', until: 'Reviewed annually', route: `${CPC} Combined Authority` },
  { ref: '1.7', first: 'April 2018', until: 'May 2020', route: `Shared and Integrated Services Board ${CPC} General Purposes Committee PCC Cabinet` },
  { ref: '1.8', first: 'May 2018', until: 'May 2020', route: 'Via action 1.4' },
  { ref: '1.9', first: 'May 2018', until: 'May 2020', route: 'Via action 1.4' },
  { ref: '1.10', first: 'November 2018', until: 'May 2020', route: 'Via action 1.4 In close co-operation with Service Committees' },
  { ref: '1.11', first: 'September 2018', until: 'Refreshed quarterly', route: 'Via action 1.4' },
  { ref: '1.12', first: 'October 2018', until: 'May 2020', route: 'Via action 1.4' },
  { ref: '1.13', first: 'May 2018', until: 'May 2020', route: 'Via action 1.4' },
  { ref: '1.14', first: 'December 2018', until: 'May 2020', route: 'Via action 1.4' },
  { ref: '1.15', first: 'July 2018', until: 'March 2019', route: `Countywide Community Safety Board Countywide Communities Network ${CPC}` },
  { ref: '1.16', first: 'November 2018', until: 'May 2020', route: `White Ribbon Project Board ${CPC}` },
  { ref: '1.17', first: 'July 2018', until: 'March 2019', route: `DASV Countywide Board ${CPC}` },
  { ref: '1.18', first: 'Reviewed yearly', until: 'May 2020', route: `DASV Countywide Board ${CPC}` },
  { ref: '2.1', first: 'June 2018', until: 'Refreshed biannually', route: 'Countywide Communities Network' },
  { ref: '2.2', first: 'June 2018', until: 'Refreshed biannually', route: 'Via action 2.6' },
  { ref: '2.3', first: 'October 2018', until: 'May 2020', route: 'Via action 2.6' },
  { ref: '2.4', first: 'December 2018', until: 'Refreshed annually', route: 'Via action 2.6' },
  { ref: '2.5', first: 'December 2018', until: 'Refreshed quarterly', route: 'Via action 2.6' },
  { ref: '2.6', first: 'December 2018', until: 'May 2020', route: `County Communities Network ${CPC}` },
  { ref: '2.7', first: 'June 2018', until: 'May 2020', route: `County Communities Network Countywide Housing Board ${CPC}` },
  { ref: '3.1', first: 'June 2018', until: 'September 2018', route: `${CPC} (review of Area Champions)` },
  { ref: '3.2', first: 'July 2018', until: 'May 2020', route: `${CPC} (review of Area Champions)` },
  { ref: '3.3', first: 'July 2018', until: 'May 2020', route: `${CPC} (review of Area Champions)` },
  { ref: '3.4', first: 'June 2018', until: 'May 2020', route: `Countywide Skills Board ${CPC}` },
  { ref: '3.5', first: 'July 2018', until: 'May 2020', route: `${CPC} (review of Area Champions)` },
  { ref: '3.6', first: 'November 2018', until: 'April 2019', route: `Countywide Skills Board ${CPC}` },
  { ref: '3.7', first: 'April 2018', until: 'May 2020', route: CPC },
  { ref: '3.8', first: 'April 2018', until: 'August 2018', route: CPC },
  { ref: '3.9', first: 'November 2018', until: 'April 2019', route: 'Via action 3.6' },
  { ref: '3.10', first: 'September 2018', until: 'May 2020', route: CPC },
  { ref: '3.11', first: 'April 2019', until: 'Refreshed annually', route: `Countywide Skills Board ${CPC}` },
  { ref: '4.1', first: 'September 2018', until: 'Reviewed biannually', route: `Public Service Board ${CPC}` },
  { ref: '4.2', first: 'September 2018', until: 'May 2020', route: `Public Service Board ${CPC}` },
  { ref: '4.3', first: 'June 2018', until: 'May 2020', route: 'Via action 1.4' },
  { ref: '4.4', first: 'September 2018', until: 'Refreshed annually', route: 'Via action 4.1' },
  { ref: '4.5', first: 'May 2018', until: 'Refreshed annually', route: `Via action 4.1 Public Service Board ${CPC} CCC Service Committees` },
  { ref: '4.6', first: 'May 2018', until: 'May 2020', route: `Public Service Board ${CPC}` },
  { ref: '4.7', first: 'May 2018', until: 'May 2020', route: 'Via action 1.4' },
];

/** A 4 × 4 matrix with four levels: 12–16 is level 1, 6–11 level 2, 3–5 level 3, 1–2 level 4. */
const FOUR_BY_FOUR: RiskMatrix = {
  likelihoodLabels: ['Low', 'Medium', 'High', 'Very high'],
  impactLabels: ['Low', 'Medium', 'High', 'Very high'],
  levelMinimums: [12, 6, 3],
};

const action = (over: Partial<ActionProgress> = {}): ActionProgress => ({
  status: 'on_track',
  percentComplete: null,
  firstMilestone: null,
  continuesUntil: null,
  recurrence: null,
  nextReview: null,
  ragOverride: null,
  ...over,
});

// ---- Risk matrix ------------------------------------------------------------------------------

test('riskScore is likelihood × impact on the default 5 × 5 matrix', () => {
  assert.equal(riskScore(1, 1), 1);
  assert.equal(riskScore(3, 4), 12);
  assert.equal(riskScore(5, 5), 25);
  assert.equal(riskScore(4, 4, FOUR_BY_FOUR), 16);
  assert.equal(maxScore(DEFAULT_MATRIX), 25);
  assert.equal(maxScore(FOUR_BY_FOUR), 16);
});

test('riskScore refuses points off the scales', () => {
  assert.throws(() => riskScore(0, 3), { name: 'RangeError', message: 'Likelihood must be from 1 to 5' });
  assert.throws(() => riskScore(6, 3), { name: 'RangeError', message: 'Likelihood must be from 1 to 5' });
  assert.throws(() => riskScore(2.5, 3), RangeError);
  assert.throws(() => riskScore(Number.NaN, 3), RangeError);
  assert.throws(() => riskScore(3, 0), { name: 'RangeError', message: 'Impact must be from 1 to 5' });
  assert.throws(() => riskScore(3, 6), { name: 'RangeError', message: 'Impact must be from 1 to 5' });
  assert.throws(() => riskScore(3, 1.5), RangeError);
  assert.throws(() => riskScore(5, 1, FOUR_BY_FOUR), { name: 'RangeError', message: 'Likelihood must be from 1 to 4' });
  assert.throws(() => riskScore(1, 5, FOUR_BY_FOUR), { name: 'RangeError', message: 'Impact must be from 1 to 4' });
});

test('priorityLevel on the default matrix: 15–25 level 1, 8–14 level 2, 1–7 level 3', () => {
  assert.equal(levelCount(DEFAULT_MATRIX), 3);
  for (let score = 1; score <= 25; score++) {
    const expected = score >= 15 ? 1 : score >= 8 ? 2 : 3;
    assert.equal(priorityLevel(score), expected, `score ${score}`);
  }
  // The boundaries, explicitly.
  assert.equal(priorityLevel(7), 3);
  assert.equal(priorityLevel(8), 2);
  assert.equal(priorityLevel(14), 2);
  assert.equal(priorityLevel(15), 1);
});

test('priorityLevel gives seed 003 style levels 1 to 3: a likely, major risk from deferring is level 1', () => {
  // Seed 003 assessed the risk of deferring each work programme (likelihood against impact) and
  // produced levels 1, 2 and 3, level 1 being "High priority".
  assert.equal(priorityLevel(riskScore(4, 4)), 1); // Likely × Major
  assert.equal(priorityLevel(riskScore(3, 3)), 2); // Possible × Moderate: "Important but not essential at this time"
  assert.equal(priorityLevel(riskScore(2, 3)), 3); // Unlikely × Moderate: "Important but not an immediate priority"
});

test('priorityLevel on a custom 4 × 4 matrix with levels [12, 6, 3] gives four levels', () => {
  assert.equal(levelCount(FOUR_BY_FOUR), 4);
  const levels = Array.from({ length: 16 }, (_, k) => priorityLevel(k + 1, FOUR_BY_FOUR));
  assert.deepEqual(levels, [4, 4, 3, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1]);
  assert.deepEqual(new Set(levels), new Set([1, 2, 3, 4]));
});

test('property: priorityLevel is monotonic — a higher score never gives a higher-numbered level', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 1, max: 25 }), (a, b) => {
      const [low, high] = a <= b ? [a, b] : [b, a];
      return priorityLevel(high) <= priorityLevel(low);
    }),
  );
  // And on any usable matrix.
  const matrix = fc.record({ l: fc.integer({ min: 2, max: 10 }), i: fc.integer({ min: 2, max: 10 }) }).chain(({ l, i }) =>
    fc.uniqueArray(fc.integer({ min: 2, max: l * i }), { minLength: 1, maxLength: Math.min(6, l * i - 1) }).map(
      (mins): RiskMatrix => ({
        likelihoodLabels: Array.from({ length: l }, (_, k) => `L${k + 1}`),
        impactLabels: Array.from({ length: i }, (_, k) => `I${k + 1}`),
        levelMinimums: [...mins].sort((x, y) => y - x),
      }),
    ),
  );
  fc.assert(
    fc.property(matrix, fc.nat(), fc.nat(), (m, x, y) => {
      assert.deepEqual(matrixProblems(m), []);
      const a = 1 + (x % maxScore(m)),
        b = 1 + (y % maxScore(m));
      const [low, high] = a <= b ? [a, b] : [b, a];
      const [levelLow, levelHigh] = [priorityLevel(low, m), priorityLevel(high, m)];
      return levelHigh <= levelLow && levelHigh >= 1 && levelLow <= levelCount(m);
    }),
  );
});

test('matrixProblems: none for the default and the 4 × 4 matrix', () => {
  assert.deepEqual(matrixProblems(DEFAULT_MATRIX), []);
  assert.deepEqual(matrixProblems(FOUR_BY_FOUR), []);
});

test('matrixProblems names each problem', () => {
  const with_ = (over: Partial<RiskMatrix>) => matrixProblems({ ...DEFAULT_MATRIX, ...over });
  assert.deepEqual(with_({ likelihoodLabels: ['Only'] }), [
    'The likelihood scale needs 2 to 10 points',
    "Each level's lowest score must be a whole number from 2 to 5",
  ]);
  assert.deepEqual(with_({ likelihoodLabels: Array.from({ length: 11 }, (_, k) => `L${k}`) }), ['The likelihood scale needs 2 to 10 points']);
  assert.deepEqual(with_({ impactLabels: ['Only'] }), [
    'The impact scale needs 2 to 10 points',
    "Each level's lowest score must be a whole number from 2 to 5",
  ]);
  assert.deepEqual(with_({ impactLabels: ['Low', '  ', 'High', 'Very high', 'Extreme'] }), ['Every point on a scale needs a name']);
  assert.deepEqual(with_({ levelMinimums: [] }), ['Give the lowest score of at least one level']);
  assert.deepEqual(with_({ levelMinimums: [26, 8] }), ["Each level's lowest score must be a whole number from 2 to 25"]);
  assert.deepEqual(with_({ levelMinimums: [15, 1] }), ["Each level's lowest score must be a whole number from 2 to 25"]);
  assert.deepEqual(with_({ levelMinimums: [15, 7.5] }), ["Each level's lowest score must be a whole number from 2 to 25"]);
  assert.deepEqual(with_({ levelMinimums: [8, 15] }), ['Each level must start at a lower score than the level above it']);
  assert.deepEqual(with_({ levelMinimums: [15, 15] }), ['Each level must start at a lower score than the level above it']);
});

test('taskLevel: scored from the matrix', () => {
  assert.deepEqual(taskLevel({ likelihood: 3, impact: 5, levelOverride: null }), { score: 15, scoredLevel: 1, level: 1, overridden: false });
  assert.deepEqual(taskLevel({ likelihood: 2, impact: 4, levelOverride: null }), { score: 8, scoredLevel: 2, level: 2, overridden: false });
  assert.deepEqual(taskLevel({ likelihood: 1, impact: 2, levelOverride: null }, FOUR_BY_FOUR), { score: 2, scoredLevel: 4, level: 4, overridden: false });
});

test('taskLevel: an override with a different level wins and is marked overridden', () => {
  assert.deepEqual(taskLevel({ likelihood: 3, impact: 5, levelOverride: 2 }), { score: 15, scoredLevel: 1, level: 2, overridden: true });
  assert.deepEqual(taskLevel({ likelihood: 1, impact: 1, levelOverride: 1 }), { score: 1, scoredLevel: 3, level: 1, overridden: true });
});

test('taskLevel: an override equal to the scored level is not "overridden"', () => {
  assert.deepEqual(taskLevel({ likelihood: 3, impact: 5, levelOverride: 1 }), { score: 15, scoredLevel: 1, level: 1, overridden: false });
});

test('taskLevel: unscored until both likelihood and impact are given', () => {
  const none = { score: null, scoredLevel: null, level: null, overridden: false };
  assert.deepEqual(taskLevel({ likelihood: null, impact: null, levelOverride: null }), none);
  assert.deepEqual(taskLevel({ likelihood: 4, impact: null, levelOverride: null }), none);
  assert.deepEqual(taskLevel({ likelihood: null, impact: 4, levelOverride: null }), none);
  // A level set by hand on an unscored task is still its level.
  assert.equal(taskLevel({ likelihood: null, impact: null, levelOverride: 2 }).level, 2);
  assert.throws(() => taskLevel({ likelihood: 6, impact: 1, levelOverride: null }), RangeError);
});

test('heatMap: rows from the most likely down, impact left to right, with score and level per cell', () => {
  const rows = heatMap([], () => null);
  assert.equal(rows.length, 5);
  assert.ok(rows.every((row) => row.length === 5));
  assert.deepEqual(
    rows.map((row) => row[0]!.likelihood),
    [5, 4, 3, 2, 1],
  );
  assert.deepEqual(
    rows[0]!.map((cell) => cell.impact),
    [1, 2, 3, 4, 5],
  );
  for (const row of rows)
    for (const cell of row) {
      assert.equal(cell.score, cell.likelihood * cell.impact);
      assert.equal(cell.level, priorityLevel(cell.score));
      assert.deepEqual(cell.items, []);
    }
  assert.deepEqual(
    rows.map((row) => row.map((cell) => cell.level)),
    [
      [3, 2, 1, 1, 1], // Almost certain: 5, 10, 15, 20, 25
      [3, 2, 2, 1, 1], // Likely: 4, 8, 12, 16, 20
      [3, 3, 2, 2, 1], // Possible: 3, 6, 9, 12, 15
      [3, 3, 3, 2, 2], // Unlikely: 2, 4, 6, 8, 10
      [3, 3, 3, 3, 3], // Rare: 1..5
    ],
  );
});

test('heatMap places each item in its cell and leaves out unplaced and off-matrix items', () => {
  const risks = [
    { name: 'Negative publicity', l: 4, i: 2 },
    { name: 'Officer capacity', l: 4, i: 2 },
    { name: 'Funding', l: 5, i: 5 },
    { name: 'Rare and negligible', l: 1, i: 1 },
    { name: 'Unscored', l: null, i: null },
    { name: 'Off the scale', l: 6, i: 1 },
    { name: 'Zero', l: 0, i: 3 },
    { name: 'Too wide', l: 3, i: 6 },
  ];
  const rows = heatMap(risks, (r) => (r.l === null || r.i === null ? null : { likelihood: r.l, impact: r.i }));
  const names = (l: number, i: number) => rows[5 - l]![i - 1]!.items.map((r) => r.name);
  assert.deepEqual(names(4, 2), ['Negative publicity', 'Officer capacity']);
  assert.equal(rows[1]![1]!.likelihood, 4);
  assert.equal(rows[1]![1]!.impact, 2);
  assert.equal(rows[1]![1]!.level, 2);
  assert.deepEqual(names(5, 5), ['Funding']);
  assert.deepEqual(names(1, 1), ['Rare and negligible']);
  const placed = rows.flat().reduce((n, cell) => n + cell.items.length, 0);
  assert.equal(placed, 4);
});

test('heatMap on the 4 × 4 matrix has 4 rows of 4 and its four levels', () => {
  const rows = heatMap([{ at: { likelihood: 3, impact: 4 } }], (x) => x.at, FOUR_BY_FOUR);
  assert.equal(rows.length, 4);
  assert.deepEqual(
    rows.map((row) => row.map((cell) => cell.level)),
    [
      [3, 2, 1, 1], // 4, 8, 12, 16
      [3, 2, 2, 1], // 3, 6, 9, 12
      [4, 3, 2, 2], // 2, 4, 6, 8
      [4, 4, 3, 3], // 1, 2, 3, 4
    ],
  );
  assert.equal(rows[1]![3]!.items.length, 1);
});

// ---- Dates as plans print them -----------------------------------------------------------------

test('parsePlanDate: the month forms of seed 004', () => {
  assert.equal(parsePlanDate('April 2018'), '2018-04-01');
  assert.equal(parsePlanDate('April 2018', { end: true }), '2018-04-30');
  assert.equal(parsePlanDate('May-18'), '2018-05-01');
  assert.equal(parsePlanDate('May-18', { end: true }), '2018-05-31');
  assert.equal(parsePlanDate('May 2020', { end: true }), '2020-05-31');
  assert.equal(parsePlanDate('September 2018'), '2018-09-01');
  assert.equal(parsePlanDate('Sept 2018'), '2018-09-01');
  assert.equal(parsePlanDate('Sep 2018'), '2018-09-01');
  assert.equal(parsePlanDate('Apr 2018'), '2018-04-01');
  assert.equal(parsePlanDate('Dec-18', { end: true }), '2018-12-31');
  assert.equal(parsePlanDate('  june   2018 '), '2018-06-01');
  assert.equal(parsePlanDate('JULY 2018'), '2018-07-01');
});

test('parsePlanDate: day forms, where `end` changes nothing', () => {
  assert.equal(parsePlanDate('30/04/2018'), '2018-04-30');
  assert.equal(parsePlanDate('1/5/2018'), '2018-05-01');
  assert.equal(parsePlanDate('2018-04-30'), '2018-04-30');
  assert.equal(parsePlanDate('2018-04-15', { end: true }), '2018-04-15');
  assert.equal(parsePlanDate('15/04/2018', { end: true }), '2018-04-15');
});

test('parsePlanDate: the end of February in leap and common years', () => {
  assert.equal(parsePlanDate('February 2020', { end: true }), '2020-02-29');
  assert.equal(parsePlanDate('Feb 2019', { end: true }), '2019-02-28');
  assert.equal(parsePlanDate('February 2100', { end: true }), '2100-02-28'); // 2100 is not a leap year
  assert.equal(parsePlanDate('February 2000', { end: true }), '2000-02-29');
  assert.equal(parsePlanDate('29/02/2020'), '2020-02-29');
  assert.equal(parsePlanDate('29/02/2019'), null);
  assert.equal(daysInMonth(2020, 2), 29);
  assert.equal(daysInMonth(2019, 2), 28);
});

test('parsePlanDate: null for what is not a date', () => {
  for (const text of [
    'Aprill 2018',
    'Ap 2018',
    'Septem 2018',
    'Ma 2018',
    '31/02/2019',
    '31/04/2018',
    '1899-12-31',
    '2101-01-01',
    'January 1899',
    '2018-13-01',
    '2018-04-00',
    '00/04/2018',
    '2018-4-30',
    'May-1',
    'April',
    '2018',
    '',
    'Reviewed yearly',
    'Refreshed annually',
  ]) {
    assert.equal(parsePlanDate(text), null, text);
  }
  assert.equal(parsePlanDate('1900-01-01'), '1900-01-01');
  assert.equal(parsePlanDate('2100-12-31'), '2100-12-31');
});

test('parsePlanDate: every first milestone of seed 004 is a date but "Reviewed yearly"; every end is a date or a recurrence', () => {
  for (const a of DELIVERY_PLAN) {
    const first = parsePlanDate(a.first);
    if (a.ref === '1.18') assert.equal(first, null);
    else assert.match(first ?? '', /^2018|^2019/, a.ref);
    const until = parsePlanDate(a.until, { end: true });
    const recurrence = parseRecurrence(a.until);
    assert.ok((until === null) !== (recurrence === null), `${a.ref}: exactly one of a date and a recurrence`);
    if (until) assert.ok(until.endsWith(`-${daysInMonth(Number(until.slice(0, 4)), Number(until.slice(5, 7)))}`), `${a.ref} ends on the last of its month`);
  }
  assert.equal(parsePlanDate(DELIVERY_PLAN.find((a) => a.ref === '1.6')!.first), '2018-05-01');
  assert.equal(parsePlanDate('March 2019', { end: true }), '2019-03-31');
});

test('formatPlanDate: a month for the first or last of it, otherwise the day', () => {
  assert.equal(formatPlanDate('2018-04-01'), 'April 2018');
  assert.equal(formatPlanDate('2018-04-30'), 'April 2018');
  assert.equal(formatPlanDate('2020-02-29'), 'February 2020');
  assert.equal(formatPlanDate('2018-04-15'), '15 April 2018');
  assert.equal(formatPlanDate('2019-02-28'), 'February 2019');
  assert.equal(formatPlanDate('2020-02-28'), '28 February 2020');
  assert.equal(formatPlanDate(null), '');
  assert.equal(formatPlanDate(''), '');
  for (const a of DELIVERY_PLAN) {
    const date = parsePlanDate(a.first);
    if (date && !a.first.includes('-')) assert.equal(formatPlanDate(date).toLowerCase(), a.first.toLowerCase());
  }
  assert.equal(formatPlanDate(parsePlanDate('May-18')), 'May 2018');
});

test('addMonths keeps the day, or the last of a shorter month', () => {
  assert.equal(addMonths('2019-01-31', 1), '2019-02-28');
  assert.equal(addMonths('2020-01-31', 1), '2020-02-29');
  assert.equal(addMonths('2018-04-30', 1), '2018-05-30');
  assert.equal(addMonths('2018-12-15', 1), '2019-01-15');
  assert.equal(addMonths('2018-06-01', 12), '2019-06-01');
  assert.equal(addMonths('2018-08-31', 6), '2019-02-28');
  assert.equal(addMonths('2019-03-31', -1), '2019-02-28');
  assert.equal(addMonths('2019-01-15', -1), '2018-12-15');
  assert.equal(addMonths('2018-05-10', 0), '2018-05-10');
  assert.equal(addMonths('2018-05-10', 24), '2020-05-10');
});

// ---- Recurrence ---------------------------------------------------------------------------------

test('parseRecurrence: every phrase of seed 004', () => {
  assert.equal(parseRecurrence('Refreshed annually'), 'annual');
  assert.equal(parseRecurrence('Reviewed annually'), 'annual');
  assert.equal(parseRecurrence('Reviewed yearly'), 'annual');
  assert.equal(parseRecurrence('Refreshed biannually'), 'six_monthly');
  assert.equal(parseRecurrence('Reviewed biannually'), 'six_monthly');
  assert.equal(parseRecurrence('Refreshed quarterly'), 'quarterly');
  assert.equal(parseRecurrence('May 2020'), null);
  assert.equal(parseRecurrence('March 2019'), null);
  const found = new Map(DELIVERY_PLAN.map((a) => [a.ref, parseRecurrence(a.until)]));
  assert.equal(found.get('1.3'), 'annual');
  assert.equal(found.get('1.11'), 'quarterly');
  assert.equal(found.get('2.1'), 'six_monthly');
  assert.equal(found.get('4.1'), 'six_monthly');
  assert.equal(found.get('1.1'), null);
  assert.equal([...found.values()].filter((r) => r !== null).length, 13);
});

test('parseRecurrence: other ways of saying it', () => {
  assert.equal(parseRecurrence('Every year'), 'annual');
  assert.equal(parseRecurrence('Monthly'), 'monthly');
  assert.equal(parseRecurrence('Each month'), 'monthly');
  assert.equal(parseRecurrence('Six-monthly'), 'six_monthly');
  assert.equal(parseRecurrence('Twice a year'), 'six_monthly');
  assert.equal(parseRecurrence('Every six months'), 'six_monthly');
  assert.equal(parseRecurrence('Every quarter'), 'quarterly');
  assert.equal(parseRecurrence('Ongoing'), null);
  assert.equal(parseRecurrence(''), null);
});

test('parseRecurrence: hyphenated and "each year" forms of twice a year are six-monthly, not annual', () => {
  // The six-monthly pattern lists these, but the annual pattern is tested first and matches
  // "annually" after the hyphen, "yearly" after "half-" and "each year" in "twice each year".
  assert.equal(parseRecurrence('Reviewed bi-annually'), 'six_monthly');
  assert.equal(parseRecurrence('Half-yearly'), 'six_monthly');
  assert.equal(parseRecurrence('Half yearly'), 'six_monthly');
  assert.equal(parseRecurrence('Twice each year'), 'six_monthly');
});

test('nextReviewDate is one recurrence after the review', () => {
  assert.equal(nextReviewDate('2018-06-01', 'annual'), '2019-06-01');
  assert.equal(nextReviewDate('2018-08-31', 'six_monthly'), '2019-02-28');
  assert.equal(nextReviewDate('2018-11-30', 'quarterly'), '2019-02-28');
  assert.equal(nextReviewDate('2020-01-31', 'monthly'), '2020-02-29');
  assert.equal(nextReviewDate('2018-12-15', 'monthly'), '2019-01-15');
  const months: Record<Recurrence, number> = { monthly: 1, quarterly: 3, six_monthly: 6, annual: 12 };
  for (const r of RECURRENCES) assert.equal(nextReviewDate('2018-01-10', r), addMonths('2018-01-10', months[r]));
});

// ---- Progress, RAG and overdue ---------------------------------------------------------------

test('expectedProgress: action 1.1, April 2018 to May 2020 (31 May), on 1 May 2019 is about half way', () => {
  const start = parsePlanDate('April 2018')!;
  const end = parsePlanDate('May 2020', { end: true })!;
  assert.equal(start, '2018-04-01');
  assert.equal(end, '2020-05-31');
  // 395 of 791 days have passed: 49.9%, rounded to 50.
  assert.equal(expectedProgress(start, end, '2019-05-01'), 50);
  assert.equal(expectedProgress(start, end, '2018-04-01'), 0);
  assert.equal(expectedProgress(start, end, '2020-05-31'), 100);
});

test('expectedProgress: 0 before the start, 100 after the end, null with no end', () => {
  assert.equal(expectedProgress('2018-04-01', '2020-05-31', '2018-01-01'), 0);
  assert.equal(expectedProgress('2018-04-01', '2020-05-31', '2021-01-01'), 100);
  assert.equal(expectedProgress('2018-06-01', null, '2019-01-01'), null);
  assert.equal(expectedProgress(null, null, '2019-01-01'), null);
  // 100 days from 1 January 2020 to 10 April 2020 (a leap year).
  assert.equal(expectedProgress('2020-01-01', '2020-04-10', '2020-02-20'), 50);
  assert.equal(expectedProgress('2020-01-01', '2020-04-10', '2020-01-11'), 10);
  // Without a start (or an end not after it) all is due on the end date.
  assert.equal(expectedProgress(null, '2019-03-31', '2019-03-30'), 0);
  assert.equal(expectedProgress(null, '2019-03-31', '2019-03-31'), 100);
  assert.equal(expectedProgress('2019-03-31', '2019-03-31', '2019-04-01'), 100);
  assert.equal(expectedProgress('2019-04-30', '2019-03-31', '2019-03-01'), 0);
});

test('actionRag: completed is green and deferred grey, whatever the dates', () => {
  const late = { firstMilestone: '2018-04-01', continuesUntil: '2018-08-31', percentComplete: 10 };
  assert.deepEqual(actionRag(action({ ...late, status: 'completed' }), '2019-01-01'), { rag: 'green', derived: 'green', reason: 'Completed', expected: 100 });
  assert.deepEqual(actionRag(action({ ...late, status: 'deferred' }), '2019-01-01'), { rag: 'grey', derived: 'grey', reason: 'Deferred', expected: 100 });
});

test('actionRag: overdue is red, with the reason', () => {
  // Action 3.8: April 2018 to August 2018, still on track on 1 September 2018.
  const a = action({ firstMilestone: '2018-04-01', continuesUntil: '2018-08-31', percentComplete: 95 });
  assert.deepEqual(actionRag(a, '2018-09-01'), { rag: 'red', derived: 'red', reason: 'Past its end date and not completed', expected: 100 });
  // On its last day it is not yet overdue.
  assert.equal(actionRag(a, '2018-08-31').rag, 'green');
});

test('actionRag: percent complete against expected — 10 points behind green, 11 and 25 amber, 26 red', () => {
  const at = (percentComplete: number) => actionRag(action({ firstMilestone: '2020-01-01', continuesUntil: '2020-04-10', percentComplete }), '2020-02-20');
  assert.equal(GREEN_SHORTFALL, 10);
  assert.equal(AMBER_SHORTFALL, 25);
  assert.deepEqual(at(40), { rag: 'green', derived: 'green', reason: '40% complete against 50% expected', expected: 50 });
  assert.deepEqual(at(39), { rag: 'amber', derived: 'amber', reason: '39% complete against 50% expected', expected: 50 });
  assert.deepEqual(at(25), { rag: 'amber', derived: 'amber', reason: '25% complete against 50% expected', expected: 50 });
  assert.deepEqual(at(24), { rag: 'red', derived: 'red', reason: '24% complete against 50% expected', expected: 50 });
  assert.equal(at(80).rag, 'green');
  assert.equal(at(50).rag, 'green');
  assert.equal(at(0).rag, 'red');
});

test('actionRag: percent wins over the reported status', () => {
  const a = action({ status: 'off_track', firstMilestone: '2020-01-01', continuesUntil: '2020-04-10', percentComplete: 50 });
  assert.equal(actionRag(a, '2020-02-20').rag, 'green');
});

test('actionRag: without a percent, the reported status', () => {
  const dates = { firstMilestone: '2018-07-01', continuesUntil: '2020-05-31' };
  assert.deepEqual(actionRag(action({ ...dates, status: 'off_track' }), '2019-01-01'), {
    rag: 'red',
    derived: 'red',
    reason: 'Reported off track',
    expected: 26,
  });
  assert.equal(actionRag(action({ ...dates, status: 'at_risk' }), '2019-01-01').rag, 'amber');
  assert.equal(actionRag(action({ ...dates, status: 'at_risk' }), '2019-01-01').reason, 'Reported at risk');
  assert.equal(actionRag(action({ ...dates, status: 'on_track' }), '2019-01-01').reason, 'Reported on track');
  assert.equal(actionRag(action({ ...dates, status: 'on_track' }), '2019-01-01').rag, 'green');
  // Not started: fine before its first milestone, amber once it has passed.
  assert.deepEqual(actionRag(action({ ...dates, status: 'not_started' }), '2018-06-01'), {
    rag: 'green',
    derived: 'green',
    reason: 'Not due to start yet',
    expected: 0,
  });
  assert.deepEqual(actionRag(action({ ...dates, status: 'not_started' }), '2018-07-02'), {
    rag: 'amber',
    derived: 'amber',
    reason: 'Not started and the first milestone has passed',
    expected: 0,
  });
});

test('actionRag: a recurring action whose next review has passed is red, "Review overdue"', () => {
  // Action 1.3: June 2018, "Refreshed annually", last refreshed 1 June 2018.
  const a = action({
    firstMilestone: parsePlanDate('June 2018'),
    continuesUntil: null,
    recurrence: parseRecurrence('Refreshed annually'),
    nextReview: nextReviewDate('2018-06-01', 'annual'),
  });
  assert.deepEqual(actionRag(a, '2019-06-02'), { rag: 'red', derived: 'red', reason: 'Review overdue', expected: null });
  assert.deepEqual(actionRag(a, '2019-06-01'), { rag: 'green', derived: 'green', reason: 'Reported on track', expected: null });
});

test('actionRag: an override wins, but `derived` keeps the computed RAG', () => {
  const behind = action({ firstMilestone: '2020-01-01', continuesUntil: '2020-04-10', percentComplete: 10, ragOverride: 'amber' });
  assert.deepEqual(actionRag(behind, '2020-02-20'), { rag: 'amber', derived: 'red', reason: 'Set by hand', expected: 50 });
  const overdue = action({ continuesUntil: '2018-08-31', ragOverride: 'green' });
  assert.deepEqual(actionRag(overdue, '2019-01-01'), { rag: 'green', derived: 'red', reason: 'Set by hand', expected: 100 });
  assert.equal(actionRag(action({ status: 'deferred', ragOverride: 'red' }), '2019-01-01').derived, 'grey');
});

test('isOverdue: past its end (or next review) and neither completed nor deferred', () => {
  const a = action({ continuesUntil: '2019-03-31' });
  assert.equal(dueOn(a), '2019-03-31');
  assert.equal(isOverdue(a, '2019-03-31'), false);
  assert.equal(isOverdue(a, '2019-04-01'), true);
  assert.equal(isOverdue({ ...a, status: 'completed' }, '2019-04-01'), false);
  assert.equal(isOverdue({ ...a, status: 'deferred' }, '2019-04-01'), false);
  assert.equal(isOverdue({ ...a, status: 'not_started' }, '2019-04-01'), true);
  assert.equal(isOverdue(action(), '2030-01-01'), false);
  // A recurring action is due at its next review, not at any end date.
  const recurring = action({ continuesUntil: '2019-03-31', recurrence: 'quarterly', nextReview: '2019-06-30' });
  assert.equal(dueOn(recurring), '2019-06-30');
  assert.equal(isOverdue(recurring, '2019-04-01'), false);
  assert.equal(isOverdue(recurring, '2019-07-01'), true);
  assert.equal(isOverdue(action({ recurrence: 'annual', nextReview: null }), '2030-01-01'), false);
});

test('milestoneOverdue: not started, nothing done and the first milestone passed', () => {
  const a = action({ status: 'not_started', firstMilestone: '2018-11-01' });
  assert.equal(milestoneOverdue(a, '2018-11-01'), false);
  assert.equal(milestoneOverdue(a, '2018-11-02'), true);
  assert.equal(milestoneOverdue({ ...a, percentComplete: 0 }, '2018-11-02'), true);
  assert.equal(milestoneOverdue({ ...a, percentComplete: 5 }, '2018-11-02'), false);
  assert.equal(milestoneOverdue({ ...a, status: 'on_track' }, '2018-11-02'), false);
  assert.equal(milestoneOverdue({ ...a, firstMilestone: null }, '2018-11-02'), false);
});

// ---- Dependencies ---------------------------------------------------------------------------

test('dependencyCycle: a direct two-step cycle', () => {
  assert.deepEqual(dependencyCycle([['1.1', '1.4']], '1.4', '1.1'), ['1.4', '1.1', '1.4']);
});

test('dependencyCycle: a three-step cycle, its path printed in order', () => {
  const edges: [string, string][] = [
    ['1.1', '1.2'],
    ['1.2', '1.3'],
  ];
  assert.deepEqual(dependencyCycle(edges, '1.3', '1.1'), ['1.3', '1.1', '1.2', '1.3']);
  assert.equal(cycleMessage(['1.3', '1.1', '1.2', '1.3']), 'Action 1.3 cannot depend on 1.1: that would make a circle (1.3 → 1.1 → 1.2 → 1.3)');
});

test('dependencyCycle: depending on itself is a cycle', () => {
  assert.deepEqual(dependencyCycle([], '2.6', '2.6'), ['2.6', '2.6']);
  assert.equal(cycleMessage(['2.6', '2.6']), 'Action 2.6 cannot depend on 2.6: that would make a circle (2.6 → 2.6)');
});

test('dependencyCycle: no cycle in a diamond, nor for unrelated or repeated edges', () => {
  const diamond: [string, string][] = [
    ['A', 'B'],
    ['A', 'C'],
    ['B', 'D'],
  ];
  assert.equal(dependencyCycle(diamond, 'C', 'D'), null);
  assert.equal(dependencyCycle([...diamond, ['C', 'D']], 'A', 'D'), null);
  assert.equal(dependencyCycle([['1.1', '1.4']], '1.1', '1.4'), null);
  assert.equal(dependencyCycle([['1.1', '1.4']], '2.1', '2.6'), null);
  assert.deepEqual(dependencyCycle([...diamond, ['C', 'D']], 'D', 'A'), ['D', 'A', 'B', 'D']);
});

test('dependencyCycle: the seed 004 routes "Via action 1.4" make no cycle, and 1.4 cannot then depend on one of them', () => {
  const edges = DELIVERY_PLAN.flatMap((a) => routeReferences(a.route).map((to): [string, string] => [a.ref, to]));
  assert.equal(edges.length, 19);
  assert.equal(dependencyCycle(edges, '4.5', '4.1'), null);
  assert.deepEqual(dependencyCycle(edges, '1.4', '1.10'), ['1.4', '1.10', '1.4']);
  assert.deepEqual(dependencyCycle([...edges, ['4.1', '2.2']], '2.6', '4.4'), ['2.6', '4.4', '4.1', '2.2', '2.6']);
});

test('cycleMessage capitalises the noun', () => {
  assert.equal(cycleMessage(['1.4', '1.1', '1.4']), 'Action 1.4 cannot depend on 1.1: that would make a circle (1.4 → 1.1 → 1.4)');
  assert.equal(cycleMessage(['5', '2', '5'], 'task'), 'Task 5 cannot depend on 2: that would make a circle (5 → 2 → 5)');
});

test('property: dependencyCycle never reports a cycle for edges that only go from a higher to a lower number', () => {
  const downward = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })), { maxLength: 40 })
    .map((pairs) => pairs.filter(([a, b]) => a !== b).map(([a, b]): [string, string] => (a > b ? [String(a), String(b)] : [String(b), String(a)])));
  fc.assert(
    fc.property(downward, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), (edges, x, y) => {
      fc.pre(x !== y);
      const [from, to] = x > y ? [String(x), String(y)] : [String(y), String(x)];
      return dependencyCycle(edges, from, to) === null;
    }),
  );
});

test('property: a reported cycle starts and ends with the new dependency and follows existing edges', () => {
  const edgesArb = fc.array(
    fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).map(([a, b]): [string, string] => [String(a), String(b)]),
    { maxLength: 20 },
  );
  fc.assert(
    fc.property(edgesArb, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), (edges, x, y) => {
      const [from, to] = [String(x), String(y)];
      const path = dependencyCycle(edges, from, to);
      if (path === null) return true;
      assert.equal(path[0], from);
      assert.equal(path[1], to);
      assert.equal(path.at(-1), from);
      const has = new Set(edges.map(([a, b]) => `${a}>${b}`));
      for (let k = 1; k < path.length - 1; k++) assert.ok(has.has(`${path[k]}>${path[k + 1]}`), `${path[k]} → ${path[k + 1]} is an existing edge`);
      return true;
    }),
  );
});

test('routeReferences: the decision-making routes of seed 004', () => {
  assert.deepEqual(routeReferences('Via action 1.4'), ['1.4']);
  assert.deepEqual(routeReferences('Via action 1.4 In close co-operation with Service Committees'), ['1.4']);
  assert.deepEqual(routeReferences('Via action 4.1 Public Service Board Communities and Partnerships Committee'), ['4.1']);
  assert.deepEqual(routeReferences('Via action 4.1 Public Service Board Communities and Partnerships Committee CCC Service Committees'), ['4.1']);
  assert.deepEqual(routeReferences('Via actions 1.4 and 2.6'), ['1.4', '2.6']);
  assert.deepEqual(routeReferences('via actions 1.4, 2.6 and 3.10'), ['1.4', '2.6', '3.10']);
  assert.deepEqual(routeReferences('Countywide Communities Network'), []);
  assert.deepEqual(routeReferences('Communities and Partnerships Committee (review of Area Champions)'), []);
  assert.deepEqual(routeReferences('Via action 1.4 and the Board'), ['1.4']);
  const refs = DELIVERY_PLAN.flatMap((a) => routeReferences(a.route));
  assert.deepEqual([...new Set(refs)].sort(compareReferences), ['1.4', '2.6', '3.6', '4.1']);
});

test('compareReferences sorts in plan order', () => {
  assert.deepEqual(['1.10', '1.2', '2.1', '1.1'].sort(compareReferences), ['1.1', '1.2', '1.10', '2.1']);
  assert.deepEqual(
    DELIVERY_PLAN.map((a) => a.ref)
      .reverse()
      .sort(compareReferences),
    DELIVERY_PLAN.map((a) => a.ref),
  );
  assert.ok(compareReferences('1', '1.1') < 0);
  assert.equal(compareReferences('3.2', '3.2'), 0);
});

// ---- Risks ----------------------------------------------------------------------------------

const risk = (over: Partial<RiskScores> & { name?: string }) => ({
  name: '',
  inherentLikelihood: 3,
  inherentImpact: 3,
  residualLikelihood: 2,
  residualImpact: 2,
  reviewDate: null,
  status: 'open',
  ...over,
});

test('reviewOverdue: an open risk past its review date', () => {
  assert.equal(reviewOverdue(risk({ reviewDate: '2019-03-31' }), '2019-04-01'), true);
  assert.equal(reviewOverdue(risk({ reviewDate: '2019-03-31' }), '2019-03-31'), false);
  assert.equal(reviewOverdue(risk({ reviewDate: '2019-03-31', status: 'closed' }), '2019-04-01'), false);
  assert.equal(reviewOverdue(risk({ reviewDate: null }), '2019-04-01'), false);
});

test('byResidualScore: highest residual first, then highest inherent, without changing the list', () => {
  const risks = [
    risk({ name: 'low', residualLikelihood: 1, residualImpact: 2 }),
    risk({ name: 'high', residualLikelihood: 4, residualImpact: 5 }),
    risk({ name: 'mid, inherent 9', residualLikelihood: 2, residualImpact: 3 }),
    risk({ name: 'mid, inherent 20', residualLikelihood: 3, residualImpact: 2, inherentLikelihood: 4, inherentImpact: 5 }),
  ];
  const before = risks.map((r) => r.name);
  assert.deepEqual(
    byResidualScore(risks).map((r) => r.name),
    ['high', 'mid, inherent 20', 'mid, inherent 9', 'low'],
  );
  assert.deepEqual(
    risks.map((r) => r.name),
    before,
  );
});

test('parsePlanDate reads back every date formatPlanDate writes, mid-month ones included', () => {
  for (const date of ['2018-04-01', '2020-05-31', '2026-12-05', '2019-02-15', '2020-02-29']) {
    assert.equal(parsePlanDate(formatPlanDate(date), { end: date.endsWith('31') || date === '2020-02-29' }), date, date);
  }
  assert.equal(parsePlanDate('5 June 2026'), '2026-06-05');
  assert.equal(parsePlanDate('31 June 2026'), null);
});

// ---- Plan periods: judged against today, the plan's end, or its close (issue 18, item 6) ------------------
// Seed 004's delivery plan runs from April 2018 to May 2020. Read on 6 December 2026 it was judged against
// that day: "43 actions: 0 green, 0 amber, 43 red".

const SEED_PERIOD: PlanPeriod = { startsOn: '2018-04-01', endsOn: '2020-05-31', closedOn: null };
const READ_ON = '2026-12-06';
// 2.3: October 2018 to May 2020, never reported on. 1.3: June 2018, refreshed annually (review due 2019-06-01).
// 1.2: April 2018 to May 2020, reported on track on 31 May 2018.
const a23 = { ...action({ status: 'not_started', firstMilestone: '2018-10-01', continuesUntil: '2020-05-31' }), lastUpdateOn: null };
const a13 = { ...action({ status: 'not_started', firstMilestone: '2018-06-01', recurrence: 'annual', nextReview: '2019-06-01' }), lastUpdateOn: null };
const a12 = { ...action({ status: 'on_track', firstMilestone: '2018-04-01', continuesUntil: '2020-05-31' }), lastUpdateOn: '2018-05-31' };

test('planStage: live plans are judged against today, ended ones at their end, closed ones at their close', () => {
  assert.deepEqual(planStage({ startsOn: null, endsOn: null, closedOn: null }, READ_ON), { stage: 'live', asAt: READ_ON });
  assert.deepEqual(planStage(SEED_PERIOD, '2019-01-15'), { stage: 'live', asAt: '2019-01-15' });
  // Its last day is still live; the day after, it has ended.
  assert.deepEqual(planStage(SEED_PERIOD, '2020-05-31'), { stage: 'live', asAt: '2020-05-31' });
  assert.deepEqual(planStage(SEED_PERIOD, '2020-06-01'), { stage: 'ended', asAt: '2020-05-31' });
  assert.deepEqual(planStage(SEED_PERIOD, READ_ON), { stage: 'ended', asAt: '2020-05-31' });
  assert.deepEqual(planStage({ ...SEED_PERIOD, closedOn: '2020-06-30' }, READ_ON), { stage: 'closed', asAt: '2020-06-30' });
  // Closed before its end (superseded early): frozen at the close, not judged at the end.
  assert.deepEqual(planStage({ ...SEED_PERIOD, closedOn: '2019-09-30' }, '2019-10-01'), { stage: 'closed', asAt: '2019-09-30' });
});

test('assessAction: in a live plan, as before: an unreported action past its end is red and overdue', () => {
  const live = { ...SEED_PERIOD, endsOn: null };
  assert.deepEqual(assessAction(a23, live, READ_ON), {
    ...actionRag(a23, READ_ON),
    overdue: true,
    milestoneOverdue: true,
    stage: 'live',
    asAt: READ_ON,
  });
  assert.equal(assessAction(a13, live, READ_ON).reason, 'Review overdue');
});

test('assessAction: the seed plan read in 2026 is not 43 red: nothing overdue, and silence is not assessed', () => {
  for (const closedOn of [null, '2020-06-30']) {
    const period = { ...SEED_PERIOD, closedOn };
    const when = closedOn ? 'before the plan was closed' : 'before the plan ended';
    for (const a of [a23, a13, a12]) {
      const judged = assessAction(a, period, READ_ON);
      assert.equal(judged.overdue, false);
      assert.equal(judged.milestoneOverdue, false);
      assert.notEqual(judged.rag, 'red');
    }
    assert.deepEqual(
      [assessAction(a23, period, READ_ON).rag, assessAction(a23, period, READ_ON).reason],
      ['grey', `Not assessed: no progress recorded ${when}`],
    );
    assert.equal(assessAction(a13, period, READ_ON).reason, `Not assessed: no progress recorded ${when}`);
  }
  // Judged at its end (31 May 2020), 1.2's end has not passed: its last report, on track, stands.
  assert.deepEqual([assessAction(a12, SEED_PERIOD, READ_ON).rag, assessAction(a12, SEED_PERIOD, READ_ON).reason], ['green', 'Reported on track']);
  // Closed a month later, its end passed with no report after it fell due.
  const closed = assessAction(a12, { ...SEED_PERIOD, closedOn: '2020-06-30' }, READ_ON);
  assert.deepEqual([closed.rag, closed.reason, closed.asAt], ['grey', 'Not assessed: last reported on 31 May 2018, before it was due', '2020-06-30']);
});

test('assessAction: once a plan is over, a report after the due date still counts, and completed, deferred and set RAGs stand', () => {
  const closed = { ...SEED_PERIOD, closedOn: '2020-06-30' };
  // Reported off track in June 2020, after its May 2020 end: red as at the close, but not overdue.
  const late = assessAction({ ...a23, status: 'off_track', lastUpdateOn: '2020-06-15' }, closed, READ_ON);
  assert.deepEqual([late.rag, late.reason, late.overdue], ['red', 'Past its end date and not completed', false]);
  // 40% reported in January 2019, due May 2020, closed early in September 2019: judged against the expected progress then.
  const early = assessAction({ ...a23, percentComplete: 40, lastUpdateOn: '2019-01-31' }, { ...SEED_PERIOD, closedOn: '2019-09-30' }, READ_ON);
  assert.deepEqual([early.rag, early.reason], ['amber', '40% complete against 60% expected']);
  assert.equal(assessAction({ ...a23, status: 'completed', lastUpdateOn: null }, closed, READ_ON).rag, 'green');
  assert.equal(assessAction({ ...a23, status: 'deferred', lastUpdateOn: null }, closed, READ_ON).reason, 'Deferred');
  assert.deepEqual(
    [
      assessAction({ ...a23, ragOverride: 'amber', lastUpdateOn: null }, closed, READ_ON).rag,
      assessAction({ ...a23, ragOverride: 'amber', lastUpdateOn: null }, closed, READ_ON).overdue,
    ],
    ['amber', false],
  );
});

test('assessAction: whatever the action and dates, nothing in an ended or closed plan is overdue, and a live plan is judged as actionRag', () => {
  const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2017, 0, 1 + n)).toISOString().slice(0, 10));
  fc.assert(
    fc.property(
      fc.constantFrom('not_started', 'on_track', 'at_risk', 'off_track', 'completed', 'deferred' as const),
      fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      fc.option(day, { nil: null }),
      fc.option(day, { nil: null }),
      fc.option(day, { nil: null }),
      fc.option(day, { nil: null }),
      fc.option(day, { nil: null }),
      day,
      (status, percentComplete, firstMilestone, continuesUntil, endsOn, closedOn, lastUpdateOn, today) => {
        const a = { ...action({ status: status as ActionProgress['status'], percentComplete, firstMilestone, continuesUntil }), lastUpdateOn };
        const judged = assessAction(a, { startsOn: null, endsOn, closedOn }, today);
        if (judged.stage === 'live') {
          assert.equal(judged.rag, actionRag(a, today).rag);
          assert.equal(judged.overdue, isOverdue(a, today));
        } else {
          assert.equal(judged.overdue || judged.milestoneOverdue, false);
          assert.equal(judged.asAt, closedOn ?? endsOn);
        }
      },
    ),
  );
});

test('closeProblems: a close in the future, before the plan starts, before its latest progress, or twice is refused', () => {
  assert.deepEqual(closeProblems(SEED_PERIOD, '2020-06-30', READ_ON, '2018-05-31'), {});
  assert.deepEqual(closeProblems(SEED_PERIOD, READ_ON, READ_ON, null), {});
  assert.deepEqual(closeProblems(SEED_PERIOD, '2026-12-07', READ_ON, null), { closedOn: 'The date closed must be today or in the past' });
  assert.deepEqual(closeProblems(SEED_PERIOD, '2018-03-31', READ_ON, null), {
    closedOn: 'The date closed must be on or after the start of the plan, 1 April 2018',
  });
  assert.deepEqual(closeProblems(SEED_PERIOD, '2018-05-30', READ_ON, '2018-05-31'), {
    closedOn: 'Progress was recorded on 31 May 2018: the date closed must be on or after it',
  });
  assert.deepEqual(closeProblems({ ...SEED_PERIOD, closedOn: '2020-06-30' }, '2020-07-01', READ_ON, null), {
    _: 'The plan was already closed on 30 June 2020',
  });
});
