// The pure rules of performance management: RAG status against a target, direction of travel,
// the summary counts a Finance and Performance report prints (seed 004 table 1.2), runs of
// off-target periods that call for an exception report (seed 001, NI 8), what must be written
// before an off-target value can be published, and how values are printed.
//
// Exact arithmetic. Values are stored as exact decimals and arrive here as JS numbers. Every
// comparison a rule makes is done on exact decimals, not floats: a number is turned back into
// the decimal it was written as (its shortest round-trip text, e.g. 0.1 → "0.1", which is what
// JS guarantees for up to 15 significant digits) and held as a BigInt scaled by a power of ten.
// So the amber boundary is exact: with a target of 30.0 and 10% tolerance (lower is better) an
// actual of 33 is "within tolerance" and 33.0001 is "off target"; in floats 30 * 1.1 is
// 33.000000000000004 and 72 * 0.9 is 64.80000000000001, which would put the boundary on the
// wrong side of some values. Rounding for direction of travel and display is also exact
// (half away from zero: 1.005 to 2 decimals is 1.01, where (1.005).toFixed(2) gives "1.00").
import type { Direction, Frequency, Polarity, RagStatus, Unit } from './indicator-types.ts';
import { comparePeriods, periodLabel, periodsApart } from './periods.ts';

// ---------------------------------------------------------------------------------------------
// Exact decimals

/** value = m / 10^e, with e ≥ 0. */
interface Decimal {
  m: bigint;
  e: number;
}

const NUMBER_TEXT = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

function toDecimal(n: number, name = 'value'): Decimal {
  if (typeof n !== 'number' || !Number.isFinite(n)) {
    throw new TypeError(`The ${name} must be a finite number, but was ${String(n)}`);
  }
  const match = NUMBER_TEXT.exec(String(n));
  if (!match) throw new TypeError(`The ${name} ${String(n)} cannot be read as a decimal`);
  const [, sign = '', whole = '0', fraction = '', exponent = '0'] = match;
  let digits = whole + fraction;
  let e = fraction.length - Number(exponent);
  if (e < 0) {
    digits += '0'.repeat(-e);
    e = 0;
  }
  return { m: BigInt(sign + digits), e };
}

function scaledTo(a: Decimal, e: number): bigint {
  return a.m * 10n ** BigInt(e - a.e);
}

function compare(a: Decimal, b: Decimal): number {
  const e = Math.max(a.e, b.e);
  const x = scaledTo(a, e);
  const y = scaledTo(b, e);
  return x < y ? -1 : x > y ? 1 : 0;
}

function multiply(a: Decimal, b: Decimal): Decimal {
  return { m: a.m * b.m, e: a.e + b.e };
}

function add(a: Decimal, b: Decimal): Decimal {
  const e = Math.max(a.e, b.e);
  return { m: scaledTo(a, e) + scaledTo(b, e), e };
}

function negate(a: Decimal): Decimal {
  return { m: -a.m, e: a.e };
}

function abs(a: Decimal): Decimal {
  return a.m < 0n ? negate(a) : a;
}

/** The value rounded half away from zero to `decimals` places, as an integer scaled by 10^decimals. */
function roundScaled(a: Decimal, decimals: number): bigint {
  if (a.e <= decimals) return scaledTo(a, decimals);
  const divisor = 10n ** BigInt(a.e - decimals);
  const magnitude = a.m < 0n ? -a.m : a.m;
  let q = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) q += 1n;
  return a.m < 0n ? -q : q;
}

function assertDecimals(decimals: number): void {
  if (!Number.isSafeInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`The number of decimal places must be a whole number from 0 to 20, but was ${String(decimals)}`);
  }
}

/**
 * A value rounded half away from zero to `decimals` places, as fixed-point text without grouping:
 * roundedText(1.005, 2) → '1.01'; roundedText(-0.04, 1) → '0.0' (no negative zero).
 */
