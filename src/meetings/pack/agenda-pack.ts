// The agenda pack: the front sheet (the agenda itself, each item with the pages of its paper),
// then every paper in item order, every page numbered "Page N of M" at its foot, with bookmarks
// for the agenda and each item, titled as the front sheet prints it (seed 004 is such a pack: "Page 120 of 144").
import {
  PDFArray,
  PDFContentStream,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFPage,
  ParseSpeeds,
  beginMarkedContent,
  beginText,
  endMarkedContent,
  endText,
  popGraphicsState,
  pushGraphicsState,
  rotateAndSkewTextDegreesAndTranslate,
  setFillingGrayscaleColor,
  setFontAndSize,
  showText,
  type PDFRef,
} from 'pdf-lib';
import { formatDate } from '../../calendar/format.ts';
import { appendPages, embed, Flow, GREY_TEXT, MM, newDocument, type CellParagraph } from '../../documents/pdf-layout.ts';

export interface PackItem {
  number: number;
  section: string | null;
  title: string;
  /** Printed under the title on the front sheet; may be empty or hold paragraphs separated by blank lines. */
  description: string;
  /** When set, printed under the title on the front sheet. */
  exemptNotice: string | null;
  /** The item's paper(s) as one PDF; null when there is no paper (oral update etc.). */
  paper: { title: string; pdf: Uint8Array } | null;
  /** A paper that is not merged (a Word upload, say): the front sheet says where to find it. */
  separateDownload: { filename: string; reason: string } | null;
}

export interface PackInput {
  council: string;
  bodyName: string;
  meetingDate: string; // ISO
  startTime: string | null;
  venue: string;
  heading: string; // 'AGENDA' or 'SUPPLEMENTARY AGENDA'
  openToPublic: boolean;
  membership: string[];
  clerk: { name: string; phone: string; email: string } | null;
  notes: string[];
  items: PackItem[];
}

export interface PackResult {
  bytes: Uint8Array;
  pageCount: number;
  frontSheetPages: number;
  /** Where each item's paper is in the pack (items with a paper only), 1-based pages. */
  items: { number: number; firstPage: number; lastPage: number }[];
}

/** A paper that cannot go into a pack; the message says what is wrong and what to do. */
export class PaperError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PaperError';
  }
}

const LOAD_OPTIONS = { ignoreEncryption: true, updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, throwOnInvalidObject: false } as const;

/** Loads an uploaded paper, or throws PaperError saying why it cannot be used. */
export async function loadPaper(bytes: Uint8Array, itemNumber?: number): Promise<PDFDocument> {
  const which = itemNumber === undefined ? 'The PDF' : `The PDF for item ${itemNumber}`;
  const fail = (why: string, todo: string) => new PaperError(`${which} could not be read: ${why}. ${todo}`);
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) throw fail('the file is empty', 'Upload the paper again.');
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw fail('it is not a PDF file', 'Save the paper as PDF and upload it again.');
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, LOAD_OPTIONS);
  } catch {
    throw fail('the file is damaged or is not a valid PDF', 'Save the paper as PDF again and upload the new copy.');
  }
  if (doc.isEncrypted) {
    throw fail(
      'it is encrypted (protected by a password or by restrictions on copying or printing)',
      'Upload a copy without a password or restrictions, for example by saving or printing it to a new PDF.',
    );
  }
  let pages: number;
  try {
    pages = doc.getPageCount();
  } catch {
    throw fail('its list of pages is damaged', 'Save the paper as PDF again and upload the new copy.');
  }
  if (pages === 0) throw fail('it has no pages', 'Check the file and upload it again.');
  return doc;
}

/** The number of pages in a PDF; throws PaperError for a file that is unreadable, encrypted or empty. */
export async function pdfPageCount(bytes: Uint8Array, itemNumber?: number): Promise<number> {
  return (await loadPaper(bytes, itemNumber)).getPageCount();
}

// ---------------------------------------------------------------------------------------------

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** '2018-05-31' → 'Thursday, 31 May 2018'. */
export function frontSheetDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay();
  return `${WEEKDAYS[day]}, ${formatDate(iso)}`;
}

