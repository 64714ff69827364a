import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PLAN_COLUMNS, type PlanDocument, type PlanImportRow, type PlanRow } from '../../src/plans/plan-types.ts';
import { planToDocx } from '../../src/plans/documents/plan-docx.ts';
import { PLAN_SHEET_HEADINGS, planToCsv, planToXlsx } from '../../src/plans/documents/plan-xlsx.ts';
import { parsePlanImport } from '../../src/plans/documents/plan-import.ts';
import { parseCsv, toCsv } from '../../src/documents/csv.ts';
import { textWidth } from '../../src/documents/pdf-fonts.ts';
import { LANDSCAPE_TABLE_WIDTH } from '../../src/documents/word.ts';

// Seed 004, the Communities and Partnerships Committee's delivery plan: actions 1.1, 1.3 and 1.6
// of priority 1 and 2.6 of priority 2, as printed (a cell's lines as separate lines).
const A11: PlanRow = {
  reference: '1.1',
  description:
    'Oversee the development and delivery of communications messages that make it clear why the Council is investing in ' +
    'community resilience work, including what the benefits are / what will be different for our residents, communities and partners',
  leadOfficer: 'Sarah Ferguson',
  firstMilestone: 'April 2018',
  continuesUntil: 'May 2020',
  resources: 'Communications\nTransformation Team (Citizen Participation)\nStrengthening Communities',
  keyRisks: 'Negative publicity\nOfficer capacity and engagement',
  outputs:
    'Comms plan developed\nSchedule of comms messages across platforms developed\nSelf-service communication channel for staff, community groups and member',
  decisionRoute: 'Via action 1.4',
};
const A13: PlanRow = {
  reference: '1.3',
  description:
    'Identify and confirm statutory and non-statutory services, and/or services which could be in-scope for being delivered ' +
    'differently, especially where they might deliver better outcomes and/or deliver at a lower cost',
  leadOfficer: 'Elaine Matthews',
  firstMilestone: 'June 2018',
  continuesUntil: 'Refreshed annually',
  resources: 'Strengthening Communities Service\nLGSS Legal\nTransformation Team\nCCC Services',
  keyRisks: '',
  outputs: 'Menu of options to consider for alternative delivery models including parish councils and community associations',
  decisionRoute: 'Via action 1.4',
};
const A16: PlanRow = {
  reference: '1.6',
  description: 'Develop and agree a protocol with the Combined Authority to ensure the interface between the CA and communities is effective',
  leadOfficer: 'Adrian Chapman',
  firstMilestone: 'May-18',
  continuesUntil: 'Reviewed annually',
  resources: 'Combined Authority\nSenior Officer Community Network',
  keyRisks: 'Unable to reach consensus agreement between all parties',
  outputs: 'Protocol developed and agreed between partners',
  decisionRoute: 'Communities and Partnerships Committee\nCombined Authority',
};
const A26: PlanRow = {
  reference: '2.6',
  description:
    'Develop and oversee delivery of a new countywide Tackling Poverty Strategy, including long term targeted actions that are ' +
    'informed by the needs assessment and mapping work, with a specific focus on ensuring delivery of actions that deliver rapid but lasting change',
  leadOfficer: 'Ian Phillips',
  firstMilestone: 'December 2018',
  continuesUntil: 'May 2020',
  resources: 'All CCC services\nDistrict councils\nPublic sector partners\nVoluntary sector partners\nPotential funding requirements',
  keyRisks: 'Funding and capacity to deliver\nChallenging to make headline impact on poverty, due to external factors e.g. economy',
  outputs: 'Delivery Plan developed, agreed and delivered\nLonger term reduction in poverty',
  decisionRoute: 'County Communities Network\nCommunities and Partnerships Committee',
};

const progress = (status: string, rag: string, percentComplete: number | null) => ({ status, rag, percentComplete, dependsOn: [] as string[] });

