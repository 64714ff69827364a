// Bordered tables for the PDF layout engine (./pdf-layout.ts): cells of wrapped paragraphs, header rows
// that repeat across pages, and rows taller than a page split line by line.
import { RULE_COLOUR, type Cell, type CellContent, type CellParagraph, type Op, type ParagraphOptions, type TableOptions } from './pdf-options.ts';
import type { StructNode, StructRole } from './pdf-tags.ts';
import { parseBlocks, type Block, type Colour, type Line, type TextStyle } from './pdf-wrap.ts';

/** What a table needs of the Flow it is laid out in. */
export interface TableFlow {
  readonly margins: { top: number; right: number; bottom: number; left: number };
  readonly bodySize: number;
  readonly lineHeight: number;
  readonly contentWidth: number;
  readonly remaining: number;
  readonly pageBody: number;
  readonly bodyLine: number;
  readonly ops: Op[];
  y: number;
  atTop: boolean;
  newPage(): void;
  space(height: number): void;
  drawLine(line: Line, left: number, top: number, tags?: { body: number }): void;
  node(role: StructRole, parent?: number, extra?: Omit<StructNode, 'role' | 'parent'>): number;
  blockLines(block: Block, width: number, opts: ParagraphOptions, first: boolean): Line[];
}

function cellLines(flow: TableFlow, content: CellContent, width: number, base: TextStyle): Line[] {
  const paras: CellParagraph[] = typeof content === 'string' ? [{ text: content }] : content;
  const out: Line[] = [];
  paras.forEach((p, pi) => {
    const opts: ParagraphOptions = { ...base, ...p };
    const blocks = typeof p.text === 'string' ? parseBlocks(p.text) : [{ kind: 'text' as const, level: 0, text: p.text }];
    const lh = (opts.size ?? flow.bodySize) * (opts.lineHeight ?? flow.lineHeight);
    blocks.forEach((block, bi) => {
      const lines = flow.blockLines(block, width, opts, bi === 0);
      const gapBefore = pi > 0 && bi === 0 ? (p.spaceBefore ?? lh * 0.35) : bi > 0 && block.gapBefore ? lh * 0.35 : 0;
      if (lines[0]) lines[0].spaceBefore = gapBefore;
      out.push(...lines);
    });
  });
  return out;
}

/**
 * Lays a table out at the flow's cursor (Flow.table). Its structure is a Table with a THead of header
 * cells (TH, heading their columns) and a TBody of data cells (TD); a header row repeated on a later
 * page, and the borders and fills, are artifacts.
 */
