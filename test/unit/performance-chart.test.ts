import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { Polarity, Unit } from '../../src/performance/indicator-types.ts';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  COLOURS,
  NO_DATA_YET,
  escapeXml,
  renderTrendChart,
  type TrendChartInput,
  type TrendPoint,
} from '../../src/performance/chart.ts';
import { niceTicks } from '../../src/performance/chart-scale.ts';
import { periodShortLabel, periodsBetween } from '../../src/performance/periods.ts';

// ---------------------------------------------------------------------------------------------
// A tiny XML checker: enough of XML 1.0 to prove the SVG is well formed — one root element,
// every tag closed in order, attributes quoted and not repeated, no raw '<' or '&' in text or
// attribute values, only the five named entities or numeric references, and no characters XML
// forbids. It returns the elements found, so tests can look inside.

interface Element {
  name: string;
  attrs: Record<string, string>;
  text: string;
  children: Element[];
  parent: Element | null;
}

const NAME = '[A-Za-z_][\\w.:-]*';
const TAG = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"]*"|'[^']*'))*)\\s*(/?)>`);
const ATTR = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'g');
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function decode(text: string): string {
  return text.replace(
    ENTITY,
    (e) =>
      (({ '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" }) as Record<string, string>)[e] ??
      String.fromCodePoint(e[2] === 'x' ? parseInt(e.slice(3, -1), 16) : Number(e.slice(2, -1))),
  );
}

function checkText(text: string, where: string): void {
  assert.ok(!text.includes('<'), `raw '<' in ${where}`);
  assert.ok(!/&/.test(text.replace(ENTITY, '')), `bare '&' in ${where}: ${text.slice(0, 80)}`);
  assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(text), `forbidden character in ${where}`);
}

function parseXml(xml: string): Element {
  const root: Element = { name: '#document', attrs: {}, text: '', children: [], parent: null };
  let current = root;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (text) {
      checkText(text, `text of <${current.name}>`);
      if (current === root) assert.match(text, /^\s*$/, 'text outside the root element');
      current.text += decode(text);
    }
    if (lt < 0) break;
    const m = TAG.exec(xml.slice(lt));
    assert.ok(m, `malformed tag at ${lt}: ${xml.slice(lt, lt + 60)}`);
    const [whole, closing, name, attrText, selfClosing] = m;
    if (closing) {
      assert.equal(attrText!.trim(), '', `attributes on a closing tag </${name}>`);
      assert.equal(current.name, name, `</${name}> closes <${current.name}>`);
      current = current.parent!;
    } else {
      const attrs: Record<string, string> = {};
      for (const a of attrText!.matchAll(ATTR)) {
        const value = a[2] ?? a[3] ?? '';
        checkText(value, `attribute ${a[1]} of <${name}>`);
        assert.ok(!(a[1]! in attrs), `attribute ${a[1]} repeated on <${name}>`);
        attrs[a[1]!] = decode(value);
      }
      const el: Element = { name: name!, attrs, text: '', children: [], parent: current };
      if (current === root) assert.equal(root.children.length, 0, 'more than one root element');
      current.children.push(el);
      if (!selfClosing) current = el;
    }
    i = lt + whole.length;
  }
  assert.equal(current, root, `<${current.name}> is never closed`);
  assert.equal(root.children.length, 1, 'exactly one root element');
  return root.children[0]!;
}

function all(el: Element, pred: (e: Element) => boolean): Element[] {
  const out: Element[] = [];
  const walk = (e: Element) => {
    if (pred(e)) out.push(e);
    e.children.forEach(walk);
  };
  walk(el);
  return out;
}
const byClass = (el: Element, cls: string) => all(el, (e) => (e.attrs.class ?? '').split(/\s+/).includes(cls));
const textOf = (e: Element): string => e.text + e.children.map(textOf).join('');

test('the XML checker itself rejects what is not well formed', () => {
  assert.throws(() => parseXml('<a><b></a></b>'));
  assert.throws(() => parseXml('<a>x & y</a>'));
  assert.throws(() => parseXml('<a title="<">x</a>'));
  assert.throws(() => parseXml('<a x="1" x="2"/>'));
  assert.throws(() => parseXml('<a/><b/>'));
  assert.throws(() => parseXml('<a>'));
  assert.throws(() => parseXml('<a x=1/>'));
  assert.throws(() => parseXml('<a>&nbsp;</a>'));
  assert.equal(parseXml('<a x="&lt;&amp;"><b>1 &gt; 0</b></a>').attrs.x, '<&');
});

// ---------------------------------------------------------------------------------------------
// Sample data: seed 004's children with a Child Protection Plan per 10,000 (35.5 against a
// target of 30.0, lower is better; stat neighbours 36.93, England 43.3), a year of months.

const MONTHS = ['Apr 2017', 'May 2017', 'Jun 2017', 'Jul 2017', 'Aug 2017', 'Sep 2017', 'Oct 2017', 'Nov 2017', 'Dec 2017', 'Jan 2018', 'Feb 2018', 'Mar 2018'];
const CPP = [40.2, 41.0, 42.3, null, 39.8, 38.5, 37.9, 36.2, 38.0, 37.4, 37.1, 35.5];

function cppChart(overrides: Partial<TrendChartInput> = {}): TrendChartInput {
  return {
    title: 'Children with a Child Protection Plan per 10,000 population under 18',
    unit: 'rate_per_10000',
    decimals: 1,
    polarity: 'lower_is_better',
    tolerancePercent: 10,
    points: MONTHS.map((label, i) => ({ label, actual: CPP[i]!, target: 30, statNeighbours: i >= 9 ? 36.93 : null, england: i >= 6 ? 43.3 : null })),
    ...overrides,
  };
}

const point = (
  label: string,
  actual: number | null,
  target: number | null = null,
  statNeighbours: number | null = null,
  england: number | null = null,
): TrendPoint => ({ label, actual, target, statNeighbours, england });

test('a chart is well-formed, accessible SVG: role img, labelled by its title and described by desc', () => {
  const svg = parseXml(renderTrendChart(cppChart()));
  assert.equal(svg.name, 'svg');
  assert.equal(svg.attrs.xmlns, 'http://www.w3.org/2000/svg');
  assert.equal(svg.attrs.role, 'img');
  assert.equal(svg.attrs.viewBox, `0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`);
  assert.equal(svg.attrs.width, '100%');
  const [titleEl] = svg.children;
  assert.equal(titleEl!.name, 'title');
  const desc = svg.children.find((e) => e.name === 'desc')!;
  assert.ok(desc);
  assert.deepEqual(svg.attrs['aria-labelledby']!.split(' '), [titleEl!.attrs.id, desc.attrs.id]);
  assert.equal(titleEl!.text, 'Children with a Child Protection Plan per 10,000 population under 18');
  // One sentence on the latest value and its status.
  assert.equal(
    desc.text,
    'Latest value (Mar 2018): 35.5 per 10,000, off target against a target of 30.0 per 10,000 (lower is better), ' +
      'improving from 37.1 per 10,000; statistical neighbours 36.9 per 10,000, England 43.3 per 10,000.',
  );
  assert.equal(desc.text.match(/\.\s/g), null, 'one sentence');
});

test('one marker per reported value, shaped by status; the line breaks at a missing month', () => {
  const svg = parseXml(renderTrendChart(cppChart()));
  const markers = byClass(svg, 'marker');
  assert.equal(markers.length, 11); // 12 months, July missing
  // All off target (35.5 > 33): squares, each with a tooltip naming the period, value and status.
  assert.ok(markers.every((m) => m.name === 'rect' && m.attrs.fill === COLOURS.red));
  assert.equal(textOf(markers.at(-1)!), 'Mar 2018: 35.5 per 10,000 (Off target)');
  const line = byClass(svg, 'actual-line');
  assert.equal(line.length, 1);
  assert.equal(line[0]!.attrs.d!.match(/M/g)!.length, 2, 'two runs: April–June and August–March');
  assert.equal(line[0]!.attrs.stroke, COLOURS.blue);
});

test('markers differ by shape, not only colour, and the legend names them', () => {
  const svg = parseXml(
    renderTrendChart({
      title: 'Proportion of adults receiving Direct Payments',
      unit: 'percentage',
      decimals: 1,
      polarity: 'higher_is_better',
      tolerancePercent: 10,
      points: [point('Jan 2018', 25, 24), point('Feb 2018', 23.3, 24), point('Mar 2018', 20, 24), point('Apr 2018', 22, null)],
    }),
  );
  const shapes = byClass(svg, 'marker').map((m) => `${m.name}:${m.attrs.class}`);
  assert.deepEqual(shapes, [
    'circle:marker marker-on-target',
    'path:marker marker-within-tolerance',
    'rect:marker marker-off-target',
    'circle:marker marker-not-judged',
  ]);
  const legend = textOf(byClass(svg, 'legend')[0]!);
  for (const words of ['Actual', 'On target', 'Within tolerance', 'Off target', 'Target', 'Within 10% of target']) assert.ok(legend.includes(words), words);
  assert.ok(!legend.includes('England'));
  assert.ok(!legend.includes('Statistical neighbours'));
});

test('the target line and tolerance band appear only when there are targets', () => {
  const withTarget = parseXml(renderTrendChart(cppChart()));
  const target = byClass(withTarget, 'target-line');
  assert.equal(target.length, 1);
  assert.ok(target[0]!.attrs['stroke-dasharray'], 'dashed');
  assert.equal(byClass(withTarget, 'tolerance-band').length, 1);
  const noTarget = parseXml(renderTrendChart(cppChart({ points: cppChart().points.map((p) => ({ ...p, target: null })) })));
  assert.equal(byClass(noTarget, 'target-line').length, 0);
  assert.equal(byClass(noTarget, 'tolerance-band').length, 0);
  assert.ok(!textOf(byClass(noTarget, 'legend')[0]!).includes('Target'));
  assert.match(all(noTarget, (e) => e.name === 'desc')[0]!.text, /no target set/);
  // Not applicable polarity: the target is drawn but there is no band and nothing is judged.
  const na = parseXml(renderTrendChart(cppChart({ polarity: 'not_applicable' })));
  assert.equal(byClass(na, 'target-line').length, 1);
  assert.equal(byClass(na, 'tolerance-band').length, 0);
  assert.ok(byClass(na, 'marker').every((m) => m.attrs.class === 'marker marker-not-judged'));
  // No tolerance: no band.
  assert.equal(byClass(parseXml(renderTrendChart(cppChart({ tolerancePercent: 0 }))), 'tolerance-band').length, 0);
});

test('the tolerance band lies on the bad side of the target', () => {
  const yTop = (svg: Element) => {
    const pts = byClass(svg, 'tolerance-band')[0]!
      .children[0]!.attrs.points!.split(' ')
      .map((p) => Number(p.split(',')[1]));
    return { min: Math.min(...pts), max: Math.max(...pts) };
  };
  const targetY = (svg: Element) => Number(/^M[\d.]+ ([\d.]+)/.exec(byClass(svg, 'target-line')[0]!.attrs.d!)![1]);
  const lower = parseXml(renderTrendChart(cppChart()));
  // Lower is better: the band runs from the target UP the chart (smaller y) to 33.
  assert.equal(yTop(lower).max, targetY(lower));
  assert.ok(yTop(lower).min < targetY(lower));
  const higher = parseXml(renderTrendChart(cppChart({ polarity: 'higher_is_better' })));
  assert.equal(yTop(higher).min, targetY(higher));
  assert.ok(yTop(higher).max > targetY(higher));
});

test('statistical neighbours and England are distinct dashed and dotted lines, named in the legend', () => {
  const svg = parseXml(renderTrendChart(cppChart()));
  const sn = byClass(svg, 'stat-neighbours-line')[0]!;
  const en = byClass(svg, 'england-line')[0]!;
  const target = byClass(svg, 'target-line')[0]!;
  const dashes = new Set([sn.attrs['stroke-dasharray'], en.attrs['stroke-dasharray'], target.attrs['stroke-dasharray']]);
  assert.equal(dashes.size, 3, 'three different dash patterns');
  const legend = textOf(byClass(svg, 'legend')[0]!);
  assert.ok(legend.includes('Statistical neighbours') && legend.includes('England'));
});

test('all text is escaped: a title of <script>& cannot break out', () => {
  const nasty = `<script>alert("x")</script> & 'quotes' ]]> \u0001`;
  const xml = renderTrendChart(cppChart({ title: nasty, points: [point(`Q1 <b>&`, 5, 6, 7, 8), point(`"Q2"`, 6, 6)] }));
  assert.ok(!xml.includes('<script'));
  assert.ok(!xml.includes('<b>'));
  const svg = parseXml(xml);
  assert.equal(all(svg, (e) => e.name === 'title')[0]!.text, nasty.replace('\u0001', ''));
  assert.ok(textOf(byClass(svg, 'x-axis')[0]!).includes('Q1 <b>&'));
  assert.equal(escapeXml(`<script>&"'`), '&lt;script&gt;&amp;&quot;&apos;');
  assert.equal(escapeXml('a\u0000b\uD800c'), 'abc'); // characters XML cannot hold are dropped
  const chart = renderTrendChart(cppChart({ title: '<script>&', id: 'x"><script>' }));
  parseXml(chart);
  assert.ok(chart.includes('<title id="perf-chart-xscript-title">&lt;script&gt;&amp;</title>'));
});

test('120 monthly points: labels thinned so they do not overlap, the newest always labelled', () => {
  const periods = periodsBetween({ frequency: 'monthly', start: '2008-04-01' }, { frequency: 'monthly', start: '2018-03-01' });
  assert.equal(periods.length, 120);
  const svg = parseXml(
    renderTrendChart({
      title: 'Serious acquisitive crime per 1,000',
      unit: 'rate_per_1000',
      decimals: 2,
      polarity: 'lower_is_better',
      tolerancePercent: 10,
      points: periods.map((p, i) => point(periodShortLabel(p), 12.53 + Math.sin(i / 6), 12.2)),
    }),
  );
  const labels = byClass(svg, 'x-label');
  assert.ok(labels.length >= 4 && labels.length <= 12, `${labels.length} labels`);
  assert.ok(labels.some((l) => l.text === 'Mar 2018'));
  const xs = labels.map((l) => Number(l.attrs.x)).sort((a, b) => a - b);
  for (let i = 1; i < xs.length; i += 1) assert.ok(xs[i]! - xs[i - 1]! >= 'Mar 2018'.length * 6, 'labels at least a label apart');
  assert.equal(byClass(svg, 'marker').length, 120);
  // A year of months: every other month is labelled (a label is wider than a month's slot).
  assert.deepEqual(
    byClass(parseXml(renderTrendChart(cppChart())), 'x-label')
      .map((l) => l.text)
      .reverse(),
    ['May 2017', 'Jul 2017', 'Sep 2017', 'Nov 2017', 'Jan 2018', 'Mar 2018'],
  );
  // Few points: every one is labelled.
  const quarters = ['2008/09 Q1', '2008/09 Q2', '2008/09 Q3', '2008/09 Q4'].map((q, i) => point(q, [52, 62, 77, 80][i]!));
  assert.equal(byClass(parseXml(renderTrendChart(cppChart({ points: quarters }))), 'x-label').length, 4);
});

test('no actual values at all: "No data yet", and still well formed', () => {
  for (const points of [[], [point('Q1', null)], MONTHS.map((m) => point(m, null, 30, 36.9, 43.3))]) {
    const xml = renderTrendChart(cppChart({ points }));
    const svg = parseXml(xml);
    assert.equal(byClass(svg, 'no-data')[0]!.text, NO_DATA_YET);
    assert.equal(all(svg, (e) => e.name === 'desc')[0]!.text, 'No data yet.');
    assert.equal(byClass(svg, 'marker').length, 0);
  }
});

test('a single point shows its marker and a visible target, with no line to draw', () => {
  const svg = parseXml(
    renderTrendChart({
      title: 'NI 32 repeat domestic violence (MARAC cases)',
      unit: 'percentage',
      decimals: 0,
      polarity: 'lower_is_better',
      tolerancePercent: 10,
      points: [point('2008/09', 25, 28)],
    }),
  );
  assert.equal(byClass(svg, 'marker').length, 1);
  assert.equal(byClass(svg, 'actual-line').length, 0);
  assert.match(byClass(svg, 'target-line')[0]!.attrs.d!, /^M[\d.]+ [\d.]+H[\d.]+$/); // a step across the slot
  assert.equal(all(svg, (e) => e.name === 'desc')[0]!.text, 'Latest value (2008/09): 25%, on target against a target of 28% (lower is better).');
});

test('isolated values between gaps still get markers; the line only joins neighbours', () => {
  const svg = parseXml(
    renderTrendChart(cppChart({ points: [point('A', 1), point('B', null), point('C', 3), point('D', 4), point('E', null), point('F', 6)] })),
  );
  assert.equal(byClass(svg, 'marker').length, 4);
  assert.equal(byClass(svg, 'actual-line')[0]!.attrs.d!.match(/M/g)!.length, 1); // only C–D
});

test('negative values: the axis runs below zero, with a zero line, and every marker is inside the plot', () => {
  const svg = parseXml(
    renderTrendChart({
      title: 'Net change in apprentices',
      unit: 'number',
      decimals: 1,
      polarity: 'higher_is_better',
      tolerancePercent: 10,
      points: [point('2008/09 Q1', -3.2, 2), point('2008/09 Q2', 1.5, 2), point('2008/09 Q3', 2.4, 2, null, 1), point('2008/09 Q4', 1.9, 2, null, 1)],
    }),
  );
  const ticks = byClass(svg, 'y-tick').map((t) => Number(t.text));
  assert.ok(Math.min(...ticks) <= -3.2 && Math.max(...ticks) >= 2.4);
  assert.ok(ticks.includes(0));
  const ys = byClass(svg, 'marker').map((m) =>
    m.attrs.cy !== undefined
      ? Number(m.attrs.cy)
      : m.attrs.y !== undefined
        ? Number(m.attrs.y) + Number(m.attrs.height) / 2
        : Number(/^M[\d.]+ ([\d.]+)/.exec(m.attrs.d!)![1]),
  );
  assert.equal(ys.length, 4);
  for (const y of ys) assert.ok(y > 0 && y < CHART_HEIGHT, String(y));
  assert.match(all(svg, (e) => e.name === 'desc')[0]!.text, /within 10% of a target of 2\.0 \(higher is better\), worsening from 2\.4; England 1\.0\./);
});

test('y-axis ticks are nice numbers and format with the unit', () => {
  assert.deepEqual(niceTicks(0, 100).values, [0, 20, 40, 60, 80, 100]);
  assert.deepEqual(niceTicks(30, 43.3).values, [30, 35, 40, 45]);
  assert.deepEqual(niceTicks(0.1, 0.3, 4).values, [0.1, 0.15, 0.2, 0.25, 0.3]);
  assert.deepEqual(niceTicks(0.1, 0.3).values, [0.1, 0.15, 0.2, 0.25, 0.3]); // exact: no 0.30000000000000004
  assert.deepEqual(niceTicks(-3.2, 2.4).values, [-4, -2, 0, 2, 4]);
  assert.deepEqual(niceTicks(5, 5).values, [4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6]); // ±10% around a lone value
  assert.deepEqual(niceTicks(0, 0).values, [-1, -0.5, 0, 0.5, 1]);
  // Values to 2 places (what indicators hold): the ticks cover them, 2 to 12 of them, evenly stepped.
  const hundredths = fc.integer({ min: -100_000_000, max: 100_000_000 }).map((n) => n / 100);
  fc.assert(
    fc.property(hundredths, hundredths, (a, b) => {
      const t = niceTicks(a, b);
      return (
        t.min <= Math.min(a, b) &&
        t.max >= Math.max(a, b) &&
        t.values.length >= 2 &&
        t.values.length <= 12 &&
        t.values.every((v, i) => i === 0 || Math.abs(v - t.values[i - 1]! - t.step) <= 1e-9 * Math.max(Math.abs(v), t.step))
      );
    }),
    { numRuns: 1000 },
  );
  // Any doubles at all, even denormals: finite ticks, never too many.
  fc.assert(
    fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.double({ min: -1e12, max: 1e12, noNaN: true }), (a, b) => {
      const t = niceTicks(a, b);
      return t.values.every(Number.isFinite) && t.values.length >= 2 && t.values.length <= 12;
    }),
    { numRuns: 1000 },
  );
  const money = parseXml(
    renderTrendChart({
      title: 'Spend',
      unit: 'money',
      decimals: 0,
      polarity: 'not_applicable',
      tolerancePercent: 10,
      points: [point('2017/18', 5000), point('2018/19', 12000)],
    }),
  );
  assert.ok(byClass(money, 'y-tick').some((t) => t.text === '£10,000'));
  const pct = parseXml(
    renderTrendChart({
      title: 'Pct',
      unit: 'percentage',
      decimals: 1,
      polarity: 'higher_is_better',
      tolerancePercent: 10,
      points: [point('a', 95), point('b', 99.5, 98)],
    }),
  );
  const pctTicks = byClass(pct, 'y-tick').map((t) => t.text);
  assert.ok(pctTicks.every((t) => t.endsWith('%')));
  assert.ok(!pctTicks.includes('101%') && !pctTicks.includes('102%'), pctTicks.join(' '));
  const rate = parseXml(renderTrendChart(cppChart()));
  assert.equal(byClass(rate, 'axis-caption')[0]!.text, 'Rate per 10,000');
});

