// Following a public list (issue 17), as an anonymous visitor and a feed reader see it: every followable
// page advertises its Atom feed (and its calendar where it holds dates) in its head and in a Follow box;
// the Atom parses with a real XML parser and has the elements RFC 4287 requires; the iCalendar parses
// with ical.js, reaches at least three years back, keeps its DTSTAMP between requests and answers 304 to
// a reader whose copy is current. Nothing unpublished is in any feed: a private meeting, a draft
// committee's meeting, and the resolutions of minutes not yet published.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import ICAL from 'ical.js';
import { anonymousAgent, buildTestApp, type Agent, type TestApp } from '../helper.ts';
import type { RequestContext } from '../../src/web/context.ts';
import * as meetings from '../../src/meetings/meetings.service.ts';
import * as minutes from '../../src/minutes/minutes.service.ts';
import * as minutesRepo from '../../src/minutes/minutes.repository.ts';
import { todayInEngland } from '../../src/calendar/today.ts';
import { addDays } from '../../src/calendar/working-days.ts';

const BODY = 'Communities and Partnership Committee';
const DRAFT_RESOLUTION = 'To commission a review of quokkaish bus shelters';
const PRIVATE_TITLE = 'Quokka private briefing';
const DRAFT_BODY = 'Shadow Quokka Board';

