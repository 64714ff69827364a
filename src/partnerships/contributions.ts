// Yearly financial contributions: totals are derived from the rows, never stored.

export interface ContributionLike {
  organisationId: string;
  financialYear: number;
  amountPence: number;
}

export interface ContributionYear {
  financialYear: number;
  totalPence: number;
  rows: ContributionLike[];
}

/** Groups contributions by financial year (newest first) with each year's total in pence. */
export function contributionsByYear<T extends ContributionLike>(rows: readonly T[]): { financialYear: number; totalPence: number; rows: T[] }[] {
  const years = new Map<number, T[]>();
  for (const row of rows) {
    if (!Number.isSafeInteger(row.amountPence)) throw new RangeError('Contribution amounts must be whole pence');
    years.set(row.financialYear, [...(years.get(row.financialYear) ?? []), row]);
  }
  return [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([financialYear, yearRows]) => ({
      financialYear,
      totalPence: yearRows.reduce((sum, r) => sum + r.amountPence, 0),
      rows: yearRows,
    }));
}

export function totalPence(rows: readonly ContributionLike[]): number {
  return rows.reduce((sum, r) => sum + r.amountPence, 0);
}
