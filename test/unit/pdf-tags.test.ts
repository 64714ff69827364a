// The layout engine's tagged PDF, read back with pdf.js: a small document laid out with the Flow has
// headings by level, paragraphs, bulleted and numbered lists, a table whose header cells head their
// columns (and whose header repeated on the next page is an artifact), a figure with alternative
// text, its title and language; page numbers are artifacts, every font is embedded, and nothing is
// drawn outside marked content. Pages copied into another document keep their tags when they are ours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFNumber, StandardFonts } from 'pdf-lib';
import { appendPages, BLACK, Flow, HEADER_FILL, newDocument, type Cell } from '../../src/documents/pdf-layout.ts';
import { drawWatermark } from '../../src/minutes/documents/minutes-pdf.ts';
import { readTags, rolesOf } from './pdf-tags-reader.ts';

const head = (text: string): Cell => ({ content: [{ text, style: 'bold' }], fill: HEADER_FILL });

/** Seed 001's exception-report shape, cut down: a heading, numbered paragraphs, bullets, a long table, a chart. */
function layout(): Flow {
  const flow = new Flow();
  flow.paragraph('QUARTERLY UPDATE REPORT ON KEY PARTNERSHIPS', { style: 'bold', size: 13, align: 'center', heading: 1 });
  flow.heading('A) CAMBRIDGESHIRE HORIZONS');
  flow.paragraph('Cambridgeshire Horizons was set up in 2004 to deliver the growth agenda.', { hang: '1.1' });
  flow.paragraph('Cambridgeshire Horizons is responsible for the following:', { hang: '1.2' });
  flow.paragraph('Infrastructure delivery', { indent: 40, hang: '•', hangWidth: 12 });
  flow.paragraph('Funding bids', { indent: 40, hang: '•', hangWidth: 12 });
  flow.heading('Indicators', { heading: 3 });
  flow.paragraph('Highlights of the quarter:\n- NI 154 net additional homes\n- NI 155 affordable homes');
  flow.table({
    columns: [0.52, 0.16, 0.16, 0.16],
    header: [[head('Indicator'), head('Baseline'), head('Target'), head('Actual')]],
    rows: Array.from({ length: 70 }, (_, i) => [`NI ${100 + i} indicator`, '10', '20', `${i}`].map((content) => ({ content }))),
  });
  flow.figure('Bar chart: NI 154 is 40 under target.', () => {
    flow.ops.push({ kind: 'rect', x: 100, y: flow.y, w: 200, h: 12, fill: [0.83, 0.21, 0.11] });
    flow.ops.push({ kind: 'text', x: 310, y: flow.y + 10, text: '40 under', style: 'regular', size: 9, colour: BLACK });
    flow.y += 16;
  });
  flow.paragraph('The end.');
  flow.numberPages({ size: 8.5, baseline: 20, colour: [0.35, 0.35, 0.35] });
  return flow;
}

/** The layout box of the document's figure. */
async function figureBox(bytes: Uint8Array): Promise<number[]> {
  const pdf = await PDFDocument.load(bytes);
  const dict = pdf.context
    .enumerateIndirectObjects()
    .map(([, o]) => o)
    .find((o): o is PDFDict => o instanceof PDFDict && o.get(PDFName.of('S')) === PDFName.of('Figure'))!;
  return dict
    .lookup(PDFName.of('A'), PDFDict)
    .lookup(PDFName.of('BBox'), PDFArray)
    .asArray()
    .map((n) => (n as PDFNumber).asNumber());
}

async function tagged(): Promise<Uint8Array> {
  const pdf = await layout().render();
  pdf.setTitle('Quarterly update', { showInWindowTitleBar: true });
  return pdf.save();
}

