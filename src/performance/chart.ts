// A trend chart for one indicator, rendered on the server as an accessible SVG string: no
// JavaScript, no external resources, scalable (viewBox 640 × 320, width 100%). Given periods, its
// time axis is proportional to time: years without values show as an empty stretch, not one step.
//
// Accessibility: role="img" named by <title> and described by <desc> (one sentence on the
// latest value and its status). Nothing depends on colour alone: the actual line carries
// markers whose SHAPE gives the RAG status (circle on target, triangle within tolerance,
// square off target, hollow circle not judged), the target, statistical neighbours and England
// lines differ by dash pattern, and the legend names every series in text. Colours are from
// the GOV.UK palette; every line and marker outline has at least 3:1 contrast with white
// (WCAG 1.4.11) and text is #0b0c0c. The GOV.UK orange (#f47738, about 2.7:1) is used only as
// a fill — for the tolerance band (which is also named in the legend) and inside the
// triangle, whose outline is black.
//
// Pages should still offer the figures as a table: a chart is a summary, not the record.
import type { Polarity, RagStatus } from './indicator-types.ts';
import { formatValue, ragStatus, ragStatusText } from './rules.ts';
import { axisCaption, niceTicks, tickLabel, timeSlots } from './chart-scale.ts';
import { describeLatest, NO_DATA_YET, type TrendChartInput, type TrendPoint } from './chart-description.ts';

export { NO_DATA_YET, type TrendChartInput, type TrendPoint };

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;

export const COLOURS = {
  blue: '#1d70b8',
  red: '#d4351c',
  orange: '#f47738',
  green: '#00703c',
  grey: '#505a5f',
  black: '#0b0c0c',
  midGrey: '#b1b4b6',
  white: '#ffffff',
} as const;

const FONT = 'arial, sans-serif';
const FONT_SIZE = 12;
/** Average width of a character of 12px Arial, rounded up, for laying out labels without a browser. */
const CHAR_WIDTH = 6.6;
const LEGEND_ROW = 18;
const X_LABEL_SPACE = 24;

// ---------------------------------------------------------------------------------------------
// Text

