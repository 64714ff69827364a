// The Finance and Performance Report as a Word document in the council's layout (landscape A4, Arial):
// the same tables and commentary as the PDF, each table's header row repeated by Word on every page.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, ShadingType, type Table, TableCell, TableRow, WidthType } from 'docx';
import { A4_TWIPS, LANDSCAPE_TABLE_WIDTH, documentStyles, ruledTable, runs, section } from '../documents/word.ts';
import type { DocTable, ReportDocument } from './report-document.ts';
import { varianceDescription, varianceBars } from './variance-chart.ts';

const CELL_SIZE = 18; // 9pt: Appendix 1 has seven columns across the page
const WIDE_CELL_SIZE = 15; // 7.5pt for a table of more columns (Appendix 7 has eleven), so words fit their cells

function table(t: DocTable): (Paragraph | Table)[] {
  const widths = t.widths.map((w) => Math.round(w * LANDSCAPE_TABLE_WIDTH));
  const size = t.head.length > 8 ? WIDE_CELL_SIZE : CELL_SIZE;
  const cell = (text: string, c: number, bold: boolean, shaded: boolean) =>
    new TableCell({
      width: { size: widths[c]!, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      shading: shaded ? { type: ShadingType.CLEAR, fill: 'E6E6E6', color: 'auto' } : undefined,
      children: [
        new Paragraph({
          alignment: t.numeric[c] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          spacing: { after: 0, line: 240 },
          children: runs(text, { size, bold }),
        }),
      ],
    });
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: t.head.map((h, c) => cell(h, c, true, true)) });
  const rows = t.rows.map(
    (r) => new TableRow({ cantSplit: true, children: t.head.map((_, c) => cell(r.cells[c] ?? '', c, r.kind !== 'line', r.kind === 'heading')) }),
  );
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs(t.title) }),
    new Paragraph({ children: runs(t.caption, { bold: true }) }),
    ruledTable(widths, [header, ...rows]),
    ...t.notes.map((n) => new Paragraph({ spacing: { before: 120 }, children: runs(n, { size: CELL_SIZE, color: '595959' }) })),
  ];
}

export async function renderReportDocx(doc: ReportDocument): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  if (doc.council.trim()) children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(doc.council.trim(), { size: 20, color: '595959' }) }));
  children.push(new Paragraph({ alignment: AlignmentType.CENTER, children: runs(doc.bodyName, { bold: true }) }));
  children.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: runs(doc.title, { bold: true, size: 32 }) }));
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: runs(
        `Figures for ${doc.periodName}, in £000, generated from the budget monitoring figures.${doc.published ? '' : ' Draft: not yet published.'}`,
      ),
    }),
  );
  children.push(...table(doc.summary));
  const bars = varianceBars(doc.variances);
  if (bars.length) children.push(new Paragraph({ spacing: { before: 200 }, children: runs(`Forecast variance by directorate: ${varianceDescription(bars)}`) }));
  children.push(...table(doc.headlines));
  children.push(...table(doc.appendix1));
  children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: runs('Appendix 2 – Commentary') }));
  children.push(new Paragraph({ children: runs(doc.ruleText) }));
  if (!doc.commentary.length) children.push(new Paragraph({ children: runs('No commentary for this period.', { italics: true }) }));
  for (const c of doc.commentary) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(c.heading) }));
    for (const p of c.paragraphs) children.push(new Paragraph({ children: runs(p) }));
  }
  for (const t of doc.appendices) children.push(...table(t));
  const file = new Document({
    title: doc.title,
    subject: `${doc.title}, ${doc.bodyName}`,
    creator: doc.council.trim() || 'Partnership Hub',
    description: 'Finance and Performance Report produced by Partnership Hub',
    styles: documentStyles(),
    sections: [
      section({
        width: A4_TWIPS.width,
        height: A4_TWIPS.height,
        landscape: true,
        watermark: doc.published ? null : 'DRAFT',
        header: { left: doc.title, right: doc.bodyName },
        children,
      }),
    ],
  });
  const bytes = await Packer.toBuffer(file);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
