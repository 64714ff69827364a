// A delivery plan as a Word document, laid out as seed 004's: landscape A4, the committee's name
// and "Delivery Plan" at the top, then for each priority its "PRIORITY 1: COMMUNITY RESILIENCE"
// heading, its outcomes as a bulleted list and its actions as a table in the plan's nine columns,
// whose heading row Word repeats on every page. The plan as agreed: progress (status, RAG) is in
// the XLSX export and the hub, not here.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, ShadingType, type Table, TableCell, TableRow, WidthType } from 'docx';
import { PLAN_COLUMNS, type PlanDocument } from '../plan-types.ts';
import { A4_TWIPS, LANDSCAPE_TABLE_WIDTH, bulletNumbering, documentStyles, ruledTable, runs, section } from '../../documents/word.ts';
import { upper } from '../../documents/text.ts';
import { textWidth } from '../../documents/pdf-fonts.ts';

/** Column widths as fractions of the table, in PLAN_COLUMNS order: the description widest. */
const COLUMNS = [0.045, 0.22, 0.085, 0.08, 0.08, 0.13, 0.12, 0.14, 0.1] as const;
const CELL_SIZE = 18; // 9pt: nine columns across a landscape page
const BULLETS = 'plan-outcomes';
const CELL_MARGIN = 80; // twips each side

/**
 * The table's column widths in twips: COLUMNS' shares, except that every column is wide enough for
 * the longest word of its bold heading, so Word never breaks "MILESTONE" mid-word. The room is
 * taken from the description column. Words are measured in DejaVu Sans Bold, wider than Arial.
 */
export function planColumnWidths(total = LANDSCAPE_TABLE_WIDTH): number[] {
  const widths = COLUMNS.map((c) => Math.round(c * total));
  PLAN_COLUMNS.forEach((column, c) => {
    const words = planColumnHeading(column.heading).split(/\s+/);
    const needed = Math.ceil(Math.max(...words.map((word) => textWidth(word, 'bold', CELL_SIZE / 2) * 20))) + 2 * CELL_MARGIN + 40;
    if (widths[c]! < needed) {
      widths[1]! -= needed - widths[c]!;
      widths[c] = needed;
    }
  });
  return widths;
}

/** "REF.", "ACTION DESCRIPTION", ... as the seed prints them: a closing "(staff, tech, etc.)" stays as it is. */
export function planColumnHeading(heading: string): string {
  const at = heading.indexOf('(');
  return at === -1 ? upper(heading) : `${upper(heading.slice(0, at))} ${heading.slice(at).trim()}`;
}

/** "PRIORITY 1: COMMUNITY RESILIENCE" */
export const priorityHeading = (number: number, title: string): string => (title.trim() ? `PRIORITY ${number}: ${upper(title)}` : `PRIORITY ${number}`);

export async function planToDocx(doc: PlanDocument): Promise<Buffer> {
  const owner = doc.owner.trim();
  const title = doc.title.trim() || 'Delivery Plan';
  const period = doc.periodLabel.trim();
  const children: (Paragraph | Table)[] = [];
  if (owner)
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, spacing: { after: 60 }, children: runs(upper(owner)) }));
  children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: period ? 60 : 240 }, children: runs(title, { bold: true, size: 28 }) }));
  if (period) children.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: runs(period) }));

  const widths = planColumnWidths();
  const para = (text: string, bold = false) => new Paragraph({ spacing: { after: 0, line: 240 }, children: runs(text, { size: CELL_SIZE, bold }) });
  const cell = (text: string, c: number, header = false) =>
    new TableCell({
      children: [text.trim() ? para(text.trim(), header) : new Paragraph('')],
      width: { size: widths[c]!, type: WidthType.DXA },
      margins: { top: 60, bottom: 60, left: CELL_MARGIN, right: CELL_MARGIN },
      shading: header ? { type: ShadingType.CLEAR, fill: 'E6E6E6', color: 'auto' } : undefined,
    });

  if (doc.priorities.length === 0) children.push(new Paragraph({ children: runs('There are no priorities in this plan.', { italics: true }) }));
  for (const priority of doc.priorities) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: runs(priorityHeading(priority.number, priority.title)) }));
    const outcomes = priority.outcomes.map((o) => o.trim()).filter(Boolean);
    outcomes.forEach((outcome, k) =>
      children.push(
        new Paragraph({
          numbering: { reference: BULLETS, level: 0 },
          keepNext: true,
          keepLines: true,
          spacing: { after: k === outcomes.length - 1 ? 240 : 60 },
          children: runs(outcome),
        }),
      ),
    );
    if (priority.actions.length === 0) {
      children.push(new Paragraph({ children: runs('There are no actions under this priority.', { italics: true }) }));
      continue;
    }
    const header = new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: PLAN_COLUMNS.map((column, c) => cell(planColumnHeading(column.heading), c, true)),
    });
    const rows = priority.actions.map(
      (action) =>
        new TableRow({
          cantSplit: true,
          children: PLAN_COLUMNS.map((column, c) => cell(action[column.key], c)),
        }),
    );
    children.push(ruledTable(widths, [header, ...rows]));
    children.push(new Paragraph({ spacing: { after: 240 }, children: [] }));
  }

  const fullTitle = [owner, title].filter(Boolean).join(': ') + (period ? `, ${period}` : '');
  const file = new Document({
    title: fullTitle,
    subject: fullTitle,
    creator: owner || 'Partnership Hub',
    description: 'Delivery plan produced by Partnership Hub',
    styles: documentStyles(),
    numbering: {
      config: [bulletNumbering(BULLETS, 720)],
    },
    sections: [
      section({
        width: A4_TWIPS.width,
        height: A4_TWIPS.height,
        landscape: true,
        watermark: null,
        header: { left: owner, right: [title, period].filter(Boolean).join(' ') },
        children,
      }),
    ],
  });
  return Packer.toBuffer(file);
}
