// Reading a PDF's tags back for tests, with tools that did not write them: pdf.js (the structure tree
// of each page as a browser's viewer and its accessibility layer see it, and which text is marked as
// what) and pdf-lib's parser for what pdf.js does not report (fonts, header cells' scope, viewer
// preferences).
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TaggedElement {
  role: string;
  /** Text of the element's content on this page (its descendants' too). */
  text: string;
  alt?: string;
  page: number;
  depth: number;
}

export interface TagReport {
  marked: boolean;
  title?: string;
  lang?: string;
  displayDocTitle: boolean;
  /** Each element with content on a page, depth-first, once per page it appears on. */
  elements: TaggedElement[];
  /** Text drawn outside any marked content (neither an element's content nor an artifact). */
  unmarkedText: string[];
  /** Text marked as an artifact. */
  artifactText: string[];
  /** Fonts without an embedded font program. */
  unembeddedFonts: string[];
  /** Header cells (TH) and how many say which cells they head (/Scope). */
  headerCells: { total: number; scoped: number };
}

interface StructNode {
  role?: string;
  alt?: string;
  type?: string;
  id?: string;
  children?: StructNode[];
}

type Item = { type?: string; id?: string; tag?: string; str?: string };

export async function readTags(bytes: Uint8Array): Promise<TagReport> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  const report: TagReport = {
    marked: false,
    displayDocTitle: false,
    elements: [],
    unmarkedText: [],
    artifactText: [],
    unembeddedFonts: [],
    headerCells: { total: 0, scoped: 0 },
  };
  try {
    const info = (await doc.getMetadata()).info as { Title?: string; Language?: string };
    report.title = info.Title;
    report.lang = info.Language;
    report.marked = (await doc.getMarkInfo())?.Marked === true;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      // The text of each marked-content id, and the text outside any marked content.
      const byId = new Map<string, string>();
      const stack: { id?: string; tag?: string }[] = [];
      const content = await page.getTextContent({ includeMarkedContent: true });
      for (const item of content.items as Item[]) {
        if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') stack.push({ id: item.id, tag: item.tag });
        else if (item.type === 'endMarkedContent') stack.pop();
        else if (item.str?.trim()) {
          const id = [...stack].reverse().find((s) => s.id)?.id;
          if (stack.some((s) => s.tag === 'Artifact')) report.artifactText.push(item.str);
          else if (id) byId.set(id, `${byId.get(id) ?? ''} ${item.str}`);
          else report.unmarkedText.push(item.str);
        }
      }
      const tree = (await page.getStructTree()) as StructNode | null;
      const walk = (node: StructNode, depth: number): string => {
        if (node.type === 'content') return node.id ? (byId.get(node.id) ?? '') : '';
        const text = (node.children ?? []).map((c) => walk(c, depth + 1)).join(' ');
        if (node.role && node.role !== 'Root') {
          const clean = text.replace(/\s+/g, ' ').trim();
          report.elements.push({ role: node.role, text: clean, ...(node.alt ? { alt: node.alt } : {}), page: n, depth });
        }
        return text;
      };
      if (tree) {
        // Post-order above; put parents before their children.
        const start = report.elements.length;
        walk(tree, 0);
        const mine = report.elements.splice(start);
        report.elements.push(...reorder(mine));
      }
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }

  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  report.displayDocTitle = pdf.catalog.getViewerPreferences()?.getDisplayDocTitle() ?? false;
  const seen = new Set<string>();
  for (const page of pdf.getPages()) {
    const fonts = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [name, ref] of fonts?.entries() ?? []) {
      const key = ref instanceof PDFRef ? ref.toString() : name.toString();
      if (seen.has(key)) continue;
      seen.add(key);
      const font = pdf.context.lookup(ref, PDFDict);
      const descendant = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0, PDFDict);
      const descriptor = (descendant ?? font).lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
      const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((k) => descriptor?.has(PDFName.of(k)));
      if (!embedded) report.unembeddedFonts.push(String(font.get(PDFName.of('BaseFont'))));
    }
  }
  for (const [, obj] of pdf.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('S')) !== PDFName.of('TH')) continue;
    report.headerCells.total++;
    if (obj.lookupMaybe(PDFName.of('A'), PDFDict)?.has(PDFName.of('Scope'))) report.headerCells.scoped++;
  }
  return report;
}

/** Elements collected children-first for one page, put back into document order (parents first). */
function reorder(elements: TaggedElement[]): TaggedElement[] {
  const out: TaggedElement[] = [];
  const pending: TaggedElement[][] = [];
  for (const e of elements) {
    // Every element collected so far at a greater depth is a descendant of this one.
    const kids: TaggedElement[] = [];
    while (pending.length && pending[pending.length - 1]![0]!.depth > e.depth) kids.unshift(...pending.pop()!);
    pending.push([e, ...kids]);
  }
  for (const group of pending) out.push(...group);
  return out;
}

/** The roles in a report, in order, with their text. */
export const rolesOf = (r: TagReport, role: string) => r.elements.filter((e) => e.role === role);
