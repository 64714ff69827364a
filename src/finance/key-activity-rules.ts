// The rules of key activity data (seed 004, section 2.5): numbers of placements or service users held to two
// decimals (as hundredths, so 1.24 − 1 is exactly 0.24), the derived variances (number, unit cost, spend), the
// direction of travel against the previous period's snapshot (↑ ↓ ↔, derived, never stored), and the section
// and table totals. Pure functions, unit-tested with the seed's own rows.

export const SERVICE_GROUPS = {
  lac: { title: 'Looked After Children (LAC)', short: 'Looked after children' },
  sen: { title: 'SEN Placements', short: 'SEN placements' },
  adult_disability: { title: 'Adult Disability and Learning Disability', short: 'Adult disability and learning disability' },
  adult_mental_health: { title: 'Adult Mental Health Services', short: 'Adult mental health' },
  older_people: { title: 'Older People (OP) Services', short: 'Older people' },
  opmh: { title: 'Older People Mental Health (OPMH) Services', short: 'Older people mental health' },
} as const;
export type ServiceGroup = keyof typeof SERVICE_GROUPS;
export const SERVICE_GROUP_KEYS = Object.keys(SERVICE_GROUPS) as ServiceGroup[];
export const isServiceGroup = (text: unknown): text is ServiceGroup => typeof text === 'string' && Object.hasOwn(SERVICE_GROUPS, text);

export type Unit = 'week' | 'hour' | 'year';
export const UNITS: Record<Unit, string> = { week: 'per week', hour: 'per hour', year: 'per year' };
export const isUnit = (text: unknown): text is Unit => typeof text === 'string' && Object.hasOwn(UNITS, text);

/** A number of people or placements in hundredths: '1.24' → 124, '1,272' → 127200. */
export type Hundredths = number;

/** Reads a count of placements or service users: not negative, at most two decimals, commas allowed. */
export function parseCount(input: unknown, label: string): { ok: true; value: Hundredths } | { ok: false; error: string } {
  const text = String(input ?? '')
    .trim()
    .replace(/\s+/g, '');
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return { ok: false, error: `${label} must be a number, like 31 or 1.24` };
  const fraction = m[2] ?? '';
  if (fraction.length > 2) return { ok: false, error: `${label} must have at most 2 decimal places` };
  const whole = Number(m[1]!.replace(/,/g, ''));
  if (whole >= 10_000_000_000) return { ok: false, error: `${label} must be less than 10,000,000,000` };
  return { ok: true, value: whole * 100 + Number(fraction.padEnd(2, '0')) };
}

/** The database's numeric(12,2) as text ('1.24', '31.00') → hundredths; null stays null. */
export function hundredthsOf(value: string | number | null): Hundredths | null {
  if (value === null) return null;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?\d*$/.exec(String(value).trim());
  if (!m) throw new RangeError(`Not a count: ${String(value)}`);
  const n = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -n : n;
}

/** Hundredths as the report prints them: 124 → '1.24', 127200 → '1,272', -3025 → '-30.25', 2390 → '23.9'. */
export function formatCount(h: Hundredths | null): string {
  if (h === null) return '';
  const abs = Math.abs(h);
  const whole = Math.floor(abs / 100).toLocaleString('en-GB');
  const rest = abs % 100;
  const fraction = rest === 0 ? '' : `.${String(rest).padStart(2, '0').replace(/0$/, '')}`;
  return `${h < 0 ? '-' : ''}${whole}${fraction}`;
}

/** Hundredths as a form field shows them: 124 → '1.24', 3100 → '31'. */
export const countForForm = (h: Hundredths | null): string => (h === null ? '' : formatCount(h).replace(/,/g, ''));

export type Direction = '↑' | '↓' | '↔';

/** The direction of travel of a figure against the previous snapshot's: null when either is missing. */
export function direction(current: number | null, previous: number | null): Direction | null {
  if (current === null || previous === null) return null;
  return current > previous ? '↑' : current < previous ? '↓' : '↔';
}

export interface LineBudget {
  kind: 'expenditure' | 'income';
  /** False when another line already counts these people (2.5.1's Skills lines): the totals add the money only. */
  numbersInTotals?: boolean;
  budgetNumber: Hundredths | null;
  budgetUnitCostPence: number | null;
  annualBudgetPence: number;
}

