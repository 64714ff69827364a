// Reporting periods on the financial year (1 April to 31 March), as councils report them:
// monthly ('March 2018'), quarterly ('2017/18 Q3' = October to December 2017; Q4 is January to
// March) and annual ('2017/18'). A period is its frequency and its first day (see Period in
// indicator-types.ts). Pure; calendar arithmetic is done on whole days (calendar/working-days),
// so no time zone or clock change can move a date.
import { addDays, assertIsoDate, parseIsoDate } from '../calendar/working-days.ts';
import { FREQUENCIES, type Frequency, type Period } from './indicator-types.ts';

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

const MONTHS_PER: Record<Frequency, number> = { monthly: 1, quarterly: 3, annual: 12 };

/** The most periods periodsBetween will list (a century of months), so a typo cannot exhaust memory. */
export const MAX_PERIODS_BETWEEN = 1200;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoOf(year: number, month: number, day = 1): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function assertFrequency(frequency: unknown): asserts frequency is Frequency {
  if (!(FREQUENCIES as readonly unknown[]).includes(frequency)) {
    throw new TypeError(`The frequency must be one of ${FREQUENCIES.join(', ')}, but was '${String(frequency)}'`);
  }
}

/** A date's parts; accepts 'yyyy-mm-dd' or a timestamp starting with one ('2018-03-31T23:00:00Z' is 31 March). */
function dateParts(date: string): { year: number; month: number; day: number } {
  const day = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(date) ? date.slice(0, 10) : date;
  assertIsoDate(day);
  return parseIsoDate(day)!;
}

/** The financial year a date falls in, as the year its April starts: '2018-03-31' → 2017; '2018-04-01' → 2018. */
export function financialYearOf(date: string): number {
  const { year, month } = dateParts(date);
  return month >= 4 ? year : year - 1;
}

/** '2017/18' for the financial year starting April 2017; '1999/00' for 1999. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${pad((startYear + 1) % 100)}`;
}

/** Which quarter of the financial year a calendar month is in: April–June 1 … January–March 4. */
function quarterOfMonth(month: number): number {
  return Math.floor(((month + 8) % 12) / 3) + 1;
}

/** The period of the given frequency that contains the date. */
export function periodOf(date: string, frequency: Frequency): Period {
  assertFrequency(frequency);
  const { year, month } = dateParts(date);
  if (frequency === 'monthly') return { frequency, start: isoOf(year, month) };
  const fy = month >= 4 ? year : year - 1;
  if (frequency === 'annual') return { frequency, start: isoOf(fy, 4) };
  const startMonth = 4 + (quarterOfMonth(month) - 1) * 3; // 4, 7, 10, 13
  return { frequency, start: startMonth > 12 ? isoOf(fy + 1, startMonth - 12) : isoOf(fy, startMonth) };
}

/** True when the period is well formed: a known frequency and the first day of such a period. */
export function isPeriod(p: unknown): p is Period {
  if (!p || typeof p !== 'object') return false;
  const { frequency, start } = p as Record<string, unknown>;
  if (!(FREQUENCIES as readonly unknown[]).includes(frequency) || typeof start !== 'string') return false;
  const parts = parseIsoDate(start);
  if (parts?.day !== 1) return false;
  if (frequency === 'quarterly') return [1, 4, 7, 10].includes(parts.month);
  if (frequency === 'annual') return parts.month === 4;
  return true;
}

function assertPeriod(p: Period, name = 'period'): { year: number; month: number } {
  if (!isPeriod(p)) {
    throw new TypeError(`The ${name} must be a frequency and the first day of such a period, but was ${JSON.stringify(p)}`);
  }
  const { year, month } = parseIsoDate(p.start)!;
  return { year, month };
}

/** 'March 2018', '2017/18 Q3', '2017/18'. */
export function periodLabel(p: Period): string {
  const { year, month } = assertPeriod(p);
  if (p.frequency === 'monthly') return `${MONTH_NAMES[month - 1]} ${year}`;
  const fy = month >= 4 ? year : year - 1;
  if (p.frequency === 'annual') return financialYearLabel(fy);
  return `${financialYearLabel(fy)} Q${quarterOfMonth(month)}`;
}

