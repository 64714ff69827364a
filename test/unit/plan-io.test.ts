import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { CsvError, parseCsv, stripFormulaGuard, toCsv } from '../../src/documents/csv.ts';
import {
  AGENDA_PLAN_COLUMNS,
  WORKSHOP_PLAN_COLUMNS,
  agendaPlanRows,
  parseAgendaPlan,
  parseWorkshopPlan,
  workshopPlanRows,
  type PlanMeeting,
} from '../../src/meetings/plan-io.ts';
import { parseDateCell, parseStartTime } from '../../src/meetings/plan-cells.ts';
import { SpreadsheetError, readSpreadsheet, writeXlsx } from '../../src/documents/spreadsheet.ts';
import { cellText, type SheetCell } from '../../src/documents/cells.ts';

/** Rows as the text a spreadsheet shows (a date cell as dd/mm/yyyy). */
const shown = (rows: SheetCell[][]) => rows.map((r) => r.map(cellText));

const HEADER = 'Committee date,Agenda item,Lead officer,Reference if key decision,Deadline for draft reports,Agenda despatch date';

// Seed 004, the Communities and Partnership Committee agenda plan, as an officer would save it
// from Excel: blank date cells under a meeting's first row, and the header repeated at a page break.
const SEED_AGENDA = `${[
  HEADER,
  '31/05/18,Confirmation of Appointment of Chairman and Vice Chairman,Democratic Services,Not applicable,17/05/18,22/05/18',
  ',Community Resilience Strategy Principles working with Service Committees,Sarah Ferguson / Elaine Matthews,Not applicable,,',
  ',Integrated Communities Strategy Green Paper,Adrian Chapman / S Ferguson / J Khan,Not applicable,,',
  ',Shared and Integrated Services Programme – Overview and Forward Plan,Adrian Chapman / Amanda Askham,Not applicable,,',
  ',Domestic Abuse and Sexual Violence Annual Report,Sarah Ferguson / Vickie Crompton Martin Brunning,Not applicable,,',
  '',
  HEADER,
  ',Finance and Performance Outturn Report 2017-18,Martin Wade / Tom Kelly,Not applicable,,',
  ',Area Champions Oral Update,Area Champions,Not applicable,,',
  ',Appointments to outside Bodies,Rob Sanderson,Not applicable,,',
  ',Training and Workshop Plan,Adrian Chapman / Christine May / S Ferguson,Not applicable,,',
  ',Agenda Plan,Adrian Chapman / S Ferguson/ C May / R Sanderson,Not applicable,,',
  '05/07/18,Community Resilience Strategy,Elaine Matthews,2018/052,22/06/18,27/06/18',
  ',Review of Tackling Poverty Strategy and proposals for a new Strategy,Adrian Chapman / Ian Phillips,Not applicable,,',
  ',"Wisbech 2020 Review and Cambridgeshire County Council\'s Role",Adrian Chapman,Not applicable,,',
].join('\r\n')}\r\n`;

test('reads the seed agenda plan for 31/05/18 and 05/07/18', () => {
  const { meetings, problems, validRowCount } = parseAgendaPlan(parseCsv(SEED_AGENDA));
  assert.deepEqual(problems, []);
  assert.equal(validRowCount, 13);
  assert.equal(meetings.length, 2);
  const [may, july] = meetings as [PlanMeeting, PlanMeeting];
  assert.deepEqual(
    { ...may, items: undefined },
    {
      date: '2018-05-31',
      kind: 'formal',
      title: null,
      plannedDraftDeadline: '2018-05-17',
      plannedDespatch: '2018-05-22',
      items: undefined,
    },
  );
  assert.equal(may.items.length, 10);
  assert.deepEqual(may.items[0], {
    title: 'Confirmation of Appointment of Chairman and Vice Chairman',
    leadOfficers: 'Democratic Services',
    keyDecisionRef: null,
    startTime: null,
    description: '',
  });
  assert.equal(may.items[5]!.title, 'Finance and Performance Outturn Report 2017-18');
  assert.equal(may.items[9]!.leadOfficers, 'Adrian Chapman / S Ferguson/ C May / R Sanderson');
  assert.equal(july.date, '2018-07-05');
  assert.equal(july.plannedDraftDeadline, '2018-06-22');
  assert.equal(july.plannedDespatch, '2018-06-27');
  assert.deepEqual(
    july.items.map((i) => [i.title, i.keyDecisionRef]),
    [
      ['Community Resilience Strategy', '2018/052'],
      ['Review of Tackling Poverty Strategy and proposals for a new Strategy', null],
      ["Wisbech 2020 Review and Cambridgeshire County Council's Role", null],
    ],
  );
});

