// Section 2.5 of the generated Finance and Performance Report: the key activity data of the report's year at its
// period (seed 004, tables 2.5.1–2.5.6), as tables the page, the PDF and the Word file all print, with each
// table's notes under it. A service group without lines for the year is left out.
import type { Queryable } from '../db/database.ts';
import { formatCount, type Totals, UNITS } from './key-activity-rules.ts';
import { yearTables } from './key-activity.service.ts';
import { printers } from './finance-pages.ts';
import type { DocRow, DocTable } from './report-table.ts';

const { k, unitCost } = printers;
const withAverage = (n: number | null, average: number | null) => (average === null ? formatCount(n) : `${formatCount(n)} (${formatCount(average)})`);
const totalRow = (label: string, t: Totals): DocRow => ({
  cells: [
    label,
    formatCount(t.budgetNumber),
    '',
    k(t.annualBudgetPence),
    withAverage(t.actualNumber, t.yearlyAverage),
    '',
    '',
    '',
    k(t.spendPence),
    '',
    k(t.variancePence),
  ],
  kind: 'total',
});

export async function keyActivityTables(db: Queryable, tenantId: string, year: number, period: number, periodName: string): Promise<DocTable[]> {
  const { groups } = await yearTables(db, tenantId, year, period);
  return groups
    .filter((g) => g.lineCount > 0)
    .map((g, i) => {
      const rows: DocRow[] = [];
      for (const s of g.sections) {
        if (s.section) rows.push({ cells: [s.section], kind: 'subheading' });
        for (const { line, snapshot, figures } of s.rows) {
          const cost = unitCost(line.budgetUnitCostPence);
          rows.push({
            cells: [
              line.name,
              formatCount(line.budgetNumber),
              cost && line.unit !== 'week' ? `${cost} ${UNITS[line.unit]}` : cost,
              k(line.annualBudgetPence),
              snapshot ? withAverage(snapshot.actualNumber, snapshot.yearlyAverage) : '',
              figures.directions.number ?? '',
              unitCost(snapshot?.unitCostPence),
              figures.directions.unitCost ?? '',
              k(snapshot?.spendPence ?? null),
              figures.directions.spend ?? '',
              k(figures.variancePence),
            ],
            kind: 'line',
          });
        }
        if (s.income && s.net) rows.push(totalRow('Total expenditure', s.expenditure), totalRow('Total income', s.income), totalRow('Net total', s.net));
        else rows.push(totalRow(s.section ? `Total ${s.section}` : 'Total', s.expenditure));
      }
      if (g.overall) rows.push(totalRow('Overall total', g.overall));
      return {
        title: `2.5.${i + 1} Key activity data: ${g.title}`,
        caption: `Key activity data to ${periodName} (£000; unit costs in pounds a week unless shown)`,
        head: [
          'Service type',
          'Budgeted number',
          'Budgeted unit cost',
          'Annual budget',
          'Number (yearly average)',
          'DoT',
          'Unit cost',
          'DoT',
          'Actual or forecast',
          'DoT',
          'Variance',
        ],
        numeric: [false, true, true, true, true, false, true, false, true, false, true],
        widths: [0.22, 0.07, 0.1, 0.08, 0.1, 0.04, 0.09, 0.04, 0.1, 0.04, 0.08],
        rows,
        notes: [
          ...g.note
            .split(/\n\s*\n/)
            .map((p) => p.trim())
            .filter(Boolean),
          'Direction of travel (DoT) compares with the previous period for which figures are kept.',
        ],
      };
    });
}
