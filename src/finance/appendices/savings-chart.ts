// Savings planned against forecast by quarter: a server-rendered SVG bar chart (the same figures are in the
// table beside it on the page). The tracker writes savings as negative amounts; the chart draws the saving
// itself (the amount with its sign turned), so a taller bar is a bigger saving. Pure.
import { QUARTERS, type Quarters, thousands } from './rules.ts';

const W = 640;
const H = 320;
const M = { top: 24, right: 16, bottom: 64, left: 72 };
const COLOURS = { planned: '#1d70b8', forecast: '#f47738', axis: '#0b0c0c', grid: '#b1b4b6' };
const FONT = 'Arial, sans-serif';

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Axis steps of 1, 2 or 5 times a power of ten covering lo..hi (£000) in about five steps. */
export function axisSteps(lo: number, hi: number): number[] {
  const span = Math.max(hi - lo, 1);
  const magnitude = 10 ** Math.floor(Math.log10(span / 5));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => span / s <= 6) ?? 10 * magnitude;
  const values: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= Math.ceil(hi / step) * step + step / 2; v += step) values.push(v);
  return values;
}

export function savingsChart(year: string, planned: Quarters, forecast: Quarters): string {
  const p = planned.map((v) => -thousands(v));
  const f = forecast.map((v) => -thousands(v));
  const ticks = axisSteps(Math.min(0, ...p, ...f), Math.max(0, ...p, ...f));
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]!;
  const plotH = H - M.top - M.bottom;
  const plotW = W - M.left - M.right;
  const y = (v: number) => M.top + plotH - ((v - lo) / (hi - lo || 1)) * plotH;
  const band = plotW / 4;
  const bar = band * 0.3;
  const id = `savings-chart-${year}`;
  const desc = QUARTERS.map((q, i) => `${q}: planned ${p[i]!.toLocaleString('en-GB')}, forecast ${f[i]!.toLocaleString('en-GB')}`).join('; ');
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="finance-chart" viewBox="0 0 ${W} ${H}" width="100%" preserveAspectRatio="xMidYMid meet" role="img" aria-labelledby="${id}-title ${id}-desc" font-family="${FONT}" font-size="14">`,
    `<title id="${id}-title">${escapeXml(`Savings planned against forecast by quarter, ${year} (£000)`)}</title>`,
    `<desc id="${id}-desc">${escapeXml(`Savings in £000, shown as positive amounts. ${desc}.`)}</desc>`,
    `<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`,
  ];
  for (const t of ticks) {
    out.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="${t === 0 ? COLOURS.axis : COLOURS.grid}" stroke-width="1"/>`,
      `<text x="${M.left - 8}" y="${(y(t) + 5).toFixed(1)}" text-anchor="end" fill="${COLOURS.axis}">${t.toLocaleString('en-GB')}</text>`,
    );
  }
  QUARTERS.forEach((q, i) => {
    const x = M.left + band * i + band / 2;
    for (const [k, values, colour] of [
      [-1, p, COLOURS.planned],
      [1, f, COLOURS.forecast],
    ] as const) {
      const v = values[i]!;
      const top = Math.min(y(v), y(0));
      const height = Math.abs(y(v) - y(0));
      const left = k < 0 ? x - bar - 2 : x + 2;
      out.push(`<rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${bar.toFixed(1)}" height="${height.toFixed(1)}" fill="${colour}"/>`);
    }
    out.push(`<text x="${x.toFixed(1)}" y="${H - M.bottom + 20}" text-anchor="middle" fill="${COLOURS.axis}">${q}</text>`);
  });
  const legendY = H - 16;
  out.push(
    `<rect x="${M.left}" y="${legendY - 11}" width="14" height="14" fill="${COLOURS.planned}"/>`,
    `<text x="${M.left + 20}" y="${legendY}" fill="${COLOURS.axis}">Planned (original phasing)</text>`,
    `<rect x="${M.left + 260}" y="${legendY - 11}" width="14" height="14" fill="${COLOURS.forecast}"/>`,
    `<text x="${M.left + 280}" y="${legendY}" fill="${COLOURS.axis}">Current forecast</text>`,
    `<text x="14" y="${M.top + plotH / 2}" transform="rotate(-90 14 ${M.top + plotH / 2})" text-anchor="middle" fill="${COLOURS.axis}">Saving £000</text>`,
    '</svg>',
  );
  return out.join('');
}