test('a lone "Reserve ..." row is a reserve date with that title, not an item', () => {
  const rows = parseCsv(
    [
      HEADER,
      '21/6/17,Reserve date to be used as workshop,,,,',
      '09/08/18 (reserve date),Reserve date,,,27/07/18,31/07/18',
      '14/02/2019,Reserves Policy,Tom Kelly,Not applicable,,',
    ].join('\n'),
  );
  const { meetings, problems } = parseAgendaPlan(rows);
  assert.deepEqual(problems, []);
  assert.deepEqual(meetings[0], {
    date: '2017-06-21',
    kind: 'reserve',
    title: 'Reserve date to be used as workshop',
    plannedDraftDeadline: null,
    plannedDespatch: null,
    items: [],
  });
  assert.deepEqual(meetings[1], {
    date: '2018-08-09',
    kind: 'reserve',
    title: 'Reserve date',
    plannedDraftDeadline: '2018-07-27',
    plannedDespatch: '2018-07-31',
    items: [],
  });
  assert.equal(meetings[2]!.kind, 'formal', '"Reserves Policy" with a lead officer is an item');
  assert.equal(meetings[2]!.items[0]!.title, 'Reserves Policy');
});

test('reports exactly the bad rows, by row number and column', () => {
  const rows = parseCsv(
    [
      HEADER,
      '31/05/18,Confirmation of Appointment,Democratic Services,N/A,17/05/18,22/05/18',
      ',,Sarah Ferguson,Not applicable,,',
      '31/02/2019,Budget,Tom Kelly,,,',
      ',Agenda Plan,Adrian Chapman,,,',
      '',
      '27/09/18,White Ribbon Accreditation Decision Report,Sarah Ferguson,Not applicable,14/09/18,19/09/18',
    ].join('\r\n'),
  );
  const result = parseAgendaPlan(rows);
  assert.deepEqual(result.problems, [
    { row: 3, column: 'Agenda item', message: 'Enter the agenda item: this row has a lead officer but no item' },
    { row: 4, column: 'Committee date', message: '‘31/02/2019’ is not a real date: enter a date like 31/05/2018' },
  ]);
  assert.equal(result.validRowCount, 3, 'rows 2, 5 and 7');
  assert.deepEqual(
    result.meetings.map((m) => [m.date, m.items.length]),
    [
      ['2018-05-31', 1],
      ['2018-09-27', 1],
    ],
    'the row under the impossible date is not added to the meeting above it',
  );
});

test('header problems: a missing column is named once; extra columns and title rows above are ignored', () => {
  const missing = parseAgendaPlan(parseCsv('Committee date,Agenda item,Lead officer,Deadline for draft reports\n31/05/18,A,B,\n'));
  assert.deepEqual(
    missing.problems.map((p) => [p.row, p.column]),
    [
      [1, 'Reference if key decision'],
      [1, 'Agenda despatch date'],
    ],
  );
  assert.deepEqual(missing.meetings, []);
  assert.equal(parseAgendaPlan([]).problems.length, 1);

  const loose = parseAgendaPlan(
    parseCsv(
      [
        'COMMUNITIES AND PARTNERSHIP COMMITTEE AGENDA PLAN',
        'Published on 1st May 2018',
        '',
        'COMMITTEE DATE,agenda  item,Notes,Lead Officer,Reference if key decision,Deadline for draft reports,Agenda dispatch date',
        '31 May 2018,Agenda Plan,ignored,Adrian Chapman,,17/05/2018,22/05/2018',
      ].join('\n'),
    ),
  );
  assert.deepEqual(loose.problems, []);
  assert.equal(loose.meetings[0]!.items[0]!.leadOfficers, 'Adrian Chapman');
  assert.equal(loose.meetings[0]!.plannedDespatch, '2018-05-22');
});

