// The public side of meetings: the calendar, committee pages, meeting pages with their agendas and
// papers, agenda packs and iCalendar feeds, as an anonymous visitor sees them. Drafts, private
// meetings, exempt items and unpublished papers never appear.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { anonymousAgent, buildTestApp, type Agent, type TestApp } from '../helper.ts';
import { pdfPageTexts } from '../pdf-text.ts';
import type { RequestContext } from '../../src/web/context.ts';
import { createPerson } from '../../src/directory/directory.service.ts';
import { insertArea } from '../../src/directory/directory.repository.ts';
import { addDays } from '../../src/calendar/working-days.ts';
import { emptyReport, IMPLICATIONS } from '../../src/meetings/report-template.ts';
import * as repo from '../../src/meetings/meetings.repository.ts';
import * as service from '../../src/meetings/meetings.service.ts';
import { registerPublicMeetingPages } from '../../src/meetings/public.routes.ts';
import { wordDocument } from '../documents.ts';
import { formatLongDate } from '../../src/calendar/format.ts';

const BODY = 'Communities and Partnership Committee';
const EXEMPT_TITLE = 'Sale of land at Tenant Farm';
const EXEMPT_DESCRIPTION = 'Heads of terms agreed with the purchaser';
const DRAFT_REPORT_TITLE = 'Innovate and Cultivate Fund: unfinished draft';
const PUBLISHED_REPORT_TITLE = 'Community Resilience Strategy refresh';
/** A real (small) Word file. */
const WORD = wordDocument();

/** A report that may be published: every implication marked not applicable. */
function clearedReport(title: string) {
  const report = emptyReport(title);
  report.purpose = 'To agree the refreshed strategy.';
  report.recommendations = ['Agree the strategy'];
  report.background = ['The strategy was first agreed in 2017.'];
  for (const { key } of IMPLICATIONS) report.clearances[key] = { status: 'not_applicable', officer: '', note: '' };
  return report;
}

