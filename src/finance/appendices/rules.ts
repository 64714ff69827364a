// The appendices' arithmetic (seed 004: grant income, reserves, capital programme and funding, the savings
// tracker). Money is whole pence; every total and variance is worked out here, never typed. The report
// prints £000: where the printed (rounded) total is not the sum of the rounded lines, rounding() says so.
// Pure functions.

/** Whole pence (the columns are bigint; amounts fit a JavaScript number exactly). */
export type Pence = number;
export type Quarters = readonly [Pence, Pence, Pence, Pence];

export const PENCE_PER_THOUSAND = 100_000;
export const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;

const sum = (values: readonly Pence[]): Pence => values.reduce((a, b) => a + b, 0);
const addQuarters = (a: Quarters, b: Quarters): Quarters => [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]];
const ZERO: Quarters = [0, 0, 0, 0];

// ---------------------------------------------------------------------------------------------
// Financial years

/** '2017-18': April 2017 to March 2018. */
export function isFinancialYear(text: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(text);
  return !!m && (Number(m[1]) + 1) % 100 === Number(m[2]);
}

/** The financial year a date falls in (April to March). */
export function financialYearOf(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4));
  const start = Number(isoDate.slice(5, 7)) >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** '17-18', as the tracker's column headings print the year. */
export const shortYear = (year: string) => year.slice(2);

// ---------------------------------------------------------------------------------------------
// Amounts in and out

/** Rounds pence to whole £000, halves away from zero, as a spreadsheet rounds. */
export function thousands(pence: Pence): number {
  const k = Math.round(Math.abs(pence) / PENCE_PER_THOUSAND);
  return pence < 0 && k !== 0 ? -k : k;
}

/** £000 as the report prints them: '-1,480'. */
export function formatThousands(pence: Pence): string {
  return thousands(pence).toLocaleString('en-GB');
}

/** Pence as an amount in pounds: '-£1,480,000', '£23,470.50'. */
export function formatPounds(pence: Pence): string {
  const pounds = Math.abs(pence) / 100;
  const text = pounds.toLocaleString('en-GB', { minimumFractionDigits: pence % 100 ? 2 : 0, maximumFractionDigits: 2 });
  return `${pence < 0 ? '-' : ''}£${text}`;
}

export type Parsed = { ok: true; pence: Pence } | { ok: false; error: string };

const LIMIT_POUNDS = 1e11;

/**
 * An amount written in a unit (£1 or £000) into pence, exactly (no floating point): an optional
 * minus or brackets for a negative, commas between thousands, and at most the decimals that still
 * make whole pence (2 for pounds, 5 for £000).
 */
