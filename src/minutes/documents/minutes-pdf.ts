// The minutes of a meeting as a PDF, in the shape of seed 004's minutes: the heading in capitals,
// Date / Time / Present / Apologies, then the numbered minutes with their discussion, lettered
// resolutions and how each was decided, and the Chairman's signature line. Laid out with the
// shared flow engine (../../meetings/pack/pdf-layout.ts); every page carries "Page N of M" in the
// reserved bottom band, later pages a running header, and draft minutes a DRAFT watermark.
import { type PDFDocument, degrees, rgb } from 'pdf-lib';
import { asArtifact, embed, Flow, GREY_TEXT, MM, sanitize, textWidth, type FontStyle, type Op, type ParagraphOptions } from '../../documents/pdf-layout.ts';
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

/** Width of the minute-number column; the minutes' text is indented to it. */
const NUMBER_COLUMN = 14 * MM;
/** Width of the a), b) column of resolutions. */
const LETTER_COLUMN = 8 * MM;
const BODY_SIZE = 10.5;

/** Options: in an agenda pack the pack stamps its own page numbers, so the document leaves the band empty. */
export interface PdfOptions {
  pageNumbers?: boolean;
}

export async function renderMinutesPdf(doc: MinutesDocument, opts: PdfOptions = {}): Promise<Uint8Array> {
  const flow = layoutMinutes(doc, opts);
  const pdf = await flow.render();
  if (isDraft(doc)) await drawWatermark(pdf, 'DRAFT');
  pdf.setTitle(`${doc.bodyName.trim()}: ${isDraft(doc) ? 'draft minutes' : 'minutes'}, ${shortDate(doc.meetingDate)}`, { showInWindowTitleBar: true });
  pdf.setSubject(`Minutes of the meeting of ${doc.bodyName.trim()} held on ${shortDate(doc.meetingDate)}`);
  if (doc.council.trim()) pdf.setAuthor(doc.council.trim());
  pdf.setLanguage('en-GB');
  return pdf.save({ objectsPerTick: Infinity });
}

/** The minutes laid out into pages, with page furniture (exported for tests and measuring). */
export function layoutMinutes(doc: MinutesDocument, opts: PdfOptions = {}): Flow {
  const flow = new Flow({ bodySize: BODY_SIZE });
  const body = flow.bodySize;

  if (doc.council.trim()) flow.paragraph(doc.council.trim(), { align: 'right', size: body - 1.5, colour: GREY_TEXT, spaceAfter: body * 0.8 });
  // A long committee name breaks after its colon rather than mid-phrase (given as runs, whose
  // line breaks are kept, where a plain string's single newlines would join its lines).
  let heading = minutesHeading(doc);
  if (textWidth(sanitize(heading, 'bold'), 'bold', body + 3) > flow.contentWidth) heading = heading.replace(/: (?=(DRAFT )?MINUTES$)/, ':\n');
  flow.paragraph([{ text: heading }], { style: 'bold', size: body + 3, align: 'center', lineHeight: 1.3, spaceAfter: body * 0.6, heading: 1 });
  const notice = draftNotice(doc);
  if (notice) flow.paragraph(notice, { style: 'bold', align: 'center', colour: GREY_TEXT, spaceAfter: body * 0.6 });
  if (doc.approvalNote?.trim()) flow.paragraph(doc.approvalNote.trim(), { style: 'italic', align: 'center', spaceAfter: body * 0.6 });
  flow.space(body * 0.8);

  // Date, time, attendance: bold labels in a hanging column so that long lists wrap under their text.
  const lines = attendanceLines(doc);
  const labelWidth = Math.max(...lines.map((l) => textWidth(l.label, 'bold', body))) + 3 * MM;
  for (const line of lines) {
    flow.paragraph(line.text, { hang: [{ text: line.label, style: 'bold' }], hangWidth: labelWidth, spaceAfter: body * 0.7 });
  }
  flow.space(body * 0.6);

  for (const entry of doc.minutes) layoutMinute(flow, entry);

  // The Chairman signs the approved record.
  flow.space(body * 2.5);
  const dots = '.'.repeat(60);
  const signLabel = Math.max(textWidth('Signed:', 'bold', body), textWidth('Date:', 'bold', body)) + 3 * MM;
  flow.paragraph(`${dots} (Chairman)`, {
    hang: [{ text: 'Signed:', style: 'bold' }],
    hangWidth: signLabel,
    keepWithNext: flow.bodyLine * 2,
    spaceAfter: body * 1.6,
  });
  flow.paragraph(dots, { hang: [{ text: 'Date:', style: 'bold' }], hangWidth: signLabel });

  addPageFurniture(flow, runningHeader(doc), opts.pageNumbers ?? true);
  return flow;
}

