// The budget monitoring table of seed 004's Appendix 1, built from lines' figures: directorates, service
// groups and lines, each with budget, actual, forecast outturn, variance (£ and %) and the rule's verdict;
// totals per directorate, the expenditure Total, the funding sections and the Net Total, all derived.
// Pure: the service fetches, this shapes, the pages and the API print.
import { type CommentaryRule, needsCommentary, roundingDifferences, sumPence, variance, variancePercent } from './rules.ts';

export interface LineFigures {
  id: string;
  code: string;
  name: string;
  directorate: string;
  directorateKind: 'service' | 'funding';
  group: string | null;
  budgetPence: number;
  actualPence: number | null;
  /** The forecast outturn for the year as at the period; at the outturn, the actual. */
  forecastPence: number | null;
  /** The forecast variance at the previous period, and at the period of the last report to the committee. */
  previousVariancePence?: number | null;
  reportedVariancePence?: number | null;
  commentaryIds?: string[];
}

export interface LineRow extends LineFigures {
  variancePence: number | null;
  variancePercent: number | null;
  commentaryRequired: boolean;
  hasCommentary: boolean;
}

export interface TotalRow {
  label: string;
  budgetPence: number;
  actualPence: number | null;
  forecastPence: number | null;
  variancePence: number | null;
  variancePercent: number | null;
  /** Columns where the £000 total differs from the sum of the £000 lines above it. */
  roundingNotes: { column: string; printed: number; sumOfLines: number }[];
}

export interface DirectorateBlock {
  name: string;
  kind: 'service' | 'funding';
  groups: { name: string | null; lines: LineRow[] }[];
  total: TotalRow;
}

export interface MonitoringTable {
  directorates: DirectorateBlock[];
  /** Every service directorate (Appendix 1's "Total"), then the funding sections' total and the Net Total. */
  expenditureTotal: TotalRow;
  fundingTotal: TotalRow | null;
  netTotal: TotalRow;
  lines: LineRow[];
}

/** The line's variance: forecast outturn less budget (the outturn's forecast is its actual). */
export function lineRow(l: LineFigures, rule: CommentaryRule): LineRow {
  const outturn = l.forecastPence ?? null;
  const v = outturn === null ? null : variance(l.budgetPence, outturn);
  return {
    ...l,
    variancePence: v,
    variancePercent: v === null ? null : variancePercent(v, l.budgetPence),
    commentaryRequired: v !== null && needsCommentary(v, l.budgetPence, rule),
    hasCommentary: (l.commentaryIds ?? []).length > 0,
  };
}

function totalOf(label: string, rows: readonly (LineRow | TotalRow)[]): TotalRow {
  const budgetPence = rows.reduce((s, r) => s + r.budgetPence, 0);
  const actualPence = sumPence(rows.map((r) => r.actualPence));
  const forecastPence = sumPence(rows.map((r) => r.forecastPence));
  const variancePence = sumPence(rows.map((r) => r.variancePence));
  const pick = (r: LineRow | TotalRow) => ({ budget: r.budgetPence, actual: r.actualPence, forecast: r.forecastPence, variance: r.variancePence });
  const total = { label, budgetPence, actualPence, forecastPence, variancePence };
  return {
    ...total,
    variancePercent: variancePence === null ? null : variancePercent(variancePence, budgetPence),
    roundingNotes: roundingDifferences(rows.map(pick), pick(total as TotalRow)),
  };
}

/** Lines in their order (directorate, group, position): consecutive lines of a directorate and group are kept together. */
export function monitoringTable(lines: readonly LineFigures[], rule: CommentaryRule): MonitoringTable {
  const rows = lines.map((l) => lineRow(l, rule));
  const directorates: DirectorateBlock[] = [];
  for (const r of rows) {
    let d = directorates.at(-1);
    if (!d || d.name !== r.directorate) {
      d = { name: r.directorate, kind: r.directorateKind, groups: [], total: undefined as unknown as TotalRow };
      directorates.push(d);
    }
    let g = d.groups.at(-1);
    if (!g || g.name !== r.group) {
      g = { name: r.group, lines: [] };
      d.groups.push(g);
    }
    g.lines.push(r);
  }
  for (const d of directorates)
    d.total = totalOf(
      `${d.name} total`,
      d.groups.flatMap((g) => g.lines),
    );
  const service = directorates.filter((d) => d.kind === 'service');
  const funding = directorates.filter((d) => d.kind === 'funding');
  const expenditureTotal = totalOf(
    'Total',
    service.flatMap((d) => d.groups.flatMap((g) => g.lines)),
  );
  const fundingTotal = funding.length
    ? totalOf(
        'Funding total',
        funding.flatMap((d) => d.groups.flatMap((g) => g.lines)),
      )
    : null;
  const netTotal = totalOf('Net total', rows);
  return { directorates, expenditureTotal, fundingTotal, netTotal, lines: rows };
}

/** Figures of a group of lines (a commentary covering several, such as "LD – Overall LDP Position"). */
export const groupTotal = (label: string, rows: readonly LineRow[]): TotalRow => totalOf(label, rows);
