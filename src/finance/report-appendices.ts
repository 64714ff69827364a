// The Finance and Performance Report's appendices from other records, in seed 004's shape: Appendix 4
// (virements and the budget reconciliation, from this capability's virements), Appendix 7 (the committee's
// indicators as known at the period's end, from performance) and Appendix 8 (its programmes and projects
// with their RAG then, from plans), and the summary's table 1.2 counting both by RAG. The report is a
// public paper once published, so only published indicators, values and portfolio items are read.
import type { Queryable } from '../db/database.ts';
import { scorecardView } from '../performance/index.ts';
import { portfolioAsAt } from '../plans/index.ts';
import { printers } from './finance-pages.ts';
import * as repo from './finance.repository.ts';
import type { DocRow, DocTable } from './report-table.ts';
import { budgetReconciliation, effectivePeriod, portfolioCounts, type RagCounts } from './report-rules.ts';
import { periodEnd, periodLabel, toPence, toThousands, yearLabel } from './rules.ts';

export interface LaterAppendices {
  /** Table 1.2 of the summary: indicators and programmes counted by RAG. */
  headlines: DocTable;
  appendix4: DocTable;
  appendix7: DocTable;
  appendix8: DocTable;
}

const { k } = printers;
const row = (cells: string[], kind: DocRow['kind'] = 'line'): DocRow => ({ cells, kind });
const RAG_WORDS: Record<string, string> = {
  on_target: 'On target',
  within_tolerance: 'Within tolerance',
  off_target: 'Off target',
  no_target: 'No target',
};
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

export async function laterAppendices(db: Queryable, tenantId: string, report: { bodyId: string; year: number; period: number }): Promise<LaterAppendices> {
  const asAt = periodEnd(report.year, report.period);
  const month = periodLabel(report.year, Math.min(report.period, 12));
  const [lines, virements, scorecard, portfolio] = await Promise.all([
    repo.linesForYear(db, tenantId, report.year),
    repo.virementsForYear(db, tenantId, report.year),
    scorecardView(db, tenantId, { bodyId: report.bodyId, publicOnly: true, asAt }),
    portfolioAsAt(db, tenantId, report.bodyId, asAt),
  ]);
  const s = scorecard.summary;
  const performance: RagCounts = { red: s.red, amber: s.amber, green: s.green, none: s.noTarget + s.noData, total: s.total };
  const programmes = portfolioCounts(portfolio.map((p) => p.rag));
  const counts = (label: string, c: RagCounts) => row([label, ...[c.red, c.amber, c.green, c.none, c.total].map(String)]);
  const headlines: DocTable = {
    title: '1.2 Performance and portfolio indicators',
    caption: `Performance and portfolio indicators – ${month} data`,
    head: ['Indicators', 'Red', 'Amber', 'Green', 'No target', 'Total'],
    numeric: [false, true, true, true, true, true],
    widths: [0.4, 0.12, 0.12, 0.12, 0.12, 0.12],
    rows: [counts('Performance (number of indicators)', performance), counts('Portfolio (number of programmes and projects)', programmes)],
    notes: ['Indicators with no target, or no value yet, are not RAG-rated; for the portfolio, "No target" counts those not yet assessed.'],
  };

  const r = budgetReconciliation(
    lines.map((l) => ({ id: l.id, name: l.name, originalBudgetPence: l.originalBudgetPence === null ? null : toPence(l.originalBudgetPence) })),
    virements.map((v) => ({ ...v, amountPence: toPence(v.amountPence) })),
    asAt,
  );
  const printedSum = r.adjustments.reduce((sum, a) => sum + toThousands(a.amountPence), toThousands(r.businessPlanPence));
  const appendix4: DocTable = {
    title: 'Appendix 4 – Virements and budget reconciliation',
    caption: `Virements between this budget and other service blocks, ${yearLabel(report.year)} (£000)`,
    head: ['Budget line', 'Effective period', '£000', 'Notes'],
    numeric: [false, false, true, false],
    widths: [0.32, 0.12, 0.1, 0.46],
    rows: [
      row(['Budget as per business plan', '', k(r.businessPlanPence), ''], 'total'),
      ...r.adjustments.map((a) => row([a.lineName, effectivePeriod(a.effectiveDate), k(a.amountPence), a.reason])),
      row([`Budget ${yearLabel(report.year)}`, '', k(r.budgetPence), ''], 'total'),
    ],
    notes: [
      ...(r.within.count
        ? [
            `${r.within.count} virement${r.within.count === 1 ? '' : 's'} between lines of this budget (${k(r.within.amountPence)} in all) move budget within it and leave its total unchanged.`,
          ]
        : []),
      ...(printedSum !== toThousands(r.budgetPence)
        ? [`The budget is rounded from the exact figures: the rounded figures above add to ${printedSum.toLocaleString('en-GB')}.`]
        : []),
      ...(r.adjustments.length ? [] : [`No virement to or from another service block is effective by the end of ${month}.`]),
    ],
  };

  const rows7: DocRow[] = [];
  for (const g of scorecard.groups) {
    rows7.push(row([g.outcome], 'heading'));
    for (const e of g.entries)
      rows7.push(
        row([
          e.indicator.title,
          e.indicator.directorate,
          e.indicator.previousValue === null ? '' : e.previous,
          e.target,
          e.indicator.latestValue === null ? '' : e.latest,
          e.indicator.latestPeriod ? e.periodLabel : '',
          e.indicator.latestValue === null ? '' : e.travel.words,
          e.rag ? RAG_WORDS[e.rag]! : 'No data',
          e.statNeighbours,
          e.england,
          oneLine(e.indicator.commentary ?? ''),
        ]),
      );
  }
  if (!rows7.length) rows7.push(row(['No published indicator is reported to this committee.']));
  const appendix7: DocTable = {
    title: `Appendix 7 – Performance at end of ${month}`,
    caption: `Performance at end of ${month}, by outcome`,
    head: [
      'Measure',
      'Responsible directorate',
      'Previous period',
      'Target',
      'Actual',
      'Date of latest data',
      'Direction of travel',
      'RAG status',
      'Stat neighbours',
      'England',
      'Comments',
    ],
    numeric: [false, false, true, true, true, false, false, false, true, true, false],
    widths: [0.19, 0.1, 0.065, 0.065, 0.065, 0.065, 0.07, 0.07, 0.08, 0.065, 0.165],
    rows: rows7,
    notes: [
      `The latest published value of each indicator reported to the committee, as known at the end of ${month}. Direction of travel is judged in the indicator's polarity: improving is good.`,
    ],
  };

  const appendix8: DocTable = {
    title: `Appendix 8 – Portfolio at end of ${month}`,
    caption: `Programmes and projects at end of ${month}`,
    head: ['Programme/Project and lead director', 'Brief description and any key issues', 'RAG'],
    numeric: [false, false, false],
    widths: [0.26, 0.62, 0.12],
    rows: portfolio.length
      ? portfolio.map((p) =>
          row([
            p.leadDirector ? `${p.title}: ${p.leadDirector}` : p.title,
            oneLine(p.keyIssues || p.description),
            p.rag ? p.rag.toUpperCase() : 'Not assessed',
          ]),
        )
      : [row(['No published programme or project is reported to this committee.'])],
    notes: [`Each programme's RAG is its latest assessment on or before the end of ${month}.`],
  };
  return { headlines, appendix4, appendix7, appendix8 };
}
