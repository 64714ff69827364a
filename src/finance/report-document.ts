// The Finance and Performance Report as a document: the same content as the report page (summary,
// Appendix 1, Appendix 2) and the appendices that hold figures for the year, as plain text tables the
// PDF and Word writers both print, so the two files cannot say different things.
import type { Queryable } from '../db/database.ts';
import { fundingOf, grantsOf, reservesOf, savingsOf, schemesOf } from './appendices/index.ts';
import { printers } from './finance-pages.ts';
import { type LaterAppendices, laterAppendices } from './report-appendices.ts';
import { keyActivityTables } from './report-key-activity.ts';
import { reportView } from './reports.service.ts';
import type { DocRow, DocTable } from './report-table.ts';
import { yearLabel } from './rules.ts';

export type { DocRow, DocTable, RowKind } from './report-table.ts';

export interface ReportDocument {
  council: string;
  title: string;
  bodyName: string;
  periodName: string;
  published: boolean;
  summary: DocTable;
  /** Table 1.2: indicators and programmes counted by RAG. */
  headlines: DocTable;
  appendix1: DocTable;
  ruleText: string;
  commentary: { heading: string; paragraphs: string[] }[];
  appendices: DocTable[];
  /** Forecast variance by directorate, for the chart. */
  variances: { name: string; variancePence: number }[];
}

const { k, pct, poundsText } = printers;
const figures = (t: {
  budgetPence: number;
  actualPence: number | null;
  forecastPence?: number | null;
  variancePence: number | null;
  variancePercent: number | null;
}) => [k(t.budgetPence), k(t.actualPence), k(t.forecastPence ?? null), k(t.variancePence), pct(t.variancePercent)];
const line = (cells: string[]): DocRow => ({ cells, kind: 'line' });
const total = (cells: string[]): DocRow => ({ cells, kind: 'total' });
const numbersAfter = (first: number, count: number) => Array.from({ length: count }, (_, i) => i >= first);

export async function reportDocument(db: Queryable, tenantId: string, id: string, council: string): Promise<ReportDocument> {
  const { report, view, commentary, roundingNotes, periodName } = await reportView(db, tenantId, id);
  const t = view.table;
  const year = yearLabel(report.year);
  const later = await laterAppendices(db, tenantId, report);
  const summary: DocTable = {
    title: '1. Summary',
    caption: 'Overall position by directorate (£000)',
    head: ['Directorate', 'Budget', 'Actual', 'Forecast outturn', 'Variance', 'Variance %'],
    numeric: numbersAfter(1, 6),
    widths: [0.4, 0.12, 0.12, 0.12, 0.12, 0.12],
    rows: [...t.directorates.map((d) => line([d.name, ...figures(d.total)])), total(['Net total', ...figures(t.netTotal)])],
    notes: [],
  };
  const rows: DocRow[] = [];
  for (const d of t.directorates) {
    rows.push({ cells: [d.name], kind: 'heading' });
    for (const g of d.groups) {
      if (g.name) rows.push({ cells: [g.name], kind: 'subheading' });
      for (const l of g.lines) {
        const change = l.variancePence !== null && l.previousVariancePence != null ? k(l.variancePence - l.previousVariancePence) : '';
        rows.push(line([l.name, ...figures(l), change]));
      }
    }
    rows.push(total([d.total.label, ...figures(d.total), '']));
  }
  for (const r of [t.expenditureTotal, t.fundingTotal, t.netTotal]) if (r) rows.push(total([r.label, ...figures(r), '']));
  const appendix1: DocTable = {
    title: 'Appendix 1 – Service level budgetary control',
    caption: 'Service level budgetary control (£000)',
    head: ['Service', 'Budget', 'Actual', 'Forecast outturn', 'Variance', '%', 'Change since last month'],
    numeric: numbersAfter(1, 7),
    widths: [0.34, 0.1, 0.1, 0.11, 0.1, 0.08, 0.17],
    rows,
    notes: roundingNotes.map((n) => `${n}.`),
  };
  return {
    council,
    title: report.title,
    bodyName: report.bodyName,
    periodName,
    published: report.state === 'published',
    summary,
    headlines: later.headlines,
    appendix1,
    ruleText: `Narrative is given where there is a variance greater than ${view.settings.rule.percent}% of annual budget or ${poundsText(view.settings.rule.floorPence)}, whichever is greater.`,
    commentary: commentary.map((c, i) => ({
      heading: `${i + 1}) ${c.figures.label}: budget ${k(c.figures.budgetPence)}, actual ${k(c.figures.actualPence)}, variance ${k(c.figures.variancePence)} (${pct(c.figures.variancePercent)})`,
      paragraphs: c.body
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
    })),
    // Section 2.5 (key activity data) prints before the appendices.
    appendices: [...(await keyActivityTables(db, tenantId, report.year, report.period, periodName)), ...(await appendixTables(db, tenantId, year, later))],
    variances: t.directorates.filter((d) => d.kind === 'service').map((d) => ({ name: d.name, variancePence: d.total.variancePence ?? 0 })),
  };
}

