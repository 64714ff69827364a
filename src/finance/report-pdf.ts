// The Finance and Performance Report as a landscape A4 PDF: title, the summary with the variance chart and
// table 1.2 (indicators by RAG), Appendix 1, Appendix 2 and the appendices, each table's header repeating on
// the pages it runs onto.
import { A4, BLACK, Flow, GREY_TEXT, HEADER_FILL, MM, sanitize, textWidth, type Cell, type Colour } from '../documents/pdf-layout.ts';
import type { DocTable, ReportDocument } from './report-document.ts';
import { varianceBars, varianceDescription } from './variance-chart.ts';

const BODY = 9.5;

export async function renderReportPdf(doc: ReportDocument, opts: { pageNumbers?: boolean } = {}): Promise<Uint8Array> {
  const flow = new Flow({
    pageSize: { width: A4.height, height: A4.width },
    margins: { top: 16 * MM, right: 15 * MM, bottom: 22 * MM, left: 15 * MM },
    bodySize: BODY,
  });
  if (doc.council.trim()) flow.paragraph(doc.council.trim(), { align: 'right', size: BODY - 1, colour: GREY_TEXT });
  flow.paragraph(doc.bodyName, { style: 'bold', size: BODY + 2, align: 'center', spaceAfter: BODY * 0.3 });
  flow.heading(doc.title, { size: BODY + 5, align: 'center', spaceAfter: BODY * 0.6, heading: 1 });
  flow.paragraph(`Figures for ${doc.periodName}, in £000, generated from the budget monitoring figures.${doc.published ? '' : ' Draft: not yet published.'}`, {
    align: 'center',
    spaceAfter: BODY * 1.2,
  });
  table(flow, doc.summary);
  varianceChart(flow, doc.variances);
  table(flow, doc.headlines);
  flow.newPage();
  table(flow, doc.appendix1);
  flow.heading('Appendix 2 – Commentary', { size: BODY + 3, spaceBefore: BODY, spaceAfter: BODY * 0.6, keepWithNext: flow.bodyLine * 3 });
  flow.paragraph(doc.ruleText);
  if (!doc.commentary.length) flow.paragraph('No commentary for this period.', { style: 'italic' });
  for (const c of doc.commentary) {
    flow.heading(c.heading, { size: BODY, spaceBefore: BODY * 0.6, spaceAfter: BODY * 0.3, keepWithNext: flow.bodyLine * 2, heading: 3 });
    for (const p of c.paragraphs) flow.paragraph(p);
  }
  for (const t of doc.appendices) table(flow, t);
  furniture(flow, doc, opts.pageNumbers ?? true);
  const pdf = await flow.render();
  pdf.setTitle(doc.title, { showInWindowTitleBar: true });
  pdf.setSubject(`${doc.title}, ${doc.bodyName}`);
  if (doc.council.trim()) pdf.setAuthor(doc.council.trim());
  pdf.setLanguage('en-GB');
  return pdf.save({ objectsPerTick: Infinity });
}

function table(flow: Flow, t: DocTable) {
  flow.heading(t.title, { size: BODY + 3, spaceBefore: BODY, spaceAfter: BODY * 0.4, keepWithNext: flow.bodyLine * 4 });
  flow.paragraph(t.caption, { style: 'bold', spaceAfter: BODY * 0.4 });
  const columns = t.head.length;
  const cell = (text: string, c: number, bold: boolean, fill?: Colour): Cell => ({
    content: [{ text, style: bold ? 'bold' : 'regular', align: t.numeric[c] ? 'right' : 'left' }],
    fill,
  });
  const rows: Cell[][] = t.rows.map((r) => {
    const bold = r.kind !== 'line';
    const fill = r.kind === 'heading' ? HEADER_FILL : undefined;
    return Array.from({ length: columns }, (_, c) => cell(r.cells[c] ?? '', c, bold, fill));
  });
  // A table of many columns (Appendix 7 has eleven) a point smaller, so its words fit their cells.
  const size = columns > 8 ? BODY - 2 : BODY - 1;
  flow.table({ columns: t.widths, header: [t.head.map((h, c) => cell(h, c, true, HEADER_FILL))], rows, size, padding: 3, spaceAfter: BODY });
  for (const n of t.notes) flow.paragraph(n, { size: BODY - 1, colour: GREY_TEXT });
}

/** The chart as bars either side of zero, each labelled with its directorate and its £000. */
function varianceChart(flow: Flow, variances: ReportDocument['variances']) {
  const bars = varianceBars(variances);
  if (!bars.length) return;
  const row = BODY * 1.9;
  flow.heading('Forecast variance by directorate (£000)', { size: BODY + 1, spaceBefore: BODY, spaceAfter: BODY * 0.5, keepWithNext: row * bars.length + 10 });
  flow.ensureSpace(row * bars.length + 10);
  const labelWidth = flow.contentWidth * 0.3;
  const half = (flow.contentWidth - labelWidth - 60) / 2;
  const zero = flow.margins.left + labelWidth + 30 + half;
  const top = flow.y;
  flow.figure(`Bar chart of the forecast variance by directorate. ${varianceDescription(bars)}`, () => drawBars(flow, bars, { top, row, zero, half }));
  flow.y = top + row * bars.length + 4;
  flow.atTop = false;
  flow.paragraph('Green bars to the left of the line are underspends; red bars to the right are overspends.', { size: BODY - 1, colour: GREY_TEXT });
}

function drawBars(flow: Flow, bars: ReturnType<typeof varianceBars>, { top, row, zero, half }: { top: number; row: number; zero: number; half: number }) {
  bars.forEach((b, i) => {
    const y = top + i * row;
    const text = (x: number, s: string, colour: Colour = BLACK) =>
      flow.ops.push({ kind: 'text', x, y: y + BODY, text: sanitize(s), style: 'regular', size: BODY - 0.5, colour });
    text(flow.margins.left, b.name);
    const w = Math.max(0.5, b.fraction * half);
    flow.ops.push({ kind: 'rect', x: b.pence < 0 ? zero - w : zero, y: y + 2, w, h: row - 5, fill: b.pence < 0 ? [0, 0.44, 0.24] : [0.83, 0.21, 0.11] });
    const label = b.label;
    const lw = textWidth(label, 'regular', BODY - 0.5);
    text(b.pence < 0 ? zero - w - lw - 3 : zero + w + 3, label);
  });
  flow.ops.push({ kind: 'line', x1: zero, y1: top, x2: zero, y2: top + row * bars.length, width: 0.8, colour: BLACK });
}

function furniture(flow: Flow, doc: ReportDocument, pageNumbers: boolean) {
  const total = flow.pageCount;
  const size = 8;
  flow.pages.forEach((ops, index) => {
    if (index > 0) {
      ops.push({ kind: 'text', x: flow.margins.left, y: 10 * MM, text: sanitize(doc.title), style: 'bold', size, colour: GREY_TEXT });
      const right = sanitize(doc.bodyName);
      ops.push({
        kind: 'text',
        x: flow.pageWidth - flow.margins.right - textWidth(right, 'regular', size),
        y: 10 * MM,
        text: right,
        style: 'regular',
        size,
        colour: GREY_TEXT,
      });
    }
    if (!pageNumbers) return;
    const text = `Page ${index + 1} of ${total}`;
    ops.push({
      kind: 'text',
      x: (flow.pageWidth - textWidth(text, 'regular', size)) / 2,
      y: flow.pageHeight - 10 * MM,
      text,
      style: 'regular',
      size,
      colour: GREY_TEXT,
    });
  });
}