export function pageRange(first: number, last: number): string {
  return first === last ? String(first) : `${first} - ${last}`;
}

const ITEM_NUMBER_COLUMN = 11 * MM;
const RANGE_COLUMN = 22 * MM;

/** An item's heading as the front sheet prints it, and as its bookmark reads: '4. Community Resilience Strategy'. */
export function frontSheetTitle(item: Pick<PackItem, 'number' | 'title'>): string {
  // The front sheet prints the number in its hanging column and the title (or 'Untitled item') beside it.
  return `${item.number}. ${item.title.trim() || 'Untitled item'}`;
}

/**
 * Lays out the front sheet, given the page range printed against each item; itemPages, when given, is filled
 * with the front-sheet page on which each item is printed.
 */
export function layoutFrontSheet(input: PackInput, ranges: Map<number, string>, itemPages?: Map<number, number>): Flow {
  const flow = new Flow();
  const body = flow.bodySize;

  if (input.council.trim()) flow.paragraph(input.council.trim(), { style: 'bold', size: body + 1, colour: GREY_TEXT, spaceAfter: body * 0.4 });
  flow.rule({ width: 1, spaceAfter: body * 1.6 });
  flow.paragraph(input.bodyName.trim().toLocaleUpperCase('en-GB'), { style: 'bold', size: body + 7, lineHeight: 1.25, spaceAfter: body * 1.4, heading: 1 });

  const detail = (label: string, value: string) => [{ content: [{ text: label, style: 'bold' as const }] }, { content: value }];
  const details = [detail('Date:', frontSheetDate(input.meetingDate))];
  if (input.startTime?.trim()) details.push(detail('Time:', input.startTime.trim()));
  if (input.venue.trim()) details.push(detail('Venue:', input.venue.trim()));
  flow.table({ columns: [22 * MM, flow.contentWidth - 22 * MM], rows: details, borders: 'none', padding: 0, lineHeight: 1.6, spaceAfter: body * 1.6 });

  flow.paragraph(input.heading.trim() || 'AGENDA', { style: 'bold', size: body + 6, align: 'center', spaceAfter: body * 0.4, heading: 2 });
  flow.paragraph(input.openToPublic ? 'Open to Public and Press' : 'Not open to the public', { align: 'center', size: body + 0.5, spaceAfter: body * 1.2 });
  flow.rule({ spaceAfter: body * 1.2 });

  let section: string | null = null;
  for (const item of input.items) {
    if (item.section?.trim() && item.section.trim() !== section) {
      flow.heading(item.section.trim().toLocaleUpperCase('en-GB'), {
        size: body + 0.5,
        spaceBefore: body * 0.4,
        spaceAfter: body * 0.8,
        keepWithNext: flow.bodyLine * 3,
        heading: 3,
      });
    }
    section = item.section?.trim() || null;
    const range = ranges.get(item.number);
    const extras: { text: string; style: 'regular' | 'italic' }[] = [];
    if (item.exemptNotice?.trim()) extras.push({ text: item.exemptNotice.trim(), style: 'italic' });
    for (const p of item.description
      .split(/\n\s*\n/)
      .map((s) => s.trim())
      .filter(Boolean))
      extras.push({ text: p, style: 'regular' });
    if (item.separateDownload) {
      const reason = item.separateDownload.reason.trim();
      extras.push({ text: `Paper available as a separate download: ${item.separateDownload.filename}${reason ? ` (${reason})` : ''}`, style: 'italic' });
    }
    const lh = flow.bodyLine;
    flow.paragraph([{ text: item.title.trim() || 'Untitled item', style: 'bold' }], {
      hang: [{ text: `${item.number}.`, style: 'bold' }],
      hangWidth: ITEM_NUMBER_COLUMN,
      right: range ? { text: range, width: RANGE_COLUMN, style: 'bold', leaders: true } : undefined,
      spaceAfter: extras.length ? lh * 0.3 : lh * 0.8,
      keepWithNext: extras.length ? lh * 2 : 0,
    });
    itemPages?.set(item.number, flow.pageCount);
    extras.forEach((e, i) =>
      flow.paragraph(e.text, {
        indent: ITEM_NUMBER_COLUMN,
        style: e.style,
        size: body - 0.5,
        spaceAfter: i === extras.length - 1 ? lh * 0.8 : lh * 0.3,
      }),
    );
  }

  flow.space(body * 0.6);
  flow.rule({ spaceAfter: body * 1.2 });
  if (input.membership.length) {
    flow.paragraph(`The ${input.bodyName.trim()} comprises the following members:`, { keepWithNext: flow.bodyLine * 2 });
    const half = Math.ceil(input.membership.length / 2);
    const rows = Array.from({ length: half }, (_, i) => [{ content: input.membership[i] ?? '' }, { content: input.membership[i + half] ?? '' }]);
    flow.table({ columns: [0.5, 0.5], rows, borders: 'none', padding: 0, lineHeight: 1.55, spaceAfter: body * 1.2 });
  }
  if (input.clerk && (input.clerk.name.trim() || input.clerk.phone.trim() || input.clerk.email.trim())) {
    flow.paragraph('For more information about this meeting, including access arrangements and facilities for people with disabilities, please contact:', {
      keepWithNext: flow.bodyLine * 3,
    });
    const lines: CellParagraph[] = (
      [
        ['Clerk Name:', input.clerk.name],
        ['Clerk Telephone:', input.clerk.phone],
        ['Clerk Email:', input.clerk.email],
      ] as const
    )
      .filter(([, v]) => v.trim())
      .map(([k, v]) => ({ text: v.trim(), hang: [{ text: k, style: 'bold' }], hangWidth: 38 * MM }));
    flow.table({ columns: [1], rows: [[{ content: lines }]], borders: 'none', padding: 0, lineHeight: 1.4, spaceAfter: body * 1.2 });
  }
  for (const note of input.notes.map((n) => n.trim()).filter(Boolean)) {
    flow.paragraph(note, { size: body - 1, spaceAfter: body * 0.7 });
  }
  return flow;
}