test('colours are GOV.UK colours with AA contrast against white (text 4.5:1, lines and outlines 3:1)', () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (hex: string) => 1.05 / (luminance(hex) + 0.05);
  for (const c of [COLOURS.blue, COLOURS.red, COLOURS.green, COLOURS.grey, COLOURS.black]) assert.ok(contrast(c) >= 4.5, `${c}: ${contrast(c).toFixed(2)}`);
  assert.ok(contrast(COLOURS.orange) < 3); // why orange is only ever a fill, inside a black outline or named in the legend
  const xml = renderTrendChart(cppChart());
  const svg = parseXml(xml);
  const strokes = new Set(all(svg, (e) => Boolean(e.attrs.stroke)).map((e) => e.attrs.stroke!));
  for (const s of strokes) if (s !== COLOURS.white && s !== COLOURS.midGrey && s !== COLOURS.orange) assert.ok(contrast(s) >= 3, s);
  const band = byClass(svg, 'tolerance-band')[0]!;
  assert.equal(band.attrs.fill, COLOURS.orange);
  for (const t of all(svg, (e) => e.name === 'text')) assert.equal(t.attrs.fill, COLOURS.black);
  // Mid grey is only for the decorative grid and the no-data frame.
  assert.ok(all(svg, (e) => e.attrs.stroke === COLOURS.midGrey).every((e) => e.name === 'path' && /^M[\d.]+ [\d.]+H[\d.]+$/.test(e.attrs.d!)));
});

