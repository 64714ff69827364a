// The performance pages through the HTTP layer, as a performance officer uses them: adding an
// indicator (bad input first), setting targets and recording values through the forms, the
// indicator page with its RAG status, direction of travel, chart and table, the exception report
// warning and the report that answers it, publishing (refused off target without commentary),
// the back-office and public scorecards, what is due and the reminders; who may post; bad ids.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { anonymousAgent, buildTestApp, countRows, signIn, type Agent, type TestApp } from '../helper.ts';
import { scorecardView, sendIndicatorReminders } from '../../src/performance/performance.service.ts';
import { PUBLICATION_MESSAGES } from '../../src/performance/rules.ts';
import { periodLabel, periodOf, previousPeriod } from '../../src/performance/periods.ts';
import { todayInEngland } from '../../src/calendar/today.ts';

const OUTCOME = 'Zanzibarish streets are safe';
const TITLE = 'Quiddity repeat incidents per month';
const DRAFT_TITLE = 'Zanzibarish draft measure of footfall';

/** The text of a page with tags removed and spaces collapsed, for reading it as a person would. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
const errorSummaryOf = (html: string) => {
  const m = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html);
  return m ? textOf(m[0]) : '';
};

describe('performance pages', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  let visitor: Agent;
  let id = '';
  let draftId = '';
  let ownerEmail = '';
  let ownerId = '';

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'performance_officer');
    councillor = await signIn(t.app, 'councillor');
    visitor = anonymousAgent(t.app);
    const owner = (
      await t.db.query<{ id: string; email: string }>(
        `select id, email from people where tenant_id = $1 and email is not null and deleted_at is null order by name limit 1`,
        [t.tenantId],
      )
    )[0]!;
    ownerId = owner.id;
    ownerEmail = owner.email;
  });
  after(async () => t?.close());

  const page = async (url: string, agent: Agent = officer) => {
    const res = await agent.get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
    return res.body;
  };
  const redirected = (res: LightMyRequestResponse, to: RegExp) => {
    assert.equal(res.statusCode, 303, errorSummaryOf(res.body) || res.body.slice(0, 500));
    assert.match(String(res.headers.location), to);
    return String(res.headers.location);
  };
  const stored = async () => ({
    indicators: await countRows(t.db, 'indicators'),
    values: await countRows(t.db, 'indicator_values'),
    targets: await countRows(t.db, 'indicator_targets'),
    reports: await countRows(t.db, 'exception_reports'),
  });
  const valueId = async (period: string) =>
    (await t.db.query<{ id: string }>(`select id from indicator_values where indicator_id = $1 and period_start = $2 and deleted_at is null`, [id, period]))[0]!
      .id;
  const indicatorForm = (fields: Record<string, string>) => ({
    code: '',
    definition: '',
    unit: 'count',
    decimals: '1',
    polarity: 'lower_is_better',
    frequency: 'monthly',
    cumulative: 'false',
    outcomeGroup: OUTCOME,
    directorate: 'Communities',
    dataSource: '',
    leadOfficer: '',
    ownerPersonId: '',
    tolerancePercent: '',
    baselineValue: '',
    baselinePeriod: '',
    baselineNote: '',
    finalTargetValue: '',
    finalTargetPeriod: '',
    ...fields,
  });
  const WARNING = /off target for 2 periods in a row/;

  describe('adding an indicator', () => {
    it('refuses a form without a name or unit, with the messages, and stores nothing', async () => {
      const before = await stored();
      const res = await officer.post(
        '/performance/indicators',
        indicatorForm({ title: '', unit: '', baselinePeriod: '2018-03-15', baselineValue: '4', tolerancePercent: 'lots' }),
      );
      assert.equal(res.statusCode, 400);
      const summary = errorSummaryOf(res.body);
      assert.match(summary, /There is a problem/);
      assert.match(summary, /Enter the name of the measure/);
      assert.match(summary, /Select the unit/);
      assert.match(summary, /Amber tolerance must be a number/);
      assert.match(res.body, /<title>Error: /);
      assert.deepEqual(await stored(), before);

      const period = await officer.post('/performance/indicators', indicatorForm({ title: TITLE, baselinePeriod: '2018-03-15', baselineValue: '4' }));
      assert.equal(period.statusCode, 400);
      assert.match(errorSummaryOf(period.body), /Give the first day of a month/);
      assert.match(period.body, new RegExp(`value="${TITLE}"`), 'what was typed is kept');
      assert.deepEqual(await stored(), before);
    });

    it('adds the indicator (lower is better, monthly) with an owner, and a second one left as a draft', async () => {
      const location = redirected(
        await officer.post('/performance/indicators', indicatorForm({ code: 'QX 1', title: TITLE, ownerPersonId: ownerId })),
        /^\/performance\/indicators\/[0-9a-f-]{36}\?done=created$/,
      );
      id = /indicators\/([0-9a-f-]{36})/.exec(location)![1]!;
      const html = await page(location);
      assert.match(html, /Indicator added/);
      assert.match(html, /Not on the public scorecard/);
      assert.match(html, /No values yet/);

      draftId = /indicators\/([0-9a-f-]{36})/.exec(
        redirected(await officer.post('/performance/indicators', indicatorForm({ title: DRAFT_TITLE, ownerPersonId: ownerId })), /created/),
      )![1]!;
    });
  });

  describe('recording values', () => {
    it('sets targets and records a value off target through the forms', async () => {
      for (const period of ['2018-02-01', '2018-03-01']) {
        redirected(await officer.post(`/performance/indicators/${id}/targets`, { targetPeriod: period, target: '30' }), /done=target/);
      }
      redirected(await officer.post(`/performance/indicators/${id}/values`, { period: '2018-02-01', value: '35.5', status: 'final' }), /done=value/);
      const html = await page(`/performance/indicators/${id}`);
      assert.match(html, /Off target/);
      assert.doesNotMatch(html, WARNING, 'one period off target is not yet a run');
    });

    it('refuses a value that is not a number, or a period that is not a month, and stores nothing', async () => {
      const before = await stored();
      const words = await officer.post(`/performance/indicators/${id}/values`, { period: '2018-03-01', value: 'thirty-six', status: 'final' });
      assert.equal(words.statusCode, 400);
      assert.match(errorSummaryOf(words.body), /Value must be a number, like 12\.53/);
      assert.match(words.body, /value="thirty-six"/);
      const mid = await officer.post(`/performance/indicators/${id}/values`, { period: '2018-03-15', value: '36', status: 'final' });
      assert.equal(mid.statusCode, 400);
      assert.match(errorSummaryOf(mid.body), /Give the first day of a month/);
      const half = await officer.post(`/performance/indicators/${id}/values`, { period: '2018-03-01', value: '36', numerator: '36', status: 'final' });
      assert.equal(half.statusCode, 400);
      assert.match(errorSummaryOf(half.body), /both the numerator and the denominator/);
      assert.deepEqual(await stored(), before);
    });

    it('shows RAG, direction, the chart and the table, and warns after two periods off target in a row', async () => {
      redirected(await officer.post(`/performance/indicators/${id}/values`, { period: '2018-03-01', value: '36.0', status: 'final' }), /done=value/);
      const html = await page(`/performance/indicators/${id}`);
      assert.match(html, /<svg[^>]*role="img"/);
      assert.match(html, /Values and targets/);
      const text = textOf(html);
      // (An arrow may stand before the direction's words.)
      assert.match(text, /March 2018 36\.0 30\.0 Off target (\S+ )?Worsening/);
      assert.match(text, /February 2018 35\.5 30\.0 Off target (\S+ )?No previous period/);
      assert.match(html, WARNING);
    });

    it('refuses to publish an off-target value without commentary, with the message in the error summary', async () => {
      const march = await valueId('2018-03-01');
      const res = await officer.post(`/performance/indicators/${id}/values/${march}/publish`, {});
      assert.equal(res.statusCode, 400);
      const summary = errorSummaryOf(res.body);
      assert.ok(summary.includes(PUBLICATION_MESSAGES.commentary), summary);
      assert.ok(summary.includes(PUBLICATION_MESSAGES.correctiveAction), summary);
      const row = await t.db.query<{ published: boolean }>(`select published from indicator_values where id = $1`, [march]);
      assert.equal(row[0]!.published, false);
    });

    it('records an exception report, which clears the warning', async () => {
      const before = await stored();
      const bad = await officer.post(`/performance/indicators/${id}/exception-reports`, {
        exceptionPeriod: '2018-03-01',
        cause: '',
        actions: '',
        cost: 'lots',
        owner: '',
      });
      assert.equal(bad.statusCode, 400);
      const summary = errorSummaryOf(bad.body);
      assert.match(summary, /Describe the cause of the under-performance/);
      assert.match(summary, /Cost must be an amount of money/);
      assert.deepEqual(await stored(), before);

      redirected(
        await officer.post(`/performance/indicators/${id}/exception-reports`, {
          exceptionPeriod: '2018-03-01',
          cause: 'Two zanzibarish estates saw a rise in repeat calls',
          actions: 'A weekly problem-solving panel',
          cost: '£5,000',
          owner: 'Head of Community Safety',
        }),
        /done=exception/,
      );
      const html = await page(`/performance/indicators/${id}`);
      assert.doesNotMatch(html, WARNING);
      assert.match(html, /Two zanzibarish estates saw a rise in repeat calls/);
      assert.match(html, /£5,000/);
    });

    it('publishes the value once it has a commentary and corrective action, and the indicator', async () => {
      redirected(
        await officer.post(`/performance/indicators/${id}/values`, {
          period: '2018-03-01',
          value: '36.0',
          status: 'final',
          commentary: 'Two estates saw a rise in repeat calls',
          correctiveAction: 'A weekly problem-solving panel with the police',
        }),
        /done=value/,
      );
      redirected(await officer.post(`/performance/indicators/${id}/values/${await valueId('2018-03-01')}/publish`, {}), /done=published/);
      const version = (await t.db.query<{ version: number }>(`select version from indicators where id = $1`, [id]))[0]!.version;
      redirected(await officer.post(`/performance/indicators/${id}/publish`, { version: String(version) }), /done=published/);
      const html = await page(`/performance/indicators/${id}`);
      assert.match(html, /On the public scorecard/);
      // A stale version is refused without change.
      const stale = await officer.post(`/performance/indicators/${id}/publish`, { version: String(version), action: 'withdraw' });
      assert.equal(stale.statusCode, 409);
      assert.match(await page(`/performance/indicators/${id}`), /On the public scorecard/);
    });
  });

  describe('scorecards', () => {
    it('shows the measure with its RAG tag and the summary table on /performance', async () => {
      const html = await page('/performance');
      assert.match(html, /Summary of RAG status/);
      const card = await scorecardView(t.db, t.tenantId, { publicOnly: false });
      const summaryRow = /Performance \(number of indicators\)<\/th>([\s\S]*?)<\/tr>/.exec(html)![1]!;
      assert.deepEqual(
        [...summaryRow.matchAll(/>(\d+)</g)].map((m) => Number(m[1])),
        [card.summary.red, card.summary.amber, card.summary.green, card.summary.noTarget, card.summary.total],
      );
      const row = new RegExp(`<tr class="govuk-table__row">(?:(?!</tr>)[\\s\\S])*?${TITLE}[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
      assert.match(row, /govuk-tag--red[^>]*>\s*Off target/);
      assert.match(textOf(row), /35\.5 30\.0 36\.0 March 2018/);
      assert.match(textOf(row), /Worsening/);
      assert.match(html, new RegExp(DRAFT_TITLE));

      const filtered = await page(`/performance?outcome=${encodeURIComponent(OUTCOME)}&offTarget=yes`);
      assert.match(filtered, new RegExp(TITLE));
      assert.doesNotMatch(filtered, new RegExp(DRAFT_TITLE), 'no value, so not off target');
    });

    it('shows the public only published indicators and values on /scorecard', async () => {
      const html = await page('/scorecard', visitor);
      assert.match(html, new RegExp(TITLE));
      assert.doesNotMatch(html, new RegExp(DRAFT_TITLE));
      const row = new RegExp(`<tr class="govuk-table__row">(?:(?!</tr>)[\\s\\S])*?${TITLE}[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
      assert.match(textOf(row), /36\.0/);
      assert.doesNotMatch(textOf(row), /35\.5/, 'February is not published');
      assert.doesNotMatch(html, /Exception report needed|Not on the public scorecard/);

      const one = await page(`/scorecard/indicators/${id}`, visitor);
      assert.match(one, /<svg[^>]*role="img"/);
      assert.match(one, /36\.0/);
      assert.doesNotMatch(one, /35\.5/);
      assert.doesNotMatch(one, /Two zanzibarish estates/, 'exception reports are not public');
      assert.equal((await visitor.get(`/scorecard/indicators/${draftId}`)).statusCode, 404);
      assert.notEqual((await visitor.get(`/performance/indicators/${id}`)).statusCode, 200);
    });
  });

  describe('what is due', () => {
    it('lists a missing value on /performance/due', async () => {
      const html = await page('/performance/due');
      const expected = periodLabel(previousPeriod(periodOf(todayInEngland(), 'monthly')));
      const row = new RegExp(`<tr class="govuk-table__row">(?:(?!</tr>)[\\s\\S])*?${DRAFT_TITLE}[\\s\\S]*?</tr>`).exec(html)?.[0] ?? '';
      assert.match(textOf(row), new RegExp(expected));
      assert.match(html, new RegExp(TITLE));
    });

    it('reminds the owner once per indicator and period, however often it runs', async () => {
      const mine = async () =>
        (
          await t.db.query<{ n: number }>(
            `select count(*)::int as n from outbox where tenant_id = $1 and to_address = $2
        and (subject like $3 or subject like $4)`,
            [t.tenantId, ownerEmail, `%${TITLE}%`, `%${DRAFT_TITLE}%`],
          )
        )[0]!.n;
      const before = await countRows(t.db, 'outbox');
      // 28 July 2018: June's values are due on 30 July.
      const first = await sendIndicatorReminders(t.db, t.tenantId, '2018-07-28');
      assert.ok(first >= 2, `queued ${first}`);
      assert.equal(await countRows(t.db, 'outbox'), before + first);
      assert.equal(await mine(), 2, 'one for each of the two indicators, for June 2018');
      assert.equal(await sendIndicatorReminders(t.db, t.tenantId, '2018-07-28'), 0);
      assert.equal(await countRows(t.db, 'outbox'), before + first);
      const subjects = await t.db.query<{ subject: string }>(`select subject from outbox where to_address = $1 and subject like $2`, [
        ownerEmail,
        `%${TITLE}%`,
      ]);
      assert.deepEqual(
        subjects.map((s) => s.subject),
        [`Due: ${TITLE}, June 2018`],
      );
    });
  });

  describe('who may post, and bad addresses', () => {
    it('refuses a councillor every form (403) and stores nothing', async () => {
      const before = await stored();
      const march = await valueId('2018-03-01');
      const posts: [string, Record<string, string>][] = [
        ['/performance/indicators', indicatorForm({ title: 'Not allowed' })],
        [`/performance/indicators/${id}/edit`, indicatorForm({ title: 'Not allowed', version: '1' })],
        [`/performance/indicators/${id}/values`, { period: '2018-04-01', value: '20', status: 'final' }],
        [`/performance/indicators/${id}/targets`, { targetPeriod: '2018-04-01', target: '20' }],
        [`/performance/indicators/${id}/values/${march}/publish`, { action: 'withdraw' }],
        [`/performance/indicators/${id}/publish`, { version: '1', action: 'withdraw' }],
        [`/performance/indicators/${id}/exception-reports`, { exceptionPeriod: '2018-03-01', cause: 'x', actions: 'y', owner: 'z' }],
      ];
      for (const [url, fields] of posts) assert.equal((await councillor.post(url, fields)).statusCode, 403, url);
      assert.deepEqual(await stored(), before);
    });

    it("sets the site's amber tolerance, which moves a value from off target to within tolerance", async () => {
      const tolerance = async () =>
        Number((await t.db.query<{ t: string }>('select amber_tolerance_percent as t from tenants where id = $1', [t.tenantId]))[0]!.t);
      assert.equal((await councillor.post('/performance/settings', { tolerancePercent: '20' })).statusCode, 403);
      const bad = await officer.post('/performance/settings', { tolerancePercent: 'lots' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Enter the amber tolerance as a percentage between 0 and 100/);
      assert.equal(await tolerance(), 10);
      const lower = await t.db.query<{ id: string }>(
        `select id from indicators where title = 'Number of children with a Child Protection Plan per 10,000 population under 18'`,
      );
      const cp = `/performance/indicators/${lower[0]!.id}`;
      assert.match((await officer.get(cp)).body, /Off target/);
      assert.equal((await officer.post('/performance/settings', { tolerancePercent: '20' })).statusCode, 303);
      assert.equal(await tolerance(), 20);
      // 35.5 against a ceiling of 30 misses by 18%: within a 20% tolerance.
      const page = (await officer.get(cp)).body;
      assert.match(page, /20% of the target/);
      assert.match(page, /Within tolerance/);
      assert.equal((await officer.post('/performance/settings', { tolerancePercent: '10' })).statusCode, 303);
    });

    it('computes seed 004 table 1.2 from the demo data: the Appendix 7 measures of the committee', async () => {
      const body = (await t.db.query<{ id: string }>(`select id from bodies where name = 'Communities and Partnership Committee'`))[0]!.id;
      const page = (await visitor.get(`/scorecard?body=${body}`)).body;
      // Red, amber, green, no target, total. The seed prints 4, 2, 6, 26, 38: one row's RAG cell says "Improving"
      // although it has no target; the numbers give no target (see demo/performance-notes.md).
      const cells = [...page.matchAll(/govuk-table__cell govuk-table__cell--numeric">(\d+)<\/td>/g)].slice(0, 5).map((m) => Number(m[1]));
      assert.deepEqual(cells, [4, 2, 5, 27, 38]);
    });

    it('answers 404 for ids that are not UUIDs, or not there', async () => {
      for (const url of [
        '/performance/indicators/not-a-uuid',
        '/performance/indicators/not-a-uuid/edit',
        '/scorecard/indicators/12345',
        '/performance/indicators/00000000-0000-4000-8000-000000000000',
      ]) {
        assert.equal((await officer.get(url)).statusCode, 404, url);
      }
      assert.equal((await officer.post('/performance/indicators/not-a-uuid/values', { period: '2018-03-01', value: '1' })).statusCode, 404);
      assert.equal((await officer.post(`/performance/indicators/${id}/values/not-a-uuid/publish`, {})).statusCode, 404);
      assert.equal(
        (await officer.post('/performance/indicators/00000000-0000-4000-8000-000000000000/targets', { targetPeriod: '2018-03-01', target: '1' })).statusCode,
        404,
      );
    });
  });
});
