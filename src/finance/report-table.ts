// A table of the generated report, as the page, the PDF and the Word file all print it: plain text cells, which
// columns hold figures, their widths as fractions of the page, and the notes printed under it.
export type RowKind = 'heading' | 'subheading' | 'line' | 'total';
export interface DocRow {
  cells: string[];
  kind: RowKind;
}
export interface DocTable {
  title: string;
  caption: string;
  head: string[];
  /** Which columns hold figures (right-aligned). */
  numeric: boolean[];
  widths: number[];
  rows: DocRow[];
  notes: string[];
}