function plan(): PlanDocument {
  return {
    title: 'Delivery Plan',
    owner: 'Communities and Partnerships Committee',
    periodLabel: '2018 to 2020',
    priorities: [
      {
        number: 1,
        title: 'Community resilience',
        outcomes: [
          'Resilient communities across Cambridgeshire that are proud, confident, and self-reliant as far as possible.',
          'Communities that possess a sense of place and belonging, and who help themselves and each other.',
        ],
        actions: [
          { ...A11, ...progress('on_track', 'green', 40) },
          { ...A13, ...progress('not_started', 'amber', null) },
          { ...A16, ...progress('completed', 'green', 100) },
        ],
      },
      {
        number: 2,
        title: 'Tackling deprivation',
        outcomes: ['The gap between the most deprived and least deprived communities is closed to an agreed level.'],
        actions: [{ ...A26, ...progress('at_risk', 'amber', 25) }],
      },
    ],
  };
}

const importRow = (row: PlanRow, priorityNumber: number, priorityTitle: string): PlanImportRow => ({ ...row, priorityNumber, priorityTitle });
const EXPECTED_ROWS = [
  { line: 2, row: importRow(A11, 1, 'Community resilience') },
  { line: 3, row: importRow(A13, 1, 'Community resilience') },
  { line: 4, row: importRow(A16, 1, 'Community resilience') },
  { line: 5, row: importRow(A26, 2, 'Tackling deprivation') },
];

const SEED_HEADINGS = [
  'REF.',
  'ACTION DESCRIPTION',
  'LEAD OFFICER',
  'FIRST MILESTONE DATE',
  'ACTION CONTINUES UNTIL',
  'RESOURCES REQUIRED / ENGAGEMENT FROM PARTNERS (staff, tech, etc.)',
  'KEY RISKS',
  'OUTPUTS',
  'DECISION MAKING ROUTE',
];

// ---------------------------------------------------------------------------------------------
// Reading WordprocessingML back, just enough to check the text and the tables.

const decode = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of each paragraph, line breaks as \n. */
const paragraphTexts = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) =>
    decode(p.replace(/<w:br\/>/g, '\n').replace(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<[^>]+>/g, (_, t: string | undefined) => t ?? '')),
  );