export function roundedText(value: number, decimals: number): string {
  assertDecimals(decimals);
  const scaled = roundScaled(toDecimal(value), decimals);
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

function groupThousands(wholeDigits: string): string {
  return wholeDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

// ---------------------------------------------------------------------------------------------
// RAG status

function assertTolerance(tolerancePercent: number): void {
  if (typeof tolerancePercent !== 'number' || !Number.isFinite(tolerancePercent) || tolerancePercent < 0) {
    throw new RangeError(`The tolerance must be a percentage of zero or more, but was ${String(tolerancePercent)}`);
  }
}

/**
 * The RAG status of a value against its target.
 *
 * - 'no_target' when there is no target, or the polarity is not applicable (nothing to judge by);
 * - null when there is a target but no value yet (not reported — not the same as off target);
 * - 'on_target' when the value meets the target in its polarity (higher is better: actual ≥
 *   target; lower is better: actual ≤ target — a target is a floor or a ceiling, and meeting it
 *   exactly counts);
 * - 'within_tolerance' (amber) when it misses by no more than tolerancePercent of the target:
 *   higher: actual ≥ target − |target| × t/100; lower: actual ≤ target + |target| × t/100.
 *   (For the usual positive targets that is target × (1 ∓ t/100). Using |target| keeps the band
 *   on the bad side for a negative target; a target of 0 has no band.) The boundary is inside;
 *   the comparison is exact (see the top of this file);
 * - 'off_target' otherwise.
 */
export function ragStatus(actual: number | null, target: number | null, polarity: Polarity, tolerancePercent: number): RagStatus | null {
  assertTolerance(tolerancePercent);
  if (target === null || target === undefined || polarity === 'not_applicable') return 'no_target';
  if (actual === null || actual === undefined) return null;
  const a = toDecimal(actual, 'actual value');
  const t = toDecimal(target, 'target');
  const tol = toDecimal(tolerancePercent, 'tolerance');
  const hundred: Decimal = { m: 100n, e: 0 };
  // Compare 100 × actual with 100 × target ± |target| × tolerance: no division, so exact.
  const a100 = multiply(a, hundred);
  const t100 = multiply(t, hundred);
  const band = multiply(abs(t), tol);
  if (polarity === 'higher_is_better') {
    if (compare(a, t) >= 0) return 'on_target';
    return compare(a100, add(t100, negate(band))) >= 0 ? 'within_tolerance' : 'off_target';
  }
  if (polarity === 'lower_is_better') {
    if (compare(a, t) <= 0) return 'on_target';
    return compare(a100, add(t100, band)) <= 0 ? 'within_tolerance' : 'off_target';
  }
  throw new TypeError(`Unknown polarity '${String(polarity)}'`);
}

export interface SummaryCounts {
  red: number;
  amber: number;
  green: number;
  noTarget: number;
  /** Indicators with a target but no value for the period yet (status null). */
  noData: number;
  total: number;
}

/**
 * The counts a report's summary table prints (seed 004 table 1.2: "Red 4, Amber 2, Green 6,
 * No Target 26, Total 38"). Total counts every indicator, so red + amber + green + noTarget +
 * noData = total. A null status (a target but no value yet) is counted as noData rather than
 * hidden among "No Target": it is a gap in reporting, not an indicator without a target.
 */
export function summaryCounts(statuses: readonly (RagStatus | null)[]): SummaryCounts {
  const counts: SummaryCounts = { red: 0, amber: 0, green: 0, noTarget: 0, noData: 0, total: 0 };
  for (const status of statuses) {
    counts.total += 1;
    if (status === 'off_target') counts.red += 1;
    else if (status === 'within_tolerance') counts.amber += 1;
    else if (status === 'on_target') counts.green += 1;
    else if (status === 'no_target') counts.noTarget += 1;
    else if (status === null || status === undefined) counts.noData += 1;
    else throw new TypeError(`Unknown RAG status '${String(status)}'`);
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Direction of travel

/**
 * Which way the value moved, as a judgement in the indicator's polarity. Seed 004's column is
 * "Direction of travel (up is good, down is bad)": its arrows are judgements, not movements —
 * re-referrals falling from 12.54% to 12.50% is ↑ (good, lower is better), and the referral
 * rate rising from 298.6 to 330.1 is ↓ (bad).
 *
 * - 'none' when either value is missing (the first period has nothing to compare with);
 * - 'none' for not_applicable polarity: no judgement is made (use `movement` for up/down);
 * - 'same' when the two are equal once rounded (exactly, half away from zero) to the
 *   indicator's `decimals` — 51.9 → 51.9 is ➔;
 * - otherwise 'improving' or 'worsening' by the polarity.
 */
export function directionOfTravel(current: number | null, previous: number | null, polarity: Polarity, decimals = 4): Direction {
  assertDecimals(decimals);
  const moved = movement(current, previous, decimals);
  if (moved === null || polarity === 'not_applicable') return 'none';
  if (moved === 'same') return 'same';
  if (polarity === 'higher_is_better') return moved === 'up' ? 'improving' : 'worsening';
  if (polarity === 'lower_is_better') return moved === 'down' ? 'improving' : 'worsening';
  throw new TypeError(`Unknown polarity '${String(polarity)}'`);
}

/** The plain movement, with no judgement: 'up', 'down' or 'same' (after rounding); null when a value is missing. */
export function movement(current: number | null, previous: number | null, decimals = 4): 'up' | 'down' | 'same' | null {
  assertDecimals(decimals);
  if (current === null || current === undefined || previous === null || previous === undefined) return null;
  const c = roundScaled(toDecimal(current, 'current value'), decimals);
  const p = roundScaled(toDecimal(previous, 'previous value'), decimals);
  return c === p ? 'same' : c > p ? 'up' : 'down';
}

// ---------------------------------------------------------------------------------------------
// Against which period: direction of travel across gaps

/**
 * How far back a direction of travel may reach: a year. Within a year a missed month or term
 * still says something, and the words name the period compared with; across more than a year
 * (August 2017 to November 2026) the change mixes seasons, definitions and policy, so no
 * direction is given at all rather than a confident "Worsening".
 */
export const TRAVEL_REACH_MONTHS = 12;

const PERIOD_WORDS: Record<Frequency, string> = { monthly: 'months', quarterly: 'quarters', annual: 'years' };

export interface Travel {
  direction: Direction;
  /** The plain movement when a comparison is made ('up', 'down', 'same'); null otherwise. */
  movement: 'up' | 'down' | 'same' | null;
  /** 'previous': the period just before; 'earlier': up to a year before; 'too_old': further back (no direction); 'none': nothing before. */
  against: 'previous' | 'earlier' | 'too_old' | 'none';
  /** The first day of the period of the previous value, when there is one. */
  previousPeriod: string | null;
  /** How many periods back the previous value is (1 for the period just before). */
  periodsBefore: number | null;
  /** In words, as the pages, the chart and the API give it ('No data' without a current value): 'Improving', 'Up', 'No change', 'Worsening (compared with 2017/18 Q1, 2 quarters before)', 'No comparison: previous value is from August 2017', 'No previous period'. */
  words: string;
}

/**
 * Direction of travel of a period's value against the value before it, judged only when that
 * value is from the period immediately before (by the indicator's frequency) or, saying so, from
 * no more than TRAVEL_REACH_MONTHS before. Periods are first days ('2017-08-01'). Pure.
 */
export function travel(
  current: { period: string; value: number | null },
  previous: { period: string; value: number | null } | null,
  frequency: Frequency,
  polarity: Polarity,
  decimals = 4,
): Travel {
  const none = (words: string, against: Travel['against'] = 'none'): Travel => ({
    direction: 'none',
    movement: null,
    against,
    previousPeriod: against === 'none' ? null : previous!.period,
    periodsBefore: null,
    words,
  });
  if (current.value === null || current.value === undefined) return none(NO_DATA);
  if (!previous || previous.value === null || previous.value === undefined) return none('No previous period');
  const months = comparePeriods({ frequency, start: current.period }, { frequency, start: previous.period });
  const periodsBefore = periodsApart({ frequency, start: previous.period }, { frequency, start: current.period });
  if (months <= 0) throw new RangeError(`The previous period (${previous.period}) must be before the current one (${current.period})`);
  if (months > TRAVEL_REACH_MONTHS) {
    return none(`No comparison: previous value is from ${periodLabel({ frequency, start: previous.period })}`, 'too_old');
  }
  const direction = directionOfTravel(current.value, previous.value, polarity, decimals);
  const moved = movement(current.value, previous.value, decimals);
  const base =
    direction === 'improving' ? 'Improving' : direction === 'worsening' ? 'Worsening' : moved === 'same' ? 'No change' : moved === 'up' ? 'Up' : 'Down';
  const words =
    periodsBefore === 1
      ? base
      : `${base} (compared with ${periodLabel({ frequency, start: previous.period })}, ${periodsBefore} ${PERIOD_WORDS[frequency]} before)`;
  return { direction, movement: moved, against: periodsBefore === 1 ? 'previous' : 'earlier', previousPeriod: previous.period, periodsBefore, words };
}

// ---------------------------------------------------------------------------------------------
// Exceptions and publication

/**
 * How many of the most recent periods in a row are off target. The list runs oldest → newest;
 * the run is counted back from the newest and ends at the first status that is not
 * 'off_target' (a period with no value, null, also ends it: an unreported period is not
 * evidence either way).
 */
export function consecutiveOffTarget(statuses: readonly (RagStatus | null)[]): number {
  let run = 0;
  for (let i = statuses.length - 1; i >= 0; i -= 1) {
    if (statuses[i] !== 'off_target') break;
    run += 1;
  }
  return run;
}

/**
 * Whether the indicator needs an exception report to the board (seed 001: "An Exception Report
 * for NI 8 was considered by the Cambridgeshire Together Board"): it has been off target for
 * `threshold` or more of the most recent periods in a row.
 */
export function exceptionReportRequired(statuses: readonly (RagStatus | null)[], threshold = 2): boolean {
  if (!Number.isSafeInteger(threshold) || threshold < 1) {
    throw new RangeError(`The exception threshold must be a whole number of periods, 1 or more, but was ${String(threshold)}`);
  }
  return consecutiveOffTarget(statuses) >= threshold;
}

export const PUBLICATION_MESSAGES = {
  commentary: 'Enter a commentary explaining why this value is off target before it can be published',
  correctiveAction: 'Enter the corrective action being taken to bring this indicator back on target before it can be published',
} as const;

/**
 * What stops a value being published. An off-target value needs a commentary (why) and a
 * corrective action (what is being done) — seed 004's off-target rows all carry both, e.g.
 * looked after children: "Actions being taken include: A weekly Threshold to Resources Panel".
 * Text that is only whitespace does not count. Empty list: it can be published.
 */
export function publicationProblems(v: { rag: RagStatus | null; commentary: string; correctiveAction: string }): string[] {
  if (v.rag !== 'off_target') return [];
  const problems: string[] = [];
  if (!(v.commentary ?? '').trim()) problems.push(PUBLICATION_MESSAGES.commentary);
  if (!(v.correctiveAction ?? '').trim()) problems.push(PUBLICATION_MESSAGES.correctiveAction);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Display

export const NO_DATA = 'No data';

/** The words after a rate: 'per 1,000' and so on. */
export const RATE_BASES: Partial<Record<Unit, string>> = {
  rate_per_1000: 'per 1,000',
  rate_per_10000: 'per 10,000',
  rate_per_100000: 'per 100,000',
};

/** A number rounded to `decimals` with thousands separators: 7390 → '7,390'; -1234.5 → '-1,234.5'. */
export function formatNumber(value: number, decimals: number): string {
  const text = roundedText(value, decimals);
  const negative = text.startsWith('-');
  const [whole = '0', fraction] = (negative ? text.slice(1) : text).split('.');
  return `${negative ? '-' : ''}${groupThousands(whole)}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/**
 * A value as a report prints it, rounded (exactly, half away from zero) to `decimals`:
 * '84.8%', '12.53 per 1,000', '330.1 per 10,000', '£5,000' (money is in pounds), '7,390',
 * '12 days' ('1 day'); null → 'No data'.
 */
export function formatValue(value: number | null, unit: Unit, decimals: number): string {
  assertDecimals(decimals);
  if (value === null || value === undefined) return NO_DATA;
  const text = formatNumber(value, decimals);
  switch (unit) {
    case 'percentage':
      return `${text}%`;
    case 'rate_per_1000':
    case 'rate_per_10000':
    case 'rate_per_100000':
      return `${text} ${RATE_BASES[unit]}`;
    case 'money':
      return text.startsWith('-') ? `-£${text.slice(1)}` : `£${text}`;
    case 'days':
      return `${text} ${text === '1' || text === '-1' ? 'day' : 'days'}`;
    case 'count':
    case 'number':
      return text;
    default:
      throw new TypeError(`Unknown unit '${String(unit)}'`);
  }
}

/** Polarity in words, for descriptions: 'higher is better'. */
export function polarityText(polarity: Polarity): string {
  return polarity === 'higher_is_better' ? 'higher is better' : polarity === 'lower_is_better' ? 'lower is better' : 'no direction is better';
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** RAG status in words, as seed 004 prints it: 'On target', 'Within 10%', 'Off target', 'No target'. */
export function ragStatusText(status: RagStatus | null, tolerancePercent = 10): string {
  switch (status) {
    case 'on_target':
      return 'On target';
    case 'within_tolerance':
      return `Within ${trimZeros(formatNumber(tolerancePercent, 2))}%`;
    case 'off_target':
      return 'Off target';
    case 'no_target':
      return 'No target';
    default:
      return NO_DATA;
  }
}

// ---- A value and its numerator and denominator ------------------------------------------------------

const RATIO_SCALE: Partial<Record<Unit, number>> = { percentage: 100, rate_per_1000: 1000, rate_per_10000: 10_000, rate_per_100000: 100_000 };

/** What a numerator and denominator give for the unit (a percentage or a rate), or null when the unit is not a ratio. */
export function valueFromRatio(unit: string, numerator: number, denominator: number): number | null {
  const scale = RATIO_SCALE[unit as Unit];
  return scale ? (numerator / denominator) * scale : null;
}

export type ValueCheck = { ok: true; value: number | null } | { ok: false; field: 'value' | 'numerator' | 'denominator'; message: string };

/**
 * A value against its numerator and denominator: both or neither; the value, when given, within
 * half a unit of the indicator's last decimal place of what they give; when not given, what they
 * give, rounded. Without a value there must be a commentary saying why. Pure: used by
 * the value form and API (performance.service checkValue) and by imports (values-validation).
 */
export function checkValueAgainstRatio(
  indicator: { unit: string; decimals: number },
  v: { value: number | null; numerator: number | null; denominator: number | null; commentary: string },
): ValueCheck {
  let value = v.value;
  if ((v.numerator === null) !== (v.denominator === null)) {
    return { ok: false, field: v.numerator === null ? 'numerator' : 'denominator', message: 'Give both the numerator and the denominator, or neither' };
  }
  if (v.denominator === 0) return { ok: false, field: 'denominator', message: 'The denominator cannot be 0' };
  if (v.numerator !== null && v.denominator !== null) {
    const computed = valueFromRatio(indicator.unit, v.numerator, v.denominator);
    if (computed !== null) {
      // numeric(20, 6) holds less than 10^14: a ratio such as 10^13 / 10^-13 must be refused, not fail to store.
      if (!(Math.abs(computed) < 1e14))
        return { ok: false, field: 'value', message: 'The numerator and denominator give a value too large to store: check them' };
      const rounded = Number(computed.toFixed(indicator.decimals));
      if (value === null) value = rounded;
      else if (Math.abs(value - computed) > 0.5 * 10 ** -indicator.decimals + 1e-9) {
        return { ok: false, field: 'value', message: `The value ${value} does not match the numerator and denominator, which give ${rounded}` };
      }
    }
  }
  if (value === null && v.commentary === '') return { ok: false, field: 'value', message: 'Enter the value, or a commentary saying why there is none' };
  return { ok: true, value };
}