// Characters XML 1.0 does not allow at all (C0 controls other than tab/newline/return, U+FFFE,
// U+FFFF and unpaired surrogates): removed rather than escaped, so the SVG is always well formed.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe for XML content and attribute values: & < > " ' are escaped. */
export function escapeXml(text: string): string {
  return String(text).replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function textWidth(text: string): number {
  return text.length * CHAR_WIDTH;
}

/** A coordinate for SVG: one decimal place, never '-0'. */
function c(n: number): string {
  const r = Math.round(n * 10) / 10;
  return String(r === 0 ? 0 : r);
}

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

// ---------------------------------------------------------------------------------------------
// Shapes

type MarkerKind = 'on_target' | 'within_tolerance' | 'off_target' | 'not_judged';

function markerKind(status: RagStatus | null): MarkerKind {
  return status === 'on_target' || status === 'within_tolerance' || status === 'off_target' ? status : 'not_judged';
}

function marker(kind: MarkerKind, x: number, y: number, size: number, role: 'marker' | 'legend-marker' = 'marker'): string {
  const common = role === 'marker' ? `class="marker marker-${kind.replace(/_/g, '-')}"` : `class="legend-marker"`;
  switch (kind) {
    case 'on_target':
      return `<circle ${common} cx="${c(x)}" cy="${c(y)}" r="${c(size)}" fill="${COLOURS.green}" stroke="${COLOURS.white}" stroke-width="1"`;
    case 'within_tolerance': {
      const h = size * 1.25;
      return `<path ${common} d="M${c(x)} ${c(y - h)}L${c(x + h)} ${c(y + h * 0.8)}L${c(x - h)} ${c(y + h * 0.8)}Z" fill="${COLOURS.orange}" stroke="${COLOURS.black}" stroke-width="1" stroke-linejoin="round"`;
    }
    case 'off_target': {
      const s = size * 0.9;
      return `<rect ${common} x="${c(x - s)}" y="${c(y - s)}" width="${c(2 * s)}" height="${c(2 * s)}" fill="${COLOURS.red}" stroke="${COLOURS.white}" stroke-width="1"`;
    }
    default:
      return `<circle ${common} cx="${c(x)}" cy="${c(y)}" r="${c(size * 0.85)}" fill="${COLOURS.white}" stroke="${COLOURS.blue}" stroke-width="2"`;
  }
}

/** A self-closing element, or one holding a tooltip <title>. */
function close(open: string, tooltip?: string): string {
  return tooltip ? `${open}><title>${escapeXml(tooltip)}</title></${open.slice(1, open.indexOf(' '))}>` : `${open}/>`;
}

const LINE_STYLES = {
  actual: { stroke: COLOURS.blue, width: 2.5, dash: null },
  target: { stroke: COLOURS.black, width: 2, dash: '8 4' },
  statNeighbours: { stroke: COLOURS.grey, width: 2, dash: '4 3' },
  england: { stroke: COLOURS.grey, width: 2, dash: '1 3' },
} as const;

function lineAttributes(style: (typeof LINE_STYLES)[keyof typeof LINE_STYLES]): string {
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  const cap = style.dash === '1 3' ? 'round' : 'butt';
  return `fill="none" stroke="${style.stroke}" stroke-width="${style.width}"${dash} stroke-linecap="${cap}" stroke-linejoin="round"`;
}

// ---------------------------------------------------------------------------------------------
// Legend

interface LegendItem {
  label: string;
  swatch: (x: number, y: number) => string;
}

function swatchLine(style: (typeof LINE_STYLES)[keyof typeof LINE_STYLES], withMarker?: MarkerKind) {
  return (x: number, y: number) =>
    `<path d="M${c(x)} ${c(y)}H${c(x + 28)}" ${lineAttributes(style)}/>${withMarker ? `${marker(withMarker, x + 14, y, 4, 'legend-marker')}/>` : ''}`;
}

function layoutLegend(items: LegendItem[], left: number, maxRight: number): { rows: number; place: { item: LegendItem; x: number; row: number }[] } {
  const place: { item: LegendItem; x: number; row: number }[] = [];
  let x = left;
  let row = 0;
  for (const item of items) {
    const width = 28 + 6 + textWidth(item.label);
    if (x > left && x + width > maxRight) {
      row += 1;
      x = left;
    }
    place.push({ item, x, row });
    x += width + 18;
  }
  return { rows: items.length ? row + 1 : 0, place };
}

// ---------------------------------------------------------------------------------------------
// The chart

function present(v: number | null | undefined): v is number {
  return v !== null && v !== undefined && Number.isFinite(v);
}

/** The tolerance band edge on the bad side of a target (as ragStatus draws the amber line). */
function bandEdge(target: number, polarity: Polarity, tolerancePercent: number): number | null {
  const width = (Math.abs(target) * tolerancePercent) / 100;
  if (polarity === 'higher_is_better') return target - width;
  if (polarity === 'lower_is_better') return target + width;
  return null;
}

/** Runs of indexes where `has(i)` holds and each is in the slot after the one before (a gap in time ends a run). */
function runs(slots: readonly number[], has: (i: number) => boolean): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  for (let i = 0; i < slots.length; i += 1) {
    const follows = current.length > 0 && slots[i] === slots[current[current.length - 1]!]! + 1;
    if (current.length && !(has(i) && follows)) {
      out.push(current);
      current = [];
    }
    if (has(i)) current.push(i);
  }
  if (current.length) out.push(current);
  return out;
}

/**
 * The trend chart as an SVG string. Points run oldest → newest. Missing values leave gaps in
 * the lines; a target, statistical neighbours and England are drawn as steps across each
 * period's slot, so a single value still shows. With no actual values at all the chart says
 * "No data yet".
 */
