// Key activity data (seed 004, section 2.5) with the seed's own rows: the LAC "Residential - disability" line
// (1 placement budgeted, £143k, 52 weeks at £2,743.20; 3 at March, yearly average 1.24, £169k at £2,978.65:
// variances 0.24, £26k and £235.45), the LAC total (342 budgeted, yearly average 346.03: 4.03), the Adult
// Disability block's expenditure, income and net totals, and the direction of travel against the previous snapshot.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  countForForm,
  direction,
  formatCount,
  groupTable,
  hundredthsOf,
  isServiceGroup,
  type LineBudget,
  lineFigures,
  parseCount,
  previousSnapshot,
  type Snapshot,
  totalsOf,
} from '../../src/finance/key-activity-rules.ts';

const k = (thousands: number) => thousands * 100_000;
const line = (budgetNumber: number | null, unitCost: number | null, annualK: number, kind: LineBudget['kind'] = 'expenditure'): LineBudget => ({
  kind,
  budgetNumber,
  budgetUnitCostPence: unitCost,
  annualBudgetPence: k(annualK),
});
const snap = (period: number, actualNumber: number | null, yearlyAverage: number | null, unitCost: number | null, spendK: number | null): Snapshot => ({
  period,
  actualNumber,
  yearlyAverage,
  unitCostPence: unitCost,
  spendPence: spendK === null ? null : k(spendK),
});

describe('counts of placements and service users', () => {
  it('reads whole numbers and two decimals exactly, with commas', () => {
    assert.deepEqual(parseCount('1.24', 'Number'), { ok: true, value: 124 });
    assert.deepEqual(parseCount('1,272', 'Number'), { ok: true, value: 127_200 });
    assert.deepEqual(parseCount(' 346.03 ', 'Number'), { ok: true, value: 34_603 });
  });
  it('refuses what is not a count with a clear message', () => {
    assert.deepEqual(parseCount('1.245', 'Yearly average'), { ok: false, error: 'Yearly average must have at most 2 decimal places' });
    assert.equal(parseCount('-3', 'Number').ok, false);
    assert.equal(parseCount('three', 'Number').ok, false);
    assert.equal(parseCount('', 'Number').ok, false);
  });
  it('prints as the report does and reads the database text back', () => {
    assert.equal(formatCount(124), '1.24');
    assert.equal(formatCount(127_200), '1,272');
    assert.equal(formatCount(-3025), '-30.25');
    assert.equal(formatCount(-80), '-0.8');
    assert.equal(formatCount(null), '');
    assert.equal(countForForm(127_200), '1272');
    assert.equal(hundredthsOf('1.24'), 124);
    assert.equal(hundredthsOf('31.00'), 3100);
    assert.equal(hundredthsOf(null), null);
  });
  it('knows the six service groups of section 2.5', () => {
    assert.ok(isServiceGroup('lac') && isServiceGroup('opmh'));
    assert.ok(!isServiceGroup('toString') && !isServiceGroup('LAC'));
  });
});

describe('a line against its budget (table 2.5.1, Residential - disability)', () => {
  const budget = line(100, 274_320, 143);
  const march = snap(12, 300, 124, 297_865, 169);
  it('derives the number, unit cost and spend variances the seed prints', () => {
    const f = lineFigures(budget, march, null);
    assert.equal(formatCount(f.numberVariance), '0.24');
    assert.equal(f.unitCostDifferencePence, 23_545); // 235.45
    assert.equal(f.variancePence, k(26));
  });
  it('uses the snapshot when there is no yearly average (the adults tables)', () => {
    // 2.5.3 Learning Disability, Community: 1,272 budgeted, 1,282 at March, £40,637k → £44,980k, variance £4,343k.
    const f = lineFigures(line(127_200, 65_000, 40_637), snap(12, 128_200, null, 65_000, 44_980), null);
    assert.equal(f.numberVariance, 1000);
    assert.equal(f.variancePence, k(4343));
    assert.equal(f.unitCostDifferencePence, 0);
  });
  it('has no variance without a snapshot, and no number variance for a line without numbers', () => {
    const f = lineFigures(line(null, null, 868), null, null);
    assert.equal(f.variancePence, null);
    assert.equal(f.numberVariance, null);
    // Growth/Replacement: £868k budget, nothing spent: -£868k.
    assert.equal(lineFigures(line(null, null, 868), snap(12, null, null, null, 0), null).variancePence, k(-868));
  });
});

