import { test } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import type { ActionLogDocument, ActionLogRow, MinutesDocument } from '../../src/minutes/minutes-document.ts';
import { layoutActionLog, renderActionLogPdf } from '../../src/minutes/documents/action-log-pdf.ts';
import { renderActionLogDocx } from '../../src/minutes/documents/action-log-docx.ts';
import { renderMinutesDocx } from '../../src/minutes/documents/minutes-docx.ts';
import { layoutMinutes, renderMinutesPdf } from '../../src/minutes/documents/minutes-pdf.ts';
import {
  actionGroupHeading,
  actionLogLines,
  decisionNote,
  discussionBlocks,
  formatTime,
  joinNames,
  longDate,
  timeRange,
} from '../../src/minutes/documents/minutes-text.ts';
import { pdfPageTexts } from '../pdf-text.ts';
import { xmlSafe } from '../../src/documents/word.ts';

const BODY = 'Communities and Partnership Committee';
const MAJORITY = 'by a majority (7 votes in favour, 0 against, 1 abstention)';
const SPECIAL = 'Smith & Sons <Ltd> said "yes" & \'no\'';

/** Seed 004's meeting of 17 April 2018, cut down to three minutes (one withdrawn, one with a split vote). */
function minutes(state: MinutesDocument['state'] = 'approved'): MinutesDocument {
  return {
    council: 'Cambridgeshire County Council',
    bodyName: BODY,
    meetingDate: '2018-04-17',
    startTime: '10:00',
    endTime: '11:30',
    venue: 'Kreis Viersen Room, Shire Hall, Cambridge',
    state,
    approvalNote: state === 'approved' ? 'Agreed as a correct record at the meeting of 31 May 2018 and signed by the Chairman' : null,
    present: [
      'Ambrose Smith (substituting for Cllr Tierney)',
      'A Costello',
      'S Criswell (Chairman)',
      'K Cuffley (Vice-Chairman)',
      'L Dupre',
      'L Every',
      'L Joseph',
      'E Meschini',
    ],
    apologies: ['S Taylor', 'S Tierney'],
    absent: [],
    officers: ['Adrian Chapman', 'Rob Sanderson'],
    others: [],
    minutes: [
      {
        number: 50,
        title: 'Declarations of interest',
        withdrawn: false,
        discussion: '',
        declarations: ['Councillor Every declared a non-registerable interest as a member of the Ely College governing body.'],
        resolutions: [],
        resolvedPreamble: '',
        amendments: [],
      },
      {
        number: 51,
        title: 'Communities and Partnership Committee Delivery Plan',
        withdrawn: true,
        discussion: '',
        declarations: [],
        resolutions: [],
        resolvedPreamble: '',
        amendments: [],
      },
      {
        number: 52,
        title: 'Committee agenda plan and appointments',
        withdrawn: false,
        declarations: [],
        discussion:
          `Following the resignation of Councillor Tierney a replacement Fenland Area Champion was required.\n\n` +
          `Questions raised by Members included:\n- whether ${SPECIAL} would attend;\n- the timetable for the next report.\n\n` +
          'It was moved and seconded that Councillor French should be the Fenland Area Champion and on a vote:',
        resolvedPreamble: 'It was resolved to:',
        resolutions: [
          { letter: 'a', text: 'note the agenda plan.', decision: 'unanimously' },
          { letter: 'b', text: `appoint Councillor Janet French as the Fenland Area Champion (${SPECIAL}).`, decision: MAJORITY },
        ],
        amendments: [{ agreedOn: '2018-05-31', text: "The spelling of Councillor French's name was corrected." }],
      },
    ],
  };
}

function row(minuteNumber: number | null, status: ActionLogRow['status'], action: string, extra: Partial<ActionLogRow> = {}): ActionLogRow {
  return {
    minuteNumber,
    reportTitle: 'Cambridgeshire Adult Learning and Skills Service',
    owner: 'Lynsi Hayward-Smith',
    action,
    comments: 'Being progressed',
    status,
    dueDate: null,
    ...extra,
  };
}

