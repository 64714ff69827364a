// Tagged PDF for the layout engine (./pdf-layout.ts): the logical structure a Flow records as it lays
// content out (headings, paragraphs, lists, tables with header cells, figures with alternative text),
// written as marked content on each page and a structure tree in the document, so screen readers and
// reflow read the document in order. Everything drawn that is not content (page numbers, running
// headers, rules, cell fills, repeated table headers, watermarks) is marked as an artifact.
//
// pdf-lib has no tagging API; this writes the PDF objects directly (ISO 32000-1, 14.7–14.8): the
// catalog's /StructTreeRoot (a /Document element holding the content's elements) with a /ParentTree
// mapping each page's /StructParents to the element of each marked-content id (MCID) on it,
// /MarkInfo << /Marked true >>, /Lang, and /DisplayDocTitle. Several Flows may be rendered into one
// document (an agenda pack's front sheet, then other pages): each appends to the same tree.
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFOperator,
  PDFOperatorNames,
  PDFRef,
  PDFString,
  type PDFDocument,
  type PDFObject,
  type PDFPage,
} from 'pdf-lib';
import { textWidth } from './pdf-fonts.ts';
import type { Op } from './pdf-options.ts';

export type StructRole =
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'Table'
  | 'THead'
  | 'TBody'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Figure';

/** One element of a document's logical structure; `parent` is the index of its parent (none: top level). */
export interface StructNode {
  role: StructRole;
  parent?: number;
  /** Alternative text (figures). */
  alt?: string;
  /** Which cells a header cell heads (TH). */
  scope?: 'Column' | 'Row';
  /** Where a figure is drawn on its first page: left, top, right, bottom, measured from the top-left corner. */
  box?: [number, number, number, number];
}

/** The heading role for a level, clamped to 1–6. */
export function headingRole(level: number): StructRole {
  return `H${Math.min(6, Math.max(1, Math.round(level)))}` as StructRole;
}

interface Tree {
  documentRef: PDFRef;
  kids: PDFArray;
  nums: PDFArray;
  root: PDFDict;
  nextKey: number;
}
const trees = new WeakMap<PDFDocument, Tree>();

/** The document's structure tree, created (with the catalog entries a tagged PDF needs) on first use. */
function treeOf(doc: PDFDocument): Tree {
  let tree = trees.get(doc);
  if (tree) return tree;
  const ctx = doc.context;
  const rootRef = ctx.nextRef();
  const documentRef = ctx.nextRef();
  const kids = ctx.obj([]);
  const nums = ctx.obj([]);
  ctx.assign(documentRef, ctx.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: kids }));
  const root = ctx.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: ctx.register(ctx.obj({ Nums: nums })), ParentTreeNextKey: 0 });
  ctx.assign(rootRef, root);
  doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
  doc.catalog.set(PDFName.of('MarkInfo'), ctx.obj({ Marked: true }));
  if (!doc.catalog.get(PDFName.of('Lang'))) doc.setLanguage('en-GB');
  doc.catalog.getOrCreateViewerPreferences().setDisplayDocTitle(true);
  tree = { documentRef, kids, nums, root, nextKey: 0 };
  trees.set(doc, tree);
  return tree;
}

/** Marks content on one page: each run of drawing is either an element's content (with an MCID) or an artifact. */
export class PageMarks {
  private open = false;
  private current: number | null | undefined = undefined;
  constructor(
    private readonly page: PDFPage,
    private readonly writer: TagWriter,
    private readonly parents: PDFArray,
  ) {}

  /** Starts drawing for the element `node` (null: an artifact), closing the previous run if it differs. */
  mark(node: number | null): void {
    if (this.open && this.current === node) return;
    this.close();
    if (node === null) {
      this.page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Artifact')]));
    } else {
      const mcid = this.parents.size();
      this.parents.push(this.writer.refOf(node));
      this.writer.addContent(node, this.page, mcid);
      const props = this.page.doc.context.obj({ MCID: mcid });
      this.page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of(this.writer.roleOf(node)), props as never]));
    }
    this.open = true;
    this.current = node;
  }

  close(): void {
    if (this.open) this.page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
    this.open = false;
    this.current = undefined;
  }
}

