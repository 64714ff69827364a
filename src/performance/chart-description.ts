// The one sentence that describes a trend chart to someone who cannot see it (its <desc>): the latest
// value, its status against the target, its direction of travel and the benchmarks. Pure.
import type { Frequency, Polarity, Unit } from './indicator-types.ts';
import { directionOfTravel, formatValue, movement, polarityText, ragStatus, ragStatusText, travel } from './rules.ts';

export const NO_DATA_YET = 'No data yet';

export interface TrendPoint {
  label: string;
  /** The period's first day ('2017-08-01'); with the chart's frequency it places the point in time. */
  period?: string;
  actual: number | null;
  target: number | null;
  statNeighbours: number | null;
  england: number | null;
}

export interface TrendChartInput {
  title: string;
  unit: Unit;
  decimals: number;
  points: TrendPoint[];
  polarity: Polarity;
  tolerancePercent: number;
  /** With each point's period: the time axis is proportional, so missing periods show as gaps. */
  frequency?: Frequency;
  /** Id prefix for title/desc, unique on the page; by default derived from the title and labels. */
  id?: string;
}

/** How the latest value moved from the one before it; with periods, only against a recent enough one (rules.travel). */
function travelClause(input: TrendChartInput, j: number, k: number, fmt: (v: number | null) => string): string {
  const p = input.points[j]!;
  const before = input.points[k]!;
  const { polarity, decimals, frequency } = input;
  if (frequency && p.period && before.period) {
    const t = travel({ period: p.period, value: p.actual }, { period: before.period, value: before.actual }, frequency, polarity, decimals);
    if (t.against === 'too_old') return `, ${t.words.charAt(0).toLowerCase()}${t.words.slice(1)}`;
    const since = t.against === 'earlier' ? t.words.slice(t.words.indexOf(' (')) : '';
    if (t.movement === 'same') return `, the same as ${t.against === 'earlier' ? `in ${before.label.trim()}` : 'the period before'}`;
    if (t.direction === 'improving' || t.direction === 'worsening') return `, ${t.direction} from ${fmt(before.actual)}${since}`;
    return `, ${t.movement} from ${fmt(before.actual)}${since}`;
  }
  // Points without periods are taken as consecutive.
  const direction = directionOfTravel(p.actual, before.actual, polarity, decimals);
  const moved = movement(p.actual, before.actual, decimals);
  if (direction === 'same' || moved === 'same') return ', the same as the period before';
  if (direction === 'improving' || direction === 'worsening') return `, ${direction} from ${fmt(before.actual)}`;
  return `, ${moved} from ${fmt(before.actual)}`;
}

export function describeLatest(input: TrendChartInput): string {
  const { points, unit, decimals, polarity, tolerancePercent } = input;
  const valued = points.flatMap((p, i) => (p.actual !== null && p.actual !== undefined ? [i] : []));
  const j = valued.at(-1);
  if (j === undefined) return `${NO_DATA_YET}.`;
  const p = points[j]!;
  const fmt = (v: number | null) => formatValue(v, unit, decimals);
  const status = ragStatus(p.actual, p.target, polarity, tolerancePercent);
  let sentence = `Latest value (${p.label.trim() || 'latest period'}): ${fmt(p.actual)}`;
  if (status === 'no_target' || status === null) {
    sentence += ', no target set';
  } else {
    const against = `a target of ${fmt(p.target)} (${polarityText(polarity)})`;
    sentence +=
      status === 'within_tolerance'
        ? `, within ${ragStatusText(status, tolerancePercent).replace(/^Within /, '')} of ${against}`
        : `, ${ragStatusText(status).toLowerCase()} against ${against}`;
  }
  // Without periods, the point just before is the previous period (whether or not it has a value); with them, the last value before.
  const k = input.frequency && p.period ? valued.at(-2) : j > 0 && points[j - 1]!.actual !== null && points[j - 1]!.actual !== undefined ? j - 1 : undefined;
  if (k !== undefined) sentence += travelClause(input, j, k, fmt);
  const comparators: string[] = [];
  if (p.statNeighbours !== null && p.statNeighbours !== undefined) comparators.push(`statistical neighbours ${fmt(p.statNeighbours)}`);
  if (p.england !== null && p.england !== undefined) comparators.push(`England ${fmt(p.england)}`);
  if (comparators.length) sentence += `; ${comparators.join(', ')}`;
  return `${sentence}.`;
}