// ---------------------------------------------------------------------------------------------

/** Builds the pack: front sheet, papers in item order, page numbers, bookmarks and title. */
export async function assemblePack(input: PackInput): Promise<PackResult> {
  // Load every paper once: its page count sets the page ranges, and its pages are copied from it.
  const papers: { item: PackItem; doc: PDFDocument; pages: number }[] = [];
  for (const item of input.items) {
    if (!item.paper) continue;
    const doc = await loadPaper(item.paper.pdf, item.number);
    papers.push({ item, doc, pages: doc.getPageCount() });
  }

  // The front sheet's length depends on the page ranges it prints, which depend on its length:
  // lay it out until the two agree. Layout uses font metrics only, so each pass is cheap.
  const rangesFor = (front: number) => {
    const ranges = new Map<number, string>();
    const placed: PackResult['items'] = [];
    let next = front + 1;
    for (const p of papers) {
      placed.push({ number: p.item.number, firstPage: next, lastPage: next + p.pages - 1 });
      ranges.set(p.item.number, pageRange(next, next + p.pages - 1));
      next += p.pages;
    }
    return { ranges, placed };
  };
  let front = 1;
  let flow = layoutFrontSheet(input, rangesFor(front).ranges);
  for (let pass = 0; flow.pageCount !== front; pass++) {
    // After a few passes only grow, so the loop ends; a sheet shorter than assumed is padded below.
    front = pass < 4 ? flow.pageCount : Math.max(front, flow.pageCount);
    flow = layoutFrontSheet(input, rangesFor(front).ranges);
    if (pass >= 4 && flow.pageCount <= front) break;
  }
  const { placed } = rangesFor(front);
  const frontPages = new Map<number, number>();
  layoutFrontSheet(input, rangesFor(front).ranges, frontPages);

  const pack = await newDocument();
  await flow.render(pack);
  while (pack.getPageCount() < front) pack.addPage([flow.pageWidth, flow.pageHeight]);

  for (const p of papers) {
    try {
      await appendPages(pack, p.doc); // one copy per paper: shared objects are copied once
    } catch {
      throw new PaperError(
        `The PDF for item ${p.item.number} could not be read: parts of it are damaged. Save the paper as PDF again and upload the new copy.`,
      );
    }
  }

  const pages = pack.getPages();
  const total = pages.length;
  await stampPageNumbers(pack, pages);

  const title = `${input.bodyName.trim()}, ${formatDate(input.meetingDate)}: ${/supplementary/i.test(input.heading) ? 'supplementary agenda pack' : 'agenda pack'}`;
  // Bookmarks: the agenda, then one for each item, titled as the front sheet prints it ('4. Community Resilience
  // Strategy'), at its paper's first page, or, for an item without a paper in the pack, where the front sheet lists it.
  const firstPage = new Map(placed.map((p) => [p.number, p.firstPage]));
  addOutline(pack, pages, [
    { title: 'Agenda', page: 1 },
    ...input.items.map((item) => ({ title: frontSheetTitle(item), page: firstPage.get(item.number) ?? Math.min(frontPages.get(item.number) ?? 1, front) })),
  ]);
  pack.setTitle(title, { showInWindowTitleBar: true });
  if (input.council.trim()) pack.setAuthor(input.council.trim());
  pack.setSubject(`${input.heading.trim() || 'Agenda'} and papers for the meeting of ${input.bodyName.trim()} on ${frontSheetDate(input.meetingDate)}`);
  pack.setLanguage('en-GB');

  const bytes = await pack.save({ objectsPerTick: Infinity });
  return { bytes, pageCount: total, frontSheetPages: front, items: placed };
}