export function layoutTable(flow: TableFlow, spec: TableOptions): void {
  const indent = spec.indent ?? 0;
  const total = flow.contentWidth - indent;
  const sum = spec.columns.reduce((a, b) => a + b, 0);
  const widths = sum <= 1.0001 ? spec.columns.map((c) => c * total) : spec.columns.map((c) => (c * total) / sum);
  const pad = spec.padding ?? 4;
  const borders = spec.borders ?? 'grid';
  const bw = spec.borderWidth ?? 0.6;
  const base: TextStyle = { size: spec.size ?? flow.bodySize, lineHeight: spec.lineHeight ?? 1.3, colour: spec.colour, style: spec.style };
  const left = flow.margins.left + indent;
  const xs: number[] = [left];
  for (const w of widths) xs.push(xs[xs.length - 1]! + w);
  const prepare = (row: Cell[]) =>
    row.map((cell, c) => ({
      lines: cellLines(flow, cell.content, widths[c]! - 2 * pad, base),
      fill: cell.fill,
    }));
  const table = flow.node('Table');
  const structure = (rows: Cell[][], group: StructRole, cell: StructRole) => {
    if (!rows.length) return [];
    const parent = flow.node(group, table);
    return rows.map((row) => {
      const tr = flow.node('TR', parent);
      return row.map(() => flow.node(cell, tr, cell === 'TH' ? { scope: 'Column' } : {}));
    });
  };
  const headerTags = structure(spec.header ?? [], 'THead', 'TH');
  const rowTags = structure(spec.rows, 'TBody', 'TD');
  const header = (spec.header ?? []).map(prepare);
  const rows = spec.rows.map(prepare);
  const linesHeight = (lines: Line[]) => lines.reduce((s, l) => s + l.height + l.spaceBefore, 0);
  const rowHeight = (row: { lines: Line[] }[]) => Math.max(...row.map((c) => linesHeight(c.lines))) + 2 * pad;
  const headerHeight = header.reduce((s, r) => s + rowHeight(r), 0);

  let segTop = flow.y; // top of the table part on the current page (for outer borders)
  const drawRow = (row: { lines: Line[]; fill?: Colour }[], height: number, tags?: number[]) => {
    const top = flow.y;
    row.forEach((cell, c) => {
      if (cell.fill) flow.ops.push({ kind: 'rect', x: xs[c]!, y: top, w: widths[c]!, h: height, fill: cell.fill });
    });
    row.forEach((cell, c) => {
      let y = top + pad;
      for (const line of cell.lines) {
        y += line.spaceBefore;
        flow.drawLine(line, xs[c]! + pad, y, tags ? { body: tags[c]! } : undefined);
        y += line.height;
      }
    });
    if (borders === 'grid') {
      const right = xs[xs.length - 1]!;
      flow.ops.push({ kind: 'line', x1: left, y1: top, x2: right, y2: top, width: bw, colour: RULE_COLOUR });
      flow.ops.push({ kind: 'line', x1: left, y1: top + height, x2: right, y2: top + height, width: bw, colour: RULE_COLOUR });
      for (const x of xs) flow.ops.push({ kind: 'line', x1: x, y1: top, x2: x, y2: top + height, width: bw, colour: RULE_COLOUR });
    }
    flow.y += height;
    flow.atTop = false;
  };
  const closeSegment = () => {
    if (borders !== 'outer' || flow.y <= segTop) return;
    const right = xs[xs.length - 1]!;
    const t = segTop,
      b = flow.y;
    for (const [x1, y1, x2, y2] of [
      [left, t, right, t],
      [left, b, right, b],
      [left, t, left, b],
      [right, t, right, b],
    ] as const) {
      flow.ops.push({ kind: 'line', x1, y1, x2, y2, width: bw, colour: RULE_COLOUR });
    }
    for (const x of xs.slice(1, -1)) flow.ops.push({ kind: 'line', x1: x, y1: t, x2: x, y2: b, width: bw, colour: RULE_COLOUR });
  };
  const startPage = () => {
    closeSegment();
    flow.newPage();
    segTop = flow.y;
    for (const h of header) drawRow(h, rowHeight(h));
  };

  // The header must not sit alone at the foot of a page: keep it with the first row (or a few lines of it).
  const firstNeed = headerHeight + (rows[0] ? Math.min(rowHeight(rows[0]), flow.bodyLine * 3 + 2 * pad) : 0);
  if (firstNeed > flow.remaining && !flow.atTop) flow.newPage();
  segTop = flow.y;
  header.forEach((h, r) => drawRow(h, rowHeight(h), headerTags[r]));

  for (const [r, row] of rows.entries()) {
    const tags = rowTags[r];
    const height = rowHeight(row);
    if (height <= flow.remaining + 0.01) {
      drawRow(row, height, tags);
      continue;
    }
    const freshPageRoom = flow.pageBody - headerHeight;
    if (height <= freshPageRoom) {
      startPage();
      drawRow(row, height, tags);
      continue;
    }
    // A row taller than a page: split it line by line across pages.
    const queues = row.map((c) => [...c.lines]);
    while (queues.some((q) => q.length)) {
      const room = flow.remaining - 2 * pad;
      const parts = queues.map((q) => {
        const taken: Line[] = [];
        let h = 0;
        while (q.length && h + q[0]!.height + q[0]!.spaceBefore <= room) {
          const l = q.shift()!;
          h += l.height + l.spaceBefore;
          taken.push(l);
        }
        return taken;
      });
      const any = parts.some((p) => p.length);
      if (!any) {
        if (flow.y <= flow.margins.top + headerHeight + 0.01) {
          // Not even one line fits on a fresh page: force one line per cell.
          queues.forEach((q, c) => {
            if (q.length) parts[c]!.push(q.shift()!);
          });
        } else {
          startPage();
          continue;
        }
      }
      const cells = parts.map((lines, c) => ({ lines, fill: row[c]!.fill }));
      drawRow(cells, rowHeight(cells), tags);
      if (queues.some((q) => q.length)) startPage();
    }
  }
  closeSegment();
  flow.space(spec.spaceAfter ?? flow.bodyLine * 0.6);
}
