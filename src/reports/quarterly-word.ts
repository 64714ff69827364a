// The quarterly update to Cabinet as a Word document in the council's layout (src/documents/word.ts). Its
// contents list carries the page ranges of the PDF, the paper of record; Word may paginate a little differently.
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, WidthType } from 'docx';
import { A4_TWIPS, MARGIN, bulletNumbering, documentStyles, runs, section } from '../documents/word.ts';
import type { QuarterlyReport } from './quarterly-report.ts';

const WIDTH = A4_TWIPS.width - 2 * MARGIN;
const p = (text: string, bold = false) => new Paragraph({ children: runs(text, { bold }) });
const h = (text: string, level: 1 | 2 = 2) => new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: runs(text) });

function table(fractions: number[], header: string[] | null, rows: string[][]) {
  const widths = fractions.map((f) => Math.round(f * WIDTH));
  const row = (cells: string[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map((c, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, children: [p(c, bold)] })),
    });
  return new Table({
    width: { size: WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    rows: [...(header ? [row(header, true)] : []), ...rows.map((r) => row(r, false))],
  });
}

export async function quarterlyWord(r: QuarterlyReport, contents: string[]): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    h('QUARTERLY UPDATE REPORT ON KEY PARTNERSHIPS', 1),
    table([0.25, 0.75], null, [
      ['To:', 'Cabinet'],
      ['Date:', r.dateText],
      ['From:', 'Chief Executive'],
      ['Quarter:', r.quarter.label],
      ['Purpose:', r.purpose],
    ]),
    ...contents.map((c) => p(c)),
    table([0.25, 0.75], null, [['Recommendation:', r.recommendation]]),
    h('Contacts'),
    table(
      [0.1, 0.4, 0.12, 0.38],
      ['', 'Officer contact', '', 'Member contact'],
      r.contacts.flatMap((c) => [
        ['', c.name, '', ''],
        ['Name:', c.officer?.name ?? 'Not recorded', 'Name:', c.member?.name ?? 'Not recorded'],
        ['Post:', c.officer?.post ?? '', 'Portfolio:', c.member?.post ?? ''],
        ['Email:', c.officer?.email ?? '', 'Email:', c.member?.email ?? ''],
        ['Tel:', c.officer?.phone ?? '', 'Tel:', c.member?.phone ?? ''],
      ]),
    ),
  ];
  r.sections.forEach((s, i) => {
    let n = 1;
    const numbered = (text: string) => p(`${i + 1}.${n++}\t${text}`);
    children.push(h(`${s.letter}) ${s.name.toLocaleUpperCase('en-GB')}`, 1));
    children.push(...s.responsibilities.paragraphs.map(numbered));
    if (s.responsibilities.bullets.length) {
      children.push(numbered(`${s.name} is responsible for the following:`));
      children.push(...s.responsibilities.bullets.map((b) => new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: runs(b) })));
    }
    children.push(h('SUMMARY OF ACTIVITY'));
    if (s.summaryState) children.push(new Paragraph({ children: runs(s.summaryState, { italics: true }) }));
    children.push(...s.summary.map(numbered));
    if (s.indicators.length) {
      children.push(
        h('Indicators'),
        table(
          [0.52, 0.16, 0.16, 0.16],
          ['Indicator', 'Baseline', 'Target', 'Actual'],
          s.indicators.map((x) => [x.label, x.baseline, x.target, x.actual]),
        ),
      );
    }
    for (const e of s.exceptions) {
      children.push(h(`Exception report: ${e.indicatorTitle}`));
      if (e.cause) children.push(p(e.cause));
      if (e.actions) children.push(p(`Actions: ${e.actions}`));
      if (e.cost) children.push(p(`Estimated cost: ${e.cost}`));
    }
    children.push(h('Funding'));
    if (s.funding.length)
      children.push(
        table(
          [0.7, 0.3],
          ['Contributor', 'Amount'],
          s.funding.map((f) => [f.organisation, f.amount]),
        ),
        p(`Total: ${s.fundingTotal}`, true),
      );
    else children.push(p('No contributions are recorded for the year.'));
  });
  children.push(h('IMPLICATIONS', 1));
  r.implications.forEach((imp, i) => children.push(h(`${i + 1}. ${imp.heading.toLocaleUpperCase('en-GB')}`), ...imp.text.map((t) => p(t))));
  if (r.sources.length)
    children.push(
      h('Source documents'),
      table(
        [0.6, 0.4],
        ['Source document', 'Location'],
        r.sources.map((s) => [`${s.partnership}: ${s.title}`, s.where]),
      ),
    );
  const file = new Document({
    title: r.title,
    creator: 'Partnership Hub',
    styles: documentStyles(),
    numbering: { config: [bulletNumbering('bullets', 720)] },
    sections: [
      section({
        width: A4_TWIPS.width,
        height: A4_TWIPS.height,
        landscape: false,
        watermark: null,
        header: { left: 'Quarterly update to Cabinet', right: r.quarter.label },
        children,
      }),
    ],
  });
  const bytes = await Packer.toBuffer(file);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
