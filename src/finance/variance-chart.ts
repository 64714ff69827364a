// Forecast variance by directorate as a bar chart either side of zero: an accessible SVG string for the
// report page (role="img", a title and a description that states every figure) and the bars the PDF draws.
// Nothing depends on colour alone: each bar is labelled with its figure and "under" or "over".
import { formatThousands, toThousands } from './rules.ts';

export interface VarianceBar {
  name: string;
  pence: number;
  /** Length as a fraction of the longest bar. */
  fraction: number;
  /** £000 and whether it is an under- or overspend, as printed beside the bar. */
  label: string;
}

export function varianceBars(variances: readonly { name: string; variancePence: number }[]): VarianceBar[] {
  const longest = Math.max(0, ...variances.map((v) => Math.abs(v.variancePence)));
  return variances.map((v) => ({
    name: v.name,
    pence: v.variancePence,
    fraction: longest ? Math.abs(v.variancePence) / longest : 0,
    label: `${formatThousands(toThousands(Math.abs(v.variancePence)))}${v.variancePence < 0 ? ' under' : v.variancePence > 0 ? ' over' : ''}`,
  }));
}

/** One sentence per directorate, for the chart's description. */
export function varianceDescription(bars: readonly VarianceBar[]): string {
  const what = (b: VarianceBar) =>
    b.pence < 0
      ? `underspent by £${formatThousands(toThousands(-b.pence))}k`
      : b.pence > 0
        ? `overspent by £${formatThousands(toThousands(b.pence))}k`
        : 'on budget';
  return bars.map((b) => `${b.name} is forecast ${what(b)}.`).join(' ');
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function varianceChartSvg(variances: readonly { name: string; variancePence: number }[], id = 'variance-chart'): string {
  const bars = varianceBars(variances);
  if (!bars.length) return '';
  const row = 34;
  const width = 640;
  const label = 200;
  const half = (width - label - 140) / 2;
  const zero = label + 70 + half;
  const height = bars.length * row + 16;
  const parts = bars.map((b, i) => {
    const y = 8 + i * row;
    const w = Math.max(1, Math.round(b.fraction * half));
    const x = b.pence < 0 ? zero - w : zero;
    const colour = b.pence < 0 ? '#00703c' : '#d4351c';
    const tx = b.pence < 0 ? x - 6 : x + w + 6;
    return [
      `<text x="0" y="${y + 21}" font-size="13">${escapeXml(b.name.length > 30 ? `${b.name.slice(0, 29)}…` : b.name)}</text>`,
      `<rect x="${x}" y="${y + 6}" width="${w}" height="${row - 12}" fill="${colour}"/>`,
      `<text x="${tx}" y="${y + 21}" font-size="13" text-anchor="${b.pence < 0 ? 'end' : 'start'}">${escapeXml(b.label)}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="arial, sans-serif" fill="#0b0c0c">`,
    `<title id="${id}-title">Forecast variance by directorate (£000)</title>`,
    `<desc id="${id}-desc">${escapeXml(varianceDescription(bars))}</desc>`,
    ...parts,
    `<line x1="${zero}" y1="4" x2="${zero}" y2="${height - 4}" stroke="#0b0c0c" stroke-width="1.5"/>`,
    '</svg>',
  ].join('');
}