export interface Snapshot {
  period: number;
  actualNumber: Hundredths | null;
  yearlyAverage: Hundredths | null;
  unitCostPence: number | null;
  spendPence: number | null;
}

export interface LineFigures {
  /** The yearly average (or, without one, the snapshot) less the budgeted number. */
  numberVariance: Hundredths | null;
  unitCostDifferencePence: number | null;
  /** Actual or forecast spend less the annual budget: positive is an overspend (of income, more income is negative). */
  variancePence: number | null;
  directions: { number: Direction | null; unitCost: Direction | null; spend: Direction | null };
}

const less = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/** The latest snapshot before the period (the previous month's, or the last one kept before it). */
export function previousSnapshot<S extends Pick<Snapshot, 'period'>>(snapshots: readonly S[], period: number): S | null {
  let best: S | null = null;
  for (const s of snapshots) if (s.period < period && (best === null || s.period > best.period)) best = s;
  return best;
}

/** A line's derived figures at a snapshot, with its directions of travel against the previous snapshot. */
export function lineFigures(line: LineBudget, current: Snapshot | null, previous: Snapshot | null): LineFigures {
  const actual = current ? (current.yearlyAverage ?? current.actualNumber) : null;
  return {
    numberVariance: line.budgetNumber === null ? null : less(actual, line.budgetNumber),
    unitCostDifferencePence: less(current?.unitCostPence ?? null, line.budgetUnitCostPence),
    variancePence: current === null || current.spendPence === null ? null : current.spendPence - line.annualBudgetPence,
    directions: {
      number: direction(current?.actualNumber ?? null, previous?.actualNumber ?? null),
      unitCost: direction(current?.unitCostPence ?? null, previous?.unitCostPence ?? null),
      spend: direction(current?.spendPence ?? null, previous?.spendPence ?? null),
    },
  };
}

export interface Totals {
  budgetNumber: Hundredths | null;
  annualBudgetPence: number;
  actualNumber: Hundredths | null;
  yearlyAverage: Hundredths | null;
  spendPence: number | null;
  variancePence: number | null;
  numberVariance: Hundredths | null;
}

const sum = (values: readonly (number | null)[]) => (values.every((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0));

/** Totals of a block of lines: numbers add up over the lines that have them; variances are of the totals. */
export function totalsOf(rows: readonly { line: LineBudget; snapshot: Snapshot | null }[]): Totals {
  const counted = rows.filter((r) => r.line.numbersInTotals !== false);
  const budgetNumber = sum(counted.map((r) => r.line.budgetNumber));
  const annualBudgetPence = rows.reduce((a, r) => a + r.line.annualBudgetPence, 0);
  const actualNumber = sum(counted.map((r) => r.snapshot?.actualNumber ?? null));
  const yearlyAverage = sum(counted.map((r) => r.snapshot?.yearlyAverage ?? null));
  const spendPence = sum(rows.map((r) => r.snapshot?.spendPence ?? null));
  return {
    budgetNumber,
    annualBudgetPence,
    actualNumber,
    yearlyAverage,
    spendPence,
    variancePence: spendPence === null ? null : spendPence - annualBudgetPence,
    numberVariance: less(yearlyAverage ?? actualNumber, budgetNumber),
  };
}

/**
 * A service group's table: its lines in blocks by section, each block with its expenditure total, its income
 * total and (when it has income) its net total, and the whole table's totals when it has more than one block and
 * no income (LAC's "OVERALL TOTAL"; the adults' tables net each block's income instead).
 */
export function groupTable<R extends { line: LineBudget & { section: string }; snapshot: Snapshot | null }>(rows: readonly R[]) {
  const sections: { section: string; rows: R[]; expenditure: Totals; income: Totals | null; net: Totals | null }[] = [];
  for (const r of rows) {
    const last = sections[sections.length - 1];
    if (last && last.section === r.line.section) last.rows.push(r);
    else sections.push({ section: r.line.section, rows: [r], expenditure: totalsOf([]), income: null, net: null });
  }
  for (const s of sections) {
    const income = s.rows.filter((r) => r.line.kind === 'income');
    s.expenditure = totalsOf(s.rows.filter((r) => r.line.kind === 'expenditure'));
    s.income = income.length ? totalsOf(income) : null;
    s.net = income.length ? totalsOf(s.rows) : null;
  }
  const overall = sections.length > 1 && !sections.some((s) => s.income) ? totalsOf(rows) : null;
  return { sections, overall };
}
