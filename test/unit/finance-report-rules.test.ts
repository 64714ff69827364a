// The rules of the report's later appendices with seed 004's figures: Appendix 4's reconciliation from the
// budget as per business plan (237,311) through its 22 virements to the budget for 2017/18 (239,567), the
// months as its "Eff. Period" column writes them, and table 1.2's portfolio row (0 red, 1 amber, 5 green).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetReconciliation, effectivePeriod, portfolioCounts } from '../../src/finance/report-rules.ts';
import { toThousands } from '../../src/finance/rules.ts';

const K = 100_000; // £1k in pence

// Appendix 4 of seed 004, in £000, as virements to (positive) or from (negative) a line of P&C.
const APPENDIX_4: [string, string, number][] = [
  ['2017-04-01', 'Multiple Policy Lines', -292],
  ['2017-04-01', 'Multiple Policy Lines', 311],
  ['2017-04-01', 'Information Management & Information Technology', -1286],
  ['2017-04-01', 'Multiple Policy Lines', -293],
  ['2017-04-01', 'Adult & Safeguarding', -52],
  ['2017-05-01', 'Shorter Term Support and Maximising Independence', -10],
  ['2017-05-01', 'Multiple Policy Lines', -1335],
  ['2017-05-01', 'Safer Communities Partnership', -178],
  ['2017-06-01', 'Early Help District Delivery Service – North & South', -43],
  ['2017-06-01', 'Education Capital', -11],
  ['2017-07-01', 'LAC Placements', 2913],
  ['2017-07-01', 'Strategic Management - Adults', 12],
  ['2017-08-01', 'Catering & Cleaning Services', 449],
  ['2017-08-01', 'Adult Early Help', 80],
  ['2017-09-01', 'Adult Learning & Skills', 180],
  ['2017-09-01', 'Strategic Management - Children & Safeguarding', -54],
  ['2017-09-01', 'Strengthening Communities', 429],
  ['2017-09-01', 'Central Integrated Youth Support Services', 261],
  ['2017-09-01', "Childrens' Innovation & Development Service and 0-19 Organisation & Planning", 343],
  ['2017-10-01', 'Strategic Management - Commissioning', 382],
  ['2017-12-01', 'Multiple Policy Lines', 482],
  ['2018-01-01', 'Physical Disabilities', -31],
];

/**
 * The seed's printed figures add to 239,568, and it prints 239,567: they are rounded from exact ones. Here the
 * business plan is £237,310.6k and LAC Demography £2,912.6k, which print as the seed does and add to £239,567.2k.
 */
function seedBudget() {
  const names = [...new Set(APPENDIX_4.map(([, name]) => name))];
  const lines = names.map((name, k) => ({ id: `line-${k}`, name, originalBudgetPence: 0 }));
  // The business plan sits on the first line; the others start at nothing.
  lines[0]!.originalBudgetPence = 23_731_060_000;
  const id = (name: string) => lines.find((l) => l.name === name)!.id;
  const virements = APPENDIX_4.map(([effectiveDate, name, k]) => ({
    effectiveDate,
    fromLineId: k < 0 ? id(name) : null,
    toLineId: k < 0 ? null : id(name),
    amountPence: k === 2913 ? 291_260_000 : Math.abs(k) * K,
    reason: name,
  }));
  return { lines, virements };
}

describe('Appendix 4: virements and the budget reconciliation', () => {
  it("reconciles seed 004's budget as per business plan through its 22 virements to the budget for 2017/18", () => {
    const { lines, virements } = seedBudget();
    const r = budgetReconciliation(lines, virements, '2018-03-31');
    assert.equal(toThousands(r.businessPlanPence), 237_311);
    assert.equal(r.adjustments.length, 22);
    assert.equal(r.budgetPence, 23_956_720_000);
    assert.equal(toThousands(r.budgetPence), 239_567);
    assert.deepEqual(r.adjustments[10], { lineName: 'LAC Placements', effectiveDate: '2017-07-01', amountPence: 291_260_000, reason: 'LAC Placements' });
    assert.equal(toThousands(r.adjustments[10]!.amountPence), 2913);
    assert.equal(r.adjustments[7]!.amountPence, -178 * K, 'a virement out of the budget lowers it');
    assert.deepEqual(r.within, { count: 0, amountPence: 0 });
  });

  it('counts only the virements effective by the period’s last day (at December, January’s is left out)', () => {
    const { lines, virements } = seedBudget();
    const december = budgetReconciliation(lines, virements, '2017-12-31');
    assert.equal(december.adjustments.length, 21);
    assert.equal(december.budgetPence, 23_959_820_000);
    assert.equal(budgetReconciliation(lines, virements, '2018-02-28').budgetPence, 23_956_720_000);
  });

  it('leaves a virement between two of its lines out of the reconciliation, counting it apart', () => {
    const lines = [
      { id: 'a', name: 'Children in Care', originalBudgetPence: 13_441 * K },
      { id: 'b', name: 'Legal Proceedings', originalBudgetPence: 1_540 * K },
      { id: 'c', name: 'A line with no budget this year', originalBudgetPence: null },
    ];
    const r = budgetReconciliation(
      lines,
      [
        { effectiveDate: '2017-06-01', fromLineId: 'a', toLineId: 'b', amountPence: 100 * K, reason: 'Within' },
        { effectiveDate: '2017-07-01', fromLineId: 'gone', toLineId: 'b', amountPence: 5 * K, reason: 'From a line not in this budget' },
      ],
      '2018-03-31',
    );
    assert.deepEqual(r.within, { count: 1, amountPence: 100 * K });
    assert.deepEqual(
      r.adjustments.map((a) => [a.lineName, a.amountPence]),
      [['Legal Proceedings', 5 * K]],
    );
    assert.equal(r.businessPlanPence, 14_981 * K);
    assert.equal(r.budgetPence, 14_986 * K);
  });

  it('writes the months as the seed does', () => {
    assert.deepEqual(['2017-04-01', '2017-06-01', '2017-07-15', '2017-09-01', '2018-01-31', '2018-03-01'].map(effectivePeriod), [
      'Apr',
      'June',
      'July',
      'Sept',
      'Jan',
      'Mar',
    ]);
    assert.throws(() => effectivePeriod('2017-13-01'), RangeError);
    assert.throws(() => effectivePeriod('soon'), RangeError);
  });
});

describe("table 1.2's portfolio row", () => {
  it("counts seed 004's six programmes and projects: 0 red, 1 amber, 5 green", () => {
    assert.deepEqual(portfolioCounts(['green', 'green', 'green', 'green', 'green', 'amber']), { red: 0, amber: 1, green: 5, none: 0, total: 6 });
  });
  it('counts an item not yet assessed by the date apart', () => {
    assert.deepEqual(portfolioCounts(['red', null, null]), { red: 1, amber: 0, green: 0, none: 2, total: 3 });
    assert.deepEqual(portfolioCounts([]), { red: 0, amber: 0, green: 0, none: 0, total: 0 });
  });
});
