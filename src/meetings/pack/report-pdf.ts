// A committee report written in the product, printed in the council's standard report template
// (seed 004): title in capitals, the header block (To / Meeting Date / From / Electoral
// division(s) / Forward Plan ref and Key decision / Purpose / Recommendation), the officer and
// member contacts box, numbered sections 1-4, the officer clearance table and source documents.
import { formatDate } from '../../calendar/format.ts';
import {
  CORPORATE_PRIORITIES,
  NO_PRIORITY_IMPLICATIONS,
  NO_SIGNIFICANT_IMPLICATIONS,
  clearanceText,
  sectionsOf,
  type Contact,
  type ReportContent,
  type ReportSetting,
} from '../report-template.ts';
import { Flow, HEADER_FILL, MM, textWidth, type Cell, type CellParagraph } from '../../documents/pdf-layout.ts';
import { letter } from '../../documents/text.ts';

const NUMBER_COLUMN = 15 * MM;
const LABEL_COLUMN = 48 * MM;

export async function renderReportPdf(content: ReportContent, setting: ReportSetting): Promise<Uint8Array> {
  const flow = layoutReport(content, setting);
  const doc = await flow.render();
  const title = content.title.trim() || 'Committee report';
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setSubject(`${setting.bodyName}, ${formatDate(setting.meetingDate)}`);
  if (content.from.trim()) doc.setAuthor(content.from.trim());
  doc.setLanguage('en-GB');
  return doc.save({ objectsPerTick: Infinity });
}