test('dates and times as officers type them', () => {
  const iso = (text: string) => {
    const d = parseDateCell(text);
    return d.ok ? [d.iso, d.note] : d.message;
  };
  assert.deepEqual(iso('31/05/18'), ['2018-05-31', '']);
  assert.deepEqual(iso('5/7/18'), ['2018-07-05', '']);
  assert.deepEqual(iso('31/05/2018'), ['2018-05-31', '']);
  assert.deepEqual(iso('2018-05-31'), ['2018-05-31', '']);
  assert.deepEqual(iso('28 September 17 (Wisbech)'), ['2017-09-28', '(Wisbech)']);
  assert.deepEqual(iso('21 June 2018'), ['2018-06-21', '']);
  assert.deepEqual(iso('25th April 2019'), ['2019-04-25', '']);
  assert.deepEqual(iso('25 th April 2019 10:00-1:00pm KV Room'), ['2019-04-25', '10:00-1:00pm KV Room']);
  assert.deepEqual(iso('15 Feb 18 (Committee)'), ['2018-02-15', '(Committee)']);
  assert.deepEqual(iso('09/08/18 (reserve date)'), ['2018-08-09', '(reserve date)']);
  assert.equal(iso('31/02/2019'), '‘31/02/2019’ is not a real date: enter a date like 31/05/2018');
  assert.equal(iso('05/31/2018'), '‘05/31/2018’ is not a real date: enter a date like 31/05/2018');
  assert.equal(iso('next Tuesday'), '‘next Tuesday’ is not a date: enter a date like 31/05/2018');

  const time = (text: string) => {
    const t = parseStartTime(text);
    return t.ok ? t.time : 'bad';
  };
  assert.equal(time('10:00'), '10:00');
  assert.equal(time('2.30'), '14:30');
  assert.equal(time('11.30'), '11:30');
  assert.equal(time('10:00-1:00pm'), '10:00');
  assert.equal(time('10-1:00pm'), '10:00');
  assert.equal(time('2pm'), '14:00');
  assert.equal(time('9.30am'), '09:30');
  assert.equal(time('07:30'), '07:30');
  assert.equal(time('2.3'), '14:30');
  assert.equal(time('25:00'), 'bad');
  assert.equal(time('half ten'), 'bad');
});

test('deadlines are checked per cell, and against the committee date', () => {
  const { problems } = parseAgendaPlan(
    parseCsv(
      [
        HEADER,
        '21/6/17,Reserve date to be used as workshop,,,08/06/18,13/06/18',
        '05/07/18,Community Resilience Strategy,Elaine Matthews,2018/052,22/13/18,soon',
      ].join('\n'),
    ),
  );
  assert.deepEqual(
    problems.map((p) => [p.row, p.column]),
    [
      [2, 'Deadline for draft reports'],
      [2, 'Agenda despatch date'],
      [3, 'Deadline for draft reports'],
      [3, 'Agenda despatch date'],
    ],
  );
  assert.match(problems[0]!.message, /must be on or before the committee date \(21\/06\/2017\)/);
  assert.equal(problems[2]!.message, '‘22/13/18’ is not a real date: enter a date like 31/05/2018');
});

test('too long a title, and a NUL in a cell, are problems', () => {
  const { problems, meetings } = parseAgendaPlan([
    HEADER.split(','),
    ['31/05/18', 'x'.repeat(501), 'Someone', '', '', ''],
    ['', 'Agenda\u0000Plan', 'Someone', '', '', ''],
  ]);
  assert.deepEqual(
    problems.map((p) => [p.row, p.column]),
    [
      [2, 'Agenda item'],
      [3, 'Agenda item'],
    ],
  );
  assert.match(problems[0]!.message, /500 characters or fewer/);
  assert.match(problems[1]!.message, /control character/);
  assert.deepEqual(meetings[0]!.items, []);
});

