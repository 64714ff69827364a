// The annual review of strategic partnerships as an A4 PDF, the paper of record: seed 002's numbered
// sections with hanging paragraph numbers, and "Page N of M" at the foot of every page.
import { Flow } from '../documents/pdf-layout.ts';
import { writeAnnualReview } from './annual-document.ts';
import type { AnnualReport } from './annual-report.ts';

export async function annualPdf(r: AnnualReport): Promise<Uint8Array> {
  const flow = new Flow({ bodySize: 10.5 });
  const body = flow.bodySize;
  const SIZES = { 1: body + 3, 2: body + 1.5, 3: body } as const;
  writeAnnualReview(r, {
    heading: (text, level) =>
      flow.heading(text, {
        size: SIZES[level],
        align: level === 1 ? 'center' : 'left',
        spaceBefore: level === 3 ? body * 0.6 : body,
        keepWithNext: flow.bodyLine * 3,
        heading: level,
      }),
    paragraph: (text, opts = {}) =>
      flow.paragraph(text, {
        hang: opts.hang,
        style: opts.bold ? 'bold' : opts.italic ? 'italic' : 'regular',
        spaceAfter: body * 0.5,
      }),
    bullet: (text) => flow.paragraph(text, { indent: 15 * 2.83, hang: '•', hangWidth: 12, spaceAfter: body * 0.25 }),
  });
  // "Page N of M" in the band the flow keeps free at the foot of every page.
  flow.numberPages({ size: 8.5, baseline: 20, colour: [0.35, 0.35, 0.35] });
  const pdf = await flow.render();
  pdf.setTitle(r.title, { showInWindowTitleBar: true });
  pdf.setLanguage('en-GB');
  return pdf.save({ objectsPerTick: Infinity });
}