// ---------------------------------------------------------------------------------------------
// Page numbers.

const STAMP_FONT = PDFName.of('PHPageNumber');
const STAMP_SIZE = 9;
/** Baseline of the page number above the visual foot of the page. */
const STAMP_BASELINE = 7 * MM;

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function readBox(page: PDFPage, key: 'CropBox' | 'MediaBox'): Box | null {
  const arr = key === 'CropBox' ? page.node.CropBox() : page.node.MediaBox();
  if (!(arr instanceof PDFArray) || arr.size() < 4) return null;
  const n = [0, 1, 2, 3].map((i) => {
    const v = arr.lookup(i);
    return v instanceof PDFNumber ? v.asNumber() : NaN;
  });
  if (n.some((v) => !Number.isFinite(v))) return null;
  const [a, b, c, d] = n as [number, number, number, number];
  return { x1: Math.min(a, c), y1: Math.min(b, d), x2: Math.max(a, c), y2: Math.max(b, d) };
}

/** The visible area of a page: its CropBox within its MediaBox. */
export function visibleBox(page: PDFPage): Box {
  const media = readBox(page, 'MediaBox') ?? { x1: 0, y1: 0, x2: 595.28, y2: 841.89 };
  const crop = readBox(page, 'CropBox');
  if (!crop) return media;
  const box = { x1: Math.max(crop.x1, media.x1), y1: Math.max(crop.y1, media.y1), x2: Math.min(crop.x2, media.x2), y2: Math.min(crop.y2, media.y2) };
  return box.x2 > box.x1 && box.y2 > box.y1 ? box : media;
}

/** The page's /Rotate as 0, 90, 180 or 270. */
export function pageRotation(page: PDFPage): 0 | 90 | 180 | 270 {
  let angle = 0;
  try {
    angle = page.getRotation().angle;
  } catch {
    angle = 0;
  }
  const r = (((Math.round((Number.isFinite(angle) ? angle : 0) / 90) * 90) % 360) + 360) % 360;
  return r as 0 | 90 | 180 | 270;
}

/**
 * Where to start drawing text of width `w` so it sits centred on the visual foot of the page
 * (as the page is displayed, after /Rotate), reading left to right as displayed. Returns the
 * start point and the text's rotation in user space (equal to the page's rotation).
 */