test('a date repeated on every row of a meeting (Excel fill-down) is one meeting', () => {
  const { meetings } = parseAgendaPlan(parseCsv([HEADER, '31/05/18,A,X,,,', '31/05/18,B,Y,,,', '05/07/18,C,Z,,,'].join('\n')));
  assert.deepEqual(
    meetings.map((m) => m.items.map((i) => i.title)),
    [['A', 'B'], ['C']],
  );
});

const SAMPLE: PlanMeeting[] = [
  {
    date: '2018-05-31',
    kind: 'formal',
    title: null,
    plannedDraftDeadline: '2018-05-17',
    plannedDespatch: '2018-05-22',
    items: [
      {
        title: 'Confirmation of Appointment of Chairman and Vice Chairman',
        leadOfficers: 'Democratic Services',
        keyDecisionRef: null,
        startTime: null,
        description: '',
      },
      {
        title: 'Domestic Abuse – "Annual" Report, 2017-18',
        leadOfficers: 'Sarah Ferguson / Vickie Crompton',
        keyDecisionRef: null,
        startTime: null,
        description: '',
      },
      { title: '=HYPERLINK("http://evil.example")', leadOfficers: '-Tom Kelly', keyDecisionRef: null, startTime: null, description: '' },
    ],
  },
  {
    date: '2018-06-21',
    kind: 'reserve',
    title: 'Reserve date to be used as workshop',
    plannedDraftDeadline: '2018-06-08',
    plannedDespatch: '2018-06-13',
    items: [],
  },
  {
    date: '2018-07-05',
    kind: 'formal',
    title: null,
    plannedDraftDeadline: '2018-06-22',
    plannedDespatch: '2018-06-27',
    items: [{ title: 'Community Resilience Strategy', leadOfficers: 'Elaine Matthews', keyDecisionRef: '2018/052', startTime: null, description: '' }],
  },
  { date: '2018-08-09', kind: 'reserve', title: null, plannedDraftDeadline: '2018-07-27', plannedDespatch: '2018-07-31', items: [] },
  { date: '2018-09-27', kind: 'formal', title: null, plannedDraftDeadline: null, plannedDespatch: null, items: [] },
  { date: '2019-04-25', kind: 'reserve', title: 'Training workshop', plannedDraftDeadline: null, plannedDespatch: null, items: [] },
];

test('agendaPlanRows writes the seed layout', () => {
  const typed = agendaPlanRows(SAMPLE);
  assert.deepEqual(typed[1]!.slice(4), [new Date(Date.UTC(2018, 4, 17)), new Date(Date.UTC(2018, 4, 22))], 'dates are dates');
  assert.deepEqual(typed[1]![0], new Date(Date.UTC(2018, 4, 31)));
  assert.equal(typed[6]![0], '09/08/2018 (reserve date)', 'a date with a note stays text');
  const rows = shown(typed);
  assert.deepEqual(rows[0], [...AGENDA_PLAN_COLUMNS]);
  assert.deepEqual(rows[1], [
    '31/05/2018',
    'Confirmation of Appointment of Chairman and Vice Chairman',
    'Democratic Services',
    'Not applicable',
    '17/05/2018',
    '22/05/2018',
  ]);
  assert.deepEqual(rows[2], ['', 'Domestic Abuse – "Annual" Report, 2017-18', 'Sarah Ferguson / Vickie Crompton', 'Not applicable', '', '']);
  assert.deepEqual(rows[4], ['21/06/2018', 'Reserve date to be used as workshop', '', '', '08/06/2018', '13/06/2018']);
  assert.deepEqual(rows[6], ['09/08/2018 (reserve date)', '', '', '', '27/07/2018', '31/07/2018']);
});

test('agendaPlanRows writes the derived deadlines where none were planned', () => {
  const meeting: PlanMeeting = {
    date: '2030-05-30',
    kind: 'formal',
    title: null,
    plannedDraftDeadline: null,
    plannedDespatch: '2030-05-20',
    derived: { draftDeadline: '2030-05-13', despatch: '2030-05-21' },
    items: [],
  };
  assert.deepEqual(shown(agendaPlanRows([meeting]))[1]!.slice(4), ['13/05/2030', '20/05/2030']);
});

