// The quarterly update to Cabinet as an A4 PDF. The contents list gives each partnership's page range, so the
// document is laid out, the pages each section starts and ends on are read, and it is laid out again with
// those ranges until they settle (the contents' own length can move what follows).
import { Flow, GREY_TEXT, HEADER_FILL, type Cell } from '../documents/pdf-layout.ts';
import type { QuarterlyReport } from './quarterly-report.ts';
import { contentsLines } from './quarterly-rules.ts';

const cell = (text: string, bold = false): Cell => ({ content: [{ text, style: bold ? 'bold' : 'regular' }] });
const head = (text: string): Cell => ({ content: [{ text, style: 'bold' }], fill: HEADER_FILL });

function layout(r: QuarterlyReport, contents: string[]) {
  const flow = new Flow({ bodySize: 10.5 });
  const body = flow.bodySize;
  flow.paragraph('QUARTERLY UPDATE REPORT ON KEY PARTNERSHIPS', { style: 'bold', size: body + 3, align: 'center', spaceAfter: body, heading: 1 });
  flow.table({
    columns: [0.28, 0.72],
    borders: 'none',
    rows: [
      ['To:', 'Cabinet'],
      ['Date:', r.dateText],
      ['From:', 'Chief Executive'],
      ['Quarter:', r.quarter.label],
      ['Purpose:', r.purpose],
    ].map(([a, b]) => [cell(a!, true), cell(b!)]),
    spaceAfter: body * 0.3,
  });
  for (const line of contents) flow.paragraph(line, { indent: 0.28 * flow.contentWidth, spaceAfter: body * 0.2 });
  flow.table({ columns: [0.28, 0.72], borders: 'none', rows: [[cell('Recommendation:', true), cell(r.recommendation)]], spaceAfter: body });

  const contactRows: Cell[][] = r.contacts.flatMap((c) => [
    [
      // The partnership's name in the wide officer column (the layout has no spanning cells).
      { content: '', fill: HEADER_FILL },
      { content: [{ text: c.name, style: 'bold' as const }], fill: HEADER_FILL },
      { content: '', fill: HEADER_FILL },
      { content: '', fill: HEADER_FILL },
    ],
    ...(['name', 'post', 'email', 'phone'] as const).map((k) => [
      cell(k === 'name' ? 'Name:' : k === 'post' ? 'Post:' : k === 'email' ? 'Email:' : 'Tel:'),
      cell(c.officer?.[k] ?? (k === 'name' ? 'Not recorded' : '')),
      cell(k === 'post' ? 'Portfolio:' : k === 'name' ? 'Name:' : k === 'email' ? 'Email:' : 'Tel:'),
      cell(c.member?.[k] ?? (k === 'name' ? 'Not recorded' : '')),
    ]),
  ]);
  flow.table({
    columns: [0.1, 0.4, 0.12, 0.38],
    header: [[head(''), head('Officer contact'), head(''), head('Member contact')]],
    rows: contactRows,
    size: body - 1,
    spaceAfter: body,
  });

  const pages: { name: string; first: number; last: number }[] = [];
  r.sections.forEach((s, i) => {
    const n = i + 1;
    flow.heading(`${s.letter}) ${s.name.toLocaleUpperCase('en-GB')}`, { size: body + 1.5, spaceBefore: body, keepWithNext: flow.bodyLine * 4 });
    const first = flow.pageCount;
    let para = 1;
    const numbered = (text: string) => flow.paragraph(text, { hang: `${n}.${para++}`, spaceAfter: body * 0.5 });
    for (const p of s.responsibilities.paragraphs) numbered(p);
    if (s.responsibilities.bullets.length) {
      numbered(`${s.name} is responsible for the following:`);
      for (const b of s.responsibilities.bullets) flow.paragraph(b, { indent: 15 * 2.83, hang: '•', hangWidth: 12, spaceAfter: body * 0.2 });
    }
    flow.heading('SUMMARY OF ACTIVITY', { size: body, spaceBefore: body * 0.8, keepWithNext: flow.bodyLine * 3, heading: 3 });
    if (s.summaryState) flow.paragraph(s.summaryState, { style: 'italic' });
    for (const p of s.summary) numbered(p);
    if (s.indicators.length) {
      flow.heading('Indicators', { size: body, spaceBefore: body * 0.6, keepWithNext: flow.bodyLine * 3, heading: 3 });
      flow.table({
        columns: [0.52, 0.16, 0.16, 0.16],
        header: [[head('Indicator'), head('Baseline'), head('Target'), head('Actual')]],
        rows: s.indicators.map((x) => [cell(x.label), cell(x.baseline), cell(x.target), cell(x.actual)]),
        size: body - 1,
        spaceAfter: body * 0.6,
      });
    }
    for (const e of s.exceptions) {
      flow.heading(`Exception report: ${e.indicatorTitle}`, { size: body, spaceBefore: body * 0.6, keepWithNext: flow.bodyLine * 2, heading: 3 });
      if (e.cause) flow.paragraph(e.cause);
      if (e.actions) flow.paragraph(`Actions: ${e.actions}`);
      if (e.cost) flow.paragraph(`Estimated cost: ${e.cost}`);
    }
    flow.heading('Funding', { size: body, spaceBefore: body * 0.6, keepWithNext: flow.bodyLine * 2, heading: 3 });
    if (s.funding.length) {
      flow.table({
        columns: [0.7, 0.3],
        header: [[head('Contributor'), head('Amount')]],
        rows: s.funding.map((f) => [cell(f.organisation), cell(f.amount)]),
        size: body - 1,
      });
      flow.paragraph(`Total: ${s.fundingTotal}`, { style: 'bold' });
    } else flow.paragraph('No contributions are recorded for the year.');
    pages.push({ name: s.name, first, last: flow.pageCount });
  });

  flow.heading('IMPLICATIONS', { size: body + 1.5, spaceBefore: body * 1.2, keepWithNext: flow.bodyLine * 4 });
  r.implications.forEach((imp, i) => {
    flow.heading(`${i + 1}. ${imp.heading.toLocaleUpperCase('en-GB')}`, { size: body, spaceBefore: body * 0.6, keepWithNext: flow.bodyLine * 2, heading: 3 });
    for (const t of imp.text) flow.paragraph(t);
  });
  if (r.sources.length) {
    flow.heading('Source documents', { size: body + 0.5, spaceBefore: body, keepWithNext: flow.bodyLine * 4 });
    flow.table({
      columns: [0.6, 0.4],
      header: [[head('Source document'), head('Location')]],
      rows: r.sources.map((s) => [cell(`${s.partnership}: ${s.title}`), cell(s.where)]),
      size: body - 1,
    });
  }
  return { flow, pages };
}

export async function quarterlyPdf(r: QuarterlyReport): Promise<{ bytes: Uint8Array; contents: string[] }> {
  let contents = contentsLines(r.sections.map((s) => ({ name: s.name, first: 1, last: 1 })));
  let result = layout(r, contents);
  for (let i = 0; i < 4; i++) {
    const next = contentsLines(result.pages);
    if (next.join('\n') === contents.join('\n')) break;
    contents = next;
    result = layout(r, contents);
  }
  result.flow.numberPages({ size: 8.5, baseline: 28, colour: GREY_TEXT }); // "Page N of M" centred at the foot of every page
  const pdf = await result.flow.render();
  pdf.setTitle(r.title, { showInWindowTitleBar: true });
  pdf.setLanguage('en-GB');
  return { bytes: await pdf.save({ objectsPerTick: Infinity }), contents };
}