/** Writes a list of structure nodes into a document's tree, as their content is drawn page by page. */
export class TagWriter {
  private readonly tree: Tree;
  private readonly refs: PDFRef[];
  private readonly content: { page: PDFPage; mcid: number }[][];

  constructor(
    private readonly doc: PDFDocument,
    private readonly nodes: readonly StructNode[],
  ) {
    this.tree = treeOf(doc);
    this.refs = nodes.map(() => doc.context.nextRef());
    this.content = nodes.map(() => []);
  }

  refOf(node: number): PDFRef {
    return this.refs[node]!;
  }
  roleOf(node: number): StructRole {
    return this.nodes[node]!.role;
  }
  addContent(node: number, page: PDFPage, mcid: number): void {
    this.content[node]!.push({ page, mcid });
  }

  /** Registers a page of the tree: its /StructParents key, tab order, and the marker for its content. */
  page(page: PDFPage): PageMarks {
    const parents = this.doc.context.obj([]);
    const key = this.tree.nextKey++;
    this.tree.nums.push(PDFNumber.of(key));
    this.tree.nums.push(this.doc.context.register(parents));
    this.tree.root.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(this.tree.nextKey));
    page.node.set(PDFName.of('StructParents'), PDFNumber.of(key));
    page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
    return new PageMarks(page, this, parents);
  }

  /** Writes every element (call once all pages are drawn). */
  finish(): void {
    const ctx = this.doc.context;
    const children = this.nodes.map((): PDFRef[] => []);
    this.nodes.forEach((n, i) => {
      if (n.parent === undefined) this.tree.kids.push(this.refs[i]!);
      else children[n.parent]!.push(this.refs[i]!);
    });
    this.nodes.forEach((n, i) => {
      const parent = n.parent === undefined ? this.tree.documentRef : this.refs[n.parent]!;
      const items = this.content[i]!;
      const first = items[0]?.page;
      const kids: PDFObject[] = [...children[i]!];
      for (const item of items) {
        kids.push(item.page === first ? PDFNumber.of(item.mcid) : ctx.obj({ Type: 'MCR', Pg: item.page.ref, MCID: item.mcid }));
      }
      const elem = ctx.obj({ Type: 'StructElem', S: n.role, P: parent });
      elem.set(PDFName.of('K'), ctx.obj(kids));
      if (first) elem.set(PDFName.of('Pg'), first.ref);
      if (n.alt !== undefined) elem.set(PDFName.of('Alt'), PDFHexString.fromText(n.alt));
      if (n.scope) elem.set(PDFName.of('A'), ctx.obj({ O: 'Table', Scope: n.scope }));
      if (n.box && first) {
        const [left, top, right, bottom] = n.box;
        const h = first.getHeight();
        elem.set(PDFName.of('A'), ctx.obj({ O: 'Layout', BBox: [left, h - bottom, right, h - top].map((v) => Math.round(v * 100) / 100) }));
      }
      ctx.assign(this.refs[i]!, elem);
    });
  }
}

/** The box (left, top, right, bottom from the top-left corner) around what operations draw; text reaches up by its size. */
export function boxOf(ops: readonly Op[]): [number, number, number, number] | undefined {
  if (!ops.length) return undefined;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const op of ops) {
    if (op.kind === 'rect') {
      xs.push(op.x, op.x + op.w);
      ys.push(op.y, op.y + op.h);
    } else if (op.kind === 'line') {
      xs.push(op.x1, op.x2);
      ys.push(op.y1, op.y2);
    } else {
      xs.push(op.x, op.x + textWidth(op.text, op.style, op.size));
      ys.push(op.y - op.size, op.y + op.size * 0.25);
    }
  }
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Draws something on a page as an artifact (page numbers, stamps, watermarks drawn after the layout). */
export function asArtifact(page: PDFPage, draw: () => void): void {
  page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContent, [PDFName.of('Artifact')]));
  draw();
  page.pushOperators(PDFOperator.of(PDFOperatorNames.EndMarkedContent));
}