test('round trip: agendaPlanRows → toCsv → parseCsv → parseAgendaPlan', () => {
  const csv = toCsv(agendaPlanRows(SAMPLE));
  assert.ok(csv.includes(`'=HYPERLINK`) && csv.includes(`'-Tom Kelly`), 'formulas neutralised in the file');
  const back = parseAgendaPlan(parseCsv(csv));
  assert.deepEqual(back.problems, []);
  assert.deepEqual(back.meetings, SAMPLE);
});

test('round trip through Excel: writeXlsx → readSpreadsheet', async () => {
  const bytes = await writeXlsx('Agenda plan', agendaPlanRows(SAMPLE));
  const rows = await readSpreadsheet(bytes, 'Agenda plan.XLSX');
  assert.deepEqual(parseAgendaPlan(rows), { meetings: SAMPLE, problems: [], validRowCount: 8 });

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  assert.equal(sheet.name, 'Agenda plan');
  assert.equal(sheet.getCell('A1').font?.bold, true);
  assert.deepEqual(sheet.views[0], { ...sheet.views[0], state: 'frozen', ySplit: 1 });
  assert.equal(sheet.getCell('B3').alignment?.wrapText, true);
  assert.equal(typeof sheet.getCell('B4').value, 'string', 'a cell starting with = is text, not a formula, in the workbook');
  assert.ok((sheet.getColumn(2).width ?? 0) > (sheet.getColumn(1).width ?? 0));
});

test('readSpreadsheet shows Excel cells as their text: dates, times, numbers, rich text, formulas, merged cells', async () => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  sheet.addRow([...WORKSHOP_PLAN_COLUMNS]);
  sheet.addRow([
    new Date(Date.UTC(2018, 0, 24)),
    new Date(Date.UTC(1899, 11, 30, 10, 0)),
    1,
    { richText: [{ text: 'Adult Skills – ', font: { bold: true } }, { text: 'supporting communities' }] },
    'Pat Carrington',
    '',
  ]);
  sheet.getCell('B2').numFmt = 'h:mm';
  sheet.addRow(['', 2.5, { formula: 'C2+1', result: 2 }, 'Adults Skills and Learning', 'Lynsi Hayward-Smith', true]);
  sheet.getCell('B3').numFmt = '0.00';
  sheet.addRow(['merged', '', '', 'Third', '', '']);
  sheet.mergeCells('A2:A4');
  const rows = await readSpreadsheet(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer), 'plan.xlsx');
  assert.deepEqual(rows.slice(1), [
    ['24/01/2018', '10:00', '1', 'Adult Skills – supporting communities', 'Pat Carrington'],
    ['', '2.50', '2', 'Adults Skills and Learning', 'Lynsi Hayward-Smith', 'TRUE'],
    ['', '', '', 'Third'],
  ]);
});

test('CSV injection is neutralised, but not negative numbers', () => {
  const csv = toCsv([['=1+1', '+44 1223', '-x', '@SUM(A1)', '\tTab', '\rCR', 'plain', -5, null, "it's", '-']]);
  assert.equal(csv, `\uFEFF'=1+1,'+44 1223,'-x,'@SUM(A1),'\tTab,"'\rCR",plain,-5,,it's,'-\r\n`);
  assert.equal(stripFormulaGuard("'=1+1"), '=1+1');
  assert.equal(stripFormulaGuard("'Twas"), "'Twas");
  assert.equal(toCsv([['a']], { bom: false }), 'a\r\n');
});

test('parseCsv: BOM, CRLF and LF, quotes, embedded line breaks, trailing line', () => {
  assert.deepEqual(parseCsv('\uFEFFa,b\r\n"c ""quoted"", with comma","multi\r\nline"\r\n'), [
    ['a', 'b'],
    ['c "quoted", with comma', 'multi\r\nline'],
  ]);
  assert.deepEqual(parseCsv('a,b\nc,d'), [
    ['a', 'b'],
    ['c', 'd'],
  ]);
  assert.deepEqual(parseCsv('a,\n\n,b\n'), [['a', ''], [''], ['', 'b']]);
  assert.deepEqual(parseCsv(''), []);
  assert.deepEqual(parseCsv('\uFEFF'), []);
  assert.throws(
    () => parseCsv('a,b\n"c\nd,e\n'),
    (e: unknown) => e instanceof CsvError && e.line === 2 && /line 2/.test(e.message),
  );
});