test('a Flow document is tagged: title, language, headings, lists, a table with header cells, a figure with alt text', async () => {
  const bytes = await tagged();
  const r = await readTags(bytes);
  assert.equal(r.marked, true);
  assert.equal(r.title, 'Quarterly update');
  assert.equal(r.lang, 'en-GB');
  assert.equal(r.displayDocTitle, true);
  assert.deepEqual(r.unembeddedFonts, []);
  assert.deepEqual(r.unmarkedText, [], 'everything drawn is content or an artifact');

  assert.deepEqual(
    rolesOf(r, 'H1').map((e) => e.text),
    ['QUARTERLY UPDATE REPORT ON KEY PARTNERSHIPS'],
  );
  assert.deepEqual(
    rolesOf(r, 'H2').map((e) => e.text),
    ['A) CAMBRIDGESHIRE HORIZONS'],
  );
  assert.deepEqual(
    rolesOf(r, 'H3').map((e) => e.text),
    ['Indicators'],
  );
  // Numbered paragraphs are one list; the bullets under 1.2 a list inside its item.
  assert.deepEqual(
    rolesOf(r, 'Lbl').map((e) => e.text),
    ['1.1', '1.2', '•', '•', '•', '•'],
  );
  const outer = r.elements.find((e) => e.role === 'L')!;
  assert.match(outer.text, /^1\.1 Cambridgeshire Horizons was set up .*1\.2 .*following: • Infrastructure delivery • Funding bids$/);
  const nested = r.elements.filter((e) => e.role === 'L' && e.depth > outer.depth && e.page === outer.page);
  assert.equal(nested[0]?.text, '• Infrastructure delivery • Funding bids');
  // A "- " bullet string: a paragraph, then a list.
  assert.ok(rolesOf(r, 'P').some((e) => e.text === 'Highlights of the quarter:'));
  assert.ok(rolesOf(r, 'LBody').some((e) => e.text === 'NI 155 affordable homes'));

  // The table runs over two pages: its header cells are tagged once, heading their columns; the repeat is an artifact.
  const tables = rolesOf(r, 'Table');
  assert.ok(new Set(tables.map((t) => t.page)).size >= 2, 'the table runs onto a second page');
  assert.deepEqual(
    rolesOf(r, 'TH').map((e) => e.text),
    ['Indicator', 'Baseline', 'Target', 'Actual'],
  );
  assert.deepEqual(r.headerCells, { total: 4, scoped: 4 });
  assert.ok(r.artifactText.includes('Indicator'), 'the repeated header is an artifact');
  assert.equal(rolesOf(r, 'TD').length, 70 * 4);
  assert.equal(rolesOf(r, 'THead').length, 1);

  const [figure] = rolesOf(r, 'Figure');
  assert.equal(figure?.alt, 'Bar chart: NI 154 is 40 under target.');
  assert.equal(figure?.text, '40 under');
  // Its layout box (PDF coordinates, from the foot of the page) holds the bar and its label.
  const bbox = await figureBox(bytes);
  assert.equal(bbox[0], 100);
  assert.ok(bbox[2]! > 310 && bbox[3]! > bbox[1]! && bbox[3]! < 841.89, `bbox ${bbox}`);

  // Page numbers are artifacts, not content.
  assert.ok(r.artifactText.includes('Page 1 of 3') || r.artifactText.some((t) => /^Page 1 of \d+$/.test(t)));
  assert.ok(!r.elements.some((e) => /Page \d+ of/.test(e.text)));
});

test('tagging does not move anything: the drawing operations are the same as the layout', async () => {
  const flow = layout();
  const texts = flow.pages.flat().filter((op) => op.kind === 'text').length;
  const pdf = await PDFDocument.load(await (await flow.render()).save());
  assert.equal(pdf.getPageCount(), flow.pageCount);
  // Each tagged operation belongs to an element the flow recorded.
  for (const op of flow.pages.flat()) if (op.tag !== undefined) assert.ok(flow.structure[op.tag], `op tagged ${op.tag}`);
  assert.ok(texts > 300);
});

test('pages copied into a pack keep their tags when they are ours, and an untagged paper is copied as it is', async () => {
  const pack = await newDocument();
  const front = new Flow();
  front.paragraph('COMMUNITIES AND PARTNERSHIP COMMITTEE', { heading: 1 });
  await front.render(pack);
  await appendPages(pack, await PDFDocument.load(await tagged()));
  const uploaded = await PDFDocument.create();
  const font = await uploaded.embedFont(StandardFonts.Helvetica);
  uploaded.addPage().drawText('An uploaded site plan', { x: 60, y: 700, size: 14, font });
  const copied = await appendPages(pack, await PDFDocument.load(await uploaded.save()));
  assert.equal(copied[0]!.node.get(PDFName.of('StructParents')), undefined);
  pack.setTitle('Agenda pack', { showInWindowTitleBar: true });
  const bytes = await pack.save();
  assert.deepEqual(await figureBox(bytes), await figureBox(await tagged()), "the figure's box is copied with it");
  const r = await readTags(bytes);
  assert.equal(r.marked, true);
  assert.deepEqual(
    rolesOf(r, 'H1').map((e) => [e.text, e.page]),
    [
      ['COMMUNITIES AND PARTNERSHIP COMMITTEE', 1],
      ['QUARTERLY UPDATE REPORT ON KEY PARTNERSHIPS', 2],
    ],
  );
  assert.equal(rolesOf(r, 'Figure')[0]?.alt, 'Bar chart: NI 154 is 40 under target.');
  assert.deepEqual(r.headerCells, { total: 4, scoped: 4 });
  // The uploaded page's text is outside the tree (its file is linked on its own), and its font is the uploader's.
  assert.deepEqual(r.unmarkedText, ['An uploaded site plan']);
  assert.deepEqual(r.unembeddedFonts, ['/Helvetica']);
});

test("draft minutes' DRAFT watermark is in an embedded font and an artifact, not content", async () => {
  const flow = new Flow();
  flow.paragraph('COMMUNITIES AND PARTNERSHIP COMMITTEE: DRAFT MINUTES', { heading: 1 });
  const pdf = await flow.render();
  await drawWatermark(pdf, 'DRAFT');
  pdf.setTitle('Draft minutes', { showInWindowTitleBar: true });
  const r = await readTags(await pdf.save());
  assert.deepEqual(r.unembeddedFonts, []);
  assert.deepEqual(r.unmarkedText, []);
  assert.ok(r.artifactText.includes('DRAFT'));
  assert.deepEqual(
    r.elements.map((e) => e.role),
    ['Document', 'H1'],
  );
});