/** Each table as rows of cell texts, with whether the row is a repeated heading row. */
function tables(xml: string): { header: boolean; cells: string[] }[][] {
  return [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map(([table]) =>
    [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([row]) => ({
      header: /<w:tblHeader\/>|<w:tblHeader w:val="(?:true|1|on)"\/>/.test(row),
      cells: [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => paragraphTexts(cell).join('\n')),
    })),
  );
}

test('the Word export is landscape A4 with the title, each priority, its outcomes as bullets and a nine-column table', async () => {
  const bytes = await planToDocx(plan());
  assert.ok(Buffer.isBuffer(bytes));
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');

  assert.match(xml, /<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  const paragraphs = paragraphTexts(xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, ''));
  const text = paragraphs.filter((p) => p.trim()).slice(0, 8);
  assert.deepEqual(text, [
    'COMMUNITIES AND PARTNERSHIPS COMMITTEE',
    'Delivery Plan',
    '2018 to 2020',
    'PRIORITY 1: COMMUNITY RESILIENCE',
    plan().priorities[0]!.outcomes[0],
    plan().priorities[0]!.outcomes[1],
    'PRIORITY 2: TACKLING DEPRIVATION',
    plan().priorities[1]!.outcomes[0],
  ]);
  // The outcomes are a real bulleted list; the priority headings are headings, in bold by their style.
  const outcome = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map(([p]) => p).find((p) => p.includes('Resilient communities'))!;
  assert.match(outcome, /<w:numPr>/);
  const heading = [...xml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map(([p]) => p).find((p) => p.includes('PRIORITY 1: COMMUNITY RESILIENCE'))!;
  assert.match(heading, /<w:pStyle w:val="Heading2"\/>/);
  const styles = await zip.file('word/styles.xml')!.async('string');
  assert.match(styles, /w:styleId="Heading2"[\s\S]*?<w:b\/>/);
  assert.match(styles, /Arial/);

  const [first, second] = tables(xml) as [ReturnType<typeof tables>[number], ReturnType<typeof tables>[number]];
  assert.equal(tables(xml).length, 2);
  assert.deepEqual(first[0], { header: true, cells: SEED_HEADINGS });
  assert.deepEqual(second[0], { header: true, cells: SEED_HEADINGS });
  assert.equal(first.length, 4);
  assert.deepEqual(first[1], { header: false, cells: PLAN_COLUMNS.map((c) => A11[c.key]) });
  assert.deepEqual(
    first[2]!.cells,
    PLAN_COLUMNS.map((c) => A13[c.key]),
  );
  assert.deepEqual(
    second[1]!.cells,
    PLAN_COLUMNS.map((c) => A26[c.key]),
  );
  // Nine columns, the description widest; the plan as agreed, so no progress.
  const grid = [.../<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(xml)![1]!.matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
  assert.equal(grid.length, 9);
  assert.equal(Math.max(...grid), grid[1]);
  assert.ok(!/On track|Status|\bRAG\b/.test(xml));
});

test('the Word export of an empty priority and of awkward text', async () => {
  const doc: PlanDocument = {
    title: 'Delivery Plan',
    owner: 'Smith & Sons <Ltd>',
    periodLabel: '',
    priorities: [{ number: 3, title: 'Economy & skills', outcomes: [], actions: [] }],
  };
  const zip = await JSZip.loadAsync(await planToDocx(doc));
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = paragraphTexts(xml).filter((p) => p.trim());
  assert.deepEqual(text, ['SMITH & SONS <LTD>', 'Delivery Plan', 'PRIORITY 3: ECONOMY & SKILLS', 'There are no actions under this priority.']);
});

test('the XLSX export: one sheet, Priority and Priority title, the nine columns, then progress; heading row bold and frozen', async () => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await planToXlsx(plan())) as unknown as ArrayBuffer);
  assert.deepEqual(
    workbook.worksheets.map((s) => s.name),
    ['Delivery plan'],
  );
  const sheet = workbook.worksheets[0]!;
  const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1).map((v) => v ?? '');
  assert.deepEqual(values(1), [
    'Priority',
    'Priority title',
    'Ref.',
    'Action description',
    'Lead officer',
    'First milestone date',
    'Action continues until',
    'Resources required / engagement from partners (staff, tech, etc.)',
    'Key risks',
    'Outputs',
    'Decision making route',
    'Status',
    'RAG',
    '% complete',
  ]);
  assert.deepEqual(PLAN_SHEET_HEADINGS, values(1));
  // The priority and % complete are numbers in Excel; the reference ("1.1") stays text.
  assert.deepEqual(values(2), [1, 'Community resilience', ...PLAN_COLUMNS.map((c) => A11[c.key]), 'On track', 'Green', 40]);
  assert.deepEqual(values(3).slice(11), ['Not started', 'Amber']);
  assert.equal(sheet.getCell('N3').value, null, 'no % complete is a blank cell');
  assert.deepEqual(values(5).slice(0, 3), [2, 'Tackling deprivation', '2.6']);
  assert.equal(sheet.rowCount, 5);
  assert.equal(sheet.getRow(1).font?.bold, true);
  assert.equal(sheet.views[0]?.state, 'frozen');
  assert.equal((sheet.views[0] as { ySplit?: number }).ySplit, 1);
  assert.equal(sheet.getCell('H2').alignment?.wrapText, true);
});

test('round trip: the XLSX export imports as the same rows', async () => {
  const data = await planToXlsx(plan());
  const result = await parsePlanImport({ filename: 'Delivery plan.xlsx', data });
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.rows, EXPECTED_ROWS);
  // Decided by content: a workbook is read as one whatever it is called.
  assert.deepEqual((await parsePlanImport({ filename: 'upload', data })).rows, EXPECTED_ROWS);
});