function parseAmount(input: unknown, label: string, unit: 'pounds' | 'thousands'): Parsed {
  let text = String(input ?? '')
    .trim()
    .replace(/^£/, '')
    .replace(/^(-)£/, '$1')
    .replace(/\s+/g, '');
  if (text === '') return { ok: false, error: `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}` };
  const bracketed = /^\((.*)\)$/.exec(text);
  if (bracketed) text = `-${bracketed[1]}`;
  const places = unit === 'pounds' ? 2 : 5;
  const m = /^([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text);
  const example = unit === 'pounds' ? 'like -£1,480,000 or £23,470.50' : 'in £000, like -1,480 or 12.5';
  if (!m) return { ok: false, error: `${label} must be an amount ${example}` };
  const fraction = m[3] ?? '';
  if (fraction.length > places) return { ok: false, error: `${label} must be in whole pence: use at most ${places} decimal places` };
  const whole = m[2]!.replace(/,/g, '');
  const scale = unit === 'pounds' ? 1 : 1000;
  if (Number(whole) * scale >= LIMIT_POUNDS) return { ok: false, error: `${label} must be less than £100,000,000,000` };
  const pence = Number(whole) * 100 * scale + Number(fraction.padEnd(places, '0') || '0');
  return { ok: true, pence: m[1] === '-' && pence !== 0 ? -pence : pence };
}

export const parsePounds = (input: unknown, label: string) => parseAmount(input, label, 'pounds');
export const parseThousands = (input: unknown, label: string) => parseAmount(input, label, 'thousands');

/** Pence as a form shows them, in pounds: -148000000 → '-1480000', 2347050 → '23470.50'. */
export function penceToPounds(pence: Pence): string {
  const abs = Math.abs(pence);
  const rest = abs % 100;
  return `${pence < 0 ? '-' : ''}${Math.floor(abs / 100)}${rest ? `.${String(rest).padStart(2, '0')}` : ''}`;
}

/** Pence as a number of £000 for a spreadsheet cell (exact to the penny: -1480, 12.5). */
export const penceToThousands = (pence: Pence): number => pence / PENCE_PER_THOUSAND;

// ---------------------------------------------------------------------------------------------
// Rounding: the printed total against the printed lines

export interface Rounding {
  /** The total, rounded to £000 as printed. */
  total: number;
  /** The lines each rounded to £000, then added. */
  sumOfLines: number;
  differs: boolean;
}

export function rounding(lines: readonly Pence[]): Rounding {
  const total = thousands(sum(lines));
  const sumOfLines = lines.reduce((a, p) => a + thousands(p), 0);
  return { total, sumOfLines, differs: total !== sumOfLines };
}

/** What the table says under a total whose rounded lines do not add up to it, or null. */
export function roundingNote(what: string, r: Rounding): string | null {
  if (!r.differs) return null;
  return `${what}: the total of ${r.total.toLocaleString('en-GB')} (£000) is worked out from the exact amounts; the lines as shown, each rounded to £000, add up to ${r.sumOfLines.toLocaleString('en-GB')}.`;
}

// ---------------------------------------------------------------------------------------------
// Savings tracker

export interface SavingFigures {
  investment: Pence;
  planned: Quarters;
  forecast: Quarters;
}

export interface SavingTotals {
  planned: Pence;
  forecast: Pence;
  /** Forecast less planned, per quarter: positive when less is saved than planned (savings are negative). */
  varianceByQuarter: Quarters;
  variance: Pence;
}

/** One saving's original saving, forecast saving and variance from plan, in total and per quarter. */
export function savingTotals(s: Pick<SavingFigures, 'planned' | 'forecast'>): SavingTotals {
  const varianceByQuarter: Quarters = [s.forecast[0] - s.planned[0], s.forecast[1] - s.planned[1], s.forecast[2] - s.planned[2], s.forecast[3] - s.planned[3]];
  return { planned: sum(s.planned), forecast: sum(s.forecast), varianceByQuarter, variance: sum(varianceByQuarter) };
}

export interface TrackerTotals extends SavingTotals {
  investment: Pence;
  plannedByQuarter: Quarters;
  forecastByQuarter: Quarters;
  count: number;
}

/** The tracker's header row: investment, planned and forecast by quarter and in total, and the variance from plan. */
export function trackerTotals(savings: readonly SavingFigures[]): TrackerTotals {
  const plannedByQuarter = savings.reduce((acc, s) => addQuarters(acc, s.planned), ZERO);
  const forecastByQuarter = savings.reduce((acc, s) => addQuarters(acc, s.forecast), ZERO);
  return {
    investment: sum(savings.map((s) => s.investment)),
    plannedByQuarter,
    forecastByQuarter,
    ...savingTotals({ planned: plannedByQuarter, forecast: forecastByQuarter }),
    count: savings.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Reserves

export interface ReserveFigures {
  kind: 'revenue' | 'capital';
  opening: Pence;
  movement: Pence;
  yearEnd: Pence;
}

/** The balance at close: the opening balance and the year's movements. */
export const reserveClosing = (r: Pick<ReserveFigures, 'opening' | 'movement'>): Pence => r.opening + r.movement;

export interface ReserveTotals {
  opening: Pence;
  movement: Pence;
  closing: Pence;
  yearEnd: Pence;
}

export function reserveTotals(reserves: readonly Omit<ReserveFigures, 'kind'>[]): ReserveTotals {
  return {
    opening: sum(reserves.map((r) => r.opening)),
    movement: sum(reserves.map((r) => r.movement)),
    closing: sum(reserves.map(reserveClosing)),
    yearEnd: sum(reserves.map((r) => r.yearEnd)),
  };
}

// ---------------------------------------------------------------------------------------------
// Capital programme and funding

export interface SchemeFigures {
  original: Pence;
  revised: Pence;
  actual: Pence;
  totalSchemeBudget: Pence;
  totalSchemeForecast: Pence;
}

/** Outturn variance: actual spend against the revised budget (positive is an overspend). */
export const outturnVariance = (s: Pick<SchemeFigures, 'revised' | 'actual'>): Pence => s.actual - s.revised;
/** Total scheme forecast variance: the forecast cost of the whole scheme against its revised budget. */
export const schemeForecastVariance = (s: Pick<SchemeFigures, 'totalSchemeBudget' | 'totalSchemeForecast'>): Pence =>
  s.totalSchemeForecast - s.totalSchemeBudget;

export function capitalTotals(schemes: readonly SchemeFigures[]) {
  return {
    original: sum(schemes.map((s) => s.original)),
    revised: sum(schemes.map((s) => s.revised)),
    actual: sum(schemes.map((s) => s.actual)),
    outturnVariance: sum(schemes.map(outturnVariance)),
    totalSchemeBudget: sum(schemes.map((s) => s.totalSchemeBudget)),
    totalSchemeForecastVariance: sum(schemes.map(schemeForecastVariance)),
  };
}

export interface FundingFigures {
  original: Pence;
  revised: Pence;
  outturn: Pence;
}

export const fundingVariance = (f: Pick<FundingFigures, 'revised' | 'outturn'>): Pence => f.outturn - f.revised;

export function fundingTotals(sources: readonly FundingFigures[]) {
  return {
    original: sum(sources.map((f) => f.original)),
    revised: sum(sources.map((f) => f.revised)),
    outturn: sum(sources.map((f) => f.outturn)),
    variance: sum(sources.map(fundingVariance)),
  };
}

// ---------------------------------------------------------------------------------------------
// Grant income

export interface GrantFigures {
  kind: 'non_baselined' | 'baselined';
  amount: Pence;
}

/** Appendix 3's two totals: the non-baselined grants, and all grant funding (with the baselined, such as DSG). */
export function grantTotals(grants: readonly GrantFigures[]) {
  const nonBaselined = sum(grants.filter((g) => g.kind === 'non_baselined').map((g) => g.amount));
  const total = sum(grants.map((g) => g.amount));
  return { nonBaselined, baselined: total - nonBaselined, total };
}
