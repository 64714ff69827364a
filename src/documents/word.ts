// The council's Word layout shared by every generated Word document: A4, Arial, 2 cm margins,
// styles, running header and "Page N of M" footer, ruled landscape tables, bullets, text runs.
import {
  AlignmentType,
  BorderStyle,
  Footer,
  Header,
  LevelFormat,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  type TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IRunOptions,
  type ISectionOptions,
  type ParagraphChild,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';

// Word measures in twentieths of a point (twips) and font sizes in half-points.
const CM = 567;
export const FONT = 'Arial';
export const A4_TWIPS = { width: 11906, height: 16838 } as const;
/** Page margins on every side: 2 cm. */
export const MARGIN = 2 * CM;

/**
 * Text that is safe in XML 1.0 (and so in a Word file): C0 control characters other than tab and
 * newline, U+FFFE/U+FFFF and unpaired surrogates are removed; CR/LF becomes LF.
 */
export function xmlSafe(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
  );
}

/**
 * Text as Word runs: characters XML cannot hold removed (docx escapes & < > " itself), and each
 * line break in the text a real line break.
 */
export function runs(text: string, options: Omit<IRunOptions, 'text' | 'children' | 'break'> = {}): TextRun[] {
  return xmlSafe(text)
    .split('\n')
    .map((line, i) => new TextRun({ ...options, text: line, break: i > 0 ? 1 : undefined }));
}

/** A real tab (w:tab), moving to the paragraph's next tab stop or its hanging indent. */
export const tab = (): TextRun => new TextRun({ children: [new Tab()] });

/** A landscape table across the page, ruled inside and out, as the action log and the delivery plan print. */
const RULE = { style: BorderStyle.SINGLE, size: 4, color: '595959' } as const;
export const LANDSCAPE_TABLE_WIDTH = A4_TWIPS.height - 2 * MARGIN; // the long side across
export const ruledTable = (columnWidths: number[], rows: TableRow[]) =>
  new Table({
    width: { size: LANDSCAPE_TABLE_WIDTH, type: WidthType.DXA },
    columnWidths,
    borders: { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE },
    rows,
  });

/** The numbering of a bulleted list (•) with the given left indent. */
export const bulletNumbering = (reference: string, left: number) => ({
  reference,
  levels: [
    {
      level: 0,
      format: LevelFormat.BULLET,
      text: '\u2022',
      alignment: AlignmentType.LEFT,
      style: { paragraph: { indent: { left, hanging: 360 } } },
    },
  ],
});

export function documentStyles() {
  return {
    default: {
      document: {
        run: { font: FONT, size: 24, language: { value: 'en-GB' } },
        paragraph: { spacing: { after: 160, line: 264 } },
      },
      heading1: {
        run: { font: FONT, size: 28, bold: true, color: '000000' },
        paragraph: { spacing: { before: 120, after: 200 }, keepNext: true },
      },
      heading2: {
        run: { font: FONT, size: 24, bold: true, color: '000000' },
        paragraph: { spacing: { before: 320, after: 160 }, keepNext: true, keepLines: true },
      },
    },
  };
}

/**
 * One section: A4 (portrait or landscape), 2 cm margins, the running header (left and right
 * texts over a rule, and a watermark when given) and "Page N of M" centred in the footer.
 */
export function section(opts: {
  width: number;
  height: number;
  landscape: boolean;
  header: { left: string; right: string };
  watermark: string | null;
  children: ISectionOptions['children'];
}): ISectionOptions {
  const contentWidth = (opts.landscape ? opts.height : opts.width) - 2 * MARGIN;
  const small = { size: 18, color: '595959' } as const;
  const headerChildren: ParagraphChild[] = [...runs(opts.header.left, { ...small, bold: true }), tab(), ...runs(opts.header.right, small)];
  if (opts.watermark) headerChildren.push(new TextWatermark({ text: opts.watermark, font: FONT, color: 'C0C0C0', opacity: 0.35 }));
  return {
    properties: {
      page: {
        size: { width: opts.width, height: opts.height, orientation: opts.landscape ? 'landscape' : 'portrait' },
        margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: Math.round(0.9 * CM), footer: Math.round(0.9 * CM) },
      },
    },
    headers: {
      default: new Header({
        children: [
          new Paragraph({
            tabStops: [{ type: TabStopType.RIGHT, position: contentWidth }],
            border: { bottom: { style: BorderStyle.SINGLE, size: 4, color: '808080', space: 2 } },
            children: headerChildren,
          }),
        ],
      }),
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ ...small, children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })],
          }),
        ],
      }),
    },
    children: opts.children,
  };
}
