// The public side of minutes, as an anonymous visitor sees it: a meeting's minutes in the printed
// shape (and as PDF and Word), the decisions register, and councillors' pages with their
// memberships and attendance. Draft (unpublished) minutes never appear; published draft minutes are
// marked; an exempt item's minute shows only its number and paragraph; no cookie is ever set.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { anonymousAgent, buildTestApp, type Agent, type TestApp } from '../helper.ts';
import { generatedSizePattern } from '../pages.ts';
import { pdfPageTexts } from '../pdf-text.ts';
import type { RequestContext } from '../../src/web/context.ts';
import * as meetingsRepo from '../../src/meetings/meetings.repository.ts';
import * as meetings from '../../src/meetings/meetings.service.ts';
import * as minutes from '../../src/minutes/minutes.service.ts';
import * as minutesRepo from '../../src/minutes/minutes.repository.ts';
import { decisionText } from '../../src/minutes/rules.ts';
import { exemptNotice } from '../../src/publication/exempt.ts';
import { registerPublicMinutesPages } from '../../src/minutes/public.routes.ts';

const BODY = 'Communities and Partnership Committee';
const DRAFT_RESOLUTION = 'To commission a review of zanzibarish community transport';
const EXEMPT_TITLE = 'Sale of land at Quiddity Farm';
const EXEMPT_DISCUSSION = 'The heads of terms with the purchaser were discussed.';
const EXEMPT_RESOLUTION = 'To agree the quiddity heads of terms';
const EXEMPT_DECLARATION = 'Knows the purchaser of the farm';