function layoutMinute(flow: Flow, entry: MinuteEntry): void {
  const body = flow.bodySize;
  const text: ParagraphOptions = { indent: NUMBER_COLUMN };
  flow.heading(minuteTitle(entry), {
    hang: minuteNumber(entry),
    hangWidth: NUMBER_COLUMN,
    size: body,
    spaceBefore: body * 0.9,
    spaceAfter: body * 0.6,
    keepWithNext: flow.bodyLine * 2,
  });
  if (entry.withdrawn) flow.paragraph('Item withdrawn.', { ...text, style: 'italic' });
  for (const declaration of entry.declarations.map((d) => d.trim()).filter(Boolean)) flow.paragraph(declaration, text);

  const blocks = discussionBlocks(entry.discussion);
  blocks.forEach((block, i) => {
    // A paragraph introducing a list ("...the following categories:") stays with its first item.
    if (block.kind === 'paragraph') flow.paragraph(block.text, { ...text, keepWithNext: blocks[i + 1]?.kind === 'bullet' ? flow.bodyLine * 2 : 0 });
    else {
      flow.paragraph(block.text, { ...text, hang: '\u2022', hangWidth: body * 1.4, spaceAfter: block.last ? undefined : body * 0.3 });
    }
  });

  const preamble = resolvedPreamble(entry);
  if (preamble) {
    flow.paragraph(preamble, { ...text, style: 'bold', keepWithNext: flow.bodyLine * 2, spaceBefore: body * 0.2 });
    for (const r of resolutionLines(entry)) {
      flow.paragraph(r.text, {
        ...text,
        hang: r.letter,
        hangWidth: LETTER_COLUMN,
        keepWithNext: r.note ? flow.bodyLine : 0,
        spaceAfter: r.note ? body * 0.25 : undefined,
      });
      if (r.note) flow.paragraph(r.note, { indent: NUMBER_COLUMN + LETTER_COLUMN, style: 'italic' });
    }
  }

  for (const a of amendmentLines(entry)) {
    flow.paragraph([{ text: `${a.label} `, style: 'bold' }, { text: a.text }], text);
  }
}

// ---------------------------------------------------------------------------------------------
// Page furniture, drawn into the flow's pages once their number is known.

const HEADER_BASELINE = 11 * MM;
const HEADER_SIZE = 8;
/** Baseline of "Page N of M" above the foot of the page, inside the reserved bottom band. */
const FOOTER_BASELINE = 7 * MM;
const FOOTER_SIZE = 9;

function textOp(x: number, y: number, text: string, style: FontStyle, size: number): Op {
  return { kind: 'text', x, y, text, style, size, colour: GREY_TEXT };
}

/** Shortens already-sanitised text with an ellipsis until it fits `width`. */
function fit(text: string, style: FontStyle, size: number, width: number): string {
  if (textWidth(text, style, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join('')}…`, style, size) > width) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

/**
 * "Page N of M" centred in the reserved bottom band of every page, and from the second page on a
 * running header (left and right texts over a thin rule) in the top margin.
 */
export function addPageFurniture(flow: Flow, header: { left: string; right: string }, pageNumbers = true): void {
  const total = flow.pageCount;
  const left = flow.margins.left;
  const right = flow.pageWidth - flow.margins.right;
  const rightText = sanitize(header.right).replace(/\n/g, ' ');
  const rightWidth = textWidth(rightText, 'regular', HEADER_SIZE);
  const leftText = fit(sanitize(header.left).replace(/\n/g, ' '), 'bold', HEADER_SIZE, Math.max(20, right - left - rightWidth - 6 * MM));
  flow.pages.forEach((ops, index) => {
    if (index > 0) {
      ops.push(textOp(left, HEADER_BASELINE, leftText, 'bold', HEADER_SIZE));
      ops.push(textOp(right - rightWidth, HEADER_BASELINE, rightText, 'regular', HEADER_SIZE));
      ops.push({ kind: 'line', x1: left, y1: HEADER_BASELINE + 2.2 * MM, x2: right, y2: HEADER_BASELINE + 2.2 * MM, width: 0.4, colour: GREY_TEXT });
    }
    if (!pageNumbers) return;
    const page = `Page ${index + 1} of ${total}`;
    const w = textWidth(page, 'regular', FOOTER_SIZE);
    ops.push(textOp((flow.pageWidth - w) / 2, flow.pageHeight - FOOTER_BASELINE, page, 'regular', FOOTER_SIZE));
  });
}

/** A large, faint diagonal word across the middle of every page (DejaVu Sans Bold, embedded; an artifact, not content). */
export async function drawWatermark(pdf: PDFDocument, word: string): Promise<void> {
  const font = await embed(pdf, 'bold');
  for (const page of pdf.getPages()) {
    const { width, height } = page.getSize();
    const angle = Math.atan2(height, width) * 0.75;
    const size = Math.min(width, height) * 0.26;
    const w = font.widthOfTextAtSize(word, size);
    const h = font.heightAtSize(size, { descender: false });
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    // Start point such that the word's centre sits on the page's centre.
    const x = width / 2 - (w / 2) * cos + (h / 2) * sin;
    const y = height / 2 - (w / 2) * sin - (h / 2) * cos;
    asArtifact(page, () => page.drawText(word, { x, y, size, font, rotate: degrees((angle * 180) / Math.PI), color: rgb(0.5, 0.5, 0.5), opacity: 0.08 }));
  }
}
