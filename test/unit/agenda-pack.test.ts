import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import { getDocument, Util } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PaperError, assemblePack, pdfPageCount, type PackInput, type PackItem } from '../../src/meetings/pack/agenda-pack.ts';
import { renderReportPdf } from '../../src/meetings/pack/report-pdf.ts';
import {
  NO_PRIORITY_IMPLICATIONS,
  NO_SIGNIFICANT_IMPLICATIONS,
  emptyReport,
  type ReportContent,
  type ReportSetting,
} from '../../src/meetings/report-template.ts';
import { pdfOutlineTitles, pdfPageTexts } from '../pdf-text.ts';

const BODY = 'Communities and Partnership Committee';
const setting = (itemNumber: number | null): ReportSetting => ({ bodyName: BODY, meetingDate: '2018-05-31', itemNumber });

/** A report filled in as an officer would (after seed 004's Community Resilience report). */
function report(title: string, backgroundParagraphs = 3): ReportContent {
  const r = emptyReport(title);
  r.from = 'Sarah Ferguson, Assistant Director, Housing, Communities and Youth';
  r.electoralDivisions = 'All';
  r.forwardPlanRef = '';
  r.keyDecision = false;
  r.purpose = 'To establish and agree the principles of community resilience to inform the development of a new strategy.';
  r.recommendations = [
    'To note and comment on the progress of the Community Resilience objective.',
    'To identify and agree additional ways for the Committee to focus its work.',
    'To agree the principles of community resilience.',
  ];
  r.officerContacts = [{ name: 'Sarah Ferguson', post: 'Assistant Director', email: 'sarah.ferguson@example.gov.uk', phone: '01223 729099' }];
  r.memberContacts = [{ name: 'Cllr Steve Criswell', post: 'Chairman', email: 'steve.criswell@example.gov.uk', phone: '01223 706385' }];
  r.background = Array.from(
    { length: backgroundParagraphs },
    (_, i) =>
      `Background paragraph number ${i + 1}. The formation of the Committee in July 2017 has ` +
      'enabled a greater focus to be applied to the importance of effective, meaningful partnership working and community engagement.',
  );
  r.background.push('Examples of current activity include:\n- Creation of a new Timebank.\n- Aligning actions and resources with those happening elsewhere.');
  r.mainIssues = ['The delivery plan suggests five broad outcomes for Community Resilience.', 'Resilient communities that are proud and confident.'];
  r.alignment = ['Community resilience supports the local economy.', '', ''];
  r.implications.publicHealth = 'Building community resilience supports individuals to take responsibility for their health.';
  r.clearances.resource = { status: 'cleared', officer: 'Tom Kelly', note: '' };
  r.clearances.procurement = { status: 'cleared', officer: 'Paul White', note: '' };
  r.clearances.legal = { status: 'cleared', officer: 'Fiona McMillan', note: '' };
  r.clearances.equality = { status: 'not_applicable', officer: '', note: '' };
  r.clearances.engagement = { status: 'cleared', officer: 'Matthew Hall', note: '' };
  r.clearances.localism = { status: 'cleared', officer: 'Adrian Chapman', note: '' };
  r.clearances.publicHealth = { status: 'cleared', officer: 'Val Thomas', note: '' };
  r.sourceDocuments = [];
  return r;
}

/**
 * A paper as an officer might upload it: a portrait page, a landscape plan stored portrait and turned
 * by /Rotate 90, a landscape page, and a cropped page (offset boxes) turned by /Rotate 270.
 */
async function uploadedPaper(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const first = doc.addPage([595.28, 841.89]);
  first.drawText('Appendix A: site plan and schedule', { x: 60, y: 780, size: 16, font });
  const turned = doc.addPage([595.28, 841.89]);
  turned.setRotation(degrees(90));
  turned.drawText('Landscape schedule of sites', { x: 100, y: 400, size: 14, font, rotate: degrees(90) });
  const wide = doc.addPage([841.89, 595.28]);
  wide.drawText('Wide page without rotation', { x: 60, y: 520, size: 14, font });
  const cropped = doc.addPage([595.28, 841.89]);
  cropped.setMediaBox(-40, 30, 640, 900); // not at the origin
  cropped.setCropBox(20, 120, 480, 620); // a smaller visible area, offset inside it
  cropped.setRotation(degrees(270));
  cropped.drawText('Cropped and turned the other way', { x: 60, y: 300, size: 14, font, rotate: degrees(270) });
  return doc.save();
}

async function onePager(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595.28, 841.89]).drawText('Agenda plan for the municipal year', { x: 60, y: 780, size: 14, font });
  return doc.save();
}

const noPaper = (number: number, title: string, extra: Partial<PackItem> = {}): PackItem => ({
  number,
  section: null,
  title,
  description: '',
  exemptNotice: null,
  paper: null,
  separateDownload: null,
  ...extra,
});

