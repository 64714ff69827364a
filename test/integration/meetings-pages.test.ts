// Back-office meetings pages through the HTTP layer: bodies and membership, meetings and their
// deadlines, agenda items, a report on the template with its clearance rule, the pack, the forward
// plan with its flags, import and export, and bank holidays.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { buildTestApp, countRows, signIn, type Agent, type TestApp } from '../helper.ts';
import { pdfPageTexts } from '../pdf-text.ts';
import { parseCsv } from '../../src/documents/csv.ts';

const idFrom = (location: unknown, prefix: string) => new RegExp(`${prefix}/([0-9a-f-]{36})`).exec(String(location))?.[1] ?? '';

describe('meetings pages', () => {
  let t: TestApp;
  let clerk: Agent;
  let councillor: Agent;
  let bodyId = '';
  let meetingId = '';
  before(async () => {
    t = await buildTestApp();
    clerk = await signIn(t.app, 'democratic_services');
    councillor = await signIn(t.app, 'councillor');
  });
  after(async () => t.close());

  it('shows the demo committee with its membership on a date and its Area Champions with the vacancy', async () => {
    const list = await clerk.get('/bodies');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Communities and Partnership Committee/);
    const id = (await t.db.query<{ id: string }>(`select id from bodies where name = 'Communities and Partnership Committee'`))[0]!.id;
    const page = await clerk.get(`/bodies/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Criswell/);
    assert.match(page.body, /Area Champion/);
    assert.match(page.body, /Vacant/);
  });

  it('flags the seed plan rows that ignore Easter 2019 and the late May bank holiday', async () => {
    const id = (await t.db.query<{ id: string }>(`select id from bodies where name = 'Communities and Partnership Committee'`))[0]!.id;
    const plan = await clerk.get(`/bodies/${id}/plan`);
    assert.equal(plan.statusCode, 200);
    assert.match(plan.body, /Forward agenda plan/);
    assert.match(plan.body, /Community Resilience Strategy/);
    assert.match(plan.body, /2018\/052/);
    // 25 April 2019: despatch planned for 17 April leaves 3 clear working days (Good Friday and Easter Monday).
    assert.match(plan.body, /leaves 3 clear working days/);
    // 30 May 2019: despatch planned for 22 May leaves 4 (late May bank holiday, 27 May 2019).
    assert.match(plan.body, /leaves 4 clear working days/);
    const csv = await clerk.get(`/bodies/${id}/plan.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /Committee date,Agenda item,Lead officer/);
    assert.match(csv.body, /05\/07\/2018,Community Resilience Strategy/);
    const xlsx = await clerk.get(`/bodies/${id}/plan.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.equal(book.worksheets[0]!.getRow(1).getCell(1).text, 'Committee date');
    // Dates are dates in Excel, not text: "05/07/2018" is a date cell shown as dd/mm/yyyy.
    const july = book.worksheets[0]!.getColumn(1).values.find((v) => v instanceof Date && v.getTime() === Date.UTC(2018, 6, 5));
    assert.ok(july, 'the committee date of 5 July 2018 is an Excel date');
    const workshops = await clerk.get(`/bodies/${id}/workshops`);
    assert.equal(workshops.statusCode, 200);
    assert.match(workshops.body, /Shared work programme with the CA/);
  });

  it('creates a body, refusing bad input with messages and changing nothing', async () => {
    const before = await countRows(t.db, 'bodies');
    const bad = await clerk.post('/bodies', {
      name: '',
      kind: 'committee',
      draftReportClearDays: '8',
      despatchClearDays: '3',
      quorum: 'three',
      defaultStartTime: '25:00',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the name of the committee or board/);
    assert.match(bad.body, /at least 5 clear working days/);
    assert.match(bad.body, /Quorum must be a whole number/);
    assert.match(bad.body, /Usual start time must be a time like 14:00/);
    assert.equal(await countRows(t.db, 'bodies'), before);
    const ok = await clerk.post('/bodies', {
      name: 'Test Partnership Board',
      kind: 'board',
      draftReportClearDays: '8',
      despatchClearDays: '5',
      quorum: '3',
      defaultVenue: 'Shire Hall',
      defaultStartTime: '2pm',
    });
    assert.equal(ok.statusCode, 303);
    bodyId = idFrom(ok.headers.location, '/bodies');
    assert.ok(bodyId);
    const councillorTry = await councillor.post('/bodies', { name: 'Nope', kind: 'board', draftReportClearDays: '8', despatchClearDays: '5' });
    assert.equal(councillorTry.statusCode, 403);
  });

  it('adds a member and a vacant named role, and ends a membership', async () => {
    const person = (await t.db.query<{ id: string }>(`select id from people where name = 'Mary Whitehand'`))[0]!.id;
    const bad = await clerk.post(`/bodies/${bodyId}/members`, {
      personId: '',
      role: 'member',
      'startDate-day': '31',
      'startDate-month': '2',
      'startDate-year': '2019',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Start date must be a real date/);
    const ok = await clerk.post(`/bodies/${bodyId}/members`, {
      personId: person,
      role: 'chair',
      politicalGroup: '',
      'startDate-day': '1',
      'startDate-month': '4',
      'startDate-year': '2019',
    });
    assert.equal(ok.statusCode, 303);
    const role = await clerk.post(`/bodies/${bodyId}/roles`, { title: 'Area Champion', areaId: '', rolePersonId: '', roleNote: 'No nomination yet' });
    assert.equal(role.statusCode, 303);
    const page = await clerk.get(`/bodies/${bodyId}`);
    assert.match(page.body, /Mary Whitehand/);
    assert.match(page.body, /Vacant/);
    const member = (await t.db.query<{ id: string }>(`select id from body_members where body_id = $1`, [bodyId]))[0]!.id;
    const early = await clerk.post(`/bodies/${bodyId}/members/${member}/end`, { 'endDate-day': '1', 'endDate-month': '1', 'endDate-year': '2019' });
    assert.equal(early.statusCode, 400);
    assert.match(early.body, /on or after the date the membership started/);
    assert.equal(
      (await clerk.post(`/bodies/${bodyId}/members/${member}/end`, { 'endDate-day': '1', 'endDate-month': '1', 'endDate-year': '2030' })).statusCode,
      303,
    );
  });

  it('creates a meeting and shows its derived deadlines and flags', async () => {
    const bad = await clerk.post(`/bodies/${bodyId}/meetings`, { 'meetingDate-day': '', kind: 'formal', isPublic: 'true' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter meeting date/i);
    const ok = await clerk.post(`/bodies/${bodyId}/meetings`, {
      'meetingDate-day': '25',
      'meetingDate-month': '4',
      'meetingDate-year': '2019',
      startTime: '10:00',
      venue: 'Room 128',
      kind: 'formal',
      isPublic: 'true',
      status: 'scheduled',
      'plannedDespatch-day': '17',
      'plannedDespatch-month': '4',
      'plannedDespatch-year': '2019',
    });
    assert.equal(ok.statusCode, 303);
    meetingId = idFrom(ok.headers.location, '/meetings');
    const page = await clerk.get(`/meetings/${meetingId}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Monday 15 April 2019/); // latest lawful despatch before Easter
    assert.match(page.body, /leaves 3 clear working days/);
    assert.match(page.body, /12 noon, /);
  });

  it('adds, reorders, moves and removes agenda items, renumbering as it goes', async () => {
    for (const title of ['Apologies for absence', 'Community resilience strategy', 'Exempt contract award']) {
      const res = await clerk.post(`/meetings/${meetingId}/items`, { title, purpose: 'decision', exemptParagraph: title.startsWith('Exempt') ? '3' : '' });
      assert.equal(res.statusCode, 303);
    }
    const empty = await clerk.post(`/meetings/${meetingId}/items`, { title: '', purpose: 'decision' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Enter the title of the agenda item/);
    const items = () =>
      t.db.query<{ id: string; title: string; position: number; version: number }>(
        `select id, title, position, version from agenda_items where meeting_id = $1 and deleted_at is null order by position`,
        [meetingId],
      );
    const first = (await items())[0]!;
    assert.equal((await clerk.post(`/meetings/${meetingId}/items/${first.id}/reorder`, { direction: 'down' })).statusCode, 303);
    assert.deepEqual(
      (await items()).map((i) => i.title),
      ['Community resilience strategy', 'Apologies for absence', 'Exempt contract award'],
    );
    // Move to another meeting of the same body, keeping history.
    const other = await clerk.post(`/bodies/${bodyId}/meetings`, {
      'meetingDate-day': '30',
      'meetingDate-month': '5',
      'meetingDate-year': '2030',
      kind: 'formal',
      isPublic: 'true',
    });
    const otherId = idFrom(other.headers.location, '/meetings');
    const apologies = (await items()).find((i) => i.title === 'Apologies for absence')!;
    const moved = await clerk.post(`/meetings/${meetingId}/items/${apologies.id}/move`, {
      toMeetingId: otherId,
      reason: 'Deferred',
      version: String(apologies.version),
    });
    assert.equal(moved.statusCode, 303);
    assert.deepEqual(
      (await items()).map((i) => [i.position, i.title]),
      [
        [1, 'Community resilience strategy'],
        [2, 'Exempt contract award'],
      ],
    );
    const history = await clerk.get(`/meetings/${otherId}/items/${apologies.id}/edit`);
    assert.match(history.body, /Moved from/);
    assert.match(history.body, /Deferred/);
    const stale = await clerk.post(`/meetings/${otherId}/items/${apologies.id}/delete`, { version: String(apologies.version) });
    assert.equal(stale.statusCode, 409);
  });

  it('exports the forward plan with the derived deadlines the page shows and exempt items by paragraph', async () => {
    const csv = await clerk.get(`/bodies/${bodyId}/plan.csv`);
    assert.equal(csv.statusCode, 200);
    const rows = parseCsv(csv.body);
    const byDate = (date: string) => rows.find((r) => r[0] === date)!;
    const page = (await clerk.get(`/bodies/${bodyId}/plan`)).body;
    const shown = (ddmmyyyy: string) => {
      const [d, m, y] = ddmmyyyy.split('/');
      return `${Number(d)} ${new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })} ${y}`;
    };
    // 25 April 2019: despatch planned by hand, the draft deadline derived; 30 May 2030: both derived.
    const april = byDate('25/04/2019');
    assert.equal(april[5], '17/04/2019');
    assert.match(april[4]!, /^\d{2}\/\d{2}\/2019$/);
    const may = byDate('30/05/2030');
    assert.match(may[4]!, /^\d{2}\/05\/2030$/);
    assert.match(may[5]!, /^\d{2}\/05\/2030$/);
    for (const date of [april[4]!, may[4]!, may[5]!]) assert.ok(page.includes(shown(date)), `the plan page shows ${date}`);
    assert.ok(rows.some((r) => r[1] === 'Exempt item (paragraph 3)'));
    assert.ok(!csv.body.includes('Exempt contract award'), 'an exempt item is not named in the export');
    const xlsx = await clerk.get(`/bodies/${bodyId}/plan.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const row = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(6).text === '17/04/2019' || r.getCell(6).value instanceof Date)!;
    assert.ok(row.getCell(5).value instanceof Date && row.getCell(6).value instanceof Date, 'the deadlines are dates in Excel');
    assert.equal(row.getCell(5).numFmt, 'dd/mm/yyyy');
  });

  it('refuses to publish an uncleared report, then publishes it cleared and builds the pack', async () => {
    const item = (
      await t.db.query<{ id: string }>(`select id from agenda_items where meeting_id = $1 and position = 1 and deleted_at is null`, [meetingId])
    )[0]!.id;
    const form = await clerk.get(`/meetings/${meetingId}/items/${item}/report/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Have the resource implications been cleared by Finance\?/);
    const fields: Record<string, string> = {
      title: 'Community Resilience Strategy',
      from: 'Sarah Ferguson, Assistant Director',
      electoralDivisions: 'All',
      keyDecision: 'no',
      purpose: 'To agree the principles of community resilience.',
      recommendations: 'Note the progress\nAgree the principles',
      officer1Name: 'Sarah Ferguson',
      background: 'The committee was formed in July 2017.\n\nIt agreed its delivery plan on 17 April 2018.',
      mainIssues: 'Five outcomes are proposed:\n- Resilient communities\n- A sense of place',
      alignment0: '',
      alignment1: '',
      alignment2: '',
    };
    const saved = await clerk.post(`/meetings/${meetingId}/items/${item}/report/edit`, fields);
    assert.equal(saved.statusCode, 303);
    const report = () => t.db.query<{ version: number; status: string }>(`select version, status from reports where agenda_item_id = $1`, [item]);
    const refused = await clerk.post(`/meetings/${meetingId}/items/${item}/report/publish`, { version: String((await report())[0]!.version) });
    assert.equal(refused.statusCode, 303); // Post/Redirect/Get: the refusal is shown on the report's page
    const refusal = await clerk.get(String(refused.headers.location));
    assert.match(refusal.body, /cannot be published until every implication is cleared/);
    assert.match(refusal.body, /Resource implications have not been cleared/);
    assert.equal((await report())[0]!.status, 'draft');
    const cleared: Record<string, string> = { ...fields, version: String((await report())[0]!.version) };
    for (const key of ['resource', 'procurement', 'legal', 'equality', 'engagement', 'localism', 'publicHealth']) {
      cleared[`clearance-${key}`] = key === 'procurement' ? 'not_applicable' : 'cleared';
      cleared[`clearanceOfficer-${key}`] = key === 'procurement' ? '' : 'Tom Kelly';
    }
    assert.equal((await clerk.post(`/meetings/${meetingId}/items/${item}/report/edit`, cleared)).statusCode, 303);
    const published = await clerk.post(`/meetings/${meetingId}/items/${item}/report/publish`, { version: String((await report())[0]!.version) });
    assert.equal(published.statusCode, 303);
    assert.equal((await report())[0]!.status, 'published');
    const view = await clerk.get(`/meetings/${meetingId}/items/${item}/report`);
    assert.match(view.body, /Yes. Name of officer: Tom Kelly/);
    const pack = await clerk.get(`/meetings/${meetingId}/pack.pdf`);
    assert.equal(pack.statusCode, 200);
    assert.equal(pack.headers['content-type'], 'application/pdf');
    const pages = await pdfPageTexts(new Uint8Array(pack.rawPayload));
    assert.ok(pages.length >= 2);
    assert.match(pages[0]!, /1\. Community resilience strategy[ .]+2 - 3/);
    assert.match(pages.at(-1)!, new RegExp(`Page ${pages.length} of ${pages.length}`));
    // The pack is rebuilt only when something changes.
    const again = await clerk.get(`/meetings/${meetingId}/pack.pdf`);
    assert.equal(again.statusCode, 200);
    assert.equal(await countRows(t.db, 'agenda_packs'), 1);
  });

  it('imports a plan: reports problems by row and imports nothing, then imports a clean file', async () => {
    const before = await countRows(t.db, 'meetings');
    const bad =
      'Committee date,Agenda item,Lead officer,Reference if key decision,Deadline for draft reports,Agenda despatch date\r\n' +
      '31/02/2031,Budget,Tom Kelly,,,\r\n,,Rob Sanderson,,,\r\n';
    const refused = await clerk.postMultipart(
      `/bodies/${bodyId}/plan/import`,
      {},
      { field: 'file', filename: 'plan.csv', data: Buffer.from(bad), type: 'text/csv' },
    );
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Nothing has been imported/);
    assert.match(refused.body, /not a real date/);
    assert.equal(await countRows(t.db, 'meetings'), before);
    const good =
      'Committee date,Agenda item,Lead officer,Reference if key decision,Deadline for draft reports,Agenda despatch date\r\n' +
      '10/07/2031,Budget monitoring,Tom Kelly,2031/001,,\r\n,Area Champions update,Area Champions,Not applicable,,\r\n';
    const ok = await clerk.postMultipart(
      `/bodies/${bodyId}/plan/import`,
      {},
      { field: 'file', filename: 'plan.csv', data: Buffer.from(good), type: 'text/csv' },
    );
    assert.equal(ok.statusCode, 303);
    assert.equal(await countRows(t.db, 'meetings'), before + 1);
    const plan = await clerk.get(`/bodies/${bodyId}/plan`);
    assert.match(plan.body, /Budget monitoring/);
    assert.match(plan.body, /2031\/001/);
    const workshops =
      'Workshop date,Time,No,Item,Presenter,Attendance\r\n' +
      '21 June 2031 10:00-1:00pm KV Room (Reserve Committee),10:00,1,Shared work programme with the CA,Adrian Chapman,\r\n' +
      ',,2,Performance Indicators,Dee to confirm,Committee and Area Champions\r\n10 July 2031 - (Committee),,,,,\r\n';
    const w = await clerk.postMultipart(`/bodies/${bodyId}/workshops/import`, {}, { field: 'file', filename: 'workshops.csv', data: Buffer.from(workshops) });
    assert.equal(w.statusCode, 303, w.body.slice(0, 3000));
    const workshopPage = await clerk.get(`/bodies/${bodyId}/workshops`);
    assert.match(workshopPage.body, /Shared work programme with the CA/);
    assert.match(workshopPage.body, /Committee and Area Champions/);
    // The committee date listed on the workshop plan is not turned into a workshop.
    assert.equal((await t.db.query(`select 1 from meetings where body_id = $1 and kind = 'workshop'`, [bodyId])).length, 1);
    const garbage = await clerk.postMultipart(
      `/bodies/${bodyId}/plan/import`,
      {},
      { field: 'file', filename: 'plan.xlsx', data: Buffer.from('not a workbook') },
    );
    assert.equal(garbage.statusCode, 400);
  });

  it('lets an administrator load bank holidays, and refuses a bad file', async () => {
    const admin = await signIn(t.app, 'administrator');
    assert.equal((await clerk.get('/admin/bank-holidays')).statusCode, 403);
    const meeting = (await t.db.query<{ id: string }>(`select id from meetings where meeting_date = '2031-07-10'`))[0]!.id;
    assert.match((await clerk.get(`/meetings/${meeting}`)).body, /Wednesday 2 July 2031/);
    const page = await admin.get('/admin/bank-holidays');
    assert.equal(page.statusCode, 200);
    const bad = await admin.postMultipart('/admin/bank-holidays', {}, { field: 'file', filename: 'bank-holidays.json', data: Buffer.from('{"nope": 1}') });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /england-and-wales/);
    const file = {
      'england-and-wales': {
        division: 'england-and-wales',
        events: [
          { title: 'New Year’s Day', date: '2031-01-01', notes: '', bunting: true },
          { title: 'Invented holiday', date: '2031-07-08', notes: '', bunting: false },
        ],
      },
    };
    const ok = await admin.postMultipart(
      '/admin/bank-holidays',
      {},
      { field: 'file', filename: 'bank-holidays.json', data: Buffer.from(JSON.stringify(file)) },
    );
    assert.equal(ok.statusCode, 303);
    // The 10 July 2031 meeting's latest despatch moves a working day earlier for the new holiday on 8 July.
    assert.match((await clerk.get(`/meetings/${meeting}`)).body, /Tuesday 1 July 2031/);
  });

  it('lists upcoming and past meetings with their deadlines', async () => {
    const upcoming = await clerk.get('/meetings');
    assert.equal(upcoming.statusCode, 200);
    assert.match(upcoming.body, /Test Partnership Board/);
    const past = await clerk.get('/meetings?when=past');
    assert.match(past.body, /Communities and Partnership Committee/);
    assert.equal((await clerk.get('/meetings/not-a-uuid')).statusCode, 404);
  });
});