function actionLog(extraRows = 0): ActionLogDocument {
  const rows = [
    row(52, 'ONGOING', 'Include sense checked visual explanatory diagrams in the next report.', { comments: 'This will be included in the next report.' }),
    row(52, 'OVERDUE', 'Provide details of the success rates for adults with learning difficulties.', { dueDate: '2018-05-01' }),
    row(52, 'COMPLETED', 'Correct the blueprint: Ely had been demoted from its City status.', { comments: 'This had been corrected' }),
  ];
  for (let i = 0; i < extraRows; i++) {
    rows.push(
      row(60 + i, i % 2 ? 'ONGOING' : 'COMPLETED', `Further action number ${i + 1}: ${'report back to the Committee with the figures requested. '.repeat(3)}`, {
        reportTitle: 'Finance and Performance Report',
        owner: 'Tom Kelly',
      }),
    );
  }
  return {
    council: 'Cambridgeshire County Council',
    bodyName: BODY,
    asAt: '2018-05-21',
    groups: [
      { meetingDate: '2018-04-17', rows },
      {
        meetingDate: '2018-02-15',
        rows: [row(45, 'COMPLETED', 'Send the HR policy to Councillor Manning.', { reportTitle: 'White Ribbon Campaign', owner: 'Julia Cullum' })],
      },
    ],
  };
}

/** Asserts each needle occurs in `text`, in the order given. */
function assertInOrder(text: string, needles: string[]): void {
  let from = 0;
  for (const needle of needles) {
    const at = text.indexOf(needle, from);
    assert.ok(at >= 0, `expected "${needle}" after position ${from}`);
    from = at + needle.length;
  }
}