test('readSpreadsheet: CSV with BOM and CRLF, Windows-1252 CSV, and files that are not spreadsheets', async () => {
  const utf8 = new TextEncoder().encode(toCsv(agendaPlanRows(SAMPLE)));
  assert.deepEqual(parseAgendaPlan(await readSpreadsheet(utf8, 'plan.csv')).meetings, SAMPLE);
  const cp1252 = Uint8Array.from([
    ...Buffer.from(`${HEADER}\r\n31/05/18,Review of CCC`, 'latin1'),
    0x92,
    ...Buffer.from('s role,Vickie Crompton,,,\r\n', 'latin1'),
  ]);
  assert.equal((await readSpreadsheet(cp1252, 'plan.csv'))[1]![1], 'Review of CCC’s role');

  const garbage = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256);
  await assert.rejects(readSpreadsheet(garbage, 'plan.xlsx'), (e: unknown) => e instanceof SpreadsheetError && /CSV or an Excel workbook/.test(e.message));
  const fakeZip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...garbage]);
  await assert.rejects(readSpreadsheet(fakeZip, 'plan.xlsx'), SpreadsheetError);
  await assert.rejects(readSpreadsheet(utf8, 'plan.pdf'), { name: 'SpreadsheetError', message: 'The file must be a CSV or an Excel workbook (.xlsx)' });
  await assert.rejects(readSpreadsheet(new TextEncoder().encode('a,"b\n'), 'plan.csv'), SpreadsheetError);
});

// Seed 004, the Workshop and Training Plan.
const SEED_WORKSHOPS = [
  'Workshop Date,Time,No,Item,Presenter,Attendance',
  '28 September 17 (Wisbech),,,• Tackling deprivation • Business Planning • Visiting community organisations,Adrian Chapman Diane Lane,',
  '24 January 18 10:00-1:00pm KV Room (Reserve Committee),10:00,1,Adult Skills – supporting communities to grow,Pat Carrington / Lynsi Hayward-Smith / Tom Barden,',
  ',,2,Adults Skills and Learning and Adult Learning Self-assessment,Lynsi Hayward-Smith,',
  '15 Feb 18 (Committee),,,,,',
  '17 April 18 - (Committee),,,,,',
  '17 April 2018,2.30,1,Domestic Abuse and Sexual Violence-/Modern Day Slavery,Julia Cullum/Sarah Ferguson,All members of the Council',
  '9 August 18 10:00-1:00 KV Room (Reserve Committee),10:00,1.,Partnership landscape and relationship with the Combined Authority,Adrian Chapman,',
  ',,2,ASB and community safety,Rob Hill,',
].join('\r\n');

test('reads the seed workshop plan', () => {
  const { meetings, problems, validRowCount } = parseWorkshopPlan(parseCsv(SEED_WORKSHOPS));
  assert.deepEqual(problems, []);
  assert.equal(validRowCount, 8);
  assert.deepEqual(
    meetings.map((m) => [m.date, m.kind, m.title, m.items.length]),
    [
      ['2017-09-28', 'workshop', 'Wisbech', 1],
      ['2018-01-24', 'workshop', '10:00-1:00pm KV Room (Reserve Committee)', 2],
      ['2018-02-15', 'formal', null, 0],
      ['2018-04-17', 'formal', null, 0],
      ['2018-04-17', 'workshop', null, 1],
      ['2018-08-09', 'workshop', '10:00-1:00 KV Room (Reserve Committee)', 2],
    ],
  );
  const january = meetings[1]!;
  assert.deepEqual(january.items, [
    {
      title: 'Adult Skills – supporting communities to grow',
      leadOfficers: 'Pat Carrington / Lynsi Hayward-Smith / Tom Barden',
      keyDecisionRef: null,
      startTime: '10:00',
      description: '',
    },
    {
      title: 'Adults Skills and Learning and Adult Learning Self-assessment',
      leadOfficers: 'Lynsi Hayward-Smith',
      keyDecisionRef: null,
      startTime: null,
      description: '',
    },
  ]);
  assert.equal(meetings[0]!.items[0]!.title, '• Tackling deprivation • Business Planning • Visiting community organisations');
  assert.deepEqual(meetings[4]!.items[0], {
    title: 'Domestic Abuse and Sexual Violence-/Modern Day Slavery',
    leadOfficers: 'Julia Cullum/Sarah Ferguson',
    keyDecisionRef: null,
    startTime: '14:30',
    description: 'All members of the Council',
  });
});