describe('public minutes, decisions and councillors', () => {
  let t: TestApp;
  let ctx: RequestContext;
  let visitor: Agent;
  let bodyId: string;
  let april: string;
  let criswell: string;
  let draftMeetingId: string;

  /** Every public response: no cookie is ever set for an anonymous visitor. */
  const get = async (url: string): Promise<LightMyRequestResponse> => {
    const res = await visitor.get(url);
    assert.equal(res.headers['set-cookie'], undefined, `${url} must not set a cookie`);
    return res;
  };
  const one = async (sql: string, params: unknown[] = []) => (await t.db.query<{ id: string }>(sql, params))[0]!.id;

  before(async () => {
    t = await buildTestApp({
      // Until src/app.ts registers the public minutes pages, the test registers them itself.
      beforeReady: (app) => {
        if (!app.hasRoute({ method: 'GET', url: '/decisions' })) void registerPublicMinutesPages(app, app.db, { councilName: 'Cambridge City Council' });
      },
    });
    ctx = { tenantId: t.tenantId, actor: 'test', requestId: 'test' };
    visitor = anonymousAgent(t.app);
    bodyId = await one(`select id from bodies where name = $1`, [BODY]);
    april = await one(`select id from meetings where body_id = $1 and meeting_date = '2018-04-17' and kind = 'formal'`, [bodyId]);
    criswell = await one(`select id from people where name = 'Steve Criswell'`);

    // A later meeting of the same committee whose minutes are started but not yet published, with an exempt item.
    draftMeetingId = await meetings.createMeeting(t.db, ctx, bodyId, {
      meetingDate: '2018-09-20',
      startTime: '14:00',
      venue: 'Shire Hall, Cambridge',
      kind: 'formal',
      isPublic: true,
    });
    await meetings.addItem(t.db, ctx, draftMeetingId, { title: 'Community transport', purpose: 'decision' });
    const exemptItem = await meetings.addItem(t.db, ctx, draftMeetingId, { title: EXEMPT_TITLE, purpose: 'decision', exemptParagraph: 3 });
    await minutes.startMinutes(t.db, ctx, draftMeetingId);
    await minutes.addAttendance(t.db, ctx, draftMeetingId, { personId: criswell, category: 'present', note: 'Chairman' });
    await minutes.addDeclaration(t.db, ctx, draftMeetingId, {
      personId: criswell,
      agendaItemId: exemptItem,
      kind: 'non_registerable',
      description: EXEMPT_DECLARATION,
    });
    const [transport, exempt] = await minutesRepo.listMinutes(t.db, t.tenantId, draftMeetingId);
    await minutes.addResolution(t.db, ctx, draftMeetingId, transport!.id, { text: DRAFT_RESOLUTION, outcome: 'unanimous' });
    await minutes.updateMinute(t.db, ctx, draftMeetingId, exempt!.id, exempt!.version, { title: EXEMPT_TITLE, discussion: EXEMPT_DISCUSSION });
    await minutes.addResolution(t.db, ctx, draftMeetingId, exempt!.id, { text: EXEMPT_RESOLUTION, outcome: 'unanimous' });
  });
  after(async () => t?.close());

  it('shows the 17 April 2018 minutes in the shape of the printed minutes', async () => {
    const res = await get(`/calendar/${april}/minutes`);
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.match(html, /Tuesday 17 April 2018/);
    assert.match(html, /substituting for Councillor Steve Tierney/);
    assert.match(html, /Steve Criswell \(Chairman\)/);
    assert.match(html, /Agreed as a correct record at the meeting of Thursday 31 May 2018 and signed by the Chairman/);
    assert.doesNotMatch(html, /Draft minutes: subject to approval/);
    // Minutes 50 to 58, each once and in order.
    const positions = Array.from({ length: 9 }, (_, i) => 50 + i).map((n) => {
      const at = html.indexOf(`id="minute-${n}"`);
      assert.ok(at > 0, `minute ${n} is shown`);
      assert.equal(html.indexOf(`id="minute-${n}"`, at + 1), -1, `minute ${n} is shown once`);
      return at;
    });
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
      'minutes in number order',
    );
    assert.match(html, /<h3 class="govuk-heading-m" id="minute-56-heading">56\. Committee Agenda Plan and Appointments<\/h3>/);
    // 56(b): carried by a majority, with the votes.
    const wording = decisionText({ outcome: 'majority', votesFor: 7, votesAgainst: 0, abstentions: 1 });
    assert.equal(wording, 'by a majority (7 votes in favour, 0 against, 1 abstention)');
    const minute56 = html.slice(positions[6], positions[7]);
    assert.match(
      minute56,
      new RegExp(
        `b\\)</span> To appoint Councillor Janet French as the Fenland Area Champion\\.<br><span class="govuk-body-s">Resolved ${wording.replace(/[()]/g, '\\$&')}</span>`,
      ),
    );
    assert.match(minute56, /a\)<\/span> To note the agenda Plan\.<br><span class="govuk-body-s">Noted<\/span>/);
    // Discussion paragraphs and the actions arising, with their status.
    assert.match(html, /<p class="govuk-body">Following changes to the terms of reference agreed at Full Council in March/);
    assert.match(html, /Lynsi Hayward-Smith<\/td>/);
    assert.match(html, /govuk-tag--green">Completed</);
    assert.match(html, /govuk-tag--blue">Ongoing</);
    assert.match(html, new RegExp(`href="/calendar/${april}/minutes.pdf"`));
    assert.match(html, new RegExp(`href="/calendar/${april}/minutes.docx"`));
    // The page first, the PDF its printable version with its type, size and pages, as served (issue 17).
    const pdf = await get(`/calendar/${april}/minutes.pdf`);
    const docx = await get(`/calendar/${april}/minutes.docx`);
    const pages = (await pdfPageTexts(pdf.rawPayload)).length;
    const kb = generatedSizePattern;
    assert.match(
      html,
      new RegExp(
        `href="/calendar/${april}/minutes.pdf">Printable version<span[^>]*>[^<]*</span></a> <span class="govuk-body-s">\\(PDF, ${kb(pdf.rawPayload.length)}, ${pages} pages\\)</span>`,
      ),
    );
    assert.match(
      html,
      new RegExp(`minutes.docx">[^<]*<span[^>]*>[^<]*</span></a> <span class="govuk-body-s">\\(Word, ${kb(docx.rawPayload.length)}\\)</span>`),
    );
  });

  it('serves the minutes as PDF and Word', async () => {
    const pdf = await get(`/calendar/${april}/minutes.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.match(String(pdf.headers['content-type']), /^application\/pdf/);
    assert.equal(pdf.rawPayload.subarray(0, 4).toString('latin1'), '%PDF');
    assert.match((await pdfPageTexts(pdf.rawPayload)).join(' '), /Janet French/);
    const docx = await get(`/calendar/${april}/minutes.docx`);
    assert.equal(docx.statusCode, 200);
    assert.match(String(docx.headers['content-type']), /wordprocessingml/);
    assert.equal(docx.rawPayload.subarray(0, 2).toString('latin1'), 'PK');
  });

  it('links the meeting page to its minutes', async () => {
    const res = await get(`/calendar/${april}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`href="/calendar/${april}/minutes"`));
  });

  it('finds decisions by subject, committee and date, and refuses bad filters politely', async () => {
    const bySubject = await get('/decisions?q=Fenland');
    assert.equal(bySubject.statusCode, 200);
    assert.match(bySubject.body, /To appoint Councillor Janet French as the Fenland Area Champion\./);
    assert.match(bySubject.body, new RegExp(`href="/calendar/${april}/minutes#minute-56"`));
    assert.match(bySubject.body, /Resolved by a majority \(7 votes in favour, 0 against, 1 abstention\)/);
    assert.doesNotMatch(bySubject.body, /Skills Blueprint/, 'only matching decisions');

    const byCommittee = await get(`/decisions?committee=${bodyId}&from-day=17&from-month=4&from-year=2018&to-day=17&to-month=4&to-year=2018`);
    assert.equal(byCommittee.statusCode, 200);
    assert.match(byCommittee.body, /Janet French/);
    assert.match(byCommittee.body, /Skills Blueprint/);
    assert.match(byCommittee.body, new RegExp(`<option value="${bodyId}" selected>`));

    const before2018 = await get('/decisions?to-day=1&to-month=1&to-year=2018');
    assert.doesNotMatch(before2018.body, /Janet French/);

    for (const url of [
      '/decisions?from-day=31&from-month=2&from-year=2018',
      '/decisions?committee=not-a-committee',
      '/decisions?from-day=1&from-month=5&from-year=2018&to-day=1&to-month=4&to-year=2018',
      `/decisions?q=${'x'.repeat(300)}`,
      '/decisions?from-day=1&from-day=2&page=-4',
      '/decisions?page=99999999999',
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      if (!url.includes('page=')) assert.match(res.body, /govuk-error-summary/, url);
    }
    assert.match((await get('/decisions?from-day=31&from-month=2&from-year=2018')).body, /Date from must be a real date/);
  });

  it('hides draft minutes until they are published, then marks them draft; exempt items stay hidden', async () => {
    assert.equal((await get(`/calendar/${draftMeetingId}/minutes`)).statusCode, 404);
    assert.equal((await get(`/calendar/${draftMeetingId}/minutes.pdf`)).statusCode, 404);
    assert.equal((await get(`/calendar/${draftMeetingId}/minutes.docx`)).statusCode, 404);
    assert.doesNotMatch((await get('/decisions?q=zanzibarish')).body, /zanzibarish community transport/);
    assert.doesNotMatch((await get(`/calendar/${draftMeetingId}`)).body, /Minutes of this meeting/);

    const meeting = (await meetingsRepo.getMeeting(t.db, t.tenantId, draftMeetingId))!;
    // Any minute left blank is published as "No discussion recorded.", confirmed as the publish form asks.
    const unwritten = (await minutes.unwrittenMinutesOf(t.db, t.tenantId, draftMeetingId)).map((m) => m.id);
    await minutes.publishMinutes(t.db, ctx, draftMeetingId, meeting.version, unwritten);

    const page = await get(`/calendar/${draftMeetingId}/minutes`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Draft minutes: subject to approval at the next meeting/);
    assert.match(page.body, new RegExp(DRAFT_RESOLUTION));
    assert.match(page.body, /60\. Exempt item<\/h3>/);
    assert.ok(page.body.includes(exemptNotice(3)), 'the paragraph notice');
    for (const secret of [EXEMPT_TITLE, EXEMPT_DISCUSSION, EXEMPT_RESOLUTION, EXEMPT_DECLARATION])
      assert.ok(!page.body.includes(secret), `${secret} is not shown`);
    assert.match(page.body, /Councillor Steve Criswell declared a non-registerable interest in item 2 \(an exempt item\)\./);

    const decisions = await get('/decisions?q=zanzibarish');
    assert.match(decisions.body, new RegExp(DRAFT_RESOLUTION));
    assert.match(decisions.body, /Draft minutes<\/strong>/);
    assert.doesNotMatch((await get('/decisions?q=quiddity')).body, /quiddity heads of terms/);
    assert.match((await get(`/calendar/${draftMeetingId}`)).body, new RegExp(`href="/calendar/${draftMeetingId}/minutes"`));

    const pdf = await get(`/calendar/${draftMeetingId}/minutes.pdf`);
    assert.equal(pdf.statusCode, 200);
    const text = (await pdfPageTexts(pdf.rawPayload)).join(' ');
    assert.match(text, /zanzibarish/);
    for (const secret of ['Quiddity', 'heads of terms', 'purchaser']) assert.ok(!text.includes(secret), `${secret} is not in the PDF`);
    const docx = await get(`/calendar/${draftMeetingId}/minutes.docx`);
    assert.equal(docx.statusCode, 200);
  });

  it('gives 404 for addresses that are not minutes', async () => {
    for (const url of [
      '/calendar/not-a-uuid/minutes',
      '/calendar/not-a-uuid/minutes.pdf',
      '/calendar/00000000-0000-4000-8000-000000000000/minutes',
      '/councillors/not-a-uuid',
      '/councillors/00000000-0000-4000-8000-000000000000',
    ]) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
    // An officer is not a councillor.
    const officer = await one(`select id from people where name = 'Lynsi Hayward-Smith'`);
    assert.equal((await get(`/councillors/${officer}`)).statusCode, 404);
  });

  it('lists councillors with their party and current bodies', async () => {
    const res = await get('/councillors');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`href="/councillors/${criswell}">(Councillor )?Steve Criswell</a>`));
    assert.match(res.body, new RegExp(`href="/committees/${bodyId}">${BODY}</a>`));
  });

  it('shows a councillor with memberships, role and attendance', async () => {
    const res = await get(`/councillors/${criswell}`);
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.match(html, /Steve Criswell<\/h1>/);
    assert.match(html, new RegExp(`href="/committees/${bodyId}">${BODY}</a></td>\\s*<td class="govuk-table__cell">Chair</td>`));
    assert.match(
      html,
      new RegExp(
        `href="/calendar/${april}">Tuesday 17 April 2018<span class="govuk-visually-hidden">, ${BODY}</span></a></td>\\s*<td class="govuk-table__cell">${BODY}</td>\\s*<td class="govuk-table__cell">Present \\(Chairman\\)</td>`,
      ),
    );
    assert.match(html, /Present at \d+ of \d+ meetings? whose minutes are published/);
    // The September meeting's minutes are published in an earlier test: its attendance counts too.
    assert.match(html, new RegExp(`href="/calendar/${draftMeetingId}">`));
  });

  it('gives the same councillor through the API, and 404 for someone who is not a public councillor', async () => {
    const res = await get(`/api/v1/councillors/${criswell}`);
    assert.equal(res.statusCode, 200);
    const body = JSON.parse(res.body);
    assert.equal(body.name, 'Steve Criswell');
    assert.ok(body.memberships.some((m: { body: { id: string }; role: string }) => m.body.id === bodyId && m.role === 'chair'));
    assert.ok(body.attendance.some((a: { meeting: { id: string }; category: string }) => a.meeting.id === april && a.category === 'present'));
    assert.ok(body.summary.present >= 1);
    const officer = await one(`select id from people where kind = 'officer' limit 1`);
    assert.equal((await get(`/api/v1/councillors/${officer}`)).statusCode, 404);
    assert.equal((await get('/api/v1/councillors/not-a-uuid')).statusCode, 400);
  });

  it('puts Decisions in the public navigation', async () => {
    const res = await get('/decisions');
    assert.match(res.body, /href="\/decisions"[^>]*aria-current="page"|aria-current="page"[^>]*href="\/decisions"/);
    assert.match(res.body, /data-area="public"/);
  });
});
