// A small flow-layout engine on pdf-lib for the council's printed documents (committee reports
// and agenda front sheets): A4 pages, DejaVu Sans in three styles, word-wrapped paragraphs with
// hanging numbers and bullets, headings kept with what follows, bordered tables whose header rows
// repeat across pages, and a reserved bottom margin where page numbers are stamped later.
//
// Layout and drawing are separate: a Flow lays content out into pages of drawing operations using
// font metrics only (cheap, so a document can be laid out several times to settle its length),
// and render() draws those pages into a PDFDocument. Tables are laid out by ./pdf-table.ts; units,
// colours, drawing operations and options are in ./pdf-options.ts.
//
// As it lays content out, a Flow records the document's logical structure (headings, paragraphs,
// lists, tables, figures) and tags each drawing operation with its element; render() writes a
// tagged PDF (./pdf-tags.ts), with whatever is not content (page numbers, rules, fills) an artifact.
import { rgb, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import { embed, newDocument, sanitize, textWidth, type FontStyle } from './pdf-fonts.ts';
import { A4, GREY_TEXT, MM, RESERVED_BOTTOM, RULE_COLOUR, type FlowOptions, type Op, type ParagraphOptions, type TableOptions } from './pdf-options.ts';
import { layoutTable } from './pdf-table.ts';
import { boxOf, headingRole, TagWriter, type PageMarks, type StructNode, type StructRole } from './pdf-tags.ts';
import { BLACK, lineWidth, parseBlocks, wrapText, type Block, type Colour, type Line, type RichText, type Segment, type TextStyle } from './pdf-wrap.ts';

export { cachingFontkit, embed, fontBytes, newDocument, sanitize, textWidth, type FontStyle } from './pdf-fonts.ts';
export {
  A4,
  GREY_TEXT,
  HEADER_FILL,
  MM,
  RESERVED_BOTTOM,
  type Cell,
  type CellContent,
  type CellParagraph,
  type FlowOptions,
  type Op,
  type ParagraphOptions,
  type TableOptions,
} from './pdf-options.ts';
export { BLACK, type Colour, type RichText, type Run, type TextStyle } from './pdf-wrap.ts';
export { appendPages, asArtifact, type StructNode, type StructRole } from './pdf-tags.ts';

/** Which structure elements a laid-out line's text and its label (hanging number, bullet) belong to. */
export interface LineTags {
  body: number;
  label?: number;
}

/** Lays content out into pages of drawing operations. */
export class Flow {
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly margins: { top: number; right: number; bottom: number; left: number };
  readonly bodySize: number;
  readonly lineHeight: number;
  readonly pages: Op[][] = [];
  /** Cursor: distance from the top of the page to the top of the next line. */
  y = 0;
  /** True until something is placed on the current page. */
  atTop = true;
  /** The document's logical structure, in reading order; operations refer to it by index. */
  readonly structure: StructNode[] = [];
  /**
   * The lists that following paragraphs continue, outermost first, by indent: a hanging paragraph at
   * the same indent is the next item, one indented further starts a list inside the last item, and an
   * indented paragraph without hanging text continues the last item's body.
   */
  private openLists: { list: number; indent: number; body: number }[] = [];

  constructor(options: FlowOptions = {}) {
    const size = options.pageSize ?? A4;
    this.pageWidth = size.width;
    this.pageHeight = size.height;
    this.margins = options.margins ?? { top: 18 * MM, right: 20 * MM, bottom: RESERVED_BOTTOM + 7 * MM, left: 20 * MM };
    this.bodySize = options.bodySize ?? 10;
    this.lineHeight = options.lineHeight ?? 1.42;
    this.newPage();
  }

  get pageCount(): number {
    return this.pages.length;
  }
  get contentWidth(): number {
    return this.pageWidth - this.margins.left - this.margins.right;
  }
  get bottom(): number {
    return this.pageHeight - this.margins.bottom;
  }
  get remaining(): number {
    return this.bottom - this.y;
  }
  /** Height available on a fresh page. */
  get pageBody(): number {
    return this.bottom - this.margins.top;
  }
  get bodyLine(): number {
    return this.bodySize * this.lineHeight;
  }
  /** The current page's drawing operations. */
  get ops(): Op[] {
    return this.pages[this.pages.length - 1]!;
  }

  /** Adds a structure element (top level unless a parent is given) and returns its index. */
  node(role: StructRole, parent?: number, extra: Omit<StructNode, 'role' | 'parent'> = {}): number {
    if (parent === undefined) this.openLists = [];
    this.structure.push({ role, parent, ...extra });
    return this.structure.length - 1;
  }

  /** A list item (LI with Lbl and LBody) in `list`. */
  private listItem(list: number): { label: number; body: number } {
    const item = this.node('LI', list);
    return { label: this.node('Lbl', item), body: this.node('LBody', item) };
  }

  /** The item a hanging paragraph at `indent` is: the next in an open list, or the first of a new one. */
  private hangingItem(indent: number): { label: number; body: number } {
    const open = this.openLists;
    while (open.length && open[open.length - 1]!.indent > indent) open.pop();
    let top = open[open.length - 1];
    if (!top || top.indent < indent) {
      const outer = top?.body;
      const list = this.node('L', outer);
      top = { list, indent, body: -1 };
      this.openLists = outer === undefined ? [top] : [...open, top];
    }
    const item = this.listItem(top.list);
    top.body = item.body;
    return item;
  }

  /** The body of the open list item an indented paragraph without hanging text continues, if any. */
  private continuedItem(indent: number): number | undefined {
    const open = this.openLists;
    while (open.length && open[open.length - 1]!.indent >= indent) open.pop();
    return open[open.length - 1]?.body;
  }

  /**
   * Draws what `draw` pushes onto the pages as one figure with alternative text (a chart drawn from
   * operations): screen readers read the text instead of the drawing's labels.
   */
  figure(alt: string, draw: () => void): void {
    const tag = this.node('Figure', undefined, { alt });
    const page = this.pages.length - 1;
    const start = this.ops.length;
    draw();
    for (let p = page; p < this.pages.length; p++) {
      const ops = this.pages[p]!;
      for (let i = p === page ? start : 0; i < ops.length; i++) ops[i]!.tag = ops[i]!.tag ?? tag;
    }
    this.structure[tag]!.box = boxOf(this.pages[page]!.slice(start));
  }

  newPage(): void {
    this.pages.push([]);
    this.y = this.margins.top;
    this.atTop = true;
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensureSpace(height: number): void {
    if (height > this.remaining && !this.atTop) this.newPage();
  }

  space(height: number): void {
    if (this.atTop) return;
    this.y += height;
    if (this.y > this.bottom) this.newPage();
  }

  rule(options: { width?: number; colour?: Colour; spaceAfter?: number } = {}): void {
    this.ensureSpace(4);
    this.ops.push({
      kind: 'line',
      x1: this.margins.left,
      y1: this.y,
      x2: this.pageWidth - this.margins.right,
      y2: this.y,
      width: options.width ?? 0.6,
      colour: options.colour ?? RULE_COLOUR,
    });
    this.y += options.spaceAfter ?? 4;
    this.atTop = false;
  }

  // -- text ------------------------------------------------------------------------------------

  private wrap(text: RichText, width: number, opts: TextStyle = {}): Line[] {
    return wrapText(text, width, opts, { size: this.bodySize, lineHeight: this.lineHeight });
  }

  /** The hanging text on one line, never wrapped (it may overrun its column rather than lose words). */
  private hangSegments(hang: RichText, opts: TextStyle): Segment[] {
    return this.wrap(hang, 1e6, opts)[0]?.segs ?? [];
  }

  /**
   * Lays out one paragraph (no bullet parsing) into lines positioned relative to a left edge:
   * hanging text, alignment and right-hand text with leaders applied.
   */
  private layoutParagraph(text: RichText, width: number, opts: ParagraphOptions): Line[] {
    const indent = opts.indent ?? 0;
    const hangWidth = opts.hang !== undefined ? (opts.hangWidth ?? 15 * MM) : 0;
    const rightWidth = opts.right ? opts.right.width : 0;
    const textLeft = indent + hangWidth;
    const avail = Math.max(20, width - textLeft - rightWidth);
    const lines = this.wrap(text, avail, opts);
    if (lines.length === 0) lines.push(...this.wrap(' ', avail, opts));
    for (const line of lines) {
      let offset = textLeft;
      if (opts.align === 'center') offset = textLeft + (avail - lineWidth(line)) / 2;
      else if (opts.align === 'right') offset = textLeft + avail - lineWidth(line);
      for (const seg of line.segs) seg.dx += offset;
    }
    if (opts.hang !== undefined) {
      const first = lines[0]!;
      for (const seg of this.hangSegments(opts.hang, opts)) first.segs.unshift({ ...seg, dx: seg.dx + indent, role: 'label' });
    }
    if (opts.right) {
      const size = opts.size ?? this.bodySize;
      const style = opts.right.style ?? opts.style ?? 'regular';
      const rightText = sanitize(opts.right.text, style);
      const last = lines[lines.length - 1]!;
      const rw = textWidth(rightText, style, size);
      const colour = opts.colour ?? BLACK;
      if (opts.right.leaders) {
        const start = lineWidth(last) + size * 0.6;
        const end = width - rw - size * 0.6;
        const step = textWidth('. ', 'regular', size);
        // Dots on a fixed grid so the leaders line up from one item to the next.
        const first = Math.ceil(start / step) * step;
        const n = Math.floor((end - first) / step);
        if (n >= 2) last.segs.push({ dx: first, text: '. '.repeat(n).trimEnd(), style: 'regular', size, colour: GREY_TEXT, role: 'artifact' });
      }
      last.segs.push({ dx: width - rw, text: rightText, style, size, colour });
    }
    return lines;
  }

  /** Places lines at the cursor, breaking pages between lines (avoiding single orphan/widow lines). */
  private placeLines(lines: Line[], left: number, tags: LineTags | undefined, keepWithNext = 0): void {
    let i = 0;
    while (i < lines.length) {
      // How many lines fit here?
      let h = 0;
      let n = 0;
      while (i + n < lines.length && h + lines[i + n]!.height <= this.remaining + 0.01) {
        h += lines[i + n]!.height;
        n++;
      }
      const left_ = lines.length - i - n;
      if (n < lines.length - i) {
        if (n === 1 && lines.length - i >= 2 && !this.atTop)
          n = 0; // orphan
        else if (left_ === 1 && n >= 3) n -= 1; // widow
      }
      if (n === lines.length - i && keepWithNext > 0 && !this.atTop) {
        // Everything fits; make sure the following lines fit too, or move this block on.
        const total = lines.slice(i).reduce((s, l) => s + l.height, 0);
        if (total + keepWithNext > this.remaining && total + keepWithNext <= this.pageBody) {
          this.newPage();
          continue;
        }
      }
      if (n === 0) {
        if (this.atTop)
          n = 1; // a line taller than the page: draw anyway
        else {
          this.newPage();
          continue;
        }
      }
      for (let k = 0; k < n; k++) {
        const line = lines[i + k]!;
        this.drawLine(line, left, this.y, tags);
        this.y += line.height;
        this.atTop = false;
      }
      i += n;
      if (i < lines.length) this.newPage();
    }
  }

  /** Draws a laid-out line with its top at `top`, as content of the given elements (none: an artifact). */
  drawLine(line: Line, left: number, top: number, tags?: LineTags): void {
    for (const seg of line.segs) {
      if (!seg.text.trim()) continue;
      const tag = !tags || seg.role === 'artifact' ? undefined : seg.role === 'label' ? (tags.label ?? tags.body) : tags.body;
      this.ops.push({ kind: 'text', x: left + seg.dx, y: top + line.baseline, text: seg.text, style: seg.style, size: seg.size, colour: seg.colour, tag });
    }
  }

  /**
   * A paragraph of body text. A line starting "- " is a bullet ("  - " a second-level bullet);
   * a blank line separates paragraphs. The hanging text, if any, goes on the first line.
   */
  paragraph(text: RichText, opts: ParagraphOptions = {}): void {
    const blocks = typeof text === 'string' ? parseBlocks(text) : [{ kind: 'text' as const, level: 0, text }];
    const lh = (opts.size ?? this.bodySize) * (opts.lineHeight ?? this.lineHeight);
    const gap = opts.spaceAfter ?? lh * 0.5;
    if (opts.spaceBefore) this.space(opts.spaceBefore);
    const tagsFor = this.paragraphTags(opts);
    blocks.forEach((block, index) => {
      const first = index === 0;
      const lines = this.blockLines(block, this.contentWidth, opts, first);
      if (!first && block.gapBefore) this.space(lh * 0.35);
      this.placeLines(lines, this.margins.left, tagsFor(block, first), index === blocks.length - 1 ? (opts.keepWithNext ?? 0) : 0);
    });
    this.space(gap);
  }

  /**
   * The structure of a paragraph's blocks: a heading is one element; a paragraph with hanging text is
   * a list item (consecutive ones one list) whose label is the hanging text; "- " bullets are list
   * items of a list (a second-level bullet's list inside the item before it); other blocks are P.
   */
  private paragraphTags(opts: ParagraphOptions): (block: Block, first: boolean) => LineTags {
    if (opts.heading !== undefined) {
      const h = this.node(headingRole(opts.heading));
      return () => ({ body: h });
    }
    const indent = opts.indent ?? 0;
    const hanging = opts.hang !== undefined ? this.hangingItem(indent) : undefined;
    const container = hanging?.body ?? this.continuedItem(indent);
    const open = this.openLists;
    const lists: { list: number; body: number }[] = []; // by bullet level: the list and its last item's body
    const result = (block: Block, first: boolean): LineTags => {
      if (block.kind === 'bullet') {
        const level = Math.min(block.level, lists.length);
        lists.length = level + 1;
        const outer = level > 0 ? lists[level - 1]!.body : container;
        const list = lists[level]?.list ?? this.node('L', outer);
        const item = this.listItem(list);
        lists[level] = { list, body: item.body };
        // The text in a P of its own: what continues the item (a nested list) comes after it in the body.
        const text = this.node('P', item.body);
        if (first && hanging) return { body: text, label: hanging.label };
        return { body: text, label: item.label };
      }
      lists.length = 0;
      if (first && hanging) return { body: this.node('P', hanging.body), label: hanging.label };
      return { body: this.node('P', container) };
    };
    return (block, first) => {
      const tags = result(block, first);
      this.openLists = container === undefined ? [] : open; // kept open by what continues a list
      return tags;
    };
  }

  /** Lines for one parsed block (text or bullet) of a paragraph. */
  blockLines(block: Block, width: number, opts: ParagraphOptions, first: boolean): Line[] {
    const hangWidth = opts.hang !== undefined ? (opts.hangWidth ?? 15 * MM) : 0;
    const baseIndent = (opts.indent ?? 0) + (first ? 0 : hangWidth);
    const common: ParagraphOptions = { ...opts, hang: first ? opts.hang : undefined, indent: first ? opts.indent : baseIndent };
    if (block.kind === 'bullet') {
      const size = opts.size ?? this.bodySize;
      const bulletIndent = (first ? hangWidth + (opts.indent ?? 0) : baseIndent) + block.level * size * 1.6;
      const lines = this.layoutParagraph(block.text, width, {
        ...opts,
        hang: block.level ? '\u2013' : '\u2022',
        hangWidth: size * 1.4,
        indent: bulletIndent,
        right: undefined,
      });
      if (first && opts.hang !== undefined) {
        for (const seg of this.hangSegments(opts.hang, opts)) lines[0]!.segs.unshift({ ...seg, dx: seg.dx + (opts.indent ?? 0), role: 'label' });
      }
      return lines;
    }
    return this.layoutParagraph(block.text, width, common);
  }

  /** A heading (level 2 unless `opts.heading` says otherwise): kept with at least two lines of what follows. */
  heading(text: RichText, opts: ParagraphOptions = {}): void {
    const size = opts.size ?? this.bodySize + 1;
    const style = opts.style ?? 'bold';
    if (opts.spaceBefore) this.space(opts.spaceBefore);
    const lines = this.layoutParagraph(text, this.contentWidth, { ...opts, size, style });
    const tag = this.node(headingRole(opts.heading ?? 2));
    this.placeLines(lines, this.margins.left, { body: tag }, opts.keepWithNext ?? this.bodyLine * 2.5);
    this.space(opts.spaceAfter ?? size * 0.5);
  }

  // -- tables ----------------------------------------------------------------------------------

  /** A bordered table, laid out by ./pdf-table.ts: header rows repeat on each page, and a row taller than a page is split. */
  table(spec: TableOptions): void {
    layoutTable(this, spec);
  }

  /**
   * "Page N of M" centred on every page, its baseline `baseline` points above the foot, in DejaVu
   * (embedded) and marked as an artifact. Call once the content is laid out.
   */
  numberPages(opts: { size: number; baseline: number; colour: Colour }): void {
    const total = this.pageCount;
    this.pages.forEach((ops, i) => {
      const text = `Page ${i + 1} of ${total}`;
      const x = (this.pageWidth - textWidth(text, 'regular', opts.size)) / 2;
      ops.push({ kind: 'text', x, y: this.pageHeight - opts.baseline, text, style: 'regular', size: opts.size, colour: opts.colour });
    });
  }

  // -- output ----------------------------------------------------------------------------------

  /** Draws every page into `doc` (a new document when not given) and returns it. */
  async render(doc?: PDFDocument): Promise<PDFDocument> {
    const target = doc ?? (await newDocument());
    const fonts = new Map<FontStyle, PDFFont>();
    const font = async (style: FontStyle) => {
      let f = fonts.get(style);
      if (!f) {
        f = await embed(target, style);
        fonts.set(style, f);
      }
      return f;
    };
    const tags = new TagWriter(target, this.structure);
    for (const ops of this.pages) {
      const page = target.addPage([this.pageWidth, this.pageHeight]);
      await drawOps(page, ops, font, this.pageHeight, tags.page(page));
    }
    tags.finish();
    return target;
  }
}

async function drawOps(page: PDFPage, ops: Op[], font: (s: FontStyle) => Promise<PDFFont>, height: number, marks: PageMarks): Promise<void> {
  // Fills first so borders and text sit on top of them.
  for (const op of ops) {
    if (op.kind !== 'rect') continue;
    marks.mark(op.tag ?? null);
    page.drawRectangle({ x: op.x, y: height - op.y - op.h, width: op.w, height: op.h, color: rgb(...op.fill) });
  }
  for (const op of ops) {
    if (op.kind !== 'rect') marks.mark(op.tag ?? null);
    if (op.kind === 'line') {
      page.drawLine({ start: { x: op.x1, y: height - op.y1 }, end: { x: op.x2, y: height - op.y2 }, thickness: op.width, color: rgb(...op.colour) });
    } else if (op.kind === 'text') {
      page.drawText(op.text, { x: op.x, y: height - op.y, size: op.size, font: await font(op.style), color: rgb(...op.colour) });
    }
  }
  marks.close();
}