async function buildInput(): Promise<PackInput> {
  const minutesTitle = 'Minutes 17th April 2018';
  const resilienceTitle = 'Community Resilience Strategy Principles';
  return {
    council: 'Cambridgeshire County Council',
    bodyName: BODY,
    meetingDate: '2018-05-31',
    startTime: '14:00',
    venue: 'Room 128, Shire Hall, Castle Hill, Cambridge, CB3 0AP',
    heading: 'AGENDA',
    openToPublic: true,
    membership: ['Councillor Steve Criswell (Chairman)', 'Councillor Kevin Cuffley (Vice-Chairman)', 'Councillor Adela Costello'],
    clerk: { name: 'Rob Sanderson', phone: '01223 699181', email: 'rob.sanderson@example.gov.uk' },
    notes: ['Public speaking on the agenda items above is encouraged.'],
    items: [
      noPaper(1, 'Apologies for absence and declarations of interest', { description: 'Guidance on declaring interests is available.\n\nSecond paragraph.' }),
      { ...noPaper(2, minutesTitle), paper: { title: minutesTitle, pdf: await renderReportPdf(report(minutesTitle, 2), setting(2)) } },
      noPaper(3, 'Petitions and Public Questions'),
      {
        ...noPaper(4, resilienceTitle, { section: 'DECISIONS' }),
        paper: { title: resilienceTitle, pdf: await renderReportPdf(report(resilienceTitle, 24), setting(4)) },
      },
      { ...noPaper(5, 'Site plans', { section: 'DECISIONS' }), paper: { title: 'Site plans', pdf: await uploadedPaper() } },
      noPaper(6, 'Shared Services Update', { section: 'DECISIONS', separateDownload: { filename: 'shared.docx', reason: 'Word papers are not converted' } }),
      noPaper(7, 'Contract award', { section: 'DECISIONS', exemptNotice: 'Not for publication by virtue of paragraph 3' }),
      { ...noPaper(8, 'Agenda Plan', { section: 'INFORMATION' }), paper: { title: 'Agenda Plan', pdf: await onePager() } },
      noPaper(9, 'Date of Next Meeting'),
    ],
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('a pack is the front sheet then every paper, numbered, with page ranges and bookmarks that match', async () => {
  const input = await buildInput();
  const papers = input.items.filter((i) => i.paper);
  const paperPages = await Promise.all(papers.map((i) => pdfPageCount(i.paper!.pdf)));
  assert.ok(paperPages[1]! > 2, 'the long report runs to several pages');

  const pack = await assemblePack(input);
  const texts = await pdfPageTexts(pack.bytes);

  // Page count: front sheet plus every paper.
  assert.equal(pack.pageCount, pack.frontSheetPages + paperPages.reduce((a, b) => a + b, 0));
  assert.equal(texts.length, pack.pageCount);
  assert.ok(pack.frontSheetPages >= 1);

  // Every page is numbered "Page N of M", once.
  texts.forEach((text, i) => {
    const found = text.match(/Page \d+ of \d+/g) ?? [];
    assert.deepEqual(found, [`Page ${i + 1} of ${pack.pageCount}`], `page ${i + 1}: ${text.slice(-80)}`);
  });

  // Each paper starts where the result says, and where the front sheet says.
  const pageOf = (needle: string | RegExp) =>
    texts.findIndex((t, i) => i >= pack.frontSheetPages && (typeof needle === 'string' ? t.includes(needle) : needle.test(t))) + 1;
  const starts = [
    pageOf('Agenda Item No: 2 MINUTES 17TH APRIL 2018'),
    pageOf('Agenda Item No: 4 COMMUNITY RESILIENCE STRATEGY PRINCIPLES'),
    pageOf('Appendix A: site plan and schedule'),
    pageOf('Agenda plan for the municipal year'),
  ];
  let expectedFirst = pack.frontSheetPages + 1;
  assert.deepEqual(
    pack.items,
    papers.map((item, k) => {
      const entry = { number: item.number, firstPage: expectedFirst, lastPage: expectedFirst + paperPages[k]! - 1 };
      expectedFirst += paperPages[k]!;
      return entry;
    }),
  );
  assert.deepEqual(
    pack.items.map((i) => i.firstPage),
    starts,
  );

  const front = texts.slice(0, pack.frontSheetPages).join(' ');
  for (const [k, item] of papers.entries()) {
    const { firstPage, lastPage } = pack.items[k]!;
    const range = firstPage === lastPage ? `${firstPage}(?! -)` : `${firstPage} - ${lastPage}`;
    assert.match(front, new RegExp(`${item.number}\\. ${escapeRegExp(item.title)}[ .]*${range}`), `front sheet range for item ${item.number}`);
  }
  assert.equal(pack.items[3]!.firstPage, pack.items[3]!.lastPage, 'the agenda plan is a single page');
  for (const expected of [
    'COMMUNITIES AND PARTNERSHIP COMMITTEE',
    'Date: Thursday, 31 May 2018',
    'Time: 14:00',
    'AGENDA',
    'Open to Public and Press',
    'DECISIONS',
    'INFORMATION',
    'Paper available as a separate download: shared.docx (Word papers are not converted)',
    'Not for publication by virtue of paragraph 3',
    'Guidance on declaring interests is available. Second paragraph.',
    'Councillor Steve Criswell (Chairman)',
    'Clerk Name: Rob Sanderson',
    'Public speaking on the agenda items above is encouraged.',
  ]) {
    assert.ok(front.includes(expected), `front sheet has "${expected}"`);
  }

  // Bookmarks: the agenda, then one for every item, titled as the front sheet prints it (number and title),
  // at its paper's first page, or at the front-sheet page that lists an item with no paper in the pack.
  const outline = await pdfOutlineTitles(pack.bytes);
  assert.deepEqual(outline[0], { title: 'Agenda', page: 1 });
  assert.deepEqual(
    outline.slice(1).map((b) => b.title),
    input.items.map((item) => `${item.number}. ${item.title}`),
  );
  const paperStart = new Map(pack.items.map((i) => [i.number, i.firstPage]));
  for (const [k, item] of input.items.entries()) {
    const mark = outline[k + 1]!;
    // The front sheet prints the same words: the number, then the title.
    assert.match(front, new RegExp(`${item.number}\\. ${escapeRegExp(item.title)}`), `front sheet prints "${mark.title}"`);
    if (paperStart.has(item.number)) assert.equal(mark.page, paperStart.get(item.number), `${mark.title} opens its paper`);
    else {
      assert.ok(mark.page >= 1 && mark.page <= pack.frontSheetPages, `${mark.title} opens the front sheet`);
      assert.ok(texts[mark.page - 1]!.includes(`${item.number}. ${item.title}`), `${mark.title} opens the front-sheet page that lists it`);
    }
  }
  // The paper's own title may differ from the agenda's: the bookmark follows the agenda.
  const renamed = await assemblePack({
    ...input,
    items: input.items.map((i) => (i.number === 8 ? { ...i, paper: { title: 'Forward agenda plan (appendix)', pdf: i.paper!.pdf } } : i)),
  });
  assert.ok((await pdfOutlineTitles(renamed.bytes)).some((b) => b.title === '8. Agenda Plan'));

  const doc = await PDFDocument.load(pack.bytes);
  assert.equal(doc.getTitle(), 'Communities and Partnership Committee, 31 May 2018: agenda pack');
});

test('page numbers sit upright at the visual bottom centre, also on rotated and landscape pages', async () => {
  const input = await buildInput();
  const pack = await assemblePack(input);
  const sitePlan = pack.items.find((i) => i.number === 5)!;
  const doc = await getDocument({ data: new Uint8Array(pack.bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const checked: number[] = [];
    for (const n of [1, sitePlan.firstPage, sitePlan.firstPage + 1, sitePlan.firstPage + 2, sitePlan.firstPage + 3]) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: 1 });
      const items = (await page.getTextContent()).items.filter((i) => 'str' in i && /^Page \d+ of \d+$/.test(i.str));
      assert.equal(items.length, 1, `one page number on page ${n}`);
      const item = items[0] as { str: string; transform: number[]; width: number };
      const [a, b, , , x, y] = Util.transform(viewport.transform, item.transform) as number[];
      // Upright as displayed: text runs left to right, not turned.
      assert.ok(a! > 0 && Math.abs(b!) < 1e-6, `page ${n} number is upright (${a}, ${b})`);
      const centre = x! + item.width / 2;
      assert.ok(Math.abs(centre - viewport.width / 2) < 3, `page ${n} number is centred (${centre} of ${viewport.width})`);
      const fromFoot = viewport.height - y!;
      assert.ok(fromFoot > 15 && fromFoot < 25, `page ${n} number is at the foot (${fromFoot} from the bottom edge)`);
      checked.push(viewport.width > viewport.height ? 1 : 0);
    }
    assert.deepEqual(checked, [0, 0, 1, 1, 1], 'the turned pages and the wide page are shown landscape');
  } finally {
    await doc.destroy();
  }
});

test('an encrypted, damaged or non-PDF paper is refused with a clear message', async () => {
  // An encrypted PDF: a classic trailer carrying an /Encrypt dictionary.
  const plain = await (async () => {
    const d = await PDFDocument.create();
    d.addPage();
    return Buffer.from(await d.save({ useObjectStreams: false })).toString('latin1');
  })();
  const encrypted = new Uint8Array(
    Buffer.from(plain.replace(/trailer\s*<</, 'trailer\n<<\n/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>'), 'latin1'),
  );
  await assert.rejects(
    pdfPageCount(encrypted),
    (err: unknown) => err instanceof PaperError && /encrypted/.test(err.message) && /without a password/.test(err.message),
  );
  await assert.rejects(
    pdfPageCount(new TextEncoder().encode('Minutes of the meeting, in a text file')),
    (err: unknown) =>
      err instanceof PaperError && err.message === 'The PDF could not be read: it is not a PDF file. Save the paper as PDF and upload it again.',
  );
  await assert.rejects(pdfPageCount(new Uint8Array(0)), PaperError);
  await assert.rejects(pdfPageCount(new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage')), PaperError);

  const input = await buildInput();
  input.items[5] = { ...input.items[5]!, paper: { title: 'Locked', pdf: encrypted } };
  await assert.rejects(
    assemblePack(input),
    (err: unknown) =>
      err instanceof PaperError &&
      err.message.startsWith('The PDF for item 6 could not be read: it is encrypted') &&
      /Upload a copy without a password/.test(err.message),
  );
});

test('a report prints the template: header, lettered recommendations, numbered paragraphs and clearances', async () => {
  const bytes = await renderReportPdf(report('Community Resilience Strategy Principles'), setting(5));
  const text = (await pdfPageTexts(bytes)).join(' ');
  for (const expected of [
    'Agenda Item No: 5',
    'COMMUNITY RESILIENCE STRATEGY PRINCIPLES',
    'To: Communities and Partnership Committee',
    'Meeting Date: 31 May 2018',
    'From: Sarah Ferguson, Assistant Director, Housing, Communities and Youth',
    'Electoral division(s): All',
    'Forward Plan ref: Not applicable Key decision: No',
    'Purpose: To establish and agree the principles',
    'Recommendation: a) To note and comment',
    'b) To identify and agree',
    'c) To agree the principles of community resilience.',
    'Officer contact:',
    'Member contacts:',
    'Name: Sarah Ferguson',
    'Names: Cllr Steve Criswell',
    '1. BACKGROUND',
    '1.1 Background paragraph number 1.',
    '1.3 Background paragraph number 3.',
    '1.4 Examples of current activity include: • Creation of a new Timebank.',
    '2. MAIN ISSUES',
    '2.1 The delivery plan',
    '2.2 Resilient communities',
    '3. ALIGNMENT WITH CORPORATE PRIORITIES',
    '3.1 Developing the local economy for the benefit of all Community resilience supports the local economy.',
    `3.2 Helping people live healthy and independent lives ${NO_PRIORITY_IMPLICATIONS}`,
    '4. SIGNIFICANT IMPLICATIONS',
    `4.1 Resource Implications ${NO_SIGNIFICANT_IMPLICATIONS}`,
    '4.7 Public Health Implications Building community resilience',
    'Implications Officer Clearance',
    'Have the resource implications been cleared by Finance? Yes. Name of officer: Tom Kelly',
    'cleared by your Service Contact? Not applicable',
    'Source Documents Location None',
  ]) {
    assert.ok(text.includes(expected), `report has "${expected}"`);
  }

  const keyed = report('A key decision');
  keyed.forwardPlanRef = '2018/041';
  keyed.keyDecision = true;
  const keyedText = (await pdfPageTexts(await renderReportPdf(keyed, setting(null)))).join(' ');
  assert.ok(keyedText.includes('Forward Plan ref: 2018/041 Key decision: Yes'));
  assert.ok(!keyedText.includes('Agenda Item No'));
});

test('a report with non-Latin and unusual characters renders without throwing', async () => {
  const r = report('Łódź twinning – café “plans” for £1,000 ’24 • 🎉 review');
  r.from = 'Zoë Brontë, Directrice générale';
  r.background = ['Visit to Łódź and Kraków – costs £2,500 (€2,900); “Straße” ½ • bullet ✓ 👍🏽 family 👨‍👩‍👧 \u0007 tab\there e\u0301'];
  r.officerContacts = [{ name: 'Małgorzata Żółć', post: 'Officer', email: 'm.zolc@example.gov.uk', phone: '☎ 01223' }];
  const bytes = await renderReportPdf(r, setting(3));
  const text = (await pdfPageTexts(bytes)).join(' ');
  assert.ok(text.includes('ŁÓDŹ TWINNING – CAFÉ “PLANS” FOR £1,000 ’24 • ? REVIEW'), text.slice(0, 200));
  assert.ok(text.includes('Visit to Łódź and Kraków – costs £2,500 (€2,900); “Straße” ½ • bullet ✓ ?? family ??? tab here é'), text);
  assert.ok(text.includes('Małgorzata Żółć'));
});
