// The minutes of a meeting as a Word document (docx), saying exactly what the PDF says
// (./minutes-text.ts): A4 portrait, Arial 12pt; the heading and each "50.<tab>DECLARATIONS OF
// INTEREST" as real Word headings (so they appear in the navigation pane); lettered resolutions as
// hanging-indent paragraphs; discussion bullets as a real bulleted list; the body's name in the
// header and "Page N of M" in the footer; draft minutes carry Word's own DRAFT watermark.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TabStopType, type IParagraphOptions, type ParagraphChild } from 'docx';
import { A4_TWIPS, bulletNumbering, documentStyles, runs, section, tab } from '../../documents/word.ts';
import type { MinuteEntry, MinutesDocument } from '../minutes-document.ts';
import {
  amendmentLines,
  attendanceLines,
  discussionBlocks,
  draftNotice,
  isDraft,
  minuteNumber,
  minuteTitle,
  minutesHeading,
  resolutionLines,
  resolvedPreamble,
  runningHeader,
  shortDate,
} from './minutes-text.ts';

const CM = 567;
/** Indent of the minutes' text: the minute-number column. */
const NUMBER_COLUMN = Math.round(1.5 * CM);
/** Width of the a), b) column of resolutions. */
const LETTER_COLUMN = CM;
const LABEL_COLUMN = Math.round(3.2 * CM);
const BULLETS = 'minute-bullets';

export async function renderMinutesDocx(doc: MinutesDocument): Promise<Uint8Array> {
  const body: Paragraph[] = [];
  const p = (options: IParagraphOptions) => body.push(new Paragraph(options));

  if (doc.council.trim()) p({ alignment: AlignmentType.RIGHT, children: runs(doc.council.trim(), { size: 20, color: '595959' }) });
  p({ heading: HeadingLevel.HEADING_1, alignment: AlignmentType.CENTER, children: runs(minutesHeading(doc)) });
  const notice = draftNotice(doc);
  if (notice) p({ alignment: AlignmentType.CENTER, children: runs(notice, { bold: true, color: '595959' }) });
  if (doc.approvalNote?.trim()) p({ alignment: AlignmentType.CENTER, children: runs(doc.approvalNote.trim(), { italics: true }) });

  const attendance = attendanceLines(doc);
  attendance.forEach((line, i) =>
    p({
      indent: { left: LABEL_COLUMN, hanging: LABEL_COLUMN },
      tabStops: [{ type: TabStopType.LEFT, position: LABEL_COLUMN }],
      spacing: { before: i === 0 ? 240 : 0, after: i === attendance.length - 1 ? 360 : 120 },
      children: [...runs(line.label, { bold: true }), tab(), ...runs(line.text)],
    }),
  );

  for (const entry of doc.minutes) body.push(...minuteParagraphs(entry));

  // The Chairman signs the approved record.
  const dots = '.'.repeat(60);
  p({
    spacing: { before: 720, after: 360 },
    keepNext: true,
    tabStops: [{ type: TabStopType.LEFT, position: LABEL_COLUMN }],
    children: [...runs('Signed:', { bold: true }), tab(), ...runs(`${dots} (Chairman)`)],
  });
  p({ tabStops: [{ type: TabStopType.LEFT, position: LABEL_COLUMN }], children: [...runs('Date:', { bold: true }), tab(), ...runs(dots)] });

  const header = runningHeader(doc);
  const file = new Document({
    title: `${doc.bodyName.trim()}: ${isDraft(doc) ? 'draft minutes' : 'minutes'}, ${shortDate(doc.meetingDate)}`,
    subject: `Minutes of the meeting of ${doc.bodyName.trim()} held on ${shortDate(doc.meetingDate)}`,
    creator: doc.council.trim() || 'Partnership Hub',
    description: 'Minutes produced by Partnership Hub',
    styles: documentStyles(),
    numbering: {
      config: [bulletNumbering(BULLETS, NUMBER_COLUMN + 360)],
    },
    sections: [
      section({
        width: A4_TWIPS.width,
        height: A4_TWIPS.height,
        landscape: false,
        header,
        watermark: isDraft(doc) ? 'DRAFT' : null,
        children: body,
      }),
    ],
  });
  return Packer.toBuffer(file).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
}

function minuteParagraphs(entry: MinuteEntry): Paragraph[] {
  const out: Paragraph[] = [];
  const text = (children: ParagraphChild[], extra: IParagraphOptions = {}) => out.push(new Paragraph({ indent: { left: NUMBER_COLUMN }, ...extra, children }));

  out.push(
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      indent: { left: NUMBER_COLUMN, hanging: NUMBER_COLUMN },
      tabStops: [{ type: TabStopType.LEFT, position: NUMBER_COLUMN }],
      children: [...runs(minuteNumber(entry)), tab(), ...runs(minuteTitle(entry))],
    }),
  );
  if (entry.withdrawn) text(runs('Item withdrawn.', { italics: true }));
  for (const d of entry.declarations.map((x) => x.trim()).filter(Boolean)) text(runs(d));

  const blocks = discussionBlocks(entry.discussion);
  blocks.forEach((block, i) => {
    if (block.kind === 'paragraph') text(runs(block.text), { keepNext: blocks[i + 1]?.kind === 'bullet' });
    else {
      out.push(
        new Paragraph({
          numbering: { reference: BULLETS, level: 0 },
          spacing: { after: block.last ? 160 : 60 },
          children: runs(block.text),
        }),
      );
    }
  });

  const preamble = resolvedPreamble(entry);
  if (preamble) {
    text(runs(preamble, { bold: true }), { keepNext: true });
    for (const r of resolutionLines(entry)) {
      out.push(
        new Paragraph({
          indent: { left: NUMBER_COLUMN + LETTER_COLUMN, hanging: LETTER_COLUMN },
          tabStops: [{ type: TabStopType.LEFT, position: NUMBER_COLUMN + LETTER_COLUMN }],
          keepNext: r.note !== null,
          spacing: r.note ? { after: 60 } : undefined,
          children: [...runs(r.letter), tab(), ...runs(r.text)],
        }),
      );
      if (r.note) out.push(new Paragraph({ indent: { left: NUMBER_COLUMN + LETTER_COLUMN }, children: runs(r.note, { italics: true }) }));
    }
  }
  for (const a of amendmentLines(entry)) text([...runs(`${a.label} `, { bold: true }), ...runs(a.text)]);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Shared with the action log.