describe('public meeting pages', () => {
  let t: TestApp;
  let ctx: RequestContext;
  let visitor: Agent;
  let bodyId: string;
  let draftBodyId: string;
  let meetingId: string;
  let workshopId: string;
  let draftMeetingId: string;
  let pastMeetingId: string;
  let cancelledId: string;
  const items: Record<string, string> = {};
  const meetingDate = addDays(service.todayInEngland(), 63);

  /** Every public response: no cookie is ever set for an anonymous visitor. */
  const get = async (url: string): Promise<LightMyRequestResponse> => {
    const res = await visitor.get(url);
    assert.equal(res.headers['set-cookie'], undefined, `${url} must not set a cookie`);
    return res;
  };
  const meeting = async (id: string) => (await repo.getMeeting(t.db, t.tenantId, id))!;
  const publishReport = async (mid: string, itemId: string) =>
    service.setReportPublished(t.db, ctx, mid, itemId, (await repo.getReport(t.db, t.tenantId, itemId))!.version, true);

  before(async () => {
    t = await buildTestApp({
      demo: false,
      // Until src/app.ts registers the public meeting pages, the test registers them itself.
      beforeReady: (app) => {
        if (!app.hasRoute({ method: 'GET', url: '/calendar' })) void registerPublicMeetingPages(app, app.db, { councilName: 'Cambridge City Council' });
      },
    });
    ctx = { tenantId: t.tenantId, actor: 'test', requestId: 'test' };
    visitor = anonymousAgent(t.app);

    const person = (name: string) => createPerson(t.db, ctx, { name, honorificPrefix: 'Councillor', kind: 'councillor' });
    const [chair, member, substitute, former, champion] = await Promise.all(
      ['Steve Criswell', 'Kevin Cuffley', 'Lina Joseph', 'Departed Member', 'Mark Howell'].map(person),
    );
    const area = await t.db.transaction({ actor: 'test' }, (tx) => insertArea(tx, t.tenantId, { name: 'Huntingdonshire', kind: 'district' }));
    const otherArea = await t.db.transaction({ actor: 'test' }, (tx) => insertArea(tx, t.tenantId, { name: 'Fenland', kind: 'district' }));

    bodyId = await service.createBody(t.db, ctx, {
      name: BODY,
      kind: 'committee',
      termsOfReference: 'The committee reviews community resilience.\n\nIt oversees the Innovate and Cultivate Fund.',
      quorum: 3,
      draftReportClearDays: 8,
      despatchClearDays: 5,
      defaultVenue: 'Shire Hall, Cambridge',
      defaultStartTime: '14:00',
      clerkName: 'Daniel Snowdon',
      clerkPhone: '01223 699177',
      clerkEmail: 'daniel.snowdon@example.org',
      publicNotes: ['The meeting may be filmed and broadcast.'],
    });
    await service.setBodyPublication(t.db, ctx, bodyId, 1, 'published');
    await service.addMember(t.db, ctx, bodyId, { personId: chair, role: 'chair', politicalGroup: 'Conservative' });
    await service.addMember(t.db, ctx, bodyId, { personId: member, role: 'member', politicalGroup: 'Liberal Democrat' });
    await service.addMember(t.db, ctx, bodyId, { personId: substitute, role: 'substitute', politicalGroup: 'Labour' });
    await service.addMember(t.db, ctx, bodyId, { personId: former, role: 'member', startDate: '2015-05-01', endDate: '2017-05-01' });
    await service.addRole(t.db, ctx, bodyId, { title: 'Area Champion', areaId: area, personId: champion });
    await service.addRole(t.db, ctx, bodyId, { title: 'Area Champion', areaId: otherArea, note: 'To be appointed at the next meeting' });

    const formal = { startTime: '14:00', venue: 'Kreis Viersen Room, Shire Hall', kind: 'formal', isPublic: true };
    meetingId = await service.createMeeting(t.db, ctx, bodyId, { ...formal, meetingDate });
    workshopId = await service.createMeeting(t.db, ctx, bodyId, {
      meetingDate: addDays(meetingDate, 7),
      kind: 'workshop',
      isPublic: false,
      title: 'Private budget workshop',
    });
    await service.createMeeting(t.db, ctx, bodyId, { ...formal, meetingDate: addDays(meetingDate, 14), kind: 'reserve' });
    cancelledId = await service.createMeeting(t.db, ctx, bodyId, { ...formal, meetingDate: addDays(meetingDate, 21), status: 'cancelled' });
    pastMeetingId = await service.createMeeting(t.db, ctx, bodyId, { ...formal, meetingDate: '2018-05-31', status: 'held' });

    draftBodyId = await service.createBody(t.db, ctx, { name: 'Shadow Devolution Board', kind: 'board', draftReportClearDays: 8, despatchClearDays: 5 });
    draftMeetingId = await service.createMeeting(t.db, ctx, draftBodyId, { ...formal, meetingDate });

    items.apologies = await service.addItem(t.db, ctx, meetingId, { title: 'Apologies for absence', purpose: 'standing' });
    items.strategy = await service.addItem(t.db, ctx, meetingId, {
      title: 'Community resilience strategy',
      section: 'Decisions',
      purpose: 'decision',
      leadOfficers: 'Sarah Ferguson',
      description: 'The committee is asked to agree the refreshed strategy.',
    });
    await service.saveReport(t.db, ctx, meetingId, items.strategy, null, clearedReport(PUBLISHED_REPORT_TITLE));
    await publishReport(meetingId, items.strategy);
    items.fund = await service.addItem(t.db, ctx, meetingId, { title: 'Innovate and Cultivate Fund', section: 'Decisions', purpose: 'information' });
    await service.saveReport(t.db, ctx, meetingId, items.fund, null, clearedReport(DRAFT_REPORT_TITLE));
    items.exempt = await service.addItem(t.db, ctx, meetingId, {
      title: EXEMPT_TITLE,
      purpose: 'decision',
      exemptParagraph: 3,
      leadOfficers: 'Chris Malyon',
      description: EXEMPT_DESCRIPTION,
    });
    await service.saveReport(t.db, ctx, meetingId, items.exempt, null, clearedReport('Tenant Farm valuation'));
    await publishReport(meetingId, items.exempt);
    items.grants = await service.addItem(t.db, ctx, meetingId, { title: 'Community grants round', purpose: 'decision' });
    await service.uploadReport(t.db, ctx, meetingId, items.grants, { filename: 'Community grants.docx', data: WORD });
    await service.setReportPublished(t.db, ctx, meetingId, items.grants, 1, true, { uploadClearanceConfirmed: true });
  });
  after(async () => t.close());

  it('hides a draft body and its meetings everywhere', async () => {
    for (const url of [
      `/committees/${draftBodyId}`,
      `/committees/${draftBodyId}/calendar.ics`,
      `/calendar/${draftMeetingId}`,
      `/calendar/${draftMeetingId}/agenda.pdf`,
    ]) {
      assert.equal((await get(url)).statusCode, 404, url);
    }
    assert.doesNotMatch((await get('/committees')).body, /Shadow Devolution Board/);
    assert.doesNotMatch((await get('/calendar')).body, /Shadow Devolution Board/);
    assert.doesNotMatch((await get('/calendar.ics')).body, /Shadow Devolution Board/);
  });

  it('lists published committees with their next meeting', async () => {
    const res = await get('/committees');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`href="/committees/${bodyId}">${BODY}<`));
    assert.match(res.body, new RegExp(formatLongDate(meetingDate)));
  });

  it('shows a committee with its current members by role and its named roles, vacancies included', async () => {
    const res = await get(`/committees/${bodyId}`);
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.match(html, /<h1 class="govuk-heading-xl">Communities and Partnership Committee<\/h1>/);
    assert.match(html, /The committee reviews community resilience\.<\/p>\s*<p class="govuk-body">It oversees/);
    assert.match(html, /3 members/, 'quorum');
    assert.match(html, /Councillor Steve Criswell<\/td>\s*<td class="govuk-table__cell">Chair<\/td>\s*<td class="govuk-table__cell">Conservative/);
    assert.match(html, /Councillor Kevin Cuffley/);
    assert.match(html, /Councillor Lina Joseph<\/td>\s*<td class="govuk-table__cell">Substitute/);
    assert.ok(html.indexOf('Steve Criswell') < html.indexOf('Kevin Cuffley') && html.indexOf('Kevin Cuffley') < html.indexOf('Lina Joseph'), 'ordered by role');
    assert.doesNotMatch(html, /Departed Member/, 'a past member is not current');
    assert.match(html, /<caption[^>]*>Area Champion<\/caption>/);
    assert.match(html, /Huntingdonshire<\/td>\s*<td class="govuk-table__cell">Mark Howell/);
    assert.match(
      html,
      /Fenland<\/td>\s*<td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--grey">Vacant<\/strong><\/td>\s*<td class="govuk-table__cell">To be appointed at the next meeting/,
    );
    assert.match(html, new RegExp(`href="/calendar/${meetingId}">${formatLongDate(meetingDate)}, 2pm`));
    assert.match(html, new RegExp(`href="/calendar/${pastMeetingId}">Thursday 31 May 2018`));
    assert.doesNotMatch(html, new RegExp(workshopId), 'the private workshop is not listed');
    assert.match(html, /Reserve date/);
    assert.match(html, new RegExp(`href="/committees/${bodyId}/calendar.ics"`));
    assert.match(html, /mailto:daniel.snowdon@example.org/);
  });

  it('shows the calendar of upcoming meetings by month, and past meetings newest first', async () => {
    const upcoming = await get('/calendar');
    assert.equal(upcoming.statusCode, 200);
    assert.match(upcoming.body, new RegExp(`href="/calendar/${meetingId}">${BODY}`));
    assert.match(upcoming.body, /<caption class="govuk-table__caption govuk-table__caption--m">\w+ \d{4}<\/caption>/);
    assert.match(upcoming.body, /govuk-tag--grey">Reserve date</);
    assert.match(
      upcoming.body,
      new RegExp(`href="/calendar/${cancelledId}">${BODY}(<[^>]+>[^<]*<\\/span>)?</a> <strong class="govuk-tag govuk-tag--red">Cancelled<`),
    );
    assert.doesNotMatch(upcoming.body, /Private budget workshop/);
    assert.doesNotMatch(upcoming.body, new RegExp(pastMeetingId));
    assert.match(upcoming.body, /href="\/calendar\.ics"/);
    assert.match(upcoming.body, /href="\/calendar\?when=past"/);
    const past = await get('/calendar?when=past');
    assert.equal(past.statusCode, 200);
    assert.match(past.body, /Thursday 31 May 2018/);
    assert.doesNotMatch(past.body, new RegExp(meetingId));
    assert.equal((await get('/calendar?when=nonsense&page=-3&body=not-a-uuid')).statusCode, 200);
  });

  it('before the agenda is published, says when it will be and shows no items or papers', async () => {
    const m = await meeting(meetingId);
    const due = service.scheduleOf(m, [], await service.holidays(t.db, t.tenantId)).dates;
    const res = await get(`/calendar/${meetingId}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, new RegExp(`The agenda will be published by ${formatLongDate(due.agendaDespatch)}\\.`));
    assert.match(res.body, new RegExp(`Register to speak by 12 noon on ${formatLongDate(due.publicSpeakingDeadline.date)}`));
    assert.match(res.body, new RegExp(formatLongDate(meetingDate)));
    assert.match(res.body, /Kreis Viersen Room, Shire Hall/);
    for (const text of ['Apologies for absence', 'Community resilience strategy', PUBLISHED_REPORT_TITLE, EXEMPT_TITLE]) {
      assert.ok(!res.body.includes(text), `${text} is not shown before the agenda is published`);
    }
    assert.equal((await get(`/calendar/${meetingId}/papers/${items.strategy}`)).statusCode, 404);
    assert.equal((await get(`/calendar/${meetingId}/agenda.pdf`)).statusCode, 404);
  });

  it('after publication shows the agenda, hides exempt details and draft papers, and serves the papers and pack', async () => {
    await service.publishAgenda(t.db, ctx, meetingId, (await meeting(meetingId)).version, true);
    const res = await get(`/calendar/${meetingId}`);
    assert.equal(res.statusCode, 200);
    const html = res.body;
    assert.match(html, /<h3 class="govuk-heading-s[^"]*">1\. Apologies for absence<\/h3>/, 'an item before any section is under the Agenda heading');
    assert.match(html, /<h3 class="govuk-heading-m[^"]*">Decisions<\/h3>/);
    assert.match(html, /<h4 class="govuk-heading-s[^"]*">2\. Community resilience strategy<\/h4>/, 'an item in a section is under its heading');
    assert.match(html, /For decision/);
    assert.match(html, /Lead officers: Sarah Ferguson/);
    assert.match(html, /The committee is asked to agree the refreshed strategy\./);
    const paperHref = `/calendar/${meetingId}/papers/${items.strategy}`;
    // A report written in the template is a page first (public-report-pages.test.ts), its PDF the printable version.
    assert.match(html, new RegExp(`href="/calendar/${meetingId}/items/${items.strategy}/report">${PUBLISHED_REPORT_TITLE}`));
    assert.match(html, new RegExp(`href="${paperHref}">Printable version<span[^>]*>[^<]*</span></a> \\(PDF, \\d+ KB, \\d+ pages?\\)`));
    assert.match(html, /3\. Innovate and Cultivate Fund/);
    assert.ok(!html.includes(DRAFT_REPORT_TITLE), 'a draft paper is not named');
    assert.ok(!html.includes(`/papers/${items.fund}`), 'nor linked');
    assert.match(html, /4\. Exempt item/);
    assert.match(html, /Not for publication by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972/);
    for (const secret of [EXEMPT_TITLE, EXEMPT_DESCRIPTION, 'Chris Malyon', 'Tenant Farm valuation', `/papers/${items.exempt}`]) {
      assert.ok(!html.includes(secret), `the exempt item does not show ${secret}`);
    }
    assert.match(html, new RegExp(`href="/calendar/${meetingId}/agenda.pdf"`));
    assert.doesNotMatch(html, /supplement\.pdf/);

    const paper = await get(paperHref);
    assert.equal(paper.statusCode, 200);
    assert.equal(paper.headers['content-type'], 'application/pdf');
    assert.match(String(paper.headers['content-disposition']), /^inline; filename="communities-and-partnership-committee-\d{4}-\d{2}-\d{2}-item-2\.pdf"/);
    assert.equal(paper.rawPayload.subarray(0, 4).toString('latin1'), '%PDF');
    assert.equal((await get(`/calendar/${meetingId}/papers/${items.fund}`)).statusCode, 404, 'draft paper');
    assert.equal((await get(`/calendar/${meetingId}/papers/${items.exempt}`)).statusCode, 404, 'exempt paper');
    assert.equal((await get(`/calendar/${meetingId}/papers/${items.apologies}`)).statusCode, 404, 'no paper');
    assert.equal((await get(`/calendar/${pastMeetingId}/papers/${items.strategy}`)).statusCode, 404, 'paper of another meeting');
    const wordHref = `/calendar/${meetingId}/papers/${items.grants}`;
    assert.match(
      html,
      new RegExp(`href="${wordHref}">Community grants\\.docx<span[^>]*>[^<]*</span></a> <span class="govuk-body-s">\\(Word, ${WORD.length} bytes\\)`),
    );
    const word = await get(wordHref);
    assert.equal(word.statusCode, 200);
    assert.equal(word.headers['content-type'], 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(String(word.headers['content-disposition']), /^attachment; filename="Community grants\.docx"/);
    assert.equal(word.rawPayload.length, WORD.length);

    const pack = await get(`/calendar/${meetingId}/agenda.pdf`);
    assert.equal(pack.statusCode, 200);
    assert.equal(pack.headers['content-type'], 'application/pdf');
    assert.equal(
      String(pack.headers['content-disposition']).split(';').slice(0, 2).join(';'),
      `inline; filename="communities-and-partnership-committee-${meetingDate}-agenda.pdf"`,
    );
    assert.equal(pack.rawPayload.subarray(0, 4).toString('latin1'), '%PDF');
    const packText = (await pdfPageTexts(pack.rawPayload)).join(' ');
    assert.match(packText, /Community resilience strategy/);
    assert.match(packText, /Schedule 12A/);
    for (const secret of [EXEMPT_TITLE, EXEMPT_DESCRIPTION, 'Tenant Farm valuation', DRAFT_REPORT_TITLE]) {
      assert.ok(!packText.includes(secret), `the public pack does not contain ${secret}`);
    }
    assert.equal((await get(`/calendar/${meetingId}/supplement.pdf`)).statusCode, 404, 'no supplement yet');
  });

  it('offers a supplementary pack for a paper added after the agenda was published', async () => {
    const late = await service.addItem(t.db, ctx, meetingId, { title: 'Late item: flood recovery grants', purpose: 'decision' });
    await service.saveReport(t.db, ctx, meetingId, late, null, clearedReport('Flood recovery grants'));
    await publishReport(meetingId, late);
    const html = (await get(`/calendar/${meetingId}`)).body;
    assert.match(html, new RegExp(`href="/calendar/${meetingId}/supplement.pdf"`));
    const supplement = await get(`/calendar/${meetingId}/supplement.pdf`);
    assert.equal(supplement.statusCode, 200);
    assert.match(String(supplement.headers['content-disposition']), /supplementary-agenda\.pdf"/);
    assert.equal(supplement.rawPayload.subarray(0, 4).toString('latin1'), '%PDF');
  });

  it('shows a cancelled meeting as cancelled, with no agenda to come', async () => {
    const res = await get(`/calendar/${cancelledId}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /This meeting has been cancelled\./);
    assert.match(res.body, /govuk-tag--red">\s*Cancelled\s*</);
    assert.doesNotMatch(res.body, /will be published by|Register to speak/);
    assert.match((await get('/calendar.ics')).body, /SUMMARY:Communities and Partnership Committee \(cancelled\)\r\n[\s\S]*?STATUS:CANCELLED/);
  });

  it('publishes iCalendar feeds of public meetings only', async () => {
    const all = await get('/calendar.ics');
    assert.equal(all.statusCode, 200);
    assert.equal(all.headers['content-type'], 'text/calendar; charset=utf-8');
    assert.match(String(all.headers['content-disposition']), /filename="meetings\.ics"/);
    assert.match(all.body, /BEGIN:VCALENDAR/);
    assert.match(all.body, /BEGIN:VEVENT/);
    assert.match(all.body, new RegExp(`SUMMARY:${BODY}\\r\\n`));
    assert.match(all.body, new RegExp(`DTSTART;TZID=Europe/London:${meetingDate.replaceAll('-', '')}T140000`));
    assert.match(all.body, /STATUS:TENTATIVE/, 'the reserve date');
    assert.doesNotMatch(all.body, /Private budget workshop/);
    assert.match(all.body, /20180531/, 'a feed reaches back three years, or further to take in the last 50 past meetings (follow/entries.ts)');
    const one = await get(`/committees/${bodyId}/calendar.ics`);
    assert.equal(one.statusCode, 200);
    assert.equal(one.headers['content-type'], 'text/calendar; charset=utf-8');
    assert.match(one.body, /X-WR-CALNAME:Communities and Partnership Committee meetings/);
    assert.doesNotMatch(one.body, /Private budget workshop/);
  });

  it('answers 404, not an error, for a private meeting, unknown ids and ids that are not UUIDs', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const url of [
      `/calendar/${workshopId}`,
      `/calendar/${workshopId}/agenda.pdf`,
      `/calendar/${unknown}`,
      `/committees/${unknown}`,
      '/calendar/not-a-uuid',
      '/calendar/123/agenda.pdf',
      '/calendar/abc/supplement.pdf',
      `/calendar/${meetingId}/papers/xyz`,
      '/calendar/x/papers/y',
      '/committees/not-a-uuid',
      '/committees/%27%3B--/calendar.ics',
      `/calendar/${meetingId}/papers/${unknown}`,
    ]) {
      const res = await get(url);
      assert.equal(res.statusCode, 404, url);
    }
  });
});
