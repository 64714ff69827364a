// The rules of money, as plain functions: financial years and periods, pence read safely, revised
// budgets from virements, variances, the commentary rule of seed 004's Appendix 2, the virement
// de minimis, and £000 as the committee's papers print it. Unit-tested with the seed's figures.

/** The most pence the database holds (its check constraints): well inside Number's exact integers. */
export const MAX_PENCE = 999_999_999_999_999;

/**
 * Pence from the database. PGlite and node-postgres both give bigint columns as numbers here
 * (src/db/database.ts), but sum() and other aggregates give numeric, which arrives as a string:
 * read either, and refuse anything that is not a whole number Number can hold exactly.
 */
export function toPence(value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new RangeError(`Not an amount in pence: ${String(value)}`);
  return n;
}
export const toPenceOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : toPence(value));

// ---- Years and periods ------------------------------------------------------------------------------

/** The outturn (closedown) is period 13, after March. */
export const OUTTURN = 13;
export const PERIODS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, OUTTURN] as const;
const MONTHS = ['April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'January', 'February', 'March'];

/** 2017 → '2017-18'. */
export const yearLabel = (startYear: number): string => `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`;

/** '2017-18' (or '2017/18') → 2017; anything else, or a second year that does not follow the first, → null. */
export function parseYear(text: unknown): number | null {
  const m = typeof text === 'string' ? /^\s*(\d{4})[-/](\d{2})\s*$/.exec(text) : null;
  if (!m) return null;
  const start = Number(m[1]);
  if ((start + 1) % 100 !== Number(m[2]) || start < 1990 || start > 2099) return null;
  return start;
}

/** Period 1 of 2017-18 → 'April 2017'; 11 → 'February 2018'; 13 → 'Outturn 2017-18'. */
export function periodLabel(year: number, period: number): string {
  if (period === OUTTURN) return `Outturn ${yearLabel(year)}`;
  return `${MONTHS[period - 1]} ${period >= 10 ? year + 1 : year}`;
}

/** The last day of the period (the outturn closes with March): what virements count towards it. */
export function periodEnd(year: number, period: number): string {
  const p = Math.min(period, 12);
  const calendarYear = p >= 10 ? year + 1 : year;
  const month = ((p + 2) % 12) + 1;
  const last = new Date(Date.UTC(calendarYear, month, 0)).getUTCDate();
  return `${calendarYear}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/** A period as written in a ledger extract or a form: 1–12, a month name ('Feb', 'February'), or 'Outturn' (13). */
export function parsePeriod(text: unknown): number | null {
  const s = String(text ?? '')
    .trim()
    .toLowerCase();
  if (/^\d{1,2}$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= OUTTURN ? n : null;
  }
  if (s === 'outturn' || s === 'closedown') return OUTTURN;
  const k = MONTHS.findIndex((m) => s.length >= 3 && m.toLowerCase().startsWith(s));
  return k >= 0 ? k + 1 : null;
}

/** The financial year a date falls in: '2018-03-31' → 2017. */
export const yearOfDate = (iso: string): number => (Number(iso.slice(5, 7)) >= 4 ? Number(iso.slice(0, 4)) : Number(iso.slice(0, 4)) - 1);

// ---- Reading money ------------------------------------------------------------------------------------

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Pounds as an officer or a ledger writes them, into pence, never through a float: '-8,880',
 * '£1,234.5', '(523.00)' (a negative in accounting style), '−17113' (a minus sign).
 */
export function parsePounds(input: unknown, label: string): Parsed<number> {
  let s = String(input ?? '')
    .trim()
    .replace(/[\u2212\u2013]/g, '-')
    .replace(/,/g, '')
    .replace(/\s/g, '');
  if (!s) return { ok: false, error: `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}` };
  let negative = false;
  if (/^\(.*\)$/.test(s)) [negative, s] = [true, s.slice(1, -1)];
  if (s.startsWith('-')) [negative, s] = [!negative, s.slice(1)];
  s = s.replace(/^£/, '');
  if (s.startsWith('-')) [negative, s] = [!negative, s.slice(1)];
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return { ok: false, error: `${label} must be an amount in pounds, like 8880, -8880 or 1234.50` };
  if (m[1]!.replace(/^0+/, '').length > 13) return { ok: false, error: `${label} must be less than £10,000,000,000,000` };
  const pence = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
  return { ok: true, value: negative && pence !== 0 ? -pence : pence };
}

/** Pence back into a form's box: -888000000 → '-8880000', 123450 → '1234.50'. */
export function penceToPounds(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return '';
  const abs = Math.abs(pence);
  const rest = abs % 100;
  return `${pence < 0 ? '-' : ''}${Math.floor(abs / 100)}${rest ? `.${String(rest).padStart(2, '0')}` : ''}`;
}

// ---- Budgets, virements and variances -----------------------------------------------------------------

export interface Virement {
  effectiveDate: string;
  fromLineId: string | null;
  toLineId: string | null;
  amountPence: number;
}

/** Original budget plus virements in, less virements out, effective on or before `asAt` (all of them when not given). */
export function revisedBudget(originalPence: number, lineId: string, virements: readonly Virement[], asAt?: string): number {
  let total = originalPence;
  for (const v of virements) {
    if (asAt && v.effectiveDate > asAt) continue;
    if (v.toLineId === lineId) total += v.amountPence;
    if (v.fromLineId === lineId) total -= v.amountPence;
  }
  return total;
}

/** Forecast outturn less budget (at the outturn, the actual less budget): positive is an overspend. */
export const variance = (budgetPence: number, outturnPence: number): number => outturnPence - budgetPence;

/** Round half away from zero, as Excel's ROUND and the council's papers do. */
export function roundHalfAway(n: number): number {
  const r = Math.round(Math.abs(n));
  return n < 0 && r !== 0 ? -r : r;
}

/** Whole pence to whole £000, exactly: 1_055_321_00 → 1,055. Integer arithmetic, no float error at the half. */
export function toThousands(pence: number): number {
  const abs = Math.abs(pence);
  const k = Math.floor(abs / 100_000) + (abs % 100_000 >= 50_000 ? 1 : 0);
  return pence < 0 && k !== 0 ? -k : k;
}

/**
 * The variance as a percentage of the budget, as Appendix 1 prints it (variance ÷ budget, so an
 * underspend on a negative budget is positive: -4,935 on -8,880 is 56%). Null when the budget is 0.
 */
export function variancePercent(variancePence: number, budgetPence: number): number | null {
  if (budgetPence === 0) return null;
  return roundHalfAway((variancePence * 100) / budgetPence);
}

// ---- The commentary rule (Appendix 2) -----------------------------------------------------------------

export interface CommentaryRule {
  /** Percent of the annual budget (2 in the seed). */
  percent: number;
  /** The floor in pence (£100,000 in the seed). */
  floorPence: number;
}
export const SEED_RULE: CommentaryRule = { percent: 2, floorPence: 10_000_000 };

/** The larger of percent × |budget| and the floor, in pence (may be fractional). */
export const commentaryThreshold = (budgetPence: number, rule: CommentaryRule): number =>
  Math.max((Math.abs(budgetPence) * rule.percent) / 100, rule.floorPence);

/**
 * "Narrative is given below where there is an adverse/positive variance greater than 2% of annual
 * budget or £100,000 whichever is greater." Compared exactly, in integers (BigInt), so a variance of
 * exactly the threshold is not caught. The percent may have two decimals (a setting of 2.5%).
 */
export function needsCommentary(variancePence: number, budgetPence: number, rule: CommentaryRule): boolean {
  const v = BigInt(Math.abs(variancePence));
  if (v <= BigInt(rule.floorPence)) return false;
  const basisPoints = BigInt(Math.round(rule.percent * 100));
  return v * 10_000n > BigInt(Math.abs(budgetPence)) * basisPoints;
}

/** The lines the rule catches that no commentary covers (directly or as one of a group). */
export function missingCommentary<L extends { id: string; variancePence: number | null; budgetPence: number }>(
  lines: readonly L[],
  commentedLineIds: ReadonlySet<string>,
  rule: CommentaryRule,
): L[] {
  return lines.filter((l) => l.variancePence !== null && needsCommentary(l.variancePence, l.budgetPence, rule) && !commentedLineIds.has(l.id));
}

// ---- Virements -----------------------------------------------------------------------------------------

/** Above the de minimis (£160,000 in the seed) the approving committee must be recorded. */
export const needsApprovingCommittee = (amountPence: number, deMinimisPence: number): boolean => amountPence > deMinimisPence;

// ---- Change since an earlier forecast -----------------------------------------------------------------

/**
 * How the minutes say a change: "an increase of £28k", "a reduction of £1k", "no change". Positive is
 * a worsening of the variance (more overspent or less underspent).
 */
export function describeChange(changePence: number | null): string {
  if (changePence === null) return '';
  const k = Math.abs(toThousands(changePence));
  if (k === 0) return 'no change';
  return `${changePence > 0 ? 'an increase' : 'a reduction'} of £${k.toLocaleString('en-GB')}k`;
}

// ---- £000 and totals as printed -------------------------------------------------------------------------

/** 1055 → '1,055'; -4935 → '-4,935'. */
export const formatThousands = (k: number): string => (k < 0 ? `-${Math.abs(k).toLocaleString('en-GB')}` : k.toLocaleString('en-GB'));

export interface Figures {
  budgetPence: number;
  actualPence: number | null;
  forecastPence: number | null;
}

/**
 * A total printed in £000 is the rounded sum, not the sum of the rounded lines; where they differ the
 * report says so. Returns the columns in which they differ, with both figures.
 */
export function roundingDifferences(lines: readonly Record<string, number | null>[], total: Record<string, number | null>) {
  const out: { column: string; printed: number; sumOfLines: number }[] = [];
  for (const column of Object.keys(total)) {
    const t = total[column];
    if (t === null || t === undefined) continue;
    const printed = toThousands(t);
    const sumOfLines = lines.reduce((s, l) => s + (l[column] === null || l[column] === undefined ? 0 : toThousands(l[column] as number)), 0);
    if (printed !== sumOfLines) out.push({ column, printed, sumOfLines });
  }
  return out;
}

/** Adds pence, keeping null when no figure is there at all. */
export function sumPence(values: readonly (number | null)[]): number | null {
  let total: number | null = null;
  for (const v of values) if (v !== null) total = (total ?? 0) + v;
  return total;
}
