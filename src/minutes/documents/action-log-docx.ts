// The minutes action log as a Word document: landscape A4, the same wording as the PDF
// (./minutes-text.ts), one table per meeting whose header row Word repeats on every page.
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  ShadingType,
  type Table,
  TableCell,
  TableRow,
  WidthType,
  type ITableCellOptions,
} from 'docx';
import type { ActionLogDocument } from '../minutes-document.ts';
import { ACTION_LOG_COLUMNS, actionGroupHeading, actionLogIntro, actionLogLines, shortDate } from './minutes-text.ts';
import { A4_TWIPS, LANDSCAPE_TABLE_WIDTH, documentStyles, ruledTable, runs, section } from '../../documents/word.ts';
import { upper } from '../../documents/text.ts';

/** Column widths as fractions of the table: Minute No., Report Title, Owner, Action, Comments, Status. */
const COLUMNS = [0.07, 0.16, 0.125, 0.29, 0.21, 0.145];
const CELL_SIZE = 20; // 10pt: a six-column table in 12pt would be mostly wrapping

export async function renderActionLogDocx(doc: ActionLogDocument): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [];
  if (doc.council.trim()) children.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: runs(doc.council.trim(), { size: 20, color: '595959' }) }));
  children.push(
    new Paragraph({
      heading: HeadingLevel.HEADING_1,
      alignment: AlignmentType.CENTER,
      spacing: { after: 60 },
      children: runs(upper(doc.bodyName) || 'COMMITTEE'),
    }),
  );
  children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: runs('Minutes - Action Log', { bold: true }) }));
  children.push(new Paragraph({ children: runs(actionLogIntro(doc.bodyName, doc.asAt)) }));

  const widths = COLUMNS.map((c) => Math.round(c * LANDSCAPE_TABLE_WIDTH));
  const cell = (paragraphs: Paragraph[], c: number, header = false): TableCell => {
    const options: ITableCellOptions = {
      children: paragraphs.length ? paragraphs : [new Paragraph('')],
      width: { size: widths[c]!, type: WidthType.DXA },
      margins: { top: 60, bottom: 60, left: 90, right: 90 },
      shading: header ? { type: ShadingType.CLEAR, fill: 'E6E6E6', color: 'auto' } : undefined,
    };
    return new TableCell(options);
  };
  const para = (text: string, options: Parameters<typeof runs>[1] = {}) =>
    new Paragraph({ spacing: { after: 0, line: 240 }, children: runs(text, { size: CELL_SIZE, ...options }) });

  const groups = doc.groups.filter((g) => g.rows.length > 0);
  if (groups.length === 0) children.push(new Paragraph({ children: runs('There are no actions in the log.', { italics: true }) }));
  for (const group of groups) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(actionGroupHeading(group.meetingDate)) }));
    const header = new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: ACTION_LOG_COLUMNS.map((title, c) => cell([para(title, { bold: true })], c, true)),
    });
    const rows = actionLogLines(group.rows).map((line) => {
      const status = [para(line.status, { bold: line.overdue })];
      if (line.due) status.push(para(line.due, { size: CELL_SIZE - 2, color: '595959' }));
      const texts = [line.minute, line.title, line.owner, line.action, line.comments];
      return new TableRow({ children: [...texts.map((t, c) => cell(t ? [para(t)] : [], c)), cell(status, 5)] });
    });
    children.push(ruledTable(widths, [header, ...rows]));
    children.push(new Paragraph({ spacing: { after: 240 }, children: [] }));
  }

  const file = new Document({
    title: `${doc.bodyName.trim()}: minutes action log, ${shortDate(doc.asAt)}`,
    subject: `Minutes action log of ${doc.bodyName.trim()} as at ${shortDate(doc.asAt)}`,
    creator: doc.council.trim() || 'Partnership Hub',
    description: 'Minutes action log produced by Partnership Hub',
    styles: documentStyles(),
    sections: [
      section({
        width: A4_TWIPS.width,
        height: A4_TWIPS.height,
        landscape: true,
        watermark: null,
        header: { left: doc.bodyName.trim(), right: `Minutes action log as at ${shortDate(doc.asAt)}` },
        children,
      }),
    ],
  });
  const bytes = await Packer.toBuffer(file);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
