// axe-core on every kind of page the register has, public and back office, with and without errors. Public
// pages are checked on a 375 px phone and at 1280 px (issue 17); the back office at 1280 px.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { areaOf } from '../../src/web/navigation.ts';
import { expectAccessible, signInAs, startBrowserSession, type BrowserSession } from './support.ts';

const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 900 };

describe('every page passes axe', () => {
  let s: BrowserSession;
  let ids: { partnership: string; person: string; organisation: string; membership: string };
  // The demo committee, its meeting of 31 May 2018 (seed 004), an item on that agenda and an item with a report.
  let meetingIds: { body: string; meeting: string; item: string; reportItem: string };
  // The approved minutes of 17 April 2018 (seed 004): the meeting, one of its minutes, an action on the
  // committee's log, Councillor Criswell (its Chairman) and an outside body the committee appoints to.
  let minutesIds: { meeting: string; minute: string; action: string; councillor: string; outsideBody: string };
  // A demo indicator from Appendix 7 (seed 004), on the public scorecard with values, targets and its chart.
  let indicator = '';
  // Seed 004's delivery plan and its action 1.3 (recurring); seed 003's work programme and its task 10; a portfolio item.
  // Issue 16's accountability reports: seed 001's quarter (a partnership's activity update, the report), seed 002's
  // annual review and Principles, and seed 000's self-assessment.
  let reportIds: { horizons: string; review: string; assessment: string; principles: string };
  let planIds: { plan: string; action: string; programme: string; task: string; portfolio: string; partnership: string };
  before(async () => {
    s = await startBrowserSession();
    const one = async (sql: string) => (await s.t.db.query<{ id: string }>(sql))[0]!.id;
    ids = {
      partnership: await one(`select id from partnerships where name = 'Greater Cambridge Greater Peterborough Local Enterprise Partnership'`),
      person: await one(`select id from people where name = 'Mary Whitehand'`),
      organisation: await one(`select id from organisations where name = 'Cambridgeshire County Council'`),
      membership: '',
    };
    ids.membership = await one(`select id from memberships where partnership_id = '${ids.partnership}' and person_id is not null`);
    const body = await one(`select id from bodies where name = 'Communities and Partnership Committee'`);
    const meeting = await one(`select id from meetings where body_id = '${body}' and meeting_date = '2018-05-31' and kind = 'formal'`);
    meetingIds = {
      body,
      meeting,
      item: await one(`select id from agenda_items where meeting_id = '${meeting}' and position = 1 and deleted_at is null`),
      reportItem: await one(`select a.id from agenda_items a join reports r on r.agenda_item_id = a.id and r.deleted_at is null
        where a.meeting_id = '${meeting}' and a.deleted_at is null and r.kind = 'template' order by a.position limit 1`),
    };
    const minutesMeeting = await one(`select id from meetings where body_id = '${body}' and meeting_date = '2018-04-17' and kind = 'formal'`);
    minutesIds = {
      meeting: minutesMeeting,
      minute: await one(`select id from minutes where meeting_id = '${minutesMeeting}' and deleted_at is null order by number limit 1`),
      action: await one(`select id from actions where body_id = '${body}' and deleted_at is null order by created, id limit 1`),
      councillor: await one(`select id from people where name = 'Steve Criswell'`),
      outsideBody: await one(`select id from outside_bodies where publication_state = 'published' and deleted_at is null order by lower(name) limit 1`),
    };
    indicator = await one(`select id from indicators where title = 'Number of children with a Child Protection Plan per 10,000 population under 18'
      and publication_state = 'published' and deleted_at is null`);
    const plan = await one(`select id from plans where kind = 'delivery_plan' and deleted_at is null`);
    const programme = await one(`select id from plans where kind = 'work_programme' and deleted_at is null`);
    planIds = {
      plan,
      programme,
      action: await one(`select id from plan_actions where plan_id = '${plan}' and reference = '1.3'`),
      task: await one(`select id from programme_tasks where plan_id = '${programme}' and number = 10`),
      portfolio: await one(`select id from portfolio_items where deleted_at is null order by title limit 1`),
      partnership: await one(`select partnership_id as id from plans where id = '${programme}'`),
    };
    reportIds = {
      horizons: await one(`select id from partnerships where name = 'Cambridgeshire Horizons' and deleted_at is null`),
      review: await one(`select id from annual_reviews where deleted_at is null order by created limit 1`),
      assessment: await one(`select id from assessments where deleted_at is null order by created limit 1`),
      principles: await one(`select id from principle_versions order by created limit 1`),
    };
    for (const url of ['/sign-in', '/forgot-password', '/reset-password/not-a-real-token']) {
      await s.page.goto(`${s.baseUrl}${url}`);
      await checkAtWidths(url);
    }
    await signInAs(s, 'administrator@example.org');
  });
  after(async () => s?.close());

  // Public pages that scroll sideways on the phone (issue 17: none may; a wide table scrolls in its own region).
  const wideOnPhone: string[] = [];

  /** axe on the page shown: a public page at 375 px and 1280 px, a back-office page at 1280 px. Returns how many checks ran. */
  async function checkAtWidths(url: string): Promise<number> {
    if (areaOf(url.split('?')[0] ?? url) !== 'public') {
      await expectAccessible(s);
      return 1;
    }
    await s.page.setViewportSize(PHONE);
    const width = await s.page.evaluate(() => document.documentElement.scrollWidth);
    if (width > PHONE.width) wideOnPhone.push(`${url}: ${width} px`);
    await expectAccessible(s);
    await s.page.setViewportSize(DESKTOP);
    await expectAccessible(s);
    return 2;
  }

  const pages = () => [
    '/',
    '/accessibility',
    '/privacy',
    '/register?status=active&page=2',
    `/register/${ids.partnership}`,
    `/partnerships/${ids.partnership}`,
    `/partnerships/${ids.partnership}/edit`,
    `/partnerships/${ids.partnership}/delete`,
    `/partnerships/${ids.partnership}/events/new`,
    `/partnerships/${ids.partnership}/memberships/new`,
    `/partnerships/${ids.partnership}/contributions/new`,
    `/partnerships/${ids.partnership}/documents/new`,
    '/landscape',
    '/register/contacts',
    '/contacts?date=2009-07-07',
    '/organisations',
    `/organisations/${ids.organisation}`,
    '/organisations/new',
    `/organisations/${ids.organisation}/edit`,
    '/people?kind=councillor',
    `/people/${ids.person}`,
    '/people/new',
    `/people/${ids.person}/edit`,
    '/no-such-page',
    '/landscape?date-day=31&date-month=2&date-year=2011',
    `/partnerships/${ids.partnership}/memberships/${ids.membership}/end`,
    '/account',
    '/admin/users',
    '/admin/users/invite',
    '/admin/outbox',
    '/admin/audit',
    `/admin/audit?entityId=${ids.partnership}`,
    // Committees and meetings: the back office, then the public pages.
    '/bodies',
    `/bodies/${meetingIds.body}`,
    `/bodies/${meetingIds.body}/plan`,
    `/bodies/${meetingIds.body}/workshops`,
    `/bodies/${meetingIds.body}/plan/import`,
    '/bodies/new',
    '/meetings',
    '/meetings?when=past',
    `/meetings/${meetingIds.meeting}`,
    `/meetings/${meetingIds.meeting}/items/${meetingIds.item}/edit`,
    `/meetings/${meetingIds.meeting}/items/${meetingIds.reportItem}/report`,
    `/meetings/${meetingIds.meeting}/items/${meetingIds.reportItem}/report/edit`,
    '/admin/bank-holidays',
    '/committees',
    `/committees/${meetingIds.body}`,
    '/calendar',
    '/calendar?when=past',
    `/calendar/${meetingIds.meeting}`,
    // Minutes, actions and outside bodies: the back office (approved minutes, so the minute page has the amendment form),
    // then the public pages.
    `/meetings/${minutesIds.meeting}/minutes`,
    `/meetings/${minutesIds.meeting}/minutes/${minutesIds.minute}`,
    `/bodies/${meetingIds.body}/actions`,
    `/bodies/${meetingIds.body}/actions/${minutesIds.action}`,
    '/outside-bodies',
    `/outside-bodies/${minutesIds.outsideBody}`,
    '/outside-bodies/new',
    `/calendar/${minutesIds.meeting}/minutes`,
    '/decisions',
    '/decisions?q=Fenland',
    '/councillors',
    `/councillors/${minutesIds.councillor}`,
    '/representatives',
    `/representatives/${minutesIds.outsideBody}`,
    // Performance: the back office (scorecard, filtered, catalogue, indicator form, one indicator, what is due, import),
    // then the public scorecard and the indicator's public page.
    '/performance',
    '/performance?offTarget=yes',
    '/performance/indicators',
    '/performance/indicators/new',
    `/performance/indicators/${indicator}`,
    '/performance/due',
    '/performance/import',
    '/performance/settings',
    '/scorecard',
    `/scorecard/indicators/${indicator}`,
    // Plans: the list, the delivery plan, an action, the work programme and a task, the forms, overdue actions, risk registers
    // and the portfolio; then the public pages.
    '/plans',
    `/plans/${planIds.plan}`,
    `/plans/${planIds.plan}/actions/${planIds.action}`,
    `/plans/${planIds.plan}/actions/${planIds.action}/edit`,
    `/plans/${planIds.plan}/actions/new`,
    `/plans/${planIds.plan}/import`,
    `/plans/${planIds.plan}/edit`,
    '/plans/new?kind=work_programme',
    '/plans/overdue',
    `/plans/${planIds.programme}`,
    `/plans/${planIds.programme}/tasks/${planIds.task}`,
    `/plans/${planIds.programme}/tasks/new`,
    '/plans/risks',
    '/plans/risks/new',
    `/plans/risks/matrix?partnership=${planIds.partnership}`,
    '/plans/portfolio',
    '/plans/portfolio/new',
    `/plans/portfolio/${planIds.portfolio}`,
    '/delivery-plans',
    `/delivery-plans/${planIds.plan}`,
    `/delivery-plans/${planIds.plan}/actions/${planIds.action}`,
    `/delivery-plans/${planIds.programme}`,
    '/delivery-plans/portfolio',
    '/quarterly-updates?quarter=2009-04-01',
    `/quarterly-updates/${reportIds.horizons}?quarter=2009-04-01`,
    '/quarterly-updates/report?quarter=2009-04-01&date=2009-07-07',
    '/annual-reviews',
    '/annual-reviews/new',
    `/annual-reviews/${reportIds.review}`,
    `/annual-reviews/${reportIds.review}/edit`,
    '/health-checks?year=2011',
    `/health-checks/${reportIds.horizons}?year=2009`,
    '/health-checks/settings',
    '/principles',
    `/principles/versions/${reportIds.principles}`,
    '/assessments',
    '/assessments/new',
    `/assessments/${reportIds.assessment}`,
    '/admin/implications',
    '/accountability',
    // The public front door (issue 17): search with its Follow box, open data, and an alert's sign-up.
    '/search?q=transport',
    '/open-data',
    '/alerts/new?list=%2Fdecisions',
  ];

  it('has no violations on any page (public pages at 375 px and 1280 px)', async () => {
    const start = s.checked.length;
    let checks = 0;
    for (const url of pages()) {
      const res = await s.page.goto(`${s.baseUrl}${url}`);
      // The page itself, not a 404 or an error page standing in for it.
      assert.equal(res?.status(), url === '/no-such-page' ? 404 : 200, url);
      checks += await checkAtWidths(url);
    }
    assert.equal(s.checked.length - start, checks);
    assert.ok(checks >= pages().length + 20, `${checks} checks: the public pages at both widths`);
    assert.deepEqual(wideOnPhone, [], 'public pages wider than a 375 px phone');
  });

  it('has no violations on forms showing errors', async () => {
    for (const form of ['events', 'memberships', 'contributions', 'documents']) {
      await s.page.goto(`${s.baseUrl}/partnerships/${ids.partnership}/${form}/new`);
      await s.page.locator('main form button[type=submit], main form .govuk-button').last().click();
      await s.page.locator('.govuk-error-summary').waitFor();
      await expectAccessible(s);
    }
    for (const url of [
      '/people/new',
      '/organisations/new',
      '/admin/users/invite',
      '/bodies/new',
      `/bodies/${meetingIds.body}/meetings/new`,
      '/performance/indicators/new',
      '/performance/import',
      '/plans/new',
      `/plans/${planIds.plan}/actions/new`,
      `/plans/${planIds.plan}/import`,
      '/plans/risks/new',
      '/plans/portfolio/new',
    ]) {
      await s.page.goto(`${s.baseUrl}${url}`);
      await s.page.locator('main form .govuk-button').last().click();
      await s.page.locator('.govuk-error-summary').waitFor();
      await expectAccessible(s);
    }
  });

  it('works without JavaScript: a partnership can be found and a member added', async () => {
    const context = await s.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInAs(s, 'democratic.services@example.org', undefined, page);
    await page.goto(`${s.baseUrl}/partnerships/${ids.partnership}/memberships/new`);
    await page.getByLabel('Or organisation').selectOption({ label: 'Rutland County Council' });
    await page.getByLabel('Role').selectOption({ label: 'Observer' });
    await page.getByRole('button', { name: 'Add member' }).click();
    await page.getByText('Member added').waitFor();
    assert.match(await page.locator('#members').locator('..').innerText(), /Rutland County Council/);
    await context.close();
  });
});
