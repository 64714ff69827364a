// Budget monitoring through the HTTP layer, on seed 004's demo: the year's table as Appendix 1 prints
// it, a line and its months, a month's figures, commentary on a group of lines, virements and the de
// minimis, the ledger import (every problem by row and column, nothing stored until the file is clean)
// and export, and publishing a finance report, refused while a line the rule catches has no commentary.
// Committee members read; finance officers change; every change is audited.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Agent, buildTestApp, countRows, signIn, type TestApp } from '../helper.ts';
import { errorSummaryOf, okPage, redirectedTo, textOf } from '../pages.ts';

describe('finance: budget monitoring', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  const lineId = async (code: string) => (await t.db.query<{ id: string }>('select id from budget_lines where code = $1', [code]))[0]!.id;
  const months = () => countRows(t.db, 'budget_line_months');

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'finance_officer');
    councillor = await signIn(t.app, 'councillor');
  });
  after(async () => t?.close());

  it("shows the year's table as Appendix 1 prints it, in £000, with the lines the rule catches", async () => {
    const text = textOf(await okPage(councillor, '/finance?year=2017-18&period=outturn'));
    assert.match(text, /Strategic Management - Adults -8,880 -13,815 -13,815 -4,935 56%/);
    assert.match(text, /Adults & Safeguarding total 133,087 133,161 133,161 73 0%/);
    assert.match(text, /Net total 239,567 246,519 246,519 6,953 3%/);
    // Where a printed total is not the sum of its rounded lines, the page says so.
    assert.match(text, /The budget total is 133087 \(£000, rounded from the exact total\); its rounded lines add to 133089/);
    assert.match(text, /34 lines this period/);
    const feb = textOf(await okPage(councillor, '/finance?year=2017-18&period=11'));
    assert.match(feb, /Strategic Management - Adults -8,880 -13,283 -4,403/);
  });

  it("shows a line's months with the change since the previous forecast", async () => {
    const text = textOf(await okPage(councillor, `/finance/lines/${await lineId('AS01')}?year=2017-18`));
    assert.match(text, /February 2018 -8,880 -13,283 -4,403/);
    assert.match(text, /Outturn 2017-18 -8,880 -13,815 -13,815 -4,935 a reduction of £532k/);
    assert.match(text, /Strategic Management – Adults is underspent by £4,935k/);
  });

  it('lets committee members read but not change', async () => {
    const id = await lineId('AS04');
    assert.equal((await councillor.get(`/finance/lines/${id}/month?year=2017-18&period=1`)).statusCode, 403);
    assert.equal((await councillor.post(`/finance/lines/${id}/month`, { year: '2017-18', period: '1', actual: '5' })).statusCode, 403);
    assert.equal((await councillor.get('/finance/import')).statusCode, 403);
    assert.notEqual((await anonymousGet('/finance')).statusCode, 200);
  });
  const anonymousGet = (url: string) => t.app.inject({ method: 'GET', url });

  it('refuses bad figures with every problem at once, changing nothing, and saves good ones with an audit entry', async () => {
    const id = await lineId('AS04');
    const before = await months();
    const bad = await officer.post(`/finance/lines/${id}/month`, { year: '2017-18', period: '14', actual: 'lots', forecast: '1.234' });
    assert.equal(bad.statusCode, 400);
    const summary = errorSummaryOf(bad.body);
    assert.match(summary, /Choose the month, or the outturn/);
    assert.match(summary, /Actual spend to date must be an amount in pounds/);
    assert.match(summary, /Forecast outturn must be an amount in pounds/);
    assert.equal(await months(), before);
    const form = await okPage(officer, `/finance/lines/${id}/month?year=2017-18&period=1`);
    assert.match(form, /name="period"/);
    redirectedTo(await officer.post(`/finance/lines/${id}/month`, { year: '2017-18', period: '1', actual: '55,000', forecast: '700,000' }), /done=month/);
    assert.equal(await months(), before + 1);
    assert.match(textOf(await okPage(officer, `/finance/lines/${id}?year=2017-18`)), /April 2017 668 55 700 32/);
    const audit = await t.db.query<{ actor: string }>("select actor from audit_log where entity_type = 'budget_line_months' and actor like 'finance.officer%'");
    assert.ok(audit.length >= 1);
  });

  it('refuses to publish a report while a caught line has no commentary, listing it with a link, then publishes once it has', async () => {
    const carers = await lineId('AS04');
    // Carers overspend by £500k at the outturn: the rule now catches it, and nothing comments on it.
    redirectedTo(await officer.post(`/finance/lines/${carers}/month`, { year: '2017-18', period: 'outturn', actual: '1168000' }), /done=month/);
    const body = (await t.db.query<{ id: string }>('select id from bodies limit 1'))[0]!.id;
    const made = redirectedTo(
      await officer.post('/finance/reports/new', { bodyId: body, year: '2017-18', period: '13', title: '' }),
      /\/finance\/reports\/[0-9a-f-]+\?done=report/,
    );
    const reportId = /reports\/([0-9a-f-]+)/.exec(made)![1]!;
    const refused = await officer.post(`/finance/reports/${reportId}/publish`);
    assert.equal(refused.statusCode, 400);
    assert.match(errorSummaryOf(refused.body), /Carers: a variance of £500k needs commentary before the report can be published/);
    assert.match(refused.body, new RegExp(`href="#line-${carers}"`));
    assert.equal((await t.db.query<{ state: string }>('select state from finance_reports where id = $1', [reportId]))[0]!.state, 'draft');
    // Commentary covering Carers with another line (a group), then the report publishes.
    const autism = await lineId('AS03');
    const noLines = await officer.post('/finance/commentary', { year: '2017-18', period: '13', title: 'Carers and autism', body: '' });
    assert.equal(noLines.statusCode, 400);
    assert.match(errorSummaryOf(noLines.body), /Enter the commentary.*Choose the lines the commentary is about/);
    redirectedTo(
      await officer.post('/finance/commentary', {
        year: '2017-18',
        period: '13',
        title: 'Carers and autism',
        body: 'Demand for carers’ support rose.',
        lineIds: [carers, autism],
      }),
      /done=commentary/,
    );
    redirectedTo(await officer.post(`/finance/reports/${reportId}/publish`), /done=published/);
    const text = textOf(await okPage(councillor, `/finance/reports/${reportId}`));
    assert.match(text, /Appendix 2 – Commentary/);
    assert.match(text, /Carers and autism: budget 1,468, actual 1,824/);
    assert.match(text, /LD – Overall LDP Position: budget 76,111, actual 79,516, variance 3,405 \(4%\)/);
  });

  it('needs the approving committee for a virement above the de minimis, and derives the revised budget', async () => {
    const lac = await lineId('CM09');
    const bad = await officer.post('/finance/virements/new', {
      effectiveDate: '2017-11-01',
      toLineId: lac,
      amount: '200,000',
      reason: 'More children placed far away',
      approvedBy: 'Executive Director',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(errorSummaryOf(bad.body), /Enter the committee that approved it: the virement is above the de minimis of £160,000/);
    const none = await officer.post('/finance/virements/new', {});
    assert.match(errorSummaryOf(none.body), /Enter the date.*Choose the line.*Enter amount.*Enter the reason.*Enter who approved/);
    redirectedTo(
      await officer.post('/finance/virements/new', {
        effectiveDate: '2017-11-01',
        toLineId: lac,
        amount: '200,000',
        reason: 'More children placed far away',
        approvedBy: 'Executive Director',
        approvingCommittee: 'General Purposes Committee',
      }),
      /done=virement/,
    );
    assert.match(textOf(await okPage(councillor, '/finance?year=2017-18&period=13')), /LAC Transport 1,326 1,650 1,650 324 24%/);
    assert.match(textOf(await okPage(councillor, '/finance/virements?year=2017-18')), /LAC Demography approved by GPC in July/);
  });

  it('imports the ledger only when every row is clean, reporting each problem by row and column', async () => {
    const before = await months();
    const csv = (rows: string[]) => Buffer.from(['Line code,Period,Budget,Actual,Forecast', ...rows].join('\r\n'));
    const bad = await officer.postMultipart(
      '/finance/import',
      { year: '2017-18' },
      {
        field: 'file',
        filename: 'ledger.csv',
        data: csv(['AS01,2,,-1000000,-9000000', 'NOPE,2,,5,5', 'AS02,Smarch,,5,5', 'AS02,3,,five,5', 'AS02,3,999,,', 'AS01,2,,1,1']),
      },
    );
    assert.equal(bad.statusCode, 400);
    const text = textOf(bad.body);
    assert.match(text, /3 Line code There is no budget line with the code NOPE/);
    assert.match(text, /4 Period Period must be 1 to 12/);
    assert.match(text, /5 Actual Actual must be an amount in pounds/);
    assert.match(text, /6 Budget Budget 999.00 does not agree with the revised budget 1315501.00 for June 2017: record the virement first/);
    assert.match(text, /7 Period AS01 has a row for May 2017 already, in row 2/);
    assert.equal(await months(), before);
    redirectedTo(
      await officer.postMultipart(
        '/finance/import',
        { year: '2017-18' },
        { field: 'file', filename: 'ledger.csv', data: csv(['AS01,2,-8892000,-1000000,-9000000', 'AS02,May,,"120,000.50",1300000']) },
      ),
      /done=imported/,
    );
    assert.equal(await months(), before + 2);
    assert.match(textOf(await okPage(councillor, `/finance/lines/${await lineId('AS02')}?year=2017-18`)), /May 2017 1,316 120 1,300 -16/);
  });

  it('exports the ledger as CSV and as Excel', async () => {
    const csv = await councillor.get('/finance/ledger.csv?year=2017-18');
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(csv.body, /^\uFEFF?Line code,Period,Budget,Actual,Forecast/);
    assert.match(csv.body, /AS01,11,-8880000,,-13282501/);
    const xlsx = await councillor.get('/finance/ledger.xlsx?year=2017-18');
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  });

  it('keeps the settings, refusing what is not a percentage or an amount', async () => {
    const bad = await officer.post('/finance/settings', { commentaryPercent: '200', commentaryFloor: 'lots', deMinimis: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(
      errorSummaryOf(bad.body),
      /Percentage of the annual budget must be a number from 0 to 100.*Amount must be an amount in pounds.*De minimis must be/,
    );
    redirectedTo(await officer.post('/finance/settings', { commentaryPercent: '2.5', commentaryFloor: '100000', deMinimis: '160000' }), /done=settings/);
    assert.match(textOf(await okPage(councillor, '/finance')), /greater than 2.5% of the annual budget or £100,000,/);
  });
});