test('round trip: the CSV export imports as the same rows, and a formula stays text', async () => {
  const doc = plan();
  doc.priorities[1]!.actions[0]!.keyRisks = '=HYPERLINK("http://example.com","Click")';
  doc.priorities[1]!.actions[0]!.outputs = '-5% spend\n+ more partners';
  const csv = planToCsv(doc);
  assert.ok(csv.startsWith('\uFEFFPriority,Priority title,Ref.,Action description,'));
  assert.ok(csv.includes(`,"'=HYPERLINK(""http://example.com"",""Click"")",`), 'the formula is guarded in the CSV');
  const result = await parsePlanImport({ filename: 'plan.csv', data: Buffer.from(csv, 'utf8') });
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.rows, [
    ...EXPECTED_ROWS.slice(0, 3),
    {
      line: 5,
      row: { ...EXPECTED_ROWS[3]!.row, keyRisks: '=HYPERLINK("http://example.com","Click")', outputs: '-5% spend\n+ more partners' },
    },
  ]);
  // The XLSX export writes it as text, not as a formula.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await planToXlsx(doc)) as unknown as ArrayBuffer);
  const cell = workbook.worksheets[0]!.getCell('I5');
  assert.equal(cell.type, ExcelJS.ValueType.String);
  assert.equal(cell.value, '=HYPERLINK("http://example.com","Click")');
});

/** A CSV of the given rows, with the export's heading row unless told otherwise. */
const csvFile = (rows: (string | number)[][], header: string[] = [...PLAN_SHEET_HEADINGS]) => ({
  filename: 'actions.csv',
  data: Buffer.from(toCsv([header, ...rows]), 'utf8'),
});

const cells = (priority: string, title: string, row: PlanRow) => [priority, title, ...PLAN_COLUMNS.map((c) => row[c.key])];

test('import problems are reported row by row in plain English, and good rows still come through', async () => {
  const longRisk = 'x'.repeat(2001);
  const result = await parsePlanImport(
    csvFile([
      cells('1', 'Community resilience', A11),
      cells('1', 'Community resilience', { ...A13, firstMilestone: 'Aprill 2018' }),
      cells('1', '', { ...A16, reference: '2.3' }),
      [],
      cells('1', 'COMMUNITY RESILIENCE', { ...A16, reference: '1.1' }),
      cells('1', '', { ...A16, reference: '1.7', description: ' ' }),
      cells('1', 'Tackling deprivation', { ...A16, reference: '1.8' }),
      cells('100', '', { ...A16, reference: '100.1', continuesUntil: 'Until done' }),
      cells('2', 'Tackling deprivation', { ...A26, firstMilestone: 'Reviewed yearly', keyRisks: longRisk }),
      cells('2', '', { ...A26, reference: '2.7', firstMilestone: 'June 2020', continuesUntil: 'May 2020' }),
      cells('', '', { ...A26, reference: '2.8' }),
      cells('2', '', { ...A26, reference: 'Two point nine' }),
      cells('2', '', { ...A26, reference: '2.10', description: 'x'.repeat(5000), firstMilestone: '31/05/2018', continuesUntil: '2020-05-31' }),
    ]),
  );
  assert.deepEqual(result.problems, [
    { line: 3, messages: ['Row 3: First milestone date ‘Aprill 2018’ is not a month or a date, like April 2018 or 30/04/2018'] },
    { line: 4, messages: ['Row 4: Ref. ‘2.3’ must start with 1 and a dot, like 1.3, because the row is under priority 1'] },
    {
      line: 6,
      messages: [
        'Row 6: Ref. ‘1.1’ is already used on row 2: give each action its own reference (if Excel has turned 1.10 into 1.1, format the column as text and retype it)',
      ],
    },
    { line: 7, messages: ['Row 7: Enter the Action description: every action needs one'] },
    { line: 8, messages: ['Row 8: Priority title ‘Tackling deprivation’ is different from ‘Community resilience’ on row 2: give priority 1 one title'] },
    {
      line: 9,
      messages: [
        'Row 9: Priority ‘100’ is not a priority number: enter a whole number from 1 to 99',
        'Row 9: Ref. ‘100.1’ is not a reference: enter the priority number, a dot and the action number, like 1.3',
        'Row 9: Action continues until ‘Until done’ is not a month, a date or a review cycle, like May 2020, 31/05/2020 or Refreshed annually',
      ],
    },
    { line: 10, messages: ['Row 10: Key risks must be 2,000 characters or fewer (it has 2,001)'] },
    {
      line: 11,
      messages: ['Row 11: Action continues until ‘May 2020’ is before the first milestone date ‘June 2020’: the action cannot end before its first milestone'],
    },
    { line: 12, messages: ['Row 12: Enter the priority: a whole number from 1 to 99'] },
    { line: 13, messages: ['Row 13: Ref. ‘Two point nine’ is not a reference: enter the priority number, a dot and the action number, like 2.3'] },
  ]);
  // Row 5 was empty; "Community resilience" in capitals on row 6 is the same title. A review cycle
  // is allowed as a first milestone, but row 10 is too long; row 14's description is 5,000 exactly.
  assert.deepEqual(
    result.rows.map((r) => [r.line, r.row.reference, r.row.priorityTitle]),
    [
      [2, '1.1', 'Community resilience'],
      [14, '2.10', 'Tackling deprivation'],
    ],
  );
});