/** The text of a WordprocessingML part: tabs as \t, one line per paragraph, entities decoded. */
function docxText(xml: string): string {
  return xml
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<w:br\/>/g, '\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * A strict enough well-formedness check for generated XML: balanced tags, quoted attributes, no
 * stray '<' or unescaped '&', and no characters XML 1.0 forbids.
 */
function assertWellFormedXml(xml: string, name: string): void {
  assert.ok(!/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml), `${name}: forbidden character`);
  const badAmp = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const token =
    /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  const stack: string[] = [];
  for (const m of xml.matchAll(token)) {
    const [, close, tag, attrs, selfClose, text, stray] = m;
    assert.equal(stray, undefined, `${name}: stray '<' at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
    if (text !== undefined) {
      assert.ok(!badAmp.test(text), `${name}: unescaped '&' in text: ${text.slice(0, 60)}`);
      continue;
    }
    if (!tag) continue;
    if (attrs) assert.ok(!badAmp.test(attrs), `${name}: unescaped '&' in attributes of <${tag}>`);
    if (close) assert.equal(stack.pop(), tag, `${name}: </${tag}> closes the wrong element`);
    else if (!selfClose) stack.push(tag);
  }
  assert.deepEqual(stack, [], `${name}: unclosed elements`);
}

/** Unzips a .docx, checks it is a Word package whose XML parts are well formed, and returns its parts as text. */
function openDocx(bytes: Uint8Array): Record<string, string> {
  assert.equal(strFromU8(bytes.subarray(0, 2)), 'PK', 'a zip file');
  const files = unzipSync(bytes);
  const parts: Record<string, string> = {};
  for (const [name, data] of Object.entries(files)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    parts[name] = new TextDecoder('utf-8', { fatal: true }).decode(data);
    assertWellFormedXml(parts[name]!, name);
  }
  assert.ok(parts['[Content_Types].xml']?.includes('wordprocessingml.document.main+xml'), 'declares a Word document');
  assert.ok(parts['word/document.xml'], 'has word/document.xml');
  return parts;
}

// ---------------------------------------------------------------------------------------------
// Wording.

test('dates, times and name lists are worded as in seed 004', () => {
  assert.equal(longDate('2018-04-17'), 'Tuesday, 17th April 2018');
  assert.equal(longDate('2018-05-31'), 'Thursday, 31st May 2018');
  assert.equal(longDate('2021-03-22'), 'Monday, 22nd March 2021');
  assert.equal(longDate('2021-03-13'), 'Saturday, 13th March 2021');
  assert.equal(timeRange('10:00', '11:30'), '10.00 a.m. to 11.30 a.m.');
  assert.equal(timeRange('14:00', null), '2.00 p.m.');
  assert.equal(timeRange(null, null), null);
  assert.equal(formatTime('12:00'), '12.00 noon');
  assert.equal(formatTime('00:15'), '12.15 a.m.');
  assert.equal(joinNames(['S Taylor', 'S Tierney']), 'S Taylor and S Tierney');
  assert.equal(joinNames(['A', ' ', 'B', 'C']), 'A, B and C');
  assert.equal(joinNames(['A']), 'A');
  assert.equal(actionGroupHeading('2018-04-17'), 'ACTIONS FROM MINUTES OF THE 17th APRIL COMMITTEE');
});

test('a decision is shown after its resolution only when the preamble does not already say it', () => {
  assert.equal(decisionNote('It was resolved unanimously to:', 'unanimously'), null);
  assert.equal(decisionNote('It was resolved to:', 'unanimously'), 'Resolved unanimously.');
  assert.equal(decisionNote('It was resolved unanimously to:', MAJORITY), `Resolved ${MAJORITY}.`);
  assert.equal(decisionNote('It was resolved to:', ''), null);
  assert.equal(decisionNote('It was resolved to:', 'lost (3 votes in favour, 5 against)'), 'Lost (3 votes in favour, 5 against).');
});

test('discussion text splits into paragraphs and bullets', () => {
  const blocks = discussionBlocks('First line\ncontinues.\n\nIntro:\n- one\n  more of one\n- two\n\nAfter.');
  assert.deepEqual(
    blocks.map((b) => [b.kind, b.text, b.last]),
    [
      ['paragraph', 'First line continues.', true],
      ['paragraph', 'Intro:', true],
      ['bullet', 'one more of one', false],
      ['bullet', 'two', true],
      ['paragraph', 'After.', true],
    ],
  );
  assert.equal(xmlSafe('a\u0001b\uD800c\r\nd'), 'abc\nd');
});

// ---------------------------------------------------------------------------------------------
// Minutes.

test('minutes render to a PDF in the shape of seed 004', async () => {
  const bytes = await renderMinutesPdf(minutes());
  const pages = await pdfPageTexts(bytes);
  const text = pages.join(' ');
  assertInOrder(text, [
    'COMMUNITIES AND PARTNERSHIP COMMITTEE: MINUTES',
    'Agreed as a correct record at the meeting of 31 May 2018',
    'Date: Tuesday, 17th April 2018',
    'Time: 10.00 a.m. to 11.30 a.m.',
    'Present: Councillors: Ambrose Smith (substituting for Cllr Tierney), A Costello, S Criswell (Chairman)',
    'L Joseph and E Meschini',
    'Apologies: Councillors: S Taylor and S Tierney',
    '50. DECLARATIONS OF INTEREST',
    'Councillor Every declared a non-registerable interest',
    '51. COMMUNITIES AND PARTNERSHIP COMMITTEE DELIVERY PLAN',
    'Item withdrawn.',
    '52. COMMITTEE AGENDA PLAN AND APPOINTMENTS',
    `whether ${SPECIAL} would attend;`,
    'It was resolved to:',
    'a) note the agenda plan.',
    'Resolved unanimously.',
    'b) appoint Councillor Janet French as the Fenland Area Champion',
    `Resolved ${MAJORITY}.`,
    "Amendment agreed on 31 May 2018: The spelling of Councillor French's name was corrected.",
    'Chairman',
  ]);
  assert.ok(!text.includes('DRAFT'), 'approved minutes carry no draft marking');
  pages.forEach((page, i) => assert.match(page, new RegExp(`Page ${i + 1} of ${pages.length}`)));

  const pdf = await PDFDocument.load(bytes);
  const { width, height } = pdf.getPage(0).getSize();
  assert.deepEqual([Math.round(width), Math.round(height)], [595, 842], 'A4 portrait');
  assert.match(pdf.getTitle() ?? '', /Communities and Partnership Committee: minutes, 17 April 2018/);
});

test('draft and published minutes are headed DRAFT MINUTES and marked draft on every page', async () => {
  for (const state of ['draft', 'published'] as const) {
    const doc = minutes(state);
    doc.minutes[2]!.discussion += `\n\n${'A long discussion paragraph that fills the pages. '.repeat(200)}`;
    const pages = await pdfPageTexts(await renderMinutesPdf(doc));
    assert.ok(pages.length >= 2);
    assert.match(pages[0]!, /COMMUNITIES AND PARTNERSHIP COMMITTEE: DRAFT MINUTES/);
    assert.match(pages[0]!, /DRAFT: .*not yet been approved as a correct record/);
    if (state === 'published') assert.match(pages[0]!, /published ahead of approval/);
    for (const page of pages) assert.match(page, /\bDRAFT\b/, 'watermark on every page');
    for (const page of pages.slice(1)) assert.match(page, /Communities and Partnership Committee Draft minutes, 17 April 2018/, 'running header');
  }
});

test('minutes render to a real Word document: headings, hanging resolutions, escaped text, header and footer', async () => {
  const parts = openDocx(await renderMinutesDocx(minutes()));
  const xml = parts['word/document.xml']!;
  const text = docxText(xml);
  assertInOrder(text, [
    'COMMUNITIES AND PARTNERSHIP COMMITTEE: MINUTES\n',
    'Date:\tTuesday, 17th April 2018\n',
    'Time:\t10.00 a.m. to 11.30 a.m.\n',
    'Present:\tCouncillors: Ambrose Smith (substituting for Cllr Tierney), A Costello,',
    'Apologies:\tCouncillors: S Taylor and S Tierney\n',
    '50.\tDECLARATIONS OF INTEREST\n',
    '51.\tCOMMUNITIES AND PARTNERSHIP COMMITTEE DELIVERY PLAN\n',
    'Item withdrawn.\n',
    '52.\tCOMMITTEE AGENDA PLAN AND APPOINTMENTS\n',
    `whether ${SPECIAL} would attend;\n`,
    'It was resolved to:\n',
    'a)\tnote the agenda plan.\n',
    'Resolved unanimously.\n',
    `b)\tappoint Councillor Janet French as the Fenland Area Champion (${SPECIAL}).\n`,
    `Resolved ${MAJORITY}.\n`,
    'Amendment agreed on 31 May 2018: ',
  ]);
  // The special characters are escaped, never written raw.
  assert.ok(xml.includes('Smith &amp; Sons &lt;Ltd&gt; said'), 'ampersand and angle brackets escaped');
  assert.ok(!xml.includes('<Ltd>'));

  // Real headings: the title is Heading 1, each minute Heading 2.
  const headings = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="(Heading\d)"\/>(?:(?!<\/w:p>).)*<\/w:p>/g)].map((m) => [
    m[1],
    docxText(m[0]).trim(),
  ]);
  assert.deepEqual(headings, [
    ['Heading1', 'COMMUNITIES AND PARTNERSHIP COMMITTEE: MINUTES'],
    ['Heading2', '50.\tDECLARATIONS OF INTEREST'],
    ['Heading2', '51.\tCOMMUNITIES AND PARTNERSHIP COMMITTEE DELIVERY PLAN'],
    ['Heading2', '52.\tCOMMITTEE AGENDA PLAN AND APPOINTMENTS'],
  ]);
  // Lettered resolutions hang: the letter sits out to the left of the wrapped text.
  const resolution = /<w:p>(?:(?!<\/w:p>).)*<w:ind [^>]*w:hanging="\d+"[^>]*\/>(?:(?!<\/w:p>).)*note the agenda plan\.(?:(?!<\/w:p>).)*<\/w:p>/.exec(xml);
  assert.ok(resolution, 'resolution a) is a hanging-indent paragraph');
  // Discussion bullets are a real Word list.
  assert.match(xml, /<w:numPr><w:ilvl w:val="0"\/><w:numId w:val="\d+"\/><\/w:numPr>(?:(?!<\/w:p>).)*the timetable for the next report/);

  // A4 portrait, Arial 12pt by default; the body's name in the header and Page N of M in the footer.
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
  assert.match(parts['word/styles.xml']!, /<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial"[^>]*\/><w:sz w:val="24"\/>/);
  const header = Object.entries(parts).find(([name]) => /^word\/header\d+\.xml$/.test(name))?.[1] ?? '';
  const footer = Object.entries(parts).find(([name]) => /^word\/footer\d+\.xml$/.test(name))?.[1] ?? '';
  assert.match(docxText(header), /Communities and Partnership Committee\tMinutes, 17 April 2018/);
  assert.ok(!header.includes('PowerPlusWaterMarkObject'), 'no watermark on approved minutes');
  assert.match(footer, /Page .*PAGE.*of .*NUMPAGES/s);
  assert.match(parts['docProps/core.xml']!, /<dc:title>Communities and Partnership Committee: minutes, 17 April 2018<\/dc:title>/);
});

test("draft minutes in Word are headed DRAFT MINUTES and carry Word's DRAFT watermark", async () => {
  const parts = openDocx(await renderMinutesDocx(minutes('draft')));
  assert.match(docxText(parts['word/document.xml']!), /COMMUNITIES AND PARTNERSHIP COMMITTEE: DRAFT MINUTES\nDRAFT: these minutes have not yet been approved/);
  const header = Object.entries(parts).find(([name]) => /^word\/header\d+\.xml$/.test(name))?.[1] ?? '';
  assert.match(header, /PowerPlusWaterMarkObject/);
  assert.match(header, /string="DRAFT"/);
});

test('hostile text renders without throwing and runs across pages', async () => {
  const doc = minutes('published');
  const longWord = 'Supercalifragilistic'.repeat(30);
  const url = `https://example.org/${'very-long-path-segment/'.repeat(20)}?q=${'x'.repeat(80)}`;
  doc.bodyName = `Łódź Twinning and ${'Extraordinarily Long Partnership '.repeat(6)}Board 🎉`;
  doc.present = [...doc.present, 'Zoë Ørsted-Łukasiewicz 👩‍👩‍👧', longWord];
  const discussion = `Łódź 🎉 ${longWord} ${url} \u0001\uD800 tab\there ${'lorem ipsum dolor sit amet & <tag> "q" '.repeat(400)}`;
  assert.ok(discussion.length > 10_000);
  doc.minutes[0]!.discussion = discussion.slice(0, 10_500);
  doc.minutes[0]!.title = `${longWord} 🎉 Łódź`;
  doc.minutes[2]!.resolutions.push({ letter: 'c', text: `${longWord} ${url}`, decision: '' });

  const pdf = await renderMinutesPdf(doc);
  const pages = await pdfPageTexts(pdf);
  assert.ok(pages.length >= 3, `spans pages (${pages.length})`);
  const all = pages.join(' ');
  assert.match(all, /Łódź/);
  assert.match(all, /ZOË|Zoë/);
  assert.match(all, /c\)/);
  assert.ok(layoutMinutes(doc).pageCount === pages.length);

  const parts = openDocx(await renderMinutesDocx(doc));
  const text = docxText(parts['word/document.xml']!);
  assert.match(text, /Łódź 🎉/);
  assert.ok(text.includes(longWord));
  assert.ok(!/[\u0001]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(text), 'control characters and lone surrogates are dropped');

  // An empty document (no minutes, no attendance) still renders.
  const empty: MinutesDocument = { ...minutes('draft'), present: [], apologies: [], officers: [], minutes: [], startTime: null, endTime: null, venue: '' };
  assert.match((await pdfPageTexts(await renderMinutesPdf(empty))).join(' '), /Present: None recorded\. Apologies: None\./);
  openDocx(await renderMinutesDocx(empty));
});