/**
 * Copies every page of another document to the end of `target` and returns them. When the source's
 * structure tree is one this module can copy faithfully (as every document the product generates:
 * standard roles only, no role map, a flat parent tree), its elements are copied under the target's
 * /Document element and the copied pages' marked content is mapped in the target's parent tree, so a
 * generated paper stays tagged inside an agenda pack. Any other tree (most uploaded papers) is
 * dropped, as pdf-lib's copyPages drops it: the pages are copied as they are, their content outside
 * the target's tree, and the paper's own file keeps its tags.
 */
export async function appendPages(target: PDFDocument, source: PDFDocument): Promise<PDFPage[]> {
  const copied = await target.copyPages(source, source.getPageIndices());
  for (const page of copied) target.addPage(page);
  const srcPages = source.getPages();
  let merged = false;
  try {
    merged = copyTree(target, source, srcPages, copied);
  } catch {
    merged = false;
  }
  if (!merged) for (const page of copied) page.node.delete(PDFName.of('StructParents'));
  return copied;
}

const ROLES = new Set<string>([
  'Document',
  'Part',
  'Sect',
  'Div',
  'Span',
  'Caption',
  'TFoot',
  'Link',
  'Note',
  'Reference',
  'Quote',
  'BlockQuote',
  'TOC',
  'TOCI',
]);
for (const r of ['H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'THead', 'TBody', 'TR', 'TH', 'TD', 'Figure']) ROLES.add(r);
/** More elements than this and the tree is not copied (a guard against pathological files). */
const MAX_ELEMENTS = 50_000;

function copyTree(target: PDFDocument, source: PDFDocument, srcPages: PDFPage[], copied: PDFPage[]): boolean {
  const src = source.context;
  const root = source.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root || root.has(PDFName.of('RoleMap'))) return false;
  const parentTree = root.lookupMaybe(PDFName.of('ParentTree'), PDFDict);
  const nums = parentTree?.lookupMaybe(PDFName.of('Nums'), PDFArray);
  if (!parentTree || !nums || parentTree.has(PDFName.of('Kids'))) return false;

  const pageMap = new Map<PDFRef, PDFRef>();
  srcPages.forEach((p, i) => pageMap.set(p.ref, copied[i]!.ref));
  const ctx = target.context;
  const elements = new Map<PDFRef, PDFRef>();
  const pending: { dict: PDFDict; newRef: PDFRef; parent: PDFRef | null }[] = []; // null: the target's /Document
  const listOf = (k: PDFObject | undefined): PDFObject[] => (k instanceof PDFArray ? k.asArray() : k ? [k] : []);
  const mapPage = (pg: PDFObject | undefined): PDFRef | undefined => (pg instanceof PDFRef ? pageMap.get(pg) : undefined);

  // Top-level elements: the children of a /Document element, or the root's own children.
  const tops: PDFRef[] = [];
  for (const k of listOf(root.get(PDFName.of('K')))) {
    if (!(k instanceof PDFRef)) return false;
    const d = src.lookup(k);
    if (!(d instanceof PDFDict)) return false;
    const s = d.get(PDFName.of('S'));
    if (s instanceof PDFName && s.decodeText() === 'Document') {
      for (const kid of listOf(d.get(PDFName.of('K')))) if (kid instanceof PDFRef) tops.push(kid);
    } else tops.push(k);
  }
  const visit = (ref: PDFRef, parent: PDFRef | null): boolean => {
    if (elements.has(ref) || elements.size >= MAX_ELEMENTS) return false;
    const dict = src.lookup(ref);
    if (!(dict instanceof PDFDict)) return false;
    const s = dict.get(PDFName.of('S'));
    if (!(s instanceof PDFName) || !ROLES.has(s.decodeText())) return false;
    const newRef = ctx.nextRef();
    elements.set(ref, newRef);
    pending.push({ dict, newRef, parent });
    for (const k of listOf(dict.get(PDFName.of('K')))) {
      if (k instanceof PDFRef) {
        const kid = src.lookup(k);
        const isElem = kid instanceof PDFDict && !kid.has(PDFName.of('MCID')) && !kid.has(PDFName.of('Obj'));
        if (isElem && !visit(k, newRef)) return false;
      }
    }
    return true;
  };
  for (const top of tops) if (!visit(top, null)) return false;

  // Every page's marked content must resolve to copied elements.
  const parentsByKey = new Map<number, PDFArray>();
  for (let i = 0; i + 1 < nums.size(); i += 2) {
    const key = nums.lookup(i);
    const arr = nums.lookup(i + 1);
    if (key instanceof PDFNumber && arr instanceof PDFArray) parentsByKey.set(key.asNumber(), arr);
  }
  const pageParents: { page: PDFPage; parents: PDFArray }[] = [];
  for (const [i, srcPage] of srcPages.entries()) {
    const key = srcPage.node.get(PDFName.of('StructParents'));
    if (!(key instanceof PDFNumber)) continue;
    const arr = parentsByKey.get(key.asNumber());
    if (!arr) return false;
    const mapped: PDFObject[] = [];
    for (const item of arr.asArray()) {
      const ref = item instanceof PDFRef ? elements.get(item) : undefined;
      if (ref) mapped.push(ref);
      else if (item === PDFNull)
        mapped.push(PDFNull); // an MCID not used
      else return false;
    }
    pageParents.push({ page: copied[i]!, parents: ctx.obj(mapped) });
  }

  // All checks passed: write the elements and the parent tree entries.
  const tree = treeOf(target);
  for (const { dict, newRef, parent: parentRef } of pending) {
    const parent = parentRef ?? tree.documentRef;
    const kids: PDFObject[] = [];
    for (const k of listOf(dict.get(PDFName.of('K')))) {
      if (k instanceof PDFNumber) kids.push(k);
      else if (k instanceof PDFRef && elements.has(k)) kids.push(elements.get(k)!);
      else {
        const mcr = k instanceof PDFRef ? src.lookup(k) : k;
        if (!(mcr instanceof PDFDict) || !mcr.has(PDFName.of('MCID'))) continue; // object references (annotations) are not copied
        const pg = mapPage(mcr.get(PDFName.of('Pg')));
        kids.push(ctx.obj({ Type: 'MCR', MCID: mcr.get(PDFName.of('MCID'))!, ...(pg ? { Pg: pg } : {}) }));
      }
    }
    const elem = ctx.obj({ Type: 'StructElem', S: dict.get(PDFName.of('S'))!, P: parent, K: kids });
    const pg = mapPage(dict.get(PDFName.of('Pg')));
    if (pg) elem.set(PDFName.of('Pg'), pg);
    for (const key of ['Alt', 'ActualText', 'Lang', 'E', 'T']) {
      const v = dict.lookup(PDFName.of(key));
      if (v instanceof PDFString || v instanceof PDFHexString) elem.set(PDFName.of(key), v);
    }
    // Attributes (a header cell's scope, a figure's box): names, numbers and arrays of numbers only.
    const a = dict.lookup(PDFName.of('A'));
    if (a instanceof PDFDict) {
      const copy = ctx.obj({});
      for (const [key, value] of a.entries()) {
        const v = value instanceof PDFRef ? src.lookup(value) : value;
        const plain = v instanceof PDFName || v instanceof PDFNumber || (v instanceof PDFArray && v.asArray().every((x) => x instanceof PDFNumber));
        if (plain) copy.set(key, v instanceof PDFArray ? ctx.obj(v.asArray()) : v);
      }
      elem.set(PDFName.of('A'), copy);
    }
    ctx.assign(newRef, elem);
    if (parent === tree.documentRef) tree.kids.push(newRef);
  }
  for (const { page, parents } of pageParents) {
    const key = tree.nextKey++;
    tree.nums.push(PDFNumber.of(key));
    tree.nums.push(ctx.register(parents));
    page.node.set(PDFName.of('StructParents'), PDFNumber.of(key));
    page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
  }
  tree.root.set(PDFName.of('ParentTreeNextKey'), PDFNumber.of(tree.nextKey));
  return true;
}
