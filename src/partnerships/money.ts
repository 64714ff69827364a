// A partnership's money, as pure rules: each partner's share of a pooled budget as a percentage, what a
// loan or equity investment still has to return on a date, and when its schedule ends. Amounts are
// whole pence (numbers that are safe integers, from bigint columns); totals are always derived.

export const CONTRIBUTION_STATUSES = ['proposed', 'agreed', 'paid'] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

function wholePence(amounts: readonly number[]) {
  for (const a of amounts) if (!Number.isSafeInteger(a) || a < 0) throw new RangeError('Amounts must be whole pence, £0 or more');
}

export interface ShareLike {
  amountPence: number;
}

/**
 * Each share's percentage of the pool to one decimal place, rounded so the printed percentages add up
 * to 100.0 (largest remainder), since a table whose shares add to 99.9% reads as a mistake.
 * Computed in tenths of a percent with integers, never floats.
 */
export function sharePercentages(shares: readonly ShareLike[]): { totalPence: number; tenths: number[] } {
  const amounts = shares.map((s) => s.amountPence);
  wholePence(amounts);
  const total = amounts.reduce((a, b) => a + b, 0);
  if (total === 0) return { totalPence: 0, tenths: amounts.map(() => 0) };
  const big = BigInt(total);
  const exact = amounts.map((a) => BigInt(a) * 1000n);
  const floors = exact.map((e) => e / big);
  let left = 1000 - floors.reduce((a, b) => a + Number(b), 0);
  const byRemainder = exact.map((e, i) => ({ i, r: e % big })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const tenths = floors.map(Number);
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    tenths[i]! += 1;
    left -= 1;
  }
  return { totalPence: total, tenths };
}

/** Tenths of a percent as printed: 1000 → '100.0%', 625 → '62.5%'. */
export const percentLabel = (tenths: number) => `${Math.trunc(tenths / 10)}.${tenths % 10}%`;

export interface RepaymentLike {
  dueOn: string;
  amountPence: number;
}

export interface InvestmentPosition {
  /** What was lent or invested. */
  amountPence: number;
  /** Scheduled to have come back by the date. */
  returnedPence: number;
  /** Still to come back after the date: the amount less what the schedule returned by then (never below zero). */
  outstandingPence: number;
  /** The schedule's total, and how it compares with the amount (a schedule may return less, or more with interest or uplift). */
  scheduledPence: number;
  /** The last scheduled date, and the whole years from the date to it ("over the next 13 years"); null without a schedule. */
  lastDueOn: string | null;
  yearsToRun: number | null;
}

/** Whole years from one ISO date to a later one, counting a part year as a year (a schedule to 2024 from 2011 runs 13 years). */
export function yearsBetween(fromIso: string, toIso: string): number {
  if (toIso <= fromIso) return 0;
  const [fy, fm, fd] = fromIso.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = toIso.split('-').map(Number) as [number, number, number];
  let years = ty - fy;
  if (tm < fm || (tm === fm && td < fd)) years -= 1;
  const anniversary = `${String(fy + years).padStart(4, '0')}-${fromIso.slice(5)}`;
  return anniversary < toIso ? years + 1 : years;
}

/** Where a loan or equity investment stands on a date, derived from its amount and repayment schedule. */
export function investmentPosition(amountPence: number, schedule: readonly RepaymentLike[], asAt: string): InvestmentPosition {
  wholePence([amountPence, ...schedule.map((r) => r.amountPence)]);
  const returnedPence = schedule.filter((r) => r.dueOn <= asAt).reduce((sum, r) => sum + r.amountPence, 0);
  const scheduledPence = schedule.reduce((sum, r) => sum + r.amountPence, 0);
  const lastDueOn = schedule.length
    ? schedule
        .map((r) => r.dueOn)
        .sort()
        .at(-1)!
    : null;
  return {
    amountPence,
    returnedPence,
    outstandingPence: Math.max(0, amountPence - returnedPence),
    scheduledPence,
    lastDueOn,
    yearsToRun: lastDueOn ? yearsBetween(asAt, lastDueOn) : null,
  };
}

export interface ContributionMoneyLike {
  financialYear: number;
  amountPence: number;
  status: ContributionStatus;
  kind: 'cash' | 'in_kind';
}

/** A year's contributions split by status and by cash or in kind, so proposed money is never added to agreed money unseen. */
export function contributionSummary(rows: readonly ContributionMoneyLike[]) {
  wholePence(rows.map((r) => r.amountPence));
  const sum = (pick: (r: ContributionMoneyLike) => boolean) => rows.filter(pick).reduce((s, r) => s + r.amountPence, 0);
  return {
    proposedPence: sum((r) => r.status === 'proposed'),
    agreedPence: sum((r) => r.status === 'agreed'),
    paidPence: sum((r) => r.status === 'paid'),
    cashPence: sum((r) => r.kind === 'cash' && r.status !== 'proposed'),
    inKindPence: sum((r) => r.kind === 'in_kind' && r.status !== 'proposed'),
    /** Agreed or paid: what partners have committed. */
    committedPence: sum((r) => r.status !== 'proposed'),
  };
}
