// The rules the Finance and Performance Report's later appendices follow, as plain functions: the budget
// reconciliation of seed 004's Appendix 4 (budget as per business plan, each virement to or from another
// service block, the budget for the year), how it names a virement's month, and the counts by RAG of the
// summary's table 1.2 for the portfolio. Unit-tested with the seed's figures.

export interface ReconciliationLine {
  id: string;
  name: string;
  /** Null when the line has no budget for the year. */
  originalBudgetPence: number | null;
}
export interface ReconciliationVirement {
  effectiveDate: string;
  fromLineId: string | null;
  toLineId: string | null;
  amountPence: number;
  reason: string;
}
export interface Reconciliation {
  businessPlanPence: number;
  /** Virements between this budget and another service block, signed as they change it (in is positive). */
  adjustments: { lineName: string; effectiveDate: string; amountPence: number; reason: string }[];
  /** Virements between two of its lines: they move budget within it and leave the total as it is. */
  within: { count: number; amountPence: number };
  budgetPence: number;
}

/**
 * Budget as per business plan (the lines' original budgets), each virement effective on or before the period's
 * last day that crosses the budget's edge, and the budget they make, which is the sum of the revised budgets.
 */
export function budgetReconciliation(lines: readonly ReconciliationLine[], virements: readonly ReconciliationVirement[], asAt: string): Reconciliation {
  const names = new Map(lines.map((l) => [l.id, l.name]));
  const businessPlanPence = lines.reduce((sum, l) => sum + (l.originalBudgetPence ?? 0), 0);
  const adjustments: Reconciliation['adjustments'] = [];
  const within = { count: 0, amountPence: 0 };
  for (const v of virements) {
    if (v.effectiveDate > asAt) continue;
    const from = v.fromLineId !== null && names.has(v.fromLineId) ? v.fromLineId : null;
    const to = v.toLineId !== null && names.has(v.toLineId) ? v.toLineId : null;
    if (from && to) {
      within.count += 1;
      within.amountPence += v.amountPence;
    } else if (from || to) {
      adjustments.push({
        lineName: names.get((from ?? to)!)!,
        effectiveDate: v.effectiveDate,
        amountPence: from ? -v.amountPence : v.amountPence,
        reason: v.reason,
      });
    }
  }
  const budgetPence = adjustments.reduce((sum, a) => sum + a.amountPence, businessPlanPence);
  return { businessPlanPence, adjustments, within, budgetPence };
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'June', 'July', 'Aug', 'Sept', 'Oct', 'Nov', 'Dec'];

/** A virement's month as Appendix 4's "Eff. Period" column writes it: '2017-09-01' → 'Sept'. */
export function effectivePeriod(isoDate: string): string {
  const month = Number(isoDate.slice(5, 7));
  if (!/^\d{4}-\d{2}-\d{2}/.test(isoDate) || month < 1 || month > 12) throw new RangeError(`Not a date: ${isoDate}`);
  return SHORT_MONTHS[month - 1]!;
}

export interface RagCounts {
  red: number;
  amber: number;
  green: number;
  /** No target (an indicator) or no assessment by the date (a programme or project). */
  none: number;
  total: number;
}

/** Programmes and projects counted by their RAG as at the date, for the summary's table 1.2. */
export function portfolioCounts(rags: readonly ('red' | 'amber' | 'green' | null)[]): RagCounts {
  const counts: RagCounts = { red: 0, amber: 0, green: 0, none: 0, total: rags.length };
  for (const r of rags) counts[r ?? 'none'] += 1;
  return counts;
}
