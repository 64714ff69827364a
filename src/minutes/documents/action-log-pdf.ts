// The minutes action log as a landscape A4 PDF, in the shape of seed 004's "Minutes - Action Log":
// the committee's name, the as-at paragraph, then for each meeting (newest first) "ACTIONS FROM
// MINUTES OF THE 17th APRIL COMMITTEE" over a table of Minute No. | Report Title | Action to be
// taken by | Action | Comments | Status, whose header row repeats on every page it runs onto.
import type { PdfOptions } from './minutes-pdf.ts';
import { A4, Flow, GREY_TEXT, HEADER_FILL, MM, type Cell, type CellParagraph } from '../../documents/pdf-layout.ts';
import type { ActionLogDocument } from '../minutes-document.ts';
import { addPageFurniture } from './minutes-pdf.ts';
import { ACTION_LOG_COLUMNS, actionGroupHeading, actionLogIntro, actionLogLines, shortDate } from './minutes-text.ts';
import { upper } from '../../documents/text.ts';

/** Column widths as fractions of the table: Minute No., Report Title, Owner, Action, Comments, Status. */
const COLUMNS = [0.065, 0.16, 0.125, 0.29, 0.21, 0.15];

export async function renderActionLogPdf(doc: ActionLogDocument, opts: PdfOptions = {}): Promise<Uint8Array> {
  const flow = layoutActionLog(doc, opts);
  const pdf = await flow.render();
  pdf.setTitle(`${doc.bodyName.trim()}: minutes action log, ${shortDate(doc.asAt)}`, { showInWindowTitleBar: true });
  pdf.setSubject(`Minutes action log of ${doc.bodyName.trim()} as at ${shortDate(doc.asAt)}`);
  if (doc.council.trim()) pdf.setAuthor(doc.council.trim());
  pdf.setLanguage('en-GB');
  return pdf.save({ objectsPerTick: Infinity });
}

export function layoutActionLog(doc: ActionLogDocument, opts: PdfOptions = {}): Flow {
  const flow = new Flow({
    pageSize: { width: A4.height, height: A4.width },
    margins: { top: 18 * MM, right: 15 * MM, bottom: 15 * MM + 7 * MM, left: 15 * MM },
    bodySize: 10,
  });
  const body = flow.bodySize;

  if (doc.council.trim()) flow.paragraph(doc.council.trim(), { align: 'right', size: body - 1, colour: GREY_TEXT, spaceAfter: body * 0.4 });
  flow.paragraph(upper(doc.bodyName) || 'COMMITTEE', { style: 'bold', size: body + 4, align: 'center', lineHeight: 1.3, spaceAfter: body * 0.3, heading: 1 });
  flow.paragraph('Minutes - Action Log', { style: 'bold', size: body + 2, align: 'center', spaceAfter: body * 1.2 });
  flow.paragraph(actionLogIntro(doc.bodyName, doc.asAt), { spaceAfter: body * 1.2 });

  const head = (text: string): Cell => ({ content: [{ text, style: 'bold' }], fill: HEADER_FILL });
  const header = [ACTION_LOG_COLUMNS.map(head)];
  const groups = doc.groups.filter((g) => g.rows.length > 0);
  if (groups.length === 0) flow.paragraph('There are no actions in the log.', { style: 'italic' });

  for (const group of groups) {
    flow.heading(actionGroupHeading(group.meetingDate), { size: body + 0.5, spaceBefore: body * 0.6, spaceAfter: body * 0.6, keepWithNext: flow.bodyLine * 5 });
    const rows: Cell[][] = actionLogLines(group.rows).map((line) => {
      const status: CellParagraph[] = [{ text: line.status, style: line.overdue ? 'bold' : 'regular' }];
      if (line.due) status.push({ text: line.due, size: body - 1, colour: GREY_TEXT, spaceBefore: body * 0.3 });
      return [
        { content: line.minute },
        { content: line.title },
        { content: line.owner },
        { content: line.action },
        { content: line.comments },
        { content: status },
      ];
    });
    flow.table({ columns: COLUMNS, header, rows, size: body, padding: 4.5, spaceAfter: body * 1.5 });
  }

  addPageFurniture(flow, { left: doc.bodyName.trim(), right: `Minutes action log as at ${shortDate(doc.asAt)}` }, opts.pageNumbers ?? true);
  return flow;
}