type Xml = Record<string, any>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' || name === 'link' });
const atomOf = (text: string): Xml => {
  const doc = parser.parse(text, true) as Xml;
  assert.ok(doc.feed, 'an Atom feed element');
  assert.equal(doc.feed['@xmlns'], 'http://www.w3.org/2005/Atom');
  return doc.feed as Xml;
};
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** The required elements of RFC 4287: the feed's id, title, updated, author and self link; each entry's id, title, updated and link. */
function assertValidAtom(feed: Xml, selfPath: string) {
  assert.ok(String(feed.id).startsWith('http'), 'feed id');
  assert.ok(String(feed.title['#text'] ?? feed.title).length > 0, 'feed title');
  assert.match(String(feed.updated), RFC3339);
  assert.ok(feed.author?.name, 'feed author');
  const self = (feed.link as Xml[]).find((l) => l['@rel'] === 'self');
  assert.ok(self && String(self['@href']).endsWith(selfPath), `self link ${self?.['@href']} ends ${selfPath}`);
  assert.ok(
    (feed.link as Xml[]).some((l) => l['@rel'] === 'alternate'),
    'alternate link to the page',
  );
  for (const e of (feed.entry ?? []) as Xml[]) {
    assert.match(String(e.id), /^urn:uuid:[0-9a-f-]{36}$/);
    assert.ok(String(e.title['#text'] ?? e.title).length > 0);
    assert.match(String(e.updated), RFC3339);
    assert.match(String((e.link as Xml[])[0]!['@href']), /^http:\/\/[^/]+\/(calendar|committees|register|councillors|scorecard|delivery-plans)\//);
  }
}

describe('following a public list: Atom and iCalendar feeds', () => {
  let t: TestApp;
  let visitor: Agent;
  let bodyId: string;
  let recentId: string;
  let privateId: string;
  let draftBodyMeetingId: string;
  const today = todayInEngland();
  const nearlyThreeYears = addDays(today, -(3 * 365 - 30));

  before(async () => {
    t = await buildTestApp();
    visitor = anonymousAgent(t.app);
    const ctx: RequestContext = { tenantId: t.tenantId, actor: 'test', requestId: 'test' };
    bodyId = (await t.db.query<{ id: string }>('select id from bodies where name = $1', [BODY]))[0]!.id;
    const formal = { startTime: '14:00', venue: 'Shire Hall, Cambridge', kind: 'formal' };
    recentId = await meetings.createMeeting(t.db, ctx, bodyId, { ...formal, meetingDate: nearlyThreeYears, isPublic: true });
    privateId = await meetings.createMeeting(t.db, ctx, bodyId, {
      ...formal,
      kind: 'workshop',
      title: PRIVATE_TITLE,
      meetingDate: addDays(today, 20),
      isPublic: false,
    });
    const draftBody = await meetings.createBody(t.db, ctx, { name: DRAFT_BODY, kind: 'board', draftReportClearDays: 8, despatchClearDays: 5 });
    draftBodyMeetingId = await meetings.createMeeting(t.db, ctx, draftBody, { ...formal, meetingDate: addDays(today, 10), isPublic: true });
    // Minutes started but not published: their resolution is in no feed.
    const draftMinutes = await meetings.createMeeting(t.db, ctx, bodyId, { ...formal, meetingDate: addDays(today, -40), isPublic: true });
    await meetings.addItem(t.db, ctx, draftMinutes, { title: 'Bus shelters', purpose: 'decision' });
    await minutes.startMinutes(t.db, ctx, draftMinutes);
    const [minute] = await minutesRepo.listMinutes(t.db, t.tenantId, draftMinutes);
    await minutes.addResolution(t.db, ctx, draftMinutes, minute!.id, { text: DRAFT_RESOLUTION, outcome: 'unanimous' });
  });
  after(async () => t?.close());

  it('advertises the feeds of each followable page in its head and in a Follow box', async () => {
    const pages: [string, string, string | null][] = [
      ['/calendar', '/calendar.atom', '/calendar.ics'],
      [`/calendar?body=${bodyId}&when=past`, `/calendar.atom?body=${bodyId}`, `/calendar.ics?body=${bodyId}`],
      [`/committees/${bodyId}`, `/committees/${bodyId}/calendar.atom`, `/committees/${bodyId}/calendar.ics`],
      ['/decisions?q=appoint', '/decisions.atom?q=appoint', null],
      ['/search?q=transport', '/search.atom?q=transport', '/search.ics?q=transport'],
      ['/search?q=transport&type=partnership', '/search.atom?q=transport&type=partnership', null],
    ];
    for (const [page, atom, ics] of pages) {
      const res = await visitor.get(page);
      assert.equal(res.statusCode, 200, page);
      const head = res.body.slice(0, res.body.indexOf('</head>'));
      const esc = (s: string) => s.replaceAll('&', '&amp;').replace(/[?.]/g, '\\$&');
      assert.match(head, new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="Atom feed" href="${esc(atom)}">`), page);
      if (ics) assert.match(head, new RegExp(`<link rel="alternate" type="text/calendar" title="Calendar" href="${esc(ics)}">`), page);
      else assert.doesNotMatch(head, /text\/calendar/, page);
      assert.match(res.body, /<h2 class="govuk-heading-m" id="follow-heading">Follow/, page);
      assert.match(res.body, /href="\/alerts\/new\?list=/, page);
      assert.equal(res.headers['set-cookie'], undefined, `${page} sets no cookie`);
    }
    // A page that is not a list, or a list whose address is garbled, offers nothing to follow.
    for (const page of ['/committees', '/search', `/calendar?body=${bodyId}&body=${bodyId}`]) {
      assert.doesNotMatch((await visitor.get(page)).body, /application\/atom\+xml|id="follow-heading"/, page);
    }
  });

  it('serves valid Atom for the calendar, a committee, the decisions register and a search, each entry linking to its page', async () => {
    for (const path of ['/calendar.atom', `/committees/${bodyId}/calendar.atom`, '/decisions.atom?q=appoint', '/search.atom?q=transport']) {
      const res = await visitor.get(path);
      assert.equal(res.statusCode, 200, path);
      assert.match(String(res.headers['content-type']), /^application\/atom\+xml/);
      assertValidAtom(atomOf(res.body), path);
    }
    const committee = atomOf((await visitor.get(`/committees/${bodyId}/calendar.atom`)).body);
    const recent = (committee.entry as Xml[]).find((e) => e.id === `urn:uuid:${recentId}`);
    assert.ok(recent, 'the meeting nearly three years ago is an entry');
    assert.ok(String(recent.link[0]['@href']).endsWith(`/calendar/${recentId}`));
    const decisions = atomOf((await visitor.get('/decisions.atom?q=appoint')).body);
    assert.ok(
      (decisions.entry as Xml[]).some((e) => /Janet French/.test(String(e.summary['#text'] ?? e.summary))),
      'the demo decision to appoint Janet French',
    );
    assert.ok((decisions.entry as Xml[]).every((e) => /\/calendar\/[0-9a-f-]{36}\/minutes#minute-\d+$/.test(e.link[0]['@href'])));
  });

  it('puts nothing unpublished in any feed', async () => {
    for (const path of [
      '/calendar.atom',
      '/calendar.ics',
      `/committees/${bodyId}/calendar.atom`,
      `/committees/${bodyId}/calendar.ics`,
      '/decisions.atom',
      '/decisions.atom?q=quokkaish',
      '/search.atom?q=quokka',
    ]) {
      const res = await visitor.get(path);
      assert.equal(res.statusCode, 200, path);
      for (const secret of [DRAFT_RESOLUTION, PRIVATE_TITLE, DRAFT_BODY, privateId, draftBodyMeetingId])
        assert.ok(!res.body.includes(secret), `${path} shows ${secret}`);
    }
    const draftBody = (await t.db.query<{ id: string }>('select body_id as id from meetings where id = $1', [draftBodyMeetingId]))[0]!.id;
    for (const path of [`/committees/${draftBody}/calendar.atom`, `/committees/${draftBody}/calendar.ics`, `/calendar.atom?body=${draftBody}`]) {
      assert.equal((await visitor.get(path)).statusCode, 404, path);
    }
  });

  it('serves an iCalendar feed that ical.js reads, three years back at least, with a stable DTSTAMP and 304s', async () => {
    for (const path of ['/calendar.ics', `/committees/${bodyId}/calendar.ics`, `/calendar.ics?body=${bodyId}`]) {
      const first = await visitor.get(path);
      assert.equal(first.statusCode, 200, path);
      assert.match(String(first.headers['content-type']), /^text\/calendar/);
      const calendar = new ICAL.Component(ICAL.parse(first.body));
      const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
      assert.ok(
        events.some((e) => e.uid === `meeting-${recentId}@partnership-hub`),
        `${path} has the meeting nearly three years ago`,
      );
      // Every public meeting of the last three years (and all upcoming ones) is in the feed.
      const [, search = ''] = path.split('?');
      const only = path.includes(bodyId) ? bodyId : null;
      const expected = await t.db.query<{ id: string }>(
        `select m.id from meetings m join bodies b on b.id = m.body_id
         where m.tenant_id = $1 and m.deleted_at is null and b.deleted_at is null and m.is_public and b.publication_state = 'published'
           and m.meeting_date >= $2 and ($3::uuid is null or b.id = $3::uuid)`,
        [t.tenantId, addDays(today, -3 * 366), only],
      );
      // ...and so are the 50 most recent past ones, however old (the demo's 2018 meetings), so a quiet feed is never empty.
      const recentPast = await t.db.query<{ id: string }>(
        `select m.id from meetings m join bodies b on b.id = m.body_id
         where m.tenant_id = $1 and m.deleted_at is null and b.deleted_at is null and m.is_public and b.publication_state = 'published'
           and m.meeting_date < $2 and ($3::uuid is null or b.id = $3::uuid)
         order by m.meeting_date desc limit 50`,
        [t.tenantId, today, only],
      );
      expected.push(...recentPast);
      const uids = new Set(events.map((e) => e.uid));
      assert.ok(expected.length > 1, `${path} ${search}: meetings to expect`);
      for (const m of expected) assert.ok(uids.has(`meeting-${m.id}@partnership-hub`), `${path} has meeting ${m.id}`);
      // DTSTAMP is the feed's latest change, not the time of the request: the bytes are the same next time.
      await new Promise((r) => setTimeout(r, 1100));
      const second = await visitor.get(path);
      assert.equal(second.body, first.body, `${path} is the same on a second request`);
      const stamps = new Set(calendar.getAllSubcomponents('vevent').map((v) => String(v.getFirstPropertyValue('dtstamp'))));
      assert.equal(stamps.size, 1);
      assert.ok(first.headers.etag && first.headers['last-modified'], 'ETag and Last-Modified');
      const again = await t.app.inject({ method: 'GET', url: path, headers: { 'if-none-match': String(first.headers.etag) } });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
      const since = await t.app.inject({ method: 'GET', url: path, headers: { 'if-modified-since': String(first.headers['last-modified']) } });
      assert.equal(since.statusCode, 304);
      const stale = await t.app.inject({ method: 'GET', url: path, headers: { 'if-none-match': '"something-else"' } });
      assert.equal(stale.statusCode, 200);
    }
  });

  it('answers an Atom reader whose copy is current with a 304', async () => {
    const first = await visitor.get('/decisions.atom');
    const again = await t.app.inject({ method: 'GET', url: '/decisions.atom', headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(again.statusCode, 304);
  });

  it('answers a garbled feed address with a clear message, never a 500', async () => {
    const cases: [string, number, RegExp][] = [
      ['/calendar.atom?body=not-a-committee', 400, /Choose a committee or board from the list/],
      ['/calendar.atom?colour=red', 400, /This page cannot be followed/],
      ['/decisions.atom?from-day=31&from-month=2&from-year=2018', 400, /Date from must be a real date|real date/i],
      ['/decisions.atom?q=a&q=b', 400, /more than once/],
      ['/search.atom', 400, /Enter what you are looking for/],
      ['/search.atom?q=the', 400, /more specific/],
      ['/search.atom?q=housing&type=spaceship', 400, /Select the kinds of record/],
      [`/committees/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}/calendar.ics`, 404, /Page not found/],
      ['/committees/nope/calendar.atom', 404, /Page not found/],
    ];
    for (const [url, status, message] of cases) {
      const res = await visitor.get(url);
      assert.equal(res.statusCode, status, `${url}: ${res.statusCode}`);
      assert.match(res.body, message, url);
    }
  });
});
