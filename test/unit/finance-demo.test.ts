// The finance demo reproduces seed 004's Appendix 1 as printed: every line and every total in £000
// (budget, actual, outturn variance and %, and the February forecast variance), from pence the
// figures are derived from; and the commentary rule flags exactly the lines Appendix 2 comments on,
// apart from the two it comments on beyond the rule.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { monitoringTable, type LineFigures, type TotalRow } from '../../src/finance/monitoring.ts';
import { missingCommentary, revisedBudget, SEED_RULE, toThousands } from '../../src/finance/rules.ts';

interface Printed {
  budget: number;
  actual: number;
  variance: number;
  percent: number;
  februaryVariance: number;
}
const demo = JSON.parse(readFileSync(new URL('../../demo/finance.json', import.meta.url), 'utf8')) as {
  directorates: { name: string; kind: 'service' | 'funding' }[];
  lines: {
    code: string;
    name: string;
    directorate: string;
    group?: string;
    footnote?: number;
    originalBudgetPence: number;
    actualPence: number;
    februaryForecastPence: number;
    printed: Printed;
  }[];
  virements: { effectiveDate: string; fromLine?: string; toLine?: string; amountPence: number }[];
  commentaries: { footnote: number; title: string; lineCodes: string[] }[];
  printedTotals: Record<string, Printed>;
};
const virements = demo.virements.map((v) => ({ ...v, fromLineId: v.fromLine ?? null, toLineId: v.toLine ?? null }));
const kind = new Map(demo.directorates.map((d) => [d.name, d.kind]));
const figures = (period: 'outturn' | 'february'): LineFigures[] =>
  demo.lines.map((l) => ({
    id: l.code,
    code: l.code,
    name: l.name,
    directorate: l.directorate,
    directorateKind: kind.get(l.directorate)!,
    group: l.group ?? null,
    budgetPence: revisedBudget(l.originalBudgetPence, l.code, virements),
    actualPence: l.actualPence,
    forecastPence: period === 'outturn' ? l.actualPence : l.februaryForecastPence,
  }));
const outturn = monitoringTable(figures('outturn'), SEED_RULE);
const february = monitoringTable(figures('february'), SEED_RULE);
const printedRow = (r: Pick<TotalRow, 'budgetPence' | 'actualPence' | 'variancePence' | 'variancePercent'>) => ({
  budget: toThousands(r.budgetPence),
  actual: toThousands(r.actualPence!),
  variance: toThousands(r.variancePence!),
  percent: r.variancePercent ?? 0,
});

describe('the finance demo (seed 004, Appendix 1)', () => {
  it('has the 70 lines of Appendix 1, each printing as the seed does', () => {
    assert.equal(outturn.lines.length, 70);
    for (const [k, line] of outturn.lines.entries()) {
      const { februaryVariance, ...printed } = demo.lines[k]!.printed;
      assert.deepEqual(printedRow(line), printed, line.name);
      assert.equal(toThousands(february.lines[k]!.variancePence!), februaryVariance, `${line.name} (February)`);
    }
  });
  it("reproduces every directorate's total, the Total, the Grant Funding total and the Net Total", () => {
    const labels = Object.keys(demo.printedTotals);
    const totals: [string, TotalRow, TotalRow][] = [
      ...outturn.directorates.map((d, k): [string, TotalRow, TotalRow] => [
        d.kind === 'funding' ? 'Grant Funding Total' : labels[k]!,
        d.total,
        february.directorates[k]!.total,
      ]),
      ['Total', outturn.expenditureTotal, february.expenditureTotal],
      ['Net Total', outturn.netTotal, february.netTotal],
    ];
    for (const [label, row, feb] of totals) {
      const { februaryVariance, ...printed } = demo.printedTotals[label]!;
      assert.deepEqual(printedRow(row), printed, label);
      // Appendix 1 prints the February Total as 8,181, a misprint: the lines add to 8,687, as table 2.1 prints it.
      assert.equal(toThousands(feb.variancePence!), label === 'Total' ? 8687 : februaryVariance, `${label} (February)`);
    }
    assert.equal(toThousands(outturn.netTotal.variancePence!), 6953);
  });
  it('flags exactly the lines Appendix 2 comments on, apart from the two it comments on beyond the rule', () => {
    const flagged = outturn.lines
      .filter((l) => l.commentaryRequired)
      .map((l) => l.code)
      .sort();
    const commented = demo.commentaries.flatMap((c) => c.lineCodes);
    const beyond = demo.commentaries.filter((c) => ['Physical Disabilities', 'Central Commissioning – Adults'].includes(c.title)).flatMap((c) => c.lineCodes);
    assert.deepEqual(beyond.length, 2);
    assert.deepEqual(flagged, commented.filter((c) => !beyond.includes(c)).sort());
    assert.deepEqual(missingCommentary(outturn.lines, new Set(commented), SEED_RULE), []);
  });
  it('the commentary groups add up as Appendix 2 prints them (LD – Overall LDP Position 76,111, 79,516, 3,405)', () => {
    const group = (title: string) => {
      const codes = demo.commentaries.find((c) => c.title === title)!.lineCodes;
      const rows = outturn.lines.filter((l) => codes.includes(l.code));
      const sum = (f: (r: (typeof rows)[number]) => number) => toThousands(rows.reduce((s, r) => s + f(r), 0));
      return [sum((r) => r.budgetPence), sum((r) => r.actualPence!), sum((r) => r.variancePence!)];
    };
    assert.deepEqual(group('LD – Overall LDP Position'), [76111, 79516, 3405]);
    assert.deepEqual(group("Older People's Services"), [46504, 47975, 1471]);
    assert.deepEqual(group('Mental Health Services'), [11844, 12172, 329]);
    assert.deepEqual(group('Executive Director & Central Financing'), [-107, -369, -262]);
  });
  it('says where a printed total is not the sum of its rounded lines (Adults & Safeguarding budget: 133,087 against 133,089)', () => {
    const note = outturn.directorates[0]!.total.roundingNotes.find((n) => n.column === 'budget');
    assert.deepEqual(note, { column: 'budget', printed: 133087, sumOfLines: 133089 });
  });
});