/** A short label for chart axes: 'Mar 2018', '17/18 Q3', '2017/18'. */
export function periodShortLabel(p: Period): string {
  const { year, month } = assertPeriod(p);
  if (p.frequency === 'monthly') return `${MONTH_NAMES[month - 1]!.slice(0, 3)} ${year}`;
  const fy = month >= 4 ? year : year - 1;
  if (p.frequency === 'annual') return financialYearLabel(fy);
  return `${financialYearLabel(fy).slice(2)} Q${quarterOfMonth(month)}`;
}

function monthIndex(p: Period): number {
  const { year, month } = assertPeriod(p);
  return year * 12 + (month - 1);
}

function fromMonthIndex(frequency: Frequency, index: number): Period {
  const year = Math.floor(index / 12);
  if (year < 0 || year > 9999) throw new RangeError('The period falls outside the years 0000 to 9999');
  return { frequency, start: isoOf(year, (index % 12) + 1) };
}

/** The period after this one, of the same frequency. */
export function nextPeriod(p: Period): Period {
  return fromMonthIndex(p.frequency, monthIndex(p) + MONTHS_PER[p.frequency]);
}

/** The period before this one, of the same frequency. */
export function previousPeriod(p: Period): Period {
  return fromMonthIndex(p.frequency, monthIndex(p) - MONTHS_PER[p.frequency]);
}

/** The last day of the period: March 2018 → '2018-03-31'; 2017/18 Q4 → '2018-03-31'; February 2020 → '2020-02-29'. */
export function periodEnd(p: Period): string {
  const index = monthIndex(p) + MONTHS_PER[p.frequency];
  const year = Math.floor(index / 12);
  if (year > 9999) {
    if (index === 10000 * 12) return '9999-12-31';
    throw new RangeError('The period ends after the year 9999');
  }
  return addDays(isoOf(year, (index % 12) + 1), -1);
}

/** Whether a date (yyyy-mm-dd) falls within the period. */
export function periodContains(p: Period, date: string): boolean {
  return periodOf(date, p.frequency).start === p.start;
}

/** Negative when a is before b, 0 when the same, positive when after. Both must have the same frequency. */
export function comparePeriods(a: Period, b: Period): number {
  if (a.frequency !== b.frequency) {
    throw new TypeError(`Cannot compare a ${a.frequency} period with a ${b.frequency} one`);
  }
  return monthIndex(a) - monthIndex(b);
}

/** How many periods of their frequency `b` is after `a` (negative when before): March 2018 is 7 months after August 2017. */
export function periodsApart(a: Period, b: Period): number {
  return comparePeriods(b, a) / MONTHS_PER[a.frequency];
}

/**
 * Every period from `from` to `to`, both included, oldest first; empty when `from` is after `to`.
 * Both must have the same frequency; at most MAX_PERIODS_BETWEEN periods.
 */
export function periodsBetween(from: Period, to: Period): Period[] {
  const step = MONTHS_PER[from.frequency];
  const span = comparePeriods(to, from);
  if (span < 0) return [];
  const count = span / step + 1;
  if (count > MAX_PERIODS_BETWEEN) {
    throw new RangeError(`Too many periods: ${count} from ${periodLabel(from)} to ${periodLabel(to)} (the most is ${MAX_PERIODS_BETWEEN})`);
  }
  const first = monthIndex(from);
  return Array.from({ length: count }, (_, i) => fromMonthIndex(from.frequency, first + i * step));
}

/**
 * The periods a value can be entered for, most recent first: only periods that have ended by
 * `today` (the unfinished current month, quarter or year has no value yet), back to `earliest`
 * (a period start) or at most `count` of them.
 */
export function endedPeriods(frequency: Frequency, today: string, earliest: string, count: number): Period[] {
  const last = previousPeriod(periodOf(today, frequency));
  const first = periodOf(earliest < last.start ? earliest : last.start, frequency);
  return periodsBetween(first, last).reverse().slice(0, count);
}