describe('direction of travel, against the previous snapshot', () => {
  it('is ↑, ↓ or ↔ for each figure, and nothing without a previous one', () => {
    assert.equal(direction(2, 1), '↑');
    assert.equal(direction(1, 2), '↓');
    assert.equal(direction(2, 2), '↔');
    assert.equal(direction(2, null), null);
    // 2.5.5 Older People, Nursing: fewer service users (273), dearer (£728), spend down.
    const feb = snap(11, 28_000, null, 72_000, 11_400);
    const mar = snap(12, 27_300, null, 72_800, 11_350);
    assert.deepEqual(lineFigures(line(30_100, 71_500, 11_694), mar, feb).directions, { number: '↓', unitCost: '↑', spend: '↓' });
    assert.deepEqual(lineFigures(line(30_100, 71_500, 11_694), mar, null).directions, { number: null, unitCost: null, spend: null });
  });
  it('compares with the latest snapshot before the period, whichever it is', () => {
    const list = [snap(9, 1, null, 1, 1), snap(3, 1, null, 1, 1), snap(12, 1, null, 1, 1)];
    assert.equal(previousSnapshot(list, 12)?.period, 9);
    assert.equal(previousSnapshot(list, 9)?.period, 3);
    assert.equal(previousSnapshot(list, 3), null);
  });
});

describe('totals (derived, never typed)', () => {
  // 2.5.1's first block, the seed's rows: TOTAL 342, £17,344k (the lines add to £17,345k: rounding), 365, 346.03, £20,884k, 4.03.
  const rows: [number | null, number, number | null, number | null, number][] = [
    [100, 143, 300, 124, 169],
    [0, 0, 0, 8, 30],
    [1600, 1160, 1800, 1577, 1962],
    [2200, 3018, 3900, 3439, 5708],
    [26_300, 10_304, 27_000, 26_220, 11_098],
    [1500, 1244, 2800, 2490, 1829],
    [2500, 608, 700, 745, 87],
    [null, 868, null, null, 0],
    [null, 0, null, null, 0],
  ];
  const block = rows.map(([n, b, a, y, s]) => ({ line: { ...line(n, null, b), section: 'External placements' }, snapshot: snap(12, a, y, null, s) }));
  it('adds up the LAC external placements as the seed prints them', () => {
    const t = totalsOf(block);
    assert.equal(formatCount(t.budgetNumber), '342');
    assert.equal(formatCount(t.actualNumber), '365');
    assert.equal(formatCount(t.yearlyAverage), '346.03');
    assert.equal(formatCount(t.numberVariance), '4.03');
    assert.equal(t.annualBudgetPence, k(17_345));
    assert.equal(t.spendPence, k(20_883));
  });
  it("leaves out the numbers of a line whose people another line counts (2.5.1's in-house block: 257, 245, 226.70)", () => {
    const inHouse: [string, number, number, number, number, number][] = [
      ['Basic', 21_200, 2053, 19_700, 18_175, 1864],
      ['Skills', 21_200, 1884, 19_700, 18_379, 1681],
      ['Kinship - Basic', 4000, 439, 4500, 4160, 414],
      ['Kinship - Skills', 1100, 39, 1100, 1096, 39],
      ['Residential', 500, 556, 300, 335, 495],
      ['Growth*', 0, -297, 0, 0, 0],
    ];
    const t = totalsOf(
      inHouse.map(([name, n, b, a, y, s]) => ({ line: { ...line(n, null, b), numbersInTotals: !name.endsWith('Skills') }, snapshot: snap(13, a, y, null, s) })),
    );
    assert.equal(formatCount(t.budgetNumber), '257');
    assert.equal(formatCount(t.actualNumber), '245');
    assert.equal(formatCount(t.yearlyAverage), '226.7');
    assert.equal(formatCount(t.numberVariance), '-30.3');
    assert.equal(t.annualBudgetPence, k(4674));
    assert.equal(t.variancePence, k(-181));
  });
  it('gives a block with income its expenditure, income and net totals (2.5.3, Adult Disability Services)', () => {
    const s = 'Adult Disability Services';
    const table = groupTable([
      { line: { ...line(3100, 112_100, 1807), section: s }, snapshot: snap(12, 2900, null, 99_400, 1676) },
      { line: { ...line(2000, 92_800, 965), section: s }, snapshot: snap(12, 2200, null, 96_000, 1153) },
      { line: { ...line(66_900, 29_200, 10_149), section: s }, snapshot: snap(12, 64_100, null, 33_200, 10_098) },
      { line: { ...line(null, null, -1646, 'income'), section: s }, snapshot: snap(12, null, null, null, -1687) },
      { line: { ...line(31_300, 138_600, 22_560), section: 'Learning Disability Services' }, snapshot: snap(12, 30_700, null, 136_800, 22_450) },
    ]);
    assert.equal(table.sections.length, 2);
    const adult = table.sections[0]!;
    assert.equal(formatCount(adult.expenditure.budgetNumber), '720');
    assert.equal(formatCount(adult.expenditure.actualNumber), '692');
    assert.equal(adult.expenditure.annualBudgetPence, k(12_921));
    assert.equal(adult.expenditure.spendPence, k(12_927));
    assert.equal(adult.expenditure.variancePence, k(6));
    assert.equal(adult.income?.variancePence, k(-41));
    assert.equal(adult.net?.annualBudgetPence, k(11_275));
    assert.equal(adult.net?.variancePence, k(-35)); // the seed prints -£36k: its £k are rounded
    assert.equal(table.sections[1]!.income, null);
    // The adults' tables net each block's income; only a table of blocks without income has an overall total.
    assert.equal(table.overall, null);
  });
});