export function renderTrendChart(input: TrendChartInput): string {
  const { title, unit, decimals, polarity, tolerancePercent } = input;
  const points = input.points ?? [];
  const n = points.length;
  const id = `perf-chart-${input.id ? input.id.replace(/[^A-Za-z0-9_-]/g, '') : hash(`${title}|${points.map((p) => p.label).join('|')}`)}`;
  const W = CHART_WIDTH;
  const H = CHART_HEIGHT;
  const out: string[] = [];
  const desc = describeLatest(input);
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="performance-chart" viewBox="0 0 ${W} ${H}" width="100%" ` +
      `preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="${id}-title ${id}-desc" ` +
      `font-family="${FONT}" font-size="${FONT_SIZE}">`,
    `<title id="${id}-title">${escapeXml(title)}</title>`,
    `<desc id="${id}-desc">${escapeXml(desc)}</desc>`,
    `<rect x="0" y="0" width="${W}" height="${H}" fill="${COLOURS.white}"/>`,
  );

  const hasActual = points.some((p) => present(p.actual));
  if (!hasActual) {
    out.push(
      `<rect x="8.5" y="8.5" width="${W - 17}" height="${H - 17}" fill="none" stroke="${COLOURS.midGrey}" stroke-width="1"/>`,
      `<text class="no-data" x="${W / 2}" y="${H / 2}" text-anchor="middle" dy="0.35em" font-size="19" font-weight="bold" fill="${COLOURS.black}">${NO_DATA_YET}</text>`,
      '</svg>',
    );
    return out.join('');
  }

  const hasTarget = points.some((p) => present(p.target));
  const judged = hasTarget && polarity !== 'not_applicable';
  const hasBand = judged && tolerancePercent > 0;
  const hasStat = points.some((p) => present(p.statNeighbours));
  const hasEngland = points.some((p) => present(p.england));
  const statuses = points.map((p) => (present(p.actual) ? ragStatus(p.actual, p.target, polarity, tolerancePercent) : null));
  const kinds = points.map((p, i) => (present(p.actual) ? markerKind(statuses[i]!) : null));
  const kindsPresent = new Set(kinds.filter((k): k is MarkerKind => k !== null));

  // Y scale over everything drawn.
  const values: number[] = [];
  for (const p of points) {
    for (const v of [p.actual, p.target, p.statNeighbours, p.england]) if (present(v)) values.push(v);
    if (hasBand && present(p.target)) values.push(bandEdge(p.target, polarity, tolerancePercent)!);
  }
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  // Start at zero when the data are all one side of it and not far from it, so changes are not exaggerated.
  if (lo > 0 && lo <= hi / 2) lo = 0;
  if (hi < 0 && hi >= lo / 2) hi = 0;
  // A little room above and below, so the extremes (often the target) do not sit on the frame.
  const pad = (hi - lo) * 0.04;
  const ticks = niceTicks(lo === 0 ? lo : lo - pad, hi === 0 ? hi : hi + pad, 5);
  if (unit === 'percentage' && hi <= 100 && ticks.max > 100 && ticks.values.includes(100)) {
    ticks.values = ticks.values.filter((v) => v <= 100);
    ticks.max = 100;
  }
  const tickLabels = ticks.values.map((v) => tickLabel(v, unit, ticks.decimals));
  const caption = axisCaption(unit);

  // Legend (built first: its rows decide the plot height).
  const items: LegendItem[] = [];
  items.push({ label: 'Actual', swatch: swatchLine(LINE_STYLES.actual, kindsPresent.has('not_judged') ? 'not_judged' : undefined) });
  if (kindsPresent.has('on_target')) items.push({ label: 'On target', swatch: (x, y) => `${marker('on_target', x + 14, y, 5, 'legend-marker')}/>` });
  if (kindsPresent.has('within_tolerance'))
    items.push({ label: 'Within tolerance', swatch: (x, y) => `${marker('within_tolerance', x + 14, y, 5, 'legend-marker')}/>` });
  if (kindsPresent.has('off_target')) items.push({ label: 'Off target', swatch: (x, y) => `${marker('off_target', x + 14, y, 5, 'legend-marker')}/>` });
  if (hasTarget) items.push({ label: 'Target', swatch: swatchLine(LINE_STYLES.target) });
  if (hasBand) {
    items.push({
      label: `${ragStatusText('within_tolerance', tolerancePercent)} of target`,
      swatch: (x, y) =>
        `<rect x="${c(x)}" y="${c(y - 6)}" width="28" height="12" fill="${COLOURS.orange}" fill-opacity="0.3" stroke="${COLOURS.orange}" stroke-width="1"/>`,
    });
  }
  if (hasStat) items.push({ label: 'Statistical neighbours', swatch: swatchLine(LINE_STYLES.statNeighbours) });
  if (hasEngland) items.push({ label: 'England', swatch: swatchLine(LINE_STYLES.england) });

  const longestTick = Math.max(...tickLabels.map(textWidth));
  const left = Math.max(40, Math.ceil(longestTick + 16));
  const right = W - 20;
  const legend = layoutLegend(items, 8, W - 8);
  const top = caption ? 28 : 16;
  const bottom = H - 8 - legend.rows * LEGEND_ROW - X_LABEL_SPACE;
  const plotW = right - left;
  const plotH = bottom - top;
  // A time axis proportional to time: each point in its period's slot, so missing periods leave gaps.
  const slots = timeSlots(points, input.frequency);
  const slot = plotW / Math.max(1, (slots[n - 1] ?? 0) + 1);
  const xOf = (i: number) => left + (slots[i]! + 0.5) * slot;
  const yOf = (v: number) => bottom - ((v - ticks.min) / (ticks.max - ticks.min)) * plotH;

  // Grid and y axis.
  out.push('<g class="y-axis">');
  if (caption) out.push(`<text class="axis-caption" x="8" y="14" fill="${COLOURS.black}">${escapeXml(caption)}</text>`);
  ticks.values.forEach((v, k) => {
    const y = yOf(v);
    const isZero = v === 0 && ticks.min < 0;
    out.push(
      `<path d="M${c(left)} ${c(y)}H${c(right)}" stroke="${isZero ? COLOURS.black : COLOURS.midGrey}" stroke-width="1"/>`,
      `<text class="y-tick" x="${c(left - 8)}" y="${c(y)}" text-anchor="end" dy="0.35em" fill="${COLOURS.black}">${escapeXml(tickLabels[k]!)}</text>`,
    );
  });
  out.push('</g>');

  // X axis: a baseline, and labels thinned so they never overlap (the newest is always labelled).
  out.push('<g class="x-axis">');
  out.push(`<path d="M${c(left)} ${c(bottom)}H${c(right)}" stroke="${COLOURS.black}" stroke-width="1"/>`);
  const labelWidth = Math.max(...points.map((p) => textWidth(p.label.trim())), CHAR_WIDTH) + 12;
  let lastX = Number.POSITIVE_INFINITY;
  for (let i = n - 1; i >= 0; i -= 1) {
    const x = xOf(i);
    if (lastX - x < labelWidth) continue;
    lastX = x;
    const label = points[i]!.label.trim();
    const w = textWidth(label);
    const anchor = x + w / 2 > W - 2 ? 'end' : x - w / 2 < 2 ? 'start' : 'middle';
    const tx = anchor === 'end' ? Math.min(x + 6, W - 2) : anchor === 'start' ? Math.max(x - 6, 2) : x;
    out.push(
      `<path d="M${c(x)} ${c(bottom)}V${c(bottom + 5)}" stroke="${COLOURS.black}" stroke-width="1"/>`,
      `<text class="x-label" x="${c(tx)}" y="${c(bottom + 18)}" text-anchor="${anchor}" fill="${COLOURS.black}">${escapeXml(label)}</text>`,
    );
  }
  out.push('</g>');

  // Steps for the target and comparators: each value spans its period's slot.
  const stepPaths = (valueAt: (p: TrendPoint) => number | null): string[] =>
    runs(slots, (i) => present(valueAt(points[i]!))).map((run) => {
      let d = '';
      run.forEach((i, k) => {
        const y = yOf(valueAt(points[i]!)!);
        d += k === 0 ? `M${c(xOf(i) - slot / 2)} ${c(y)}` : `V${c(y)}`;
        d += `H${c(xOf(i) + slot / 2)}`;
      });
      return d;
    });

  if (hasBand) {
    out.push(`<g class="tolerance-band" fill="${COLOURS.orange}" fill-opacity="0.25">`);
    for (const run of runs(slots, (i) => present(points[i]!.target))) {
      const upper: string[] = [];
      const lower: string[] = [];
      for (const i of run) {
        const t = points[i]!.target!;
        const e = bandEdge(t, polarity, tolerancePercent)!;
        const x0 = c(xOf(i) - slot / 2);
        const x1 = c(xOf(i) + slot / 2);
        upper.push(`${x0},${c(yOf(t))}`, `${x1},${c(yOf(t))}`);
        lower.push(`${x0},${c(yOf(e))}`, `${x1},${c(yOf(e))}`);
      }
      out.push(`<polygon points="${[...upper, ...lower.reverse()].join(' ')}"/>`);
    }
    out.push('</g>');
  }
  const series: [keyof typeof LINE_STYLES, string, (p: TrendPoint) => number | null][] = [
    ['statNeighbours', 'stat-neighbours-line', (p) => p.statNeighbours],
    ['england', 'england-line', (p) => p.england],
    ['target', 'target-line', (p) => p.target],
  ];
  for (const [style, cls, valueAt] of series) {
    const paths = stepPaths(valueAt);
    if (paths.length) out.push(`<path class="${cls}" d="${paths.join('')}" ${lineAttributes(LINE_STYLES[style])}/>`);
  }

  // A stretch of time with no periods at all is named, so an empty stretch reads as missing data, not as a drawing fault.
  for (let i = 1; i < n; i += 1) {
    const x0 = xOf(i - 1) + slot / 2;
    const x1 = xOf(i) - slot / 2;
    if (x1 - x0 < textWidth('No values') + 8) continue;
    out.push(
      `<text class="gap-label" x="${c((x0 + x1) / 2)}" y="${c(top + plotH / 2)}" text-anchor="middle" dy="0.35em" fill="${COLOURS.grey}">No values</text>`,
    );
  }

  // The actual line, broken where a period has no value, then its markers on top.
  const actualRuns = runs(slots, (i) => present(points[i]!.actual));
  const actualPath = actualRuns
    .filter((run) => run.length > 1)
    .map((run) => run.map((i, k) => `${k === 0 ? 'M' : 'L'}${c(xOf(i))} ${c(yOf(points[i]!.actual!))}`).join(''))
    .join('');
  if (actualPath) out.push(`<path class="actual-line" d="${actualPath}" ${lineAttributes(LINE_STYLES.actual)}/>`);
  const size = Math.max(2.5, Math.min(5, slot * 0.35));
  out.push('<g class="markers">');
  points.forEach((p, i) => {
    const kind = kinds[i];
    if (!kind || !present(p.actual)) return;
    const tip = `${p.label.trim()}: ${formatValue(p.actual, unit, decimals)} (${ragStatusText(statuses[i] ?? 'no_target', tolerancePercent)})`;
    out.push(close(marker(kind, xOf(i), yOf(p.actual), size), tip));
  });
  out.push('</g>');

  // Legend, in text.
  const legendTop = H - 8 - legend.rows * LEGEND_ROW + LEGEND_ROW / 2;
  out.push('<g class="legend">');
  for (const { item, x, row } of legend.place) {
    const y = legendTop + row * LEGEND_ROW;
    out.push(item.swatch(x, y), `<text x="${c(x + 34)}" y="${c(y)}" dy="0.35em" fill="${COLOURS.black}">${escapeXml(item.label)}</text>`);
  }
  out.push('</g>');
  out.push('</svg>');
  return out.join('');
}
