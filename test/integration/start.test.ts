// Each role's start page (issue 18, item 5): signing in leads to /start unless the person was sent from
// another page; each role sees its own panels, counted against today; the public cannot reach it.
import { yearView } from '../../src/finance/finance.service.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addDays } from '../../src/calendar/working-days.ts';
import { todayInEngland } from '../../src/calendar/today.ts';
import { defaultHolidayCalendar } from '../../src/calendar/bank-holidays.ts';
import { deriveMeetingDates } from '../../src/meetings/deadlines.ts';
import { dueList, scorecardView } from '../../src/performance/index.ts';
import { partnershipsInScope } from '../../src/partnerships/index.ts';
import { anonymousAgent, buildTestApp, DEMO_EMAIL, DEMO_PASSWORD, signIn, type Agent, type TestApp } from '../helper.ts';

/** The panel of a start page with this key, as HTML, or null when the page has no such panel. */
function panel(body: string, key: string): string | null {
  return new RegExp(`<section[^>]*data-panel="${key}"[\\s\\S]*?</section>`).exec(body)?.[0] ?? null;
}

/** The count a panel shows: 0 when it says there are none. */
function countOf(body: string, key: string): number {
  const html = panel(body, key);
  assert.ok(html, `the page has the ${key} panel`);
  return Number(/data-count="(\d+)"/.exec(html)?.[1] ?? 0);
}

const panelsOf = (body: string) => [...body.matchAll(/data-panel="([A-Za-z]+)"/g)].map((m) => m[1]);

const idFrom = (location: unknown) => /\/meetings\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? '';