test('ids are stable, distinct for different charts, and can be set', () => {
  const a = renderTrendChart(cppChart());
  assert.equal(a, renderTrendChart(cppChart()));
  const idOf = (xml: string) => parseXml(xml).attrs['aria-labelledby']!;
  assert.notEqual(idOf(a), idOf(renderTrendChart(cppChart({ title: 'Another' }))));
  assert.equal(idOf(renderTrendChart(cppChart({ id: 'ni-16' }))), 'perf-chart-ni-16-title perf-chart-ni-16-desc');
});

test('property: any data renders well-formed SVG with one marker per value', () => {
  const value = fc.option(
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => n / 100),
    { nil: null },
  );
  const pointArb = fc.record({ label: fc.string({ maxLength: 12 }), actual: value, target: value, statNeighbours: value, england: value });
  fc.assert(
    fc.property(
      fc.array(pointArb, { maxLength: 40 }),
      fc.constantFrom<Polarity>('higher_is_better', 'lower_is_better', 'not_applicable'),
      fc.constantFrom<Unit>('percentage', 'rate_per_1000', 'count', 'money', 'days', 'number'),
      fc.string({ maxLength: 30 }),
      (points, polarity, unit, title) => {
        const svg = parseXml(renderTrendChart({ title, unit, decimals: 2, polarity, tolerancePercent: 10, points }));
        const expected = points.filter((p) => p.actual !== null).length;
        assert.equal(byClass(svg, 'marker').length, expected);
        if (!expected) assert.equal(byClass(svg, 'no-data').length, 1);
        for (const e of all(svg, () => true)) for (const [k, v] of Object.entries(e.attrs)) assert.ok(!/NaN|Infinity|undefined/.test(v), `${e.name} ${k}=${v}`);
      },
    ),
    { numRuns: 300 },
  );
});