export function stampPosition(box: Box, rotation: 0 | 90 | 180 | 270, w: number, baseline: number): { x: number; y: number; angle: number } {
  const cx = (box.x1 + box.x2) / 2;
  const cy = (box.y1 + box.y2) / 2;
  switch (rotation) {
    case 0:
      return { x: cx - w / 2, y: box.y1 + baseline, angle: 0 }; // foot is the bottom edge
    case 90:
      return { x: box.x2 - baseline, y: cy - w / 2, angle: 90 }; // shown turned clockwise: foot is the right edge
    case 180:
      return { x: cx + w / 2, y: box.y2 - baseline, angle: 180 }; // foot is the top edge
    case 270:
      return { x: box.x1 + baseline, y: cy + w / 2, angle: 270 }; // foot is the left edge
  }
}

// In DejaVu Sans, embedded (subset) like the rest of the pack's text, and marked as an artifact
// (pagination, not content) for assistive technology.
async function stampPageNumbers(pack: PDFDocument, pages: PDFPage[]): Promise<void> {
  const font = await embed(pack, 'regular');
  const total = pages.length;
  pages.forEach((page, index) => {
    const text = `Page ${index + 1} of ${total}`;
    const w = font.widthOfTextAtSize(text, STAMP_SIZE);
    const box = visibleBox(page);
    const rotation = pageRotation(page);
    const height = rotation === 90 || rotation === 270 ? box.x2 - box.x1 : box.y2 - box.y1;
    // On a very short page, keep the number inside it.
    const baseline = Math.min(STAMP_BASELINE, Math.max(2, height / 4));
    const at = stampPosition(box, rotation, w, baseline);
    // normalize() wraps the page's existing content in q/Q, so the number is drawn in the page's
    // default coordinate system whatever state the page's own content leaves behind.
    page.node.normalize();
    page.node.setFontDictionary(STAMP_FONT, font.ref);
    // Left uncompressed: it is a few dozen bytes, and setting up a compressor per page costs more
    // than the rest of the stamping.
    const stream = PDFContentStream.of(
      pack.context.obj({}),
      [
        beginMarkedContent('Artifact'),
        pushGraphicsState(),
        beginText(),
        setFillingGrayscaleColor(0.15),
        setFontAndSize(STAMP_FONT, STAMP_SIZE),
        rotateAndSkewTextDegreesAndTranslate(at.angle, 0, 0, at.x, at.y),
        showText(font.encodeText(text)),
        endText(),
        popGraphicsState(),
        endMarkedContent(),
      ],
      false,
    );
    page.node.addContentStream(pack.context.register(stream));
  });
}

// ---------------------------------------------------------------------------------------------
// Bookmarks. pdf-lib has no outline API, so the /Outlines tree is built from dictionaries.

function addOutline(pack: PDFDocument, pages: PDFPage[], entries: { title: string; page: number }[]): void {
  const ctx = pack.context;
  const rootRef = ctx.nextRef();
  const refs: PDFRef[] = entries.map(() => ctx.nextRef());
  entries.forEach((entry, i) => {
    const page = pages[entry.page - 1]!;
    const rotation = pageRotation(page);
    const box = visibleBox(page);
    // Go to the top of the page at the reader's zoom; for turned pages, fit the page.
    const dest = rotation === 0 ? ctx.obj([page.ref, 'XYZ', null, box.y2, null]) : ctx.obj([page.ref, 'Fit']);
    const dict = ctx.obj({ Title: PDFHexString.fromText(entry.title), Parent: rootRef, Dest: dest });
    if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1]!);
    if (i < refs.length - 1) dict.set(PDFName.of('Next'), refs[i + 1]!);
    ctx.assign(refs[i]!, dict);
  });
  const root = ctx.obj({ Type: 'Outlines', Count: entries.length });
  if (refs.length) {
    root.set(PDFName.of('First'), refs[0]!);
    root.set(PDFName.of('Last'), refs[refs.length - 1]!);
  }
  ctx.assign(rootRef, root);
  pack.catalog.set(PDFName.of('Outlines'), rootRef);
  pack.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'));
}