test('a review cycle is allowed as the first milestone', async () => {
  const result = await parsePlanImport(csvFile([cells('2', 'Tackling deprivation', { ...A26, firstMilestone: 'Reviewed yearly' })]));
  assert.deepEqual(result.problems, []);
  assert.equal(result.rows[0]!.row.firstMilestone, 'Reviewed yearly');
});

test('a CSV cell starting a formula is read as text', async () => {
  const raw = '\uFEFFPriority,Ref.,Action description,Outputs\r\n1,1.1,=cmd|\' /C calc\'!A0,"=HYPERLINK(""http://evil.example"",""x"")"\r\n';
  const result = await parsePlanImport({ filename: 'plan.csv', data: Buffer.from(raw, 'utf8') });
  assert.deepEqual(result.problems, []);
  assert.equal(result.rows[0]!.row.description, "=cmd|' /C calc'!A0");
  assert.equal(result.rows[0]!.row.outputs, '=HYPERLINK("http://evil.example","x")');
  // Exported again, the cells are guarded.
  const again = planToCsv({
    title: 'Plan',
    owner: '',
    periodLabel: '',
    priorities: [
      { number: 1, title: '', outcomes: [], actions: [{ ...result.rows[0]!.row, status: 'not_started', rag: 'green', percentComplete: null, dependsOn: [] }] },
    ],
  });
  assert.deepEqual(parseCsv(again.slice(1))[1]!.slice(2, 4), ['1.1', "'=cmd|' /C calc'!A0"]);
});