test('workshop plan problems', () => {
  const { problems } = parseWorkshopPlan(
    parseCsv(
      [
        'Workshop date,Time,No,Item,Presenter,Attendance',
        ',10:00,1,Before any workshop,Someone,',
        'COMMITTEE MEETINGS EVERY MONTH THROUGHOUT AUTUMN (27TH Sept / 18th Oct),,,,,',
        '21 June 18,half ten,one,Shared work programme,Adrian Chapman,',
        ',,,,Rob Hill,',
      ].join('\n'),
    ),
  );
  assert.deepEqual(
    problems.map((p) => [p.row, p.column]),
    [
      [2, 'Workshop date'],
      [3, 'Workshop date'],
      [4, 'Time'],
      [4, 'No'],
      [5, 'Item'],
    ],
  );
});

test('round trip: workshopPlanRows → CSV and → Excel', async () => {
  const parsed = parseWorkshopPlan(parseCsv(SEED_WORKSHOPS)).meetings;
  const meetings: PlanMeeting[] = [
    ...parsed,
    { date: '2019-02-14', kind: 'reserve', title: null, plannedDraftDeadline: null, plannedDespatch: null, items: [] },
    {
      date: '2019-03-07',
      kind: 'workshop',
      title: '(Room 128)',
      plannedDraftDeadline: null,
      plannedDespatch: null,
      items: [
        {
          title: 'Relationship with the Combined Authority',
          leadOfficers: 'Adrian Chapman',
          keyDecisionRef: null,
          startTime: '07:30',
          description: 'Committee and Area Champions\nAll members: "invited", =welcome',
        },
      ],
    },
  ];
  const typed = workshopPlanRows(meetings);
  assert.equal(typed[2]![2], 1, 'the item number is a number');
  const rows = shown(typed);
  assert.deepEqual(rows[0], [...WORKSHOP_PLAN_COLUMNS]);
  assert.deepEqual(rows[2], [
    '24/01/2018 10:00-1:00pm KV Room (Reserve Committee)',
    '10:00',
    '1',
    'Adult Skills – supporting communities to grow',
    'Pat Carrington / Lynsi Hayward-Smith / Tom Barden',
    '',
  ]);
  assert.deepEqual(rows[3]!.slice(0, 3), ['', '', '2']);
  assert.deepEqual(rows[4], ['15/02/2018 (Committee)', '', '', '', '', '']);
  assert.deepEqual(parseWorkshopPlan(parseCsv(toCsv(rows))), { meetings, problems: [], validRowCount: 10 });
  const xlsx = await readSpreadsheet(await writeXlsx('Workshop plan', rows), 'w.xlsx');
  assert.deepEqual(parseWorkshopPlan(xlsx).meetings, meetings);
});

test('property: toCsv then parseCsv gives back every cell (formula cells with their apostrophe)', () => {
  const tricky = fc.constantFrom(',', '"', '\r', '\n', '\r\n', '=', '+', '-', '@', '\t', "'", ' ', 'a', 'é', '’', '\uFEFF', '😀');
  const cell = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: tricky }));
  const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { maxLength: 6 });
  fc.assert(
    fc.property(rows, (input) => {
      const expected = input.map((row) => row.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
      assert.deepEqual(parseCsv(toCsv(input)), expected);
      assert.deepEqual(parseCsv(toCsv(input, { bom: false })), expected);
    }),
    { numRuns: 500 },
  );
});
