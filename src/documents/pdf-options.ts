// The PDF layout engine's units, page size and colours, the drawing operations a Flow lays pages out
// into (./pdf-layout.ts), and the options its paragraphs, tables and pages take.
import type { FontStyle } from './pdf-fonts.ts';
import type { Colour, RichText, TextStyle } from './pdf-wrap.ts';

export const MM = 72 / 25.4;
export const A4 = { width: 595.28, height: 841.89 } as const;
/** The bottom band kept free of content on every page: page numbers are stamped there. */
export const RESERVED_BOTTOM = 15 * MM;

// ---------------------------------------------------------------------------------------------
// Drawing operations, in top-down page coordinates (y measured from the top edge). `tag` is the index
// of the structure element (Flow.structure, ./pdf-tags.ts) the operation draws content of; without
// one, what it draws is an artifact (page numbers, rules, fills).

export type Op =
  | { kind: 'text'; x: number; y: number; text: string; style: FontStyle; size: number; colour: Colour; tag?: number }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; width: number; colour: Colour; tag?: number }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: Colour; tag?: number };

export const GREY_TEXT: Colour = [0.3, 0.3, 0.3];
export const HEADER_FILL: Colour = [0.9, 0.9, 0.9];
export const RULE_COLOUR: Colour = [0.35, 0.35, 0.35];

export interface ParagraphOptions extends TextStyle {
  /** Extra left indent (points) from the current left edge. */
  indent?: number;
  /** Text in a hanging column on the first line, e.g. "1.1" or "a)". */
  hang?: RichText;
  /** Width of the hanging column (points); default 15 mm. */
  hangWidth?: number;
  align?: 'left' | 'center' | 'right';
  spaceBefore?: number;
  spaceAfter?: number; // default: 0.5 × line height
  /** Keep this much height (points) of what follows on the same page as this paragraph (headings). */
  keepWithNext?: number;
  /**
   * Right-aligned text on the paragraph's last line, with dot leaders between the end of the
   * text and it (tables of contents, agenda page ranges). Reserves `width` points on every line.
   */
  right?: { text: string; width: number; style?: FontStyle; leaders?: boolean };
  /** This paragraph is a heading of this level (1–6) in the document's structure (Flow.heading: 2 unless given). */
  heading?: number;
}

export interface CellParagraph extends ParagraphOptions {
  text: RichText;
}
export type CellContent = string | CellParagraph[];
export interface Cell {
  content: CellContent;
  fill?: Colour;
}
export interface TableOptions extends TextStyle {
  /** Column widths: fractions of the available width (summing to 1) or points (summing to more than 1). */
  columns: number[];
  header?: Cell[][];
  rows: Cell[][];
  borders?: 'grid' | 'outer' | 'none';
  padding?: number;
  indent?: number;
  spaceAfter?: number;
  borderWidth?: number;
}

export interface FlowOptions {
  pageSize?: { width: number; height: number };
  margins?: { top: number; right: number; bottom: number; left: number };
  bodySize?: number;
  lineHeight?: number;
}