test('a file with no recognisable heading row gets one problem naming the headings expected', async () => {
  const expected =
    'the first row must name the columns Priority, Ref. and Action description, and as you need them Priority title, ' +
    'Lead officer, First milestone date, Action continues until, Resources required / engagement from partners (staff, tech, etc.), ' +
    'Key risks, Outputs, Decision making route';
  const noHeading = await parsePlanImport(csvFile([cells('1', 'Community resilience', A11)], ['Number', 'Name', 'What', 'Who']));
  assert.deepEqual(noHeading, { rows: [], problems: [{ line: 1, messages: [`Row 1: The file has no heading row that this import recognises: ${expected}`] }] });
  const empty = await parsePlanImport({ filename: 'plan.csv', data: Buffer.from('\r\n,,\r\n') });
  assert.deepEqual(empty.problems, [{ line: 1, messages: [`Row 1: The file is empty: ${expected}`] }]);
  // Headings without the description column.
  const partial = await parsePlanImport(csvFile([['1', '1.1', 'Sarah Ferguson']], ['Priority', 'Ref.', 'Lead officer']));
  assert.equal(partial.problems.length, 1);
  assert.match(partial.problems[0]!.messages[0]!, /^Row 1: The heading row has no ‘Action description’ column/);
  // Not a spreadsheet at all.
  const pdf = await parsePlanImport({ filename: 'plan.pdf', data: Buffer.from('%PDF-1.7') });
  assert.deepEqual(pdf.problems, [{ line: 1, messages: ['Row 1: The file must be a CSV or an Excel workbook (.xlsx)'] }]);
});

test('the seed\'s own layout: upper-case headings, "Reference", PRIORITY rows with outcomes, the heading row repeated', async () => {
  const header = ['Reference', ...SEED_HEADINGS.slice(1)];
  const row = (r: PlanRow) => PLAN_COLUMNS.map((c) => r[c.key]);
  const sheet = [
    ['COMMUNITIES AND PARTNERSHIPS COMMITTEE'],
    ['Delivery Plan'],
    [],
    ['PRIORITY 1: COMMUNITY RESILIENCE'],
    ['- Resilient communities across Cambridgeshire that are proud, confident, and self-reliant as far as possible.'],
    header,
    row(A11),
    row(A13),
    [],
    ['PRIORITY 2: TACKLING DEPRIVATION'],
    ['• The gap between the most deprived and least deprived communities is closed to an agreed level.'],
    header,
    row(A26),
  ];
  const result = await parsePlanImport({ filename: 'seed.csv', data: Buffer.from(toCsv(sheet)) });
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.rows, [
    { line: 7, row: importRow(A11, 1, 'COMMUNITY RESILIENCE') },
    { line: 8, row: importRow(A13, 1, 'COMMUNITY RESILIENCE') },
    { line: 13, row: importRow(A26, 2, 'TACKLING DEPRIVATION') },
  ]);
});

test('the XLSX export writes a milestone given as a date as an Excel date, and other milestones as text', async () => {
  const doc = plan();
  doc.priorities[0]!.actions[0]!.firstMilestone = '17/04/2018';
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await planToXlsx(doc)) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  assert.deepEqual(sheet.getCell('F2').value, new Date(Date.UTC(2018, 3, 17)));
  assert.equal(sheet.getCell('F2').numFmt, 'dd/mm/yyyy');
  assert.equal(sheet.getCell('F3').value, 'June 2018');
  // And it reads back as the plan's text.
  const back = await parsePlanImport({ filename: 'plan.xlsx', data: await planToXlsx(doc) });
  assert.ok(JSON.stringify(back).includes('17/04/2018'));
});

test('the Word export gives every heading cell room for its longest word, so no heading breaks mid-word', async () => {
  const zip = await JSZip.loadAsync(await planToDocx(plan()));
  const xml = await zip.file('word/document.xml')!.async('string');
  const grid = [.../<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(xml)![1]!.matchAll(/w:w="(\d+)"/g)].map((m) => Number(m[1]));
  assert.equal(grid.reduce((a, b) => a + b, 0) <= LANDSCAPE_TABLE_WIDTH + 9, true);
  SEED_HEADINGS.forEach((heading, c) => {
    // DejaVu Sans Bold is wider than Arial Bold, so this errs on the safe side; 160 twips of cell margins.
    const longest = Math.max(...heading.split(/\s+/).map((word) => textWidth(word, 'bold', 9) * 20));
    assert.ok(longest + 160 <= grid[c]!, `"${heading}" needs ${Math.ceil(longest + 160)} twips, has ${grid[c]}`);
  });
});
