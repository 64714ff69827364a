// The annual review of strategic partnerships as a Word document in the council's layout
// (src/documents/word.ts), in the same order as the PDF.
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { A4_TWIPS, bulletNumbering, documentStyles, runs, section, tab } from '../documents/word.ts';
import { writeAnnualReview } from './annual-document.ts';
import type { AnnualReport } from './annual-report.ts';

const LEVELS = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_1, 3: HeadingLevel.HEADING_2 } as const;

export async function annualWord(r: AnnualReport): Promise<Uint8Array> {
  const children: Paragraph[] = [];
  writeAnnualReview(r, {
    heading: (text, level) => children.push(new Paragraph({ heading: LEVELS[level], children: runs(text) })),
    paragraph: (text, opts = {}) =>
      children.push(
        new Paragraph({
          indent: opts.hang ? { left: 720, hanging: 720 } : undefined,
          children: [...(opts.hang ? [...runs(opts.hang), tab()] : []), ...runs(text, { bold: opts.bold, italics: opts.italic })],
        }),
      ),
    bullet: (text) => children.push(new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: runs(text) })),
  });
  const document = new Document({
    sections: [
      section({
        header: { left: 'Annual review of strategic partnerships', right: r.periodText },
        width: A4_TWIPS.width,
        height: A4_TWIPS.height,
        landscape: false,
        watermark: null,
        children,
      }),
    ],
    numbering: { config: [bulletNumbering('bullets', 720)] },
    styles: documentStyles(),
    creator: 'Partnership Hub',
    title: r.title,
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
