// "Is this right?": a value far outside an indicator's history, most often a slipped decimal point
// (8.48 for 84.8) or a count typed as a percentage. Pure; the value form asks for confirmation
// and the import warns per row, but neither refuses a value that really is that far out.
//
// The rule is Tukey's "far out" fence (Exploratory Data Analysis, 1977, the rule box plots use):
// a value below Q1 − 3 × IQR or above Q3 + 3 × IQR, where Q1 and Q3 are the history's lower and
// upper quartiles and IQR = Q3 − Q1. Quartiles are chosen because, unlike the mean and standard
// deviation, they are not dragged by the very outliers we look for, nor by one old odd value.
// Two guards keep it from crying wolf:
// - fewer than MIN_HISTORY values: quartiles of two or three numbers mean little, so no warning;
// - a flat history (IQR near 0, as with a rate held at 51.9 for months) would flag any change at
//   all, so the spread used is at least a tenth of the median's size (and one unit of the last
//   decimal place): with a median of 85%, anything from about 60% to 110% passes.
import type { Unit } from './indicator-types.ts';
import { formatValue } from './rules.ts';

/** Values needed before a value can be called unusual. */
export const MIN_HISTORY = 4;
/** How many spreads beyond the quartiles count as far out (Tukey's 3; 1.5 is his "outside"). */
export const FENCE = 3;
/** The least spread, as a share of the median's size, so a flat history does not flag every change. */
export const MIN_SPREAD_SHARE = 0.1;

export interface UsualRange {
  low: number;
  high: number;
  /** The smallest and largest values of the history, for the message. */
  min: number;
  max: number;
}

/** The q-quantile of sorted values, by linear interpolation between closest ranks (as spreadsheets' QUARTILE.INC). */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (at - below);
}

/** The range a new value is expected in, from the history; null when the history is too short to say. */
export function usualRange(history: readonly (number | null)[], decimals = 0): UsualRange | null {
  const values = history.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (values.length < MIN_HISTORY) return null;
  const q1 = quantile(values, 0.25);
  const q3 = quantile(values, 0.75);
  const spread = Math.max(q3 - q1, Math.abs(quantile(values, 0.5)) * MIN_SPREAD_SHARE, 10 ** -Math.max(0, decimals));
  return { low: q1 - FENCE * spread, high: q3 + FENCE * spread, min: values[0]!, max: values[values.length - 1]! };
}

/** The usual range when the value is outside it (so worth a second look), otherwise null. */
export function unusualValue(value: number | null, history: readonly (number | null)[], decimals = 0): UsualRange | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const range = usualRange(history, decimals);
  return range && (value < range.low || value > range.high) ? range : null;
}

/** The question the form and the import ask, naming the value and the history it is far from. */
export function unusualMessage(value: number, range: UsualRange, unit: Unit, decimals: number): string {
  const fmt = (v: number) => formatValue(v, unit, decimals);
  return `${fmt(value)} is far outside this indicator's past values (${fmt(range.min)} to ${fmt(range.max)})`;
}