/** The report laid out into pages (exported for tests and for measuring). */
export function layoutReport(content: ReportContent, setting: ReportSetting): Flow {
  const flow = new Flow();
  const body = flow.bodySize;

  if (setting.itemNumber !== null) {
    flow.paragraph(`Agenda Item No: ${setting.itemNumber}`, { style: 'bold', align: 'right', spaceAfter: body * 1.2 });
  } else flow.space(body);

  flow.paragraph(content.title.trim().toLocaleUpperCase('en-GB') || 'UNTITLED REPORT', {
    style: 'bold',
    size: body + 3,
    align: 'center',
    lineHeight: 1.3,
    spaceAfter: body * 1.6,
    heading: 1,
  });

  // Header block: labels in bold on the left, the values beside them.
  const label = (text: string): Cell => ({ content: [{ text, style: 'bold' }] });
  const value = (text: string, style: 'regular' | 'bold' = 'regular'): Cell => ({ content: [{ text, style }] });
  const headerTable = (rows: Cell[][], columns = [LABEL_COLUMN, flow.contentWidth - LABEL_COLUMN]) =>
    flow.table({ columns, rows, borders: 'none', padding: 0, lineHeight: flow.lineHeight, spaceAfter: 0 });
  const gap = (): Cell[] => [{ content: [{ text: '', size: body * 0.5 }] }, { content: [{ text: '', size: body * 0.5 }] }];

  headerTable([
    [label('To:'), value(setting.bodyName, 'bold')],
    gap(),
    [label('Meeting Date:'), value(formatDate(setting.meetingDate), 'bold')],
    gap(),
    [label('From:'), value(content.from.trim() || 'Not stated')],
    gap(),
    [label('Electoral division(s):'), value(content.electoralDivisions.trim() || 'All')],
    gap(),
  ]);
  const keyLabel = 30 * MM;
  const fpValue = 52 * MM;
  headerTable(
    [
      [label('Forward Plan ref:'), value(content.forwardPlanRef.trim() || 'Not applicable'), label('Key decision:'), value(content.keyDecision ? 'Yes' : 'No')],
      [...gap(), ...gap()],
    ],
    [LABEL_COLUMN, fpValue, keyLabel, flow.contentWidth - LABEL_COLUMN - fpValue - keyLabel],
  );

  const recommendations: CellParagraph[] = content.recommendations
    .filter((r) => r.trim())
    .map((r, i) => ({
      text: r.trim(),
      hang: `${letter(i)})`,
      hangWidth: 8 * MM,
      spaceBefore: body * 0.4,
    }));
  headerTable([
    [label('Purpose:'), { content: content.purpose.trim() || 'Not stated' }],
    gap(),
    [label('Recommendation:'), { content: recommendations.length ? recommendations : [{ text: 'None.', style: 'italic' }] }],
  ]);
  flow.space(body * 1.6);

  // Contacts box, in slightly smaller type so that email addresses fit on one line.
  const contactSize = body - 1;
  const contactHang = Math.max(...['Names:', 'Email:', 'Post:'].map((l) => textWidth(l, 'bold', contactSize))) + 5;
  const contactParas = (contacts: Contact[], plural: boolean): CellParagraph[] => {
    if (contacts.length === 0) return [{ text: 'None', style: 'italic' }];
    return contacts.flatMap((c, i) => {
      const rows: [string, string][] = [
        [plural ? 'Names:' : 'Name:', c.name],
        ['Post:', c.post],
        ['Email:', c.email],
        ['Tel:', c.phone],
      ];
      return rows
        .filter(([, v]) => v.trim())
        .map(
          ([k, v], j): CellParagraph => ({
            text: v.trim(),
            hang: [{ text: k, style: 'bold' }],
            hangWidth: contactHang,
            spaceBefore: i > 0 && j === 0 ? body * 0.8 : j === 0 ? body * 0.5 : 0,
          }),
        );
    });
  };
  flow.table({
    columns: [0.5, 0.5],
    padding: 6,
    lineHeight: 1.4,
    size: contactSize,
    header: [[{ content: [{ text: 'Officer contact:', style: 'italic' }] }, { content: [{ text: 'Member contacts:', style: 'italic' }] }]],
    rows: [[{ content: contactParas(content.officerContacts, false) }, { content: contactParas(content.memberContacts, true) }]],
    borders: 'outer',
    spaceAfter: body * 1.8,
  });

  // Numbered sections.
  const section = (n: number, title: string) =>
    flow.heading(title, { hang: `${n}.`, hangWidth: NUMBER_COLUMN, size: body + 0.5, spaceBefore: body * 0.6, spaceAfter: body * 0.6 });
  const numbered = (n: number, paragraphs: string[]) => {
    const texts = paragraphs.map((p) => p.trim()).filter(Boolean);
    if (texts.length === 0) {
      flow.paragraph('None.', { indent: NUMBER_COLUMN });
      return;
    }
    texts.forEach((text, i) => flow.paragraph(text, { hang: `${n}.${i + 1}`, hangWidth: NUMBER_COLUMN }));
  };
  const subheading = (number: string, title: string, text: string, empty: string) => {
    flow.heading(title, {
      hang: number,
      hangWidth: NUMBER_COLUMN,
      size: body,
      style: 'bold',
      spaceAfter: body * 0.35,
      keepWithNext: flow.bodyLine * 2,
      heading: 3,
    });
    const t = text.trim();
    flow.paragraph(t || empty, { indent: NUMBER_COLUMN });
  };

  section(1, 'BACKGROUND');
  numbered(1, content.background);
  section(2, 'MAIN ISSUES');
  numbered(2, content.mainIssues);
  section(3, 'ALIGNMENT WITH CORPORATE PRIORITIES');
  CORPORATE_PRIORITIES.forEach((priority, i) => subheading(`3.${i + 1}`, priority, content.alignment[i] ?? '', NO_PRIORITY_IMPLICATIONS));
  section(4, 'SIGNIFICANT IMPLICATIONS');
  // The sections the report was written with (the council's configuration), each with its own wording when empty.
  const sections = sectionsOf(content);
  sections.forEach((imp, i) => subheading(`4.${i + 1}`, imp.heading, content.implications[imp.key] ?? '', imp.defaultText || NO_SIGNIFICANT_IMPLICATIONS));

  flow.space(body);
  const head = (text: string): Cell => ({ content: [{ text, style: 'bold' }], fill: HEADER_FILL });
  // The clearance table asks each section's clearance question; a section with none has no row.
  const cleared = sections.filter((imp) => imp.clearanceRequired || imp.question.trim());
  if (cleared.length)
    flow.table({
      columns: [0.58, 0.42],
      header: [[head('Implications'), head('Officer Clearance')]],
      rows: cleared.map((imp) => {
        const c = content.clearances[imp.key];
        const text = clearanceText(c);
        return [{ content: imp.question }, { content: [{ text, style: c?.status === 'pending' || !c ? 'italic' : 'regular' }] }];
      }),
      spaceAfter: body * 1.6,
    });

  const docs = content.sourceDocuments.filter((d) => d.title.trim() || d.location.trim());
  flow.table({
    columns: [0.5, 0.5],
    header: [[head('Source Documents'), head('Location')]],
    rows: docs.length
      ? docs.map((d) => [{ content: d.title.trim() }, { content: d.location.trim() }])
      : [[{ content: [{ text: 'None', style: 'italic' }] }, { content: '' }]],
  });
  return flow;
}