/**
 * The appendices after the commentary, in seed 004's order: grants (3), virements (4), reserves (5), capital (6),
 * performance (7), the portfolio (8), then the savings tracker; those holding figures for the year in £000.
 */
export async function appendixTables(db: Queryable, tenantId: string, year: string, later: LaterAppendices): Promise<DocTable[]> {
  const [savings, grants, reserves, schemes, funding] = await Promise.all([
    savingsOf(db, tenantId, year),
    grantsOf(db, tenantId, year),
    reservesOf(db, tenantId, year),
    schemesOf(db, tenantId, year),
    fundingOf(db, tenantId, year),
  ]);
  const tables: DocTable[] = [];
  const tracker: DocTable | null = savings.rows.length
    ? {
        title: 'Savings tracker',
        caption: `Savings tracker ${year} (£000)`,
        head: ['Ref', 'Title', 'Planned', 'Forecast', 'Variance', 'RAG'],
        numeric: [false, false, true, true, true, false],
        widths: [0.1, 0.48, 0.11, 0.11, 0.11, 0.09],
        rows: [
          ...savings.rows.map((s) => line([s.reference, s.title, s.plannedTotal, s.forecastTotal, s.variance, s.ragText])),
          total(['', 'Total', savings.totals.plannedTotal, savings.totals.forecastTotal, savings.totals.variance, '']),
        ],
        notes: savings.notes.map(String),
      }
    : null;
  if (grants.rows.length)
    tables.push({
      title: 'Grant income',
      caption: `Grant income ${year} (£000)`,
      head: ['Grant', 'Awarding body', 'Amount'],
      numeric: [false, false, true],
      widths: [0.55, 0.3, 0.15],
      rows: [...grants.rows.map((g) => line([g.name, g.awardingBody, g.amount])), total(['Total grant funding', '', grants.totals.total])],
      notes: grants.notes.map(String),
    });
  tables.push(later.appendix4);
  for (const g of reserves.groups.filter((r) => r.rows.length))
    tables.push({
      title: g.title,
      caption: `${g.title} ${year} (£000)`,
      head: ['Reserve', 'Balance at start', 'Movement', 'Balance at close', 'Year-end forecast'],
      numeric: numbersAfter(1, 5),
      widths: [0.44, 0.14, 0.14, 0.14, 0.14],
      rows: [
        ...g.rows.map((r) => line([r.name, r.opening, r.movement, r.closing, r.yearEnd])),
        total([g.totalLabel, g.totals.opening, g.totals.movement, g.totals.closing, g.totals.yearEnd]),
      ],
      notes: g.notes.map(String),
    });
  if (schemes.rows.length)
    tables.push({
      title: 'Capital programme',
      caption: `Capital programme ${year} (£000)`,
      head: ['Scheme', 'Original budget', 'Revised budget', 'Actual', 'Outturn variance', 'Total scheme budget', 'Forecast variance'],
      numeric: numbersAfter(1, 7),
      widths: [0.34, 0.11, 0.11, 0.11, 0.11, 0.11, 0.11],
      rows: [
        ...schemes.rows.map((s) => line([s.name, s.original, s.revised, s.actual, s.outturnVariance, s.totalSchemeBudget, s.forecastVariance])),
        total(['Total', ...Object.values(schemes.totals)]),
      ],
      notes: schemes.notes.map(String),
    });
  if (funding.rows.length)
    tables.push({
      title: 'Capital funding',
      caption: `Capital funding ${year} (£000)`,
      head: ['Source of funding', 'Original', 'Revised', 'Outturn', 'Variance'],
      numeric: numbersAfter(1, 5),
      widths: [0.44, 0.14, 0.14, 0.14, 0.14],
      rows: [...funding.rows.map((f) => line([f.source, f.original, f.revised, f.outturn, f.variance])), total(['Total', ...Object.values(funding.totals)])],
      notes: funding.notes.map(String),
    });
  tables.push(later.appendix7, later.appendix8);
  if (tracker) tables.push(tracker);
  return tables;
}