describe('start page', () => {
  let t: TestApp;
  const today = todayInEngland();
  before(async () => {
    t = await buildTestApp();
  });
  after(async () => t.close());

  const startOf = async (role: string) => {
    const agent = anonymousAgent(t.app);
    const res = await agent.post('/sign-in', { email: DEMO_EMAIL[role]!, password: DEMO_PASSWORD });
    assert.equal(res.statusCode, 303, role);
    assert.equal(res.headers.location, '/start', `${role} lands on the start page`);
    const page = await agent.get('/start');
    assert.equal(page.statusCode, 200, role);
    return page.body;
  };

  it('is where every demo role lands after signing in, with the panels of its work', async () => {
    const expected: Record<string, string[]> = {
      administrator: [
        'upcomingMeetings',
        'deadlinesThisWeek',
        'papersNotCleared',
        'minutesToWrite',
        'actionsOverdue',
        'valuesDue',
        'exceptionReports',
        'planActionsOverdue',
      ],
      democratic_services: ['upcomingMeetings', 'deadlinesThisWeek', 'papersNotCleared', 'minutesToWrite', 'actionsOverdue'],
      partnership_officer: ['planActionsOverdue'],
      performance_officer: ['valuesDue', 'exceptionReports', 'planActionsOverdue'],
      finance_officer: ['financeReturn'],
      // The demo councillor's address is on no one's entry in the directory: one notice says how to link it.
      councillor: ['notLinked'],
      partner_editor: ['partnerships'],
    };
    for (const [role, panels] of Object.entries(expected)) {
      const body = await startOf(role);
      assert.match(body, /<h1 class="govuk-heading-xl">Your work<\/h1>/, role);
      assert.deepEqual(panelsOf(body), panels, role);
      for (const key of panels) assert.match(panel(body, key)!, new RegExp(`<h2 class="govuk-heading-m" id="panel-${key}">`), `${role}: ${key} has a heading`);
      assert.match(
        body,
        /<a class="govuk-service-navigation__link" href="\/start"[^>]*>\s*(<strong[^>]*>)?Your work/,
        `${role}: the navigation links to the start page`,
      );
    }
  });

  it('counts values due and exception reports asked for as the performance pages do', async () => {
    const body = await startOf('performance_officer');
    const due = await dueList(t.db, t.tenantId, today);
    assert.equal(countOf(body, 'valuesDue'), due.length);
    if (due.length) assert.match(panel(body, 'valuesDue')!, new RegExp(`${due.length} values? to enter, ${due.filter((d) => d.overdue).length} overdue`));
    else assert.match(panel(body, 'valuesDue')!, /Every value due has been entered/);
    assert.match(panel(body, 'valuesDue')!, /href="\/performance\/due"/);
    const card = await scorecardView(t.db, t.tenantId, { publicOnly: false });
    const asked = card.groups.flatMap((g) => g.entries).filter((e) => e.exceptionRequired);
    assert.equal(countOf(body, 'exceptionReports'), asked.length);
  });

  it("lists the partner editor's partnerships: the LEP and its sub-groups, and no other", async () => {
    const body = await startOf('partner_editor');
    const user = (
      await t.db.query<{ p: string[]; o: string[] }>(`select scope_partnership_ids as p, scope_organisation_ids as o from users where email = $1`, [
        DEMO_EMAIL.partner_editor,
      ])
    )[0]!;
    const mine = await partnershipsInScope(t.db, t.tenantId, user.p, user.o);
    assert.ok(mine.length >= 2, 'the LEP and at least one sub-group');
    assert.equal(countOf(body, 'partnerships'), mine.length);
    assert.match(panel(body, 'partnerships')!, /Greater Cambridge Greater Peterborough/);
    assert.doesNotMatch(panel(body, 'partnerships')!, /Cambridgeshire Horizons/);
  });

  it('gives a finance officer the latest return: every line the rule catches has commentary in the demo, until one loses it', async () => {
    let body = await startOf('finance_officer');
    assert.match(panel(body, 'financeReturn')!, /Finance return: Outturn 2017-18/);
    assert.match(panel(body, 'financeReturn')!, /Every line the commentary rule catches in Outturn 2017-18 has its commentary/);
    assert.match(panel(body, 'financeReturn')!, /href="\/finance"/);
    // Remove one commentary, as if the month's figures had just been imported: the line is listed.
    const view = await yearView(t.db, t.tenantId, 2017, 13);
    const caught = view.table.lines.filter((l) => l.commentaryRequired && l.commentaryIds?.length === 1);
    const single = view.commentaries.find((cm) => cm.lineIds.length === 1 && caught.some((l) => l.commentaryIds?.[0] === cm.id));
    const c = single && { id: single.id, lineId: single.lineIds[0]! };
    assert.ok(c, 'the demo has a commentary on one line the rule catches');
    await t.db.transaction({ actor: 'test' }, (tx) => tx.query(`update finance_commentaries set deleted_at = now() where id = $1`, [c!.id]));
    body = await startOf('finance_officer');
    assert.match(panel(body, 'financeReturn')!, /1 line of \d+ needs commentary before the report can be published/);
    assert.match(panel(body, 'financeReturn')!, new RegExp(`href="/finance/lines/${c!.lineId}\\?year=2017"`));
  });

  describe("democratic services' and a councillor's work, judged against today", () => {
    let clerk: Agent;
    let bodyId = '';
    let meetingId = '';
    let personId = '';
    before(async () => {
      clerk = await signIn(t.app, 'democratic_services');
      bodyId = (await t.db.query<{ id: string }>(`select id from bodies where name = 'Communities and Partnership Committee'`))[0]!.id;
      personId = (await t.db.query<{ id: string }>(`select id from people where name = 'Lorna Dupre'`))[0]!.id;
    });

    const newMeeting = async (date: string, status = 'scheduled') => {
      const [year, month, day] = date.split('-');
      const res = await clerk.post(`/bodies/${bodyId}/meetings`, {
        'meetingDate-day': String(Number(day)),
        'meetingDate-month': String(Number(month)),
        'meetingDate-year': year!,
        kind: 'formal',
        isPublic: 'true',
        status,
      });
      assert.equal(res.statusCode, 303, res.body);
      return idFrom(res.headers.location);
    };

    const report = async (itemTitle: string, publish: boolean) => {
      assert.equal((await clerk.post(`/meetings/${meetingId}/items`, { title: itemTitle, purpose: 'decision' })).statusCode, 303);
      const item = (await t.db.query<{ id: string }>(`select id from agenda_items where meeting_id = $1 and title = $2`, [meetingId, itemTitle]))[0]!.id;
      const fields: Record<string, string> = { title: itemTitle, keyDecision: 'no', alignment0: '', alignment1: '', alignment2: '' };
      for (const key of ['resource', 'procurement', 'legal', 'equality', 'engagement', 'localism', 'publicHealth']) {
        fields[`clearance-${key}`] = publish ? 'not_applicable' : 'pending';
      }
      assert.equal((await clerk.post(`/meetings/${meetingId}/items/${item}/report/edit`, fields)).statusCode, 303);
      if (publish) {
        const version = (await t.db.query<{ version: number }>(`select version from reports where agenda_item_id = $1`, [item]))[0]!.version;
        assert.equal((await clerk.post(`/meetings/${meetingId}/items/${item}/report/publish`, { version: String(version) })).statusCode, 303);
      }
    };

    it('starts with nothing to do: the demo meetings of 2018 and 2019 are history, not overdue work', async () => {
      const body = await startOf('democratic_services');
      for (const key of ['upcomingMeetings', 'deadlinesThisWeek', 'papersNotCleared', 'minutesToWrite', 'actionsOverdue'])
        assert.equal(countOf(body, key), 0, key);
      assert.match(panel(body, 'minutesToWrite')!, /every meeting of the last three months are published/);
    });

    it('counts a meeting next week, its deadlines this week, its draft paper, a meeting last month without minutes and an overdue action', async () => {
      const meetingDate = addDays(today, 8);
      meetingId = await newMeeting(meetingDate);
      await report('Library services review', false);
      await report('Community resilience strategy', true);
      await newMeeting(addDays(today, -20), 'held');
      await newMeeting(addDays(today, -200), 'held'); // older than three months: history
      await t.db.query(
        `insert into actions (tenant_id, body_id, owner_person_id, description, due_date) values ($1, $2, $3, 'Send the figures to members', $4)`,
        [t.tenantId, bodyId, personId, addDays(today, -1)],
      );

      const body = await startOf('democratic_services');
      assert.equal(countOf(body, 'upcomingMeetings'), 1);
      assert.match(panel(body, 'upcomingMeetings')!, new RegExp(`href="/meetings/${meetingId}"`));
      const dates = deriveMeetingDates(meetingDate, { draftReportClearDays: 8, despatchClearDays: 5 }, defaultHolidayCalendar());
      const inWeek = [dates.draftReportsDue, dates.agendaDespatch, dates.publicSpeakingDeadline.date].filter((d) => d >= today && d <= addDays(today, 6));
      assert.ok(inWeek.length >= 1, 'a meeting eight days away has a deadline this week');
      assert.equal(countOf(body, 'deadlinesThisWeek'), inWeek.length);
      assert.equal(countOf(body, 'papersNotCleared'), 1);
      assert.match(panel(body, 'papersNotCleared')!, /Library services review/);
      assert.doesNotMatch(panel(body, 'papersNotCleared')!, /Community resilience strategy/);
      assert.equal(countOf(body, 'minutesToWrite'), 1);
      assert.match(panel(body, 'minutesToWrite')!, /Not started/);
      assert.equal(countOf(body, 'actionsOverdue'), 1);
      assert.match(panel(body, 'actionsOverdue')!, /Send the figures to members/);
    });

    it('shows a councillor their committees, the published papers of the next meeting and their actions once the directory has their address', async () => {
      const before = await startOf('councillor');
      assert.match(panel(before, 'notLinked')!, /No one in the directory has your email address \(councillor@example.org\)/);
      await t.db.query(`update people set email = $1 where id = $2`, [DEMO_EMAIL.councillor, personId]);

      const body = await startOf('councillor');
      assert.deepEqual(panelsOf(body), ['committees', 'papersToRead', 'yourActions']);
      assert.equal(countOf(body, 'committees'), 1);
      assert.match(panel(body, 'committees')!, /Communities and Partnership Committee/);
      assert.equal(countOf(body, 'papersToRead'), 1, 'the published paper, not the draft');
      assert.match(panel(body, 'papersToRead')!, /Community resilience strategy/);
      assert.equal(countOf(body, 'yourActions'), 1);
      assert.match(panel(body, 'yourActions')!, /Send the figures to members[\s\S]*Overdue/);
    });
  });

  it('is not for the public: they are asked to sign in, and come back to it', async () => {
    const visitor = anonymousAgent(t.app);
    const res = await visitor.get('/start');
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/sign-in?returnTo=%2Fstart');
  });

  it('still honours the page someone was sent to sign in from', async () => {
    const visitor = anonymousAgent(t.app);
    const sent = await visitor.get('/performance/due');
    assert.equal(sent.headers.location, '/sign-in?returnTo=%2Fperformance%2Fdue');
    const form = await visitor.get(String(sent.headers.location));
    const returnTo = /name="returnTo" value="([^"]*)"/.exec(form.body)?.[1];
    assert.equal(returnTo, '/performance/due');
    const signedIn = await visitor.post('/sign-in', { email: DEMO_EMAIL.performance_officer!, password: DEMO_PASSWORD, returnTo: returnTo! });
    assert.equal(signedIn.headers.location, '/performance/due');
    // An address on another site is not followed: the start page instead.
    const elsewhere = await anonymousAgent(t.app).post('/sign-in', { email: DEMO_EMAIL.councillor!, password: DEMO_PASSWORD, returnTo: '//evil.example' });
    assert.equal(elsewhere.headers.location, '/start');
  });
});
