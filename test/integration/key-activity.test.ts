// Key activity data (seed 004, section 2.5) through the HTTP layer, on the demo's outturn 2017-18 tables: the six
// tables as printed with their derived variances and totals; committee members read, finance officers keep the
// lines, a period's figures and the notes; bad input is a clear message that changes nothing; a stale form is a
// conflict; the direction of travel comes from the previous period's figures; every change is audited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Agent, buildTestApp, countRows, signIn, type TestApp } from '../helper.ts';
import { errorSummaryOf, okPage, redirectedTo, textOf } from '../pages.ts';
import { pdfPageTexts } from '../pdf-text.ts';

describe('finance: key activity data', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  const lineId = async (name: string, group = 'lac') =>
    (await t.db.query<{ id: string }>('select id from key_activity_lines where name = $1 and service_group = $2', [name, group]))[0]!.id;

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'finance_officer');
    councillor = await signIn(t.app, 'councillor');
  });
  after(async () => t?.close());

  it('shows the six tables of 2017-18 as seed 004 prints them, with the variances and totals worked out', async () => {
    const text = textOf(await okPage(councillor, '/finance/key-activity?year=2017-18'));
    assert.match(text, /Outturn 2017-18/);
    // 2.5.1: Residential - disability 1 £143k 52 2,743.20 | 3 1.24 £169k 2,978.65 | 0.24 £26k 235.45
    assert.match(text, /Residential - disability 1 £2,743.20 52 143 3 1.24 £2,978.65 169 0.24 26 £235.45/);
    assert.match(text, /Total External placements 342 17,345 365 346.03 20,883 4.03 3,538/);
    // The Skills lines pay the carers the Basic lines count: their money is in the totals, their numbers are not.
    assert.match(text, /Total In-house provision 257 4,674 245 226.7 4,493 -30.3 -181/);
    assert.match(text, /Overall total 980 25,346 1,043 983.78 28,946 3.78 3,600/);
    assert.match(text, /16\+ 25 £467.73 52 608 7 7.45 £216.77 87 -17.55 -521 -£250.96/);
    // 2.5.3, Learning Disability Services: expenditure, income and net totals.
    assert.match(text, /Total expenditure 1,593 64,084 1,596 68,125 3 4,041/);
    assert.match(text, /Total income -2,825 -3,452 -627/);
    // 2.5.5: the homecare line's unit cost is per hour.
    assert.match(text, /Community based - Homecare arranged 1,608 £15.70 per hour 13,265 1,251 £16.06 13,543 -357 278/);
    assert.match(text, /Respite care budget is based on clients receiving 6 weeks care per year instead of 52/);
    // Committee members see no change links.
    assert.doesNotMatch(text, /Add a line/);
    assert.match(textOf(await okPage(officer, '/finance/key-activity?year=2017-18')), /Add a line to Looked After Children/);
  });

  it('prints the tables as section 2.5 of the generated report: the page, the PDF and the Word file', async () => {
    const [report] = await t.db.query<{ id: string }>('select id from finance_reports where financial_year = 2017 and period = 13');
    const page = textOf(await okPage(councillor, `/finance/reports/${report!.id}`));
    assert.match(page, /2\.5\.1 Key activity data: Looked After Children \(LAC\)/);
    assert.match(page, /Residential - disability 1 £2,743.20 143 3 \(1.24\) £2,978.65 169 26/);
    assert.match(page, /2\.5\.6 Key activity data: Older People Mental Health \(OPMH\) Services/);
    assert.match(page, /Community based - Homecare arranged 45 £15.95 per hour 546 52 £16.08 626 80/);
    const pdf = await councillor.get(`/finance/reports/${report!.id}/report.pdf`);
    assert.equal(pdf.statusCode, 200);
    const text = (await pdfPageTexts(pdf.rawPayload)).join(' ').replace(/\s+/g, ' ');
    assert.match(text, /2\.5\.3 Key activity data: Adult Disability and Learning Disability/);
    assert.match(text, /Respite care budget is based on clients receiving 6 weeks care per year instead of 52/);
    const docx = await councillor.get(`/finance/reports/${report!.id}/report.docx`);
    assert.equal(docx.statusCode, 200);
  });

  it('lets committee members read but not change, and refuses a bad year or group with a message', async () => {
    const id = await lineId('Residential homes');
    assert.equal((await councillor.get('/finance/key-activity/lines/new?year=2017-18&group=lac')).statusCode, 403);
    assert.equal((await councillor.post(`/finance/key-activity/lines/${id}/snapshot`, { period: '12', actualNumber: '3' })).statusCode, 403);
    assert.equal((await councillor.post('/finance/key-activity/notes?year=2017-18&group=lac', { note: 'x' })).statusCode, 403);
    assert.notEqual((await t.app.inject({ method: 'GET', url: '/finance/key-activity' })).statusCode, 200);
    const badYear = await councillor.get('/finance/key-activity?year=2017-19');
    assert.equal(badYear.statusCode, 400);
    assert.match(textOf(badYear.body), /The financial year must be written like 2017-18/);
    const badGroup = await officer.get('/finance/key-activity/lines/new?year=2017-18&group=toString');
    assert.equal(badGroup.statusCode, 400);
    assert.match(textOf(badGroup.body), /one of the six service groups/);
    assert.equal((await officer.get('/finance/key-activity/lines/00000000-0000-4000-8000-000000000000')).statusCode, 404);
    assert.equal((await officer.get('/finance/key-activity/lines/not-an-id/snapshot')).statusCode, 404);
  });

  it('refuses a bad line with every problem at once, changing nothing, and adds a good one with an audit entry', async () => {
    const before = await countRows(t.db, 'key_activity_lines');
    const bad = await officer.post('/finance/key-activity/lines/new?year=2017-18&group=sen', {
      name: '',
      kind: 'gift',
      unit: 'fortnight',
      budgetNumber: '1.234',
      budgetUnitCost: 'lots',
      weeksFunded: '99',
      annualBudget: '',
    });
    assert.equal(bad.statusCode, 400);
    const summary = errorSummaryOf(bad.body);
    for (const message of [
      /Enter the service type/,
      /Choose expenditure or income/,
      /Choose a week, an hour or a year/,
      /The budgeted number must have at most 2 decimal places/,
      /The budgeted average unit cost must be an amount/,
      /The number of weeks funded must be a whole number from 1 to 60/,
      /Enter the annual budget/,
    ])
      assert.match(summary, message);
    assert.equal(await countRows(t.db, 'key_activity_lines'), before);
    redirectedTo(
      await officer.post('/finance/key-activity/lines/new?year=2017-18&group=sen', {
        name: 'Out of county day placements',
        kind: 'expenditure',
        unit: 'year',
        budgetNumber: '4',
        budgetUnitCost: '25,000',
        annualBudget: '100000',
      }),
      /\/finance\/key-activity\?year=2017-18&period=13&done=line/,
    );
    assert.equal(await countRows(t.db, 'key_activity_lines'), before + 1);
    const audit = await t.db.query("select 1 from audit_log where entity_type = 'key_activity_lines' and actor like 'finance.officer%'");
    assert.equal(audit.length, 1);
    assert.match(textOf(await okPage(officer, '/finance/key-activity?year=2017-18')), /Out of county day placements 4 £25,000 per year 100/);
  });

  it("keeps a period's figures, and derives the direction of travel against the previous period's", async () => {
    const id = await lineId('Residential homes');
    const bad = await officer.post(`/finance/key-activity/lines/${id}/snapshot`, { period: '14', actualNumber: '-1', unitCost: '12.345', spend: 'x' });
    assert.equal(bad.statusCode, 400);
    assert.match(errorSummaryOf(bad.body), /Choose the month, or the outturn/);
    assert.match(errorSummaryOf(bad.body), /The number at the snapshot must be a number/);
    const empty = await officer.post(`/finance/key-activity/lines/${id}/snapshot`, { period: '11' });
    assert.match(errorSummaryOf(empty.body), /Enter the number, the average unit cost or the spend/);
    const before = await countRows(t.db, 'key_activity_snapshots');
    // February 2018: 41 placements at £3,300.00, forecast £5,800k. At the outturn (39, £3,348.21, £5,708k): ↓ ↑ ↓.
    redirectedTo(
      await officer.post(`/finance/key-activity/lines/${id}/snapshot`, { period: '11', actualNumber: '41', unitCost: '3300', spend: '5,800,000' }),
      /period=11&done=snapshot/,
    );
    assert.equal(await countRows(t.db, 'key_activity_snapshots'), before + 1);
    const text = textOf(await okPage(councillor, '/finance/key-activity?year=2017-18&period=13'));
    assert.match(text, /Residential homes 22 £2,656.43 52 3,018 39 ↓ down 34.39 £3,348.21 ↑ up 5,708 ↓ down 12.39 2,690 £691.78/);
    // The form shows the saved figures with their version; a stale version is a conflict that changes nothing.
    const form = await okPage(officer, `/finance/key-activity/lines/${id}/snapshot?period=11`);
    assert.match(form, /name="version" value="1"/);
    assert.match(form, /value="5800000"/);
    redirectedTo(
      await officer.post(`/finance/key-activity/lines/${id}/snapshot`, { period: '11', version: '1', actualNumber: '40', unitCost: '3300', spend: '5800000' }),
      /done=snapshot/,
    );
    const stale = await officer.post(`/finance/key-activity/lines/${id}/snapshot`, { period: '11', version: '1', actualNumber: '45' });
    assert.equal(stale.statusCode, 409);
    const garbled = await officer.post(`/finance/key-activity/lines/${id}/snapshot`, { period: '11', version: 'NaN', actualNumber: '45' });
    assert.equal(garbled.statusCode, 409);
    const kept = await t.db.query<{ n: string }>('select actual_number::text as n from key_activity_snapshots where line_id = $1 and period = 11', [id]);
    assert.equal(kept[0]!.n, '40.00');
  });

  it('changes a line at its version, and refuses a stale one', async () => {
    const id = await lineId('16+');
    const form = await okPage(officer, `/finance/key-activity/lines/${id}`);
    assert.match(form, /value="467.73"/);
    const fields = {
      name: '16+ placements',
      section: 'External placements',
      kind: 'expenditure',
      unit: 'week',
      budgetNumber: '25',
      budgetUnitCost: '467.73',
      weeksFunded: '52',
      annualBudget: '608000',
    };
    redirectedTo(await officer.post(`/finance/key-activity/lines/${id}`, { ...fields, version: '1' }), /done=line/);
    const stale = await officer.post(`/finance/key-activity/lines/${id}`, { ...fields, name: 'Something else', version: '1' });
    assert.equal(stale.statusCode, 409);
    assert.match(errorSummaryOf(stale.body), /Someone else changed this line/);
    const rows = await t.db.query<{ name: string }>('select name from key_activity_lines where id = $1', [id]);
    assert.equal(rows[0]!.name, '16+ placements');
  });

  it('deletes a line with its figures at its version, audited, and refuses a stale one', async () => {
    const id = await lineId('Concurrent Adoption');
    assert.equal((await councillor.post(`/finance/key-activity/lines/${id}/delete`, { version: '1' })).statusCode, 403);
    const confirm = textOf(await okPage(officer, `/finance/key-activity/lines/${id}/delete`));
    assert.match(confirm, /Delete this key activity line\? Concurrent Adoption \(Adoption\), Looked After Children \(LAC\), 2017-18/);
    const stale = await officer.post(`/finance/key-activity/lines/${id}/delete`, { version: '7' });
    assert.equal(stale.statusCode, 409);
    assert.equal((await officer.post(`/finance/key-activity/lines/${id}/delete`, { version: 'garbled' })).statusCode, 409);
    redirectedTo(await officer.post(`/finance/key-activity/lines/${id}/delete`, { version: '1' }), /done=deleted/);
    const left = await t.db.query('select 1 from key_activity_snapshots where line_id = $1 and deleted_at is null', [id]);
    assert.equal(left.length, 0);
    assert.equal((await officer.get(`/finance/key-activity/lines/${id}`)).statusCode, 404);
    assert.match(textOf(await okPage(councillor, '/finance/key-activity?year=2017-18')), /Total Adoption 376 3,236 428 407.85 3,512 31.85 276/);
    const audit = await t.db.query("select 1 from audit_log where entity_type = 'key_activity_lines' and entity_id = $1 and actor like 'finance.officer%'", [
      id,
    ]);
    assert.equal(audit.length, 1);
  });

  it("keeps a table's notes", async () => {
    const form = await okPage(officer, '/finance/key-activity/notes?year=2017-18&group=adult_mental_health');
    const version = /name="version" value="(\d+)"/.exec(form)![1]!;
    const long = await officer.post('/finance/key-activity/notes?year=2017-18&group=adult_mental_health', { note: 'x'.repeat(10_001), version });
    assert.equal(long.statusCode, 400);
    redirectedTo(
      await officer.post('/finance/key-activity/notes?year=2017-18&group=adult_mental_health', {
        note: 'Direction of travel compares the outturn with February.',
        version,
      }),
      /done=note/,
    );
    assert.match(textOf(await okPage(councillor, '/finance/key-activity?year=2017-18')), /Direction of travel compares the outturn with February\./);
    const stale = await officer.post('/finance/key-activity/notes?year=2017-18&group=adult_mental_health', { note: 'Again', version });
    assert.equal(stale.statusCode, 409);
  });
});
