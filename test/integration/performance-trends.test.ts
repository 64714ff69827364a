// Issue 18 items 6 and 7 through the HTTP layer: a direction of travel across a nine-year gap is not
// "Worsening" (indicator page, scorecard, API); the value form offers only ended periods and refuses
// the running one; a value far outside the history asks "is this right?" on the form and warns per
// row on the import; only live indicators with an owner are due, and the demo has nothing overdue.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousAgent, apiToken, buildTestApp, countRows, signIn, type Agent, type TestApp } from '../helper.ts';
import { dueList, indicatorsNeedingAnOwner } from '../../src/performance/performance.service.ts';
import { nextPeriod, periodLabel, periodOf, previousPeriod } from '../../src/performance/periods.ts';
import { todayInEngland } from '../../src/calendar/today.ts';

const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const errorSummaryOf = (html: string) => textOf(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '');

const TITLE = 'Quokka enquiries with outcomes achieved';
const today = todayInEngland();
const lastEnded = previousPeriod(periodOf(today, 'monthly'));
const running = periodOf(today, 'monthly');

describe('performance trends, checks and what is due', () => {
  let t: TestApp;
  let officer: Agent;
  let id = '';
  let ownerId = '';

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'performance_officer');
    ownerId = (await t.db.query<{ id: string }>(`select id from people where tenant_id = $1 and deleted_at is null order by name limit 1`, [t.tenantId]))[0]!
      .id;
    const res = await officer.post('/performance/indicators', {
      title: TITLE,
      unit: 'percentage',
      decimals: '1',
      polarity: 'higher_is_better',
      frequency: 'monthly',
      cumulative: 'false',
      status: 'live',
      ownerPersonId: ownerId,
    });
    assert.equal(res.statusCode, 303, errorSummaryOf(res.body));
    id = /indicators\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
    // Seed 004's adult safeguarding measure: July and August 2017, then nothing for years.
    for (const [period, value] of [
      ['2017-07-01', '73'],
      ['2017-08-01', '95'],
    ] as [string, string][]) {
      const saved = await officer.post(`/performance/indicators/${id}/values`, { period, value, status: 'final' });
      assert.equal(saved.statusCode, 303, errorSummaryOf(saved.body));
    }
  });
  after(async () => t?.close());

  const values = () => countRows(t.db, 'indicator_values');

  it('a value years after the last is not "Worsening": the page, the scorecard and the API say there is no comparison', async () => {
    const saved = await officer.post(`/performance/indicators/${id}/values`, { period: lastEnded.start, value: '80', status: 'final' });
    assert.equal(saved.statusCode, 303, errorSummaryOf(saved.body));
    const page = textOf((await officer.get(`/performance/indicators/${id}`)).body);
    assert.match(page, new RegExp(`${periodLabel(lastEnded)} 80\\.0% n/a No target No comparison: previous value is from August 2017`));
    assert.match(page, /August 2017 95\.0% n\/a No target (\S+ )?Improving/);
    assert.doesNotMatch(page, /Worsening/);
    assert.match(page, /no comparison: previous value is from August 2017/, 'the chart description says so too');

    const card = (await officer.get(`/performance?q=${encodeURIComponent(TITLE)}`)).body;
    const row = textOf(new RegExp(`<tr class="govuk-table__row">(?:(?!</tr>)[\\s\\S])*?${TITLE}[\\s\\S]*?</tr>`).exec(card)?.[0] ?? '');
    assert.match(row, /95\.0% \(August 2017\)/, 'the previous value says when it is from');
    assert.match(row, /No comparison: previous value is from August 2017/);
    const worse = (await officer.get('/performance?worsening=yes')).body;
    assert.doesNotMatch(worse, new RegExp(TITLE), 'not listed as getting worse');

    const token = await apiToken(t, 'performance_officer');
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/indicators/${id}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(api.statusCode, 200);
    const body = api.json();
    assert.equal(body.direction, 'none');
    assert.deepEqual(body.directionOfTravel, {
      against: 'too_old',
      previousPeriod: '2017-08-01',
      periodsBefore: null,
      words: 'No comparison: previous value is from August 2017',
    });
    const latest = body.values.find((v: { period: string }) => v.period === lastEnded.start);
    assert.equal(latest.direction, 'none');
    assert.equal(body.values.find((v: { period: string }) => v.period === '2017-08-01').directionOfTravel.words, 'Improving');
  });

  it('the chart leaves the years without values as a gap', async () => {
    const html = (await officer.get(`/performance/indicators/${id}`)).body;
    const xs = [...html.matchAll(/<circle class="marker[^"]*" cx="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.equal(xs.length, 3);
    assert.ok((xs[2]! - xs[1]!) / (xs[1]! - xs[0]!) > 50, `markers at ${xs.join(', ')}`);
  });

  it('offers only periods that have ended, the latest first, and refuses the running month', async () => {
    const html = (await officer.get(`/performance/indicators/${id}`)).body;
    const select = /<select[^>]*id="period"[\s\S]*?<\/select>/.exec(html)![0];
    const first = /<option value="([^"]+)"/.exec(select)![1];
    assert.equal(first, lastEnded.start);
    assert.doesNotMatch(select, new RegExp(`value="${running.start}"`));
    const before = await values();
    const res = await officer.post(`/performance/indicators/${id}/values`, { period: running.start, value: '81', status: 'final' });
    assert.equal(res.statusCode, 400);
    assert.match(errorSummaryOf(res.body), new RegExp(`${periodLabel(running)} has not ended yet: enter its value once it has`));
    assert.equal(await values(), before);
  });

  it('asks "is this right?" for a value far outside the history, saving nothing until it is confirmed', async () => {
    // Two more ordinary months, so there are four before the slip.
    for (const [period, value] of [
      ['2017-06-01', '78'],
      ['2017-05-01', '81'],
    ] as [string, string][]) {
      assert.equal((await officer.post(`/performance/indicators/${id}/values`, { period, value, status: 'final' })).statusCode, 303);
    }
    const before = await values();
    const period = previousPeriod(lastEnded).start;
    const slip = await officer.post(`/performance/indicators/${id}/values`, { period, value: '8.1', status: 'final' });
    assert.equal(slip.statusCode, 400);
    assert.match(
      errorSummaryOf(slip.body),
      /8\.1% is far outside this indicator's past values \(73\.0% to 95\.0%\): check it, and if it is right select "Yes, this value is right"/,
    );
    assert.match(slip.body, /Yes, this value is right/);
    assert.match(slip.body, /name="confirmUnusual"/);
    assert.equal(await values(), before, 'nothing saved');
    // A bad number still gets its own error, all at once, and nothing is saved.
    const words = await officer.post(`/performance/indicators/${id}/values`, { period, value: 'eight', status: 'final' });
    assert.equal(words.statusCode, 400);
    assert.match(errorSummaryOf(words.body), /Value must be a number/);
    assert.equal(await values(), before);
    // Confirmed, it is saved.
    const confirmed = await officer.post(`/performance/indicators/${id}/values`, { period, value: '8.1', status: 'final', confirmUnusual: 'yes' });
    assert.equal(confirmed.statusCode, 303, errorSummaryOf(confirmed.body));
    assert.equal(await values(), before + 1);
    // An ordinary value needs no confirmation.
    assert.equal((await officer.post(`/performance/indicators/${id}/values`, { period: '2017-04-01', value: '77', status: 'final' })).statusCode, 303);
  });

  it('warns per row on an import of a value far outside the history, and imports only once confirmed', async () => {
    const csv = [
      'Indicator code,Indicator,Period,Value,Numerator,Denominator,Status,Target,Statistical neighbours,England,Commentary,Corrective action',
      `,${TITLE},March 2017,79,,,final,,,,,`,
      `,${TITLE},February 2017,790,,,final,,,,,`,
    ].join('\r\n');
    const before = await values();
    const res = await officer.postMultipart('/performance/import', {}, { field: 'file', filename: 'values.csv', data: Buffer.from(csv) });
    assert.equal(res.statusCode, 200);
    const page = textOf(res.body);
    assert.match(page, /Values to check/);
    assert.match(page, /3 Value 790\.0% is far outside this indicator's past values \(8\.1% to 95\.0%\): is it right\?/);
    assert.doesNotMatch(page, /February 2017.*March 2017/);
    assert.equal(await values(), before, 'nothing imported yet');
    const token = /name="token" value="([0-9a-f-]+)"/.exec(res.body)![1]!;
    const done = await officer.post('/performance/import', { confirmed: 'yes', token });
    assert.equal(done.statusCode, 303);
    assert.equal(await values(), before + 2);
  });

  it('lists only live indicators with an owner as due; one without an owner needs an owner; a retired one is never due', async () => {
    const edit = async (fields: Record<string, string>) => {
      const version = (await t.db.query<{ version: number }>(`select version from indicators where id = $1`, [id]))[0]!.version;
      const res = await officer.post(`/performance/indicators/${id}/edit`, {
        version: String(version),
        title: TITLE,
        unit: 'percentage',
        decimals: '1',
        polarity: 'higher_is_better',
        frequency: 'monthly',
        cumulative: 'false',
        ...fields,
      });
      assert.equal(res.statusCode, 303, errorSummaryOf(res.body));
    };
    // Its last ended month is in, so it is due next month: read it a month on.
    const nextMonth = `${nextPeriod(running).start.slice(0, 8)}28`;
    const inMonth = (await dueList(t.db, t.tenantId, nextMonth)).find((d) => d.indicator.id === id);
    assert.ok(inMonth, 'live with an owner: due');

    await edit({ status: 'live', ownerPersonId: '' });
    assert.equal(
      (await dueList(t.db, t.tenantId, nextMonth)).find((d) => d.indicator.id === id),
      undefined,
    );
    assert.ok((await indicatorsNeedingAnOwner(t.db, t.tenantId)).some((i) => i.id === id));
    const due = (await officer.get('/performance/due')).body;
    const needs = /id="needs-an-owner"[\s\S]*?<\/ul>/.exec(due)?.[0] ?? '';
    assert.match(needs, new RegExp(TITLE));
    assert.doesNotMatch(due, /Nobody/);

    await edit({ status: 'retired', ownerPersonId: ownerId });
    assert.equal(
      (await dueList(t.db, t.tenantId, nextMonth)).find((d) => d.indicator.id === id),
      undefined,
    );
    assert.ok(!(await indicatorsNeedingAnOwner(t.db, t.tenantId)).some((i) => i.id === id));
    assert.match(textOf((await officer.get(`/performance/indicators/${id}`)).body), /Retired: no longer collected/);
    // A change that does not say (an older form or API client) keeps it retired; the API reports it.
    await edit({ ownerPersonId: ownerId });
    const token = await apiToken(t, 'performance_officer');
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/indicators/${id}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(api.json().status, 'retired');
  });

  it('the demo data has owners and nothing overdue when read on 6 December 2026', async () => {
    const demo = await t.db.query<{ n: number }>(
      `select count(*)::int as n from indicators where tenant_id = $1 and deleted_at is null and owner_person_id is null and title <> $2`,
      [t.tenantId, TITLE],
    );
    assert.equal(demo[0]!.n, 0, 'every demo indicator has an owner');
    const due = await dueList(t.db, t.tenantId, '2026-12-06');
    assert.deepEqual(
      due.filter((d) => d.indicator.title !== TITLE).map((d) => d.indicator.title),
      [],
    );
    assert.deepEqual(
      (await indicatorsNeedingAnOwner(t.db, t.tenantId)).map((i) => i.title),
      [],
    );
    // The public page never names who enters the values.
    const demoId = (await t.db.query<{ id: string }>(`select id from indicators where tenant_id = $1 and code = 'NI 32'`, [t.tenantId]))[0]!.id;
    const visitor = anonymousAgent(t.app);
    const pub = (await visitor.get(`/scorecard/indicators/${demoId}`)).body;
    assert.doesNotMatch(pub, /Gaynor Mears|Owner \(enters the values\)/);
    assert.match((await officer.get(`/performance/indicators/${demoId}`)).body, /Gaynor Mears/);
  });
});