// ---------------------------------------------------------------------------------------------
// Action log.

test('the action log renders to a landscape PDF table with the seed 004 columns and statuses', async () => {
  const bytes = await renderActionLogPdf(actionLog());
  const pages = await pdfPageTexts(bytes);
  const text = pages.join(' ');
  assertInOrder(text, [
    'COMMUNITIES AND PARTNERSHIP COMMITTEE',
    'Minutes - Action Log',
    'This is the updated minutes action log as at 21st May 2018',
    'ACTIONS FROM MINUTES OF THE 17th APRIL COMMITTEE',
    'Minute No.',
    'Report Title',
    'Action to be',
    'taken by',
    'Action',
    'Comments',
    'Status',
    '52.',
    'CAMBRIDGESHIRE ADULT',
    'a) Include sense checked',
    'ONGOING',
    'b) Provide details',
    'OVERDUE',
    'Due 1 May 2018',
    'c) Correct the blueprint',
    'COMPLETED',
    'ACTIONS FROM MINUTES OF THE 15th FEBRUARY COMMITTEE',
    '45.',
    'WHITE RIBBON CAMPAIGN',
    'Send the HR policy',
    'COMPLETED',
  ]);
  const pdf = await PDFDocument.load(bytes);
  const { width, height } = pdf.getPage(0).getSize();
  assert.ok(width > height, 'landscape');

  // Status in capitals, OVERDUE in bold.
  const ops = layoutActionLog(actionLog())
    .pages.flat()
    .filter((op) => op.kind === 'text');
  const styleOf = (word: string) => ops.filter((op) => op.text.includes(word)).map((op) => op.style);
  assert.deepEqual([...new Set(styleOf('OVERDUE'))], ['bold']);
  assert.deepEqual([...new Set(styleOf('ONGOING'))], ['regular']);
  assert.deepEqual([...new Set(styleOf('COMPLETED'))], ['regular']);
});