// ---------------------------------------------------------------------------------------------
// A time axis proportional to time (issue 18 item 7)

test('with periods, the time axis is proportional: nine years without values show as a gap, not one step', () => {
  const gap = (frequency?: 'monthly') =>
    renderTrendChart({
      title: '% of adult safeguarding enquiries where outcomes were at least partially achieved',
      unit: 'percentage',
      decimals: 1,
      polarity: 'higher_is_better',
      tolerancePercent: 10,
      frequency,
      points: [
        { label: 'July 2017', period: '2017-07-01', actual: 73, target: null, statNeighbours: null, england: null },
        { label: 'August 2017', period: '2017-08-01', actual: 95, target: null, statNeighbours: null, england: null },
        { label: 'November 2026', period: '2026-11-01', actual: 80, target: null, statNeighbours: null, england: null },
      ],
    });
  const svg = parseXml(gap('monthly'));
  const xs = byClass(svg, 'marker').map((m) => Number(m.attrs.cx));
  assert.equal(xs.length, 3);
  // August 2017 is one month after July; November 2026 is 111 months after August.
  const ratio = (xs[2]! - xs[1]!) / (xs[1]! - xs[0]!);
  assert.ok(Math.abs(ratio - 111) < 2, `spacing ratio ${ratio}`);
  // The line joins July and August only: it is not drawn across the gap.
  assert.equal(byClass(svg, 'actual-line')[0]!.attrs.d!.match(/[ML]/g)!.join(''), 'ML');
  // The description does not call the new value worse than the one nine years before.
  const desc = all(svg, (e) => e.name === 'desc')[0]!.text;
  assert.equal(desc, 'Latest value (November 2026): 80.0%, no target set, no comparison: previous value is from August 2017.');
  assert.ok(!/worsening/i.test(desc));
  // Without a frequency the points are taken as consecutive, as before.
  const even = byClass(parseXml(gap()), 'marker').map((m) => Number(m.attrs.cx));
  assert.ok(Math.abs(even[2]! - even[1]! - (even[1]! - even[0]!)) < 0.2);
  // The empty stretch is named; points next to each other have none.
  assert.deepEqual(
    byClass(svg, 'gap-label').map((g) => g.text),
    ['No values'],
  );
  assert.equal(byClass(parseXml(gap()), 'gap-label').length, 0);
  // Labels never overlap, however the points are spread.
  const labels = byClass(svg, 'x-label').map((l) => l.text);
  assert.deepEqual(labels, ['November 2026', 'August 2017']);
});

test('with periods, a value two quarters on is compared and says with what; the line breaks at the missing quarter', () => {
  const svg = parseXml(
    renderTrendChart({
      title: '% of disadvantaged households taking up funded 2 year old childcare places',
      unit: 'percentage',
      decimals: 1,
      polarity: 'higher_is_better',
      tolerancePercent: 10,
      frequency: 'quarterly',
      points: [
        { label: '2017/18 Q1', period: '2017-04-01', actual: 69.6, target: null, statNeighbours: null, england: null },
        { label: '2017/18 Q3', period: '2017-10-01', actual: 82.4, target: null, statNeighbours: null, england: null },
      ],
    }),
  );
  assert.equal(byClass(svg, 'actual-line').length, 0);
  assert.equal(
    all(svg, (e) => e.name === 'desc')[0]!.text,
    'Latest value (2017/18 Q3): 82.4%, no target set, improving from 69.6% (compared with 2017/18 Q1, 2 quarters before).',
  );
});