/** The date a period's value is due: `lagDays` calendar days after the period ends (March 2018 → '2018-04-30'). */
export function dueDate(p: Period, lagDays = 30): string {
  if (!Number.isSafeInteger(lagDays) || lagDays < 0) {
    throw new RangeError(`The lag must be a whole number of days, zero or more, but was ${String(lagDays)}`);
  }
  return addDays(periodEnd(p), lagDays);
}

// ---------------------------------------------------------------------------------------------
// Reading labels

const MONTH_WORDS: ReadonlyMap<string, number> = new Map(
  MONTH_NAMES.flatMap(
    (name, i) =>
      [
        [name.toLowerCase(), i + 1],
        [name.slice(0, 3).toLowerCase(), i + 1],
      ] as [string, number][],
  ).concat([['sept', 9]]),
);

// '2017/18', '2017-18', '2017/2018', '2017–18' (en dash), '2017 / 18'.
const FY = String.raw`(\d{4})\s*[/\-–—]\s*(\d{4}|\d{2})`;
const QUARTER = String.raw`(?:q|quarter\s*)([1-4])`;
const FY_ONLY = new RegExp(String.raw`^(?:fy\s*)?${FY}$`);
const FY_THEN_QUARTER = new RegExp(String.raw`^(?:fy\s*)?${FY}\s*[,:]?\s*${QUARTER}$`);
const QUARTER_THEN_FY = new RegExp(String.raw`^${QUARTER}\s*[,:]?\s*(?:fy\s*)?${FY}$`);
const MONTH_WORD_YEAR = /^([a-z]+)\.?,?\s*(\d{4})$/;
const ISO_MONTH = /^(\d{4})-(\d{1,2})$/;

/** The April start year of a financial year written 'yyyy/yy' or 'yyyy/yyyy', or null when the years do not follow on. */
function financialYearFrom(first: string, second: string): number | null {
  const start = Number(first);
  if (second.length === 2) return Number(second) === (start + 1) % 100 ? start : null;
  return Number(second) === start + 1 ? start : null;
}

/**
 * Reads a period as people write it, for the frequency expected; null when the text is not a
 * period of that frequency. Monthly: 'Mar 2018', 'March 2018', 'Sept 2018', '2018-03'.
 * Quarterly: '2017/18 Q3', 'Q3 2017/18', '2017-18 Q3', 'Quarter 3 2017/18'. Annual: '2017/18',
 * '2017-18', '2017/2018'. Case and extra spaces do not matter; the years of a financial year
 * must follow on ('2017/19' is not one).
 */
export function parsePeriodLabel(text: string, frequency: Frequency): Period | null {
  assertFrequency(frequency);
  if (typeof text !== 'string') return null;
  const t = text.trim().replace(/\s+/g, ' ').toLowerCase();
  if (!t || t.length > 40) return null;
  if (frequency === 'monthly') {
    let year: number | undefined;
    let month: number | undefined;
    const word = MONTH_WORD_YEAR.exec(t);
    if (word) {
      month = MONTH_WORDS.get(word[1]!);
      year = Number(word[2]);
    }
    const iso = ISO_MONTH.exec(t);
    if (iso) {
      year = Number(iso[1]);
      month = Number(iso[2]);
    }
    if (year === undefined || month === undefined || month < 1 || month > 12) return null;
    return { frequency, start: isoOf(year, month) };
  }
  if (frequency === 'annual') {
    const m = FY_ONLY.exec(t);
    if (!m) return null;
    const fy = financialYearFrom(m[1]!, m[2]!);
    return fy === null || fy > 9998 ? null : { frequency, start: isoOf(fy, 4) };
  }
  let fy: number | null = null;
  let quarter = 0;
  const a = FY_THEN_QUARTER.exec(t);
  const b = QUARTER_THEN_FY.exec(t);
  if (a) {
    fy = financialYearFrom(a[1]!, a[2]!);
    quarter = Number(a[3]);
  } else if (b) {
    fy = financialYearFrom(b[2]!, b[3]!);
    quarter = Number(b[1]);
  }
  if (fy === null || quarter < 1 || fy > 9998) return null;
  const startMonth = 4 + (quarter - 1) * 3;
  return { frequency, start: startMonth > 12 ? isoOf(fy + 1, startMonth - 12) : isoOf(fy, startMonth) };
}