test('a long action log repeats its header row on every page', async () => {
  const pages = await pdfPageTexts(await renderActionLogPdf(actionLog(40)));
  assert.ok(pages.length >= 3, `runs to several pages (${pages.length})`);
  for (const [i, page] of pages.entries()) {
    assert.match(page, /Minute No\. Report Title Action to be taken by Action Comments Status/, `header row on page ${i + 1}`);
    assert.match(page, new RegExp(`Page ${i + 1} of ${pages.length}`));
  }
  // Rows of one minute after the first do not repeat the minute number and title.
  const lines = actionLogLines(actionLog().groups[0]!.rows);
  assert.deepEqual(
    lines.map((l) => [l.minute, l.title !== '', l.owner !== '', l.action.slice(0, 3)]),
    [
      ['52.', true, true, 'a) '],
      ['', false, false, 'b) '],
      ['', false, false, 'c) '],
    ],
  );
});

test('the action log renders to a landscape Word table whose header row repeats', async () => {
  const log = actionLog();
  log.groups[0]!.rows[0]!.comments = SPECIAL;
  const parts = openDocx(await renderActionLogDocx(log));
  const xml = parts['word/document.xml']!;
  assert.match(xml, /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  assert.match(xml, /<w:tblHeader\/>/);
  const text = docxText(xml);
  assertInOrder(text, [
    'COMMUNITIES AND PARTNERSHIP COMMITTEE',
    'Minutes - Action Log',
    'ACTIONS FROM MINUTES OF THE 17th APRIL COMMITTEE',
    'Minute No.',
    'Report Title',
    'Action to be taken by',
    'Action',
    'Comments',
    'Status',
    '52.',
    'CAMBRIDGESHIRE ADULT LEARNING AND SKILLS SERVICE',
    'a) Include sense checked',
    `a) ${SPECIAL}`,
    'ACTION ONGOING',
    'ACTION OVERDUE',
    'Due 1 May 2018',
    'ACTION COMPLETED',
    'ACTIONS FROM MINUTES OF THE 15th FEBRUARY COMMITTEE',
    'WHITE RIBBON CAMPAIGN',
  ]);
  assert.match(xml, /<w:b\/>(?:(?!<\/w:r>).)*ACTION OVERDUE/, 'OVERDUE in bold');
  assert.ok(xml.includes('Smith &amp; Sons &lt;Ltd&gt;'));
});
