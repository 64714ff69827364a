// The axes of the trend chart: the time axis (each point's slot, proportional to time), and for the
// y axis "nice" ticks covering the values drawn, their labels in the indicator's unit, and the
// caption naming a rate's base. Pure.
import type { Frequency, Unit } from './indicator-types.ts';
import { periodsApart } from './periods.ts';
import { RATE_BASES, formatNumber, formatValue } from './rules.ts';

/**
 * Each point's slot on the time axis, counted in periods from the first: with a frequency and
 * every point's period, a value for November 2026 after one for August 2017 is 111 monthly slots
 * later, not one. Without them (or with periods out of order) the points are taken as consecutive.
 */
export function timeSlots(points: readonly { period?: string }[], frequency?: Frequency): number[] {
  const first = points[0]?.period;
  if (!frequency || !first || points.some((p) => !p.period)) return points.map((_, i) => i);
  const slots = points.map((p) => periodsApart({ frequency, start: first }, { frequency, start: p.period! }));
  // A slot per period; more than the periods a century holds would make every point a hairline, so fall back.
  const ordered = slots.every((x, i) => Number.isInteger(x) && (i === 0 || x > slots[i - 1]!));
  return ordered && slots[slots.length - 1]! <= 1200 ? slots : points.map((_, i) => i);
}

export interface Ticks {
  min: number;
  max: number;
  step: number;
  values: number[];
  decimals: number;
}

/** Decimal places needed to write a multiple of `step` exactly. */
function decimalsOfStep(step: number): number {
  const text = String(step);
  const e = /e-(\d+)$/.exec(text);
  if (e) return Number(e[1]) + (text.split('e')[0]!.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

/**
 * "Nice" axis ticks covering [lo, hi]: steps of 1, 2, 2.5 or 5 times a power of ten, about
 * `count` of them, with the ends on multiples of the step. Tick values are exact decimals
 * (0.3, not 0.30000000000000004).
 */
export function niceTicks(lo: number, hi: number, count = 5): Ticks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new RangeError('Axis limits must be finite numbers');
  if (lo > hi) [lo, hi] = [hi, lo];
  // A single value (or a spread too small to tick, below a billionth): ±10% around it, or ±1 around zero.
  const mid = (lo + hi) / 2;
  if (hi - lo < Math.max(Math.abs(mid) * 1e-9, 1e-9)) {
    const pad = Math.abs(mid) < 1e-9 ? 1 : Math.abs(mid) * 0.1;
    lo = mid - pad;
    hi = mid + pad;
  }
  const rough = (hi - lo) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  const step = Number((nice * power).toPrecision(12));
  const decimals = decimalsOfStep(step);
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const values: number[] = [];
  for (let k = first; k <= last; k += 1) values.push(Number((k * step).toFixed(decimals)) || 0);
  return { min: values[0]!, max: values[values.length - 1]!, step, values, decimals };
}

export function tickLabel(value: number, unit: Unit, decimals: number): string {
  if (unit === 'percentage' || unit === 'money') return formatValue(value, unit, decimals);
  return formatNumber(value, decimals);
}

export function axisCaption(unit: Unit): string | null {
  const base = RATE_BASES[unit];
  if (base) return `Rate ${base}`;
  if (unit === 'days') return 'Days';
  return null;
}
