// The annual review's printed order, written once for the PDF and the Word file: each gives a writer that
// knows how to set a heading, a numbered paragraph and a bullet in its own format.
import type { AnnualReport } from './annual-report.ts';

export interface DocumentWriter {
  heading(text: string, level: 1 | 2 | 3): void;
  paragraph(text: string, opts?: { hang?: string; italic?: boolean; bold?: boolean }): void;
  bullet(text: string): void;
}

export function writeAnnualReview(r: AnnualReport, w: DocumentWriter) {
  w.heading(r.title.toLocaleUpperCase('en-GB'), 1);
  w.paragraph(`Date: ${r.dateText}`, { bold: true });
  w.paragraph(`Review period: ${r.periodText}`, { bold: true });
  if (r.author) w.paragraph(`Report by: ${r.author}`, { bold: true });

  const numbered = (section: number) => {
    let n = 1;
    return (text: string) => w.paragraph(text, { hang: `${section}.${n++}` });
  };
  w.heading('1. Executive summary', 2);
  const summary = numbered(1);
  if (r.summary.length) r.summary.forEach(summary);
  else w.paragraph('The summary has not been written yet.', { italic: true });

  w.heading('2. Recommendations', 2);
  if (r.recommendations.length) for (const rec of r.recommendations) w.paragraph(rec);
  else w.paragraph('No recommendations have been written yet.', { italic: true });

  w.heading('3. Changes to the partnership landscape', 2);
  if (!r.changes.length) w.paragraph('The register records no changes in the review period.', { italic: true });
  for (const g of r.changes) {
    w.heading(g.heading, 3);
    for (const item of g.items) w.bullet(item);
  }
  if (r.expected.length) {
    w.heading('Expected after the review period', 3);
    for (const g of r.expected) for (const item of g.items) w.bullet(`${g.heading}: ${item}`);
  }

  for (const s of r.sections) {
    w.heading(`${s.number}. ${s.name}${s.ended ? ' (no longer active)' : ''}`, 2);
    const para = numbered(s.number);
    s.purpose.forEach(para);
    w.heading("The council's representatives", 3);
    if (s.representativesNote) w.paragraph(s.representativesNote, { italic: true });
    for (const m of s.members) w.bullet(`Member: ${m}`);
    for (const o of s.officers) w.bullet(`Officer: ${o}`);
    if (s.subGroups.length) {
      w.heading('Sub-groups', 3);
      for (const g of s.subGroups) w.bullet(g);
    }
    w.heading('Contributions', 3);
    if (!s.contributions.length) w.paragraph('No contributions are recorded.', { italic: true });
    for (const y of s.contributions) {
      w.paragraph(`${y.year} (agreed or paid: ${y.total})`, { bold: true });
      for (const row of y.rows) w.bullet(row);
    }
    w.heading('Where it is heading', 3);
    if (s.direction.length) s.direction.forEach(para);
    else w.paragraph('Not written yet.', { italic: true });
    if (s.health) {
      w.heading('Health check', 3);
      w.paragraph(s.health.text);
    }
  }

  const last = (r.sections.at(-1)?.number ?? 3) + 1;
  w.heading(`${last}. Implications`, 2);
  r.implications.forEach((imp, i) => {
    w.heading(`(${String.fromCharCode(97 + i)}) ${imp.heading}`, 3);
    if (imp.text.length) for (const t of imp.text) w.paragraph(t);
    else w.paragraph('None.', { italic: true });
  });
  w.heading(`${last + 1}. Background papers`, 2);
  if (r.backgroundPapers.length) {
    w.paragraph('These background papers were used in the preparation of this report:');
    for (const p of r.backgroundPapers) w.paragraph(p);
  } else w.paragraph('None.', { italic: true });
}
