// What the public front door's journey (issue 17) still missed, through HTTP: /decisions.csv honours the
// register's filters, read strictly as the page and its feed read them, and the page's CSV link carries
// them; a search whose results hold meetings has an iCalendar feed (ical.js reads it), advertised like the
// others; no Follow box or feed link is offered for a committee the public cannot see, nor for a search
// with nothing to look for; and a followed search's digest names a paper published since the last one,
// even when its meeting is weeks away (a search result is dated by when it changed, not by its meeting).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ICAL from 'ical.js';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { anonymousAgent, buildTestApp, type Agent, type TestApp } from '../helper.ts';
import type { RequestContext } from '../../src/web/context.ts';
import * as meetings from '../../src/meetings/meetings.service.ts';
import * as meetingsRepo from '../../src/meetings/meetings.repository.ts';
import { runDueJobs } from '../../src/db/job-worker.ts';
import { search } from '../../src/search/index.ts';
import { sendDigests } from '../../src/follow/index.ts';
import { loadConfig } from '../../src/config.ts';
import { parseCsv } from '../../src/documents/csv.ts';
import { todayInEngland } from '../../src/calendar/today.ts';
import { addDays } from '../../src/calendar/working-days.ts';
import { textOf } from '../pages.ts';

const BODY = 'Communities and Partnership Committee';
const ORIGIN = 'https://hub.example';
const WORD = 'bandicootery';
const PAPER_PHRASE = 'bandicootery crossings on the guided busway';
const EMAIL = 'searcher@example.net';

async function pdfWith(text: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage().drawText(text, { x: 50, y: 700, font, size: 12 });
  return Buffer.from(await pdf.save());
}

describe('following: the decisions CSV, a search’s calendar, Follow boxes only for what is public, search digests', () => {
  let t: TestApp;
  let visitor: Agent;
  let ctx: RequestContext;
  let bodyId: string;
  let draftBodyId: string;
  let meetingId: string;

  /** A meeting of the committee with an item, its agenda published; returns the meeting and item. */
  const publicMeeting = async (date: string, itemTitle: string) => {
    const id = await meetings.createMeeting(t.db, ctx, bodyId, {
      meetingDate: date,
      startTime: '14:00',
      venue: 'Shire Hall, Cambridge',
      kind: 'formal',
      isPublic: true,
    });
    const item = await meetings.addItem(t.db, ctx, id, { title: itemTitle, purpose: 'decision' });
    const m = await meetingsRepo.getMeeting(t.db, t.tenantId, id);
    await meetings.publishAgenda(t.db, ctx, id, m!.version, true);
    return { id, item };
  };
  /** An officer uploads a PDF paper to an item and publishes it; its words are read by the job the upload asks for. */
  const publishPaper = async (meeting: string, item: string, text: string) => {
    await meetings.uploadReport(t.db, ctx, meeting, item, { filename: 'paper.pdf', data: await pdfWith(text) });
    const report = (await t.db.query<{ version: number }>('select version from reports where agenda_item_id = $1 and deleted_at is null', [item]))[0]!;
    await meetings.setReportPublished(t.db, ctx, meeting, item, report.version, true, { uploadClearanceConfirmed: true });
    await runDueJobs(t.db, search.jobs!({ db: t.db, config: loadConfig({ NODE_ENV: 'test' }), tenantId: t.tenantId }));
  };
  const csvRows = async (url: string) => {
    const res = await visitor.get(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.body.slice(0, 300)}`);
    return parseCsv(res.body).slice(1);
  };
  const shownTotal = (html: string) => Number(/(\d+) decisions? match/.exec(textOf(html))?.[1] ?? -1);

  before(async () => {
    t = await buildTestApp({ env: { PUBLIC_URL: ORIGIN } });
    visitor = anonymousAgent(t.app);
    ctx = { tenantId: t.tenantId, actor: 'test', requestId: 'test' };
    bodyId = (await t.db.query<{ id: string }>('select id from bodies where name = $1', [BODY]))[0]!.id;
    draftBodyId = await meetings.createBody(t.db, ctx, { name: 'Shadow Bandicoot Board', kind: 'board', draftReportClearDays: 8, despatchClearDays: 5 });
    const found = await publicMeeting(addDays(todayInEngland(), 30), `Guided busway ${WORD} survey`);
    meetingId = found.id;
  });
  after(async () => t?.close());

  it('filters /decisions.csv as the page filters the register, and the page’s CSV link carries its filters', async () => {
    const all = await csvRows('/decisions.csv');
    const page = await visitor.get(`/decisions?committee=${bodyId}&q=appoint`);
    assert.equal(page.statusCode, 200);
    const href = /href="(\/decisions\.csv\?[^"]+)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(href, 'the page links to the CSV of the register as filtered');
    assert.deepEqual(new URLSearchParams(href.split('?')[1]).get('q'), 'appoint');
    assert.deepEqual(new URLSearchParams(href.split('?')[1]).get('committee'), bodyId);
    const filtered = await csvRows(href);
    assert.ok(filtered.length > 0 && filtered.length < all.length, `${filtered.length} of ${all.length}`);
    assert.equal(filtered.length, shownTotal(page.body), 'as many rows as the page says match');
    for (const row of filtered) {
      assert.equal(row[1], BODY);
      assert.match(`${row[3]} ${row[4]}`, /appoint/i);
    }
    // Dates: the page's three boxes.
    const april = await csvRows('/decisions.csv?from-day=17&from-month=4&from-year=2018&to-day=17&to-month=4&to-year=2018');
    assert.ok(april.length > 0);
    assert.ok(april.every((r) => r[0] === '2018-04-17'));
    // An unfiltered page links to the whole register.
    assert.match((await visitor.get('/decisions')).body, /href="\/decisions\.csv"/);
  });

  it('answers a garbled CSV address with a clear message, and a committee the public cannot see with 404', async () => {
    const cases: [string, number, RegExp][] = [
      ['/decisions.csv?q=a&q=b', 400, /more than once/],
      ['/decisions.csv?colour=red', 400, /cannot be followed|not right/],
      ['/decisions.csv?from-day=31&from-month=2&from-year=2018', 400, /real date/i],
      ['/decisions.csv?committee=not-a-committee', 400, /Choose a committee or board from the list/],
      [`/decisions.csv?committee=${draftBodyId}`, 404, /Page not found/],
    ];
    for (const [url, status, message] of cases) {
      const res = await visitor.get(url);
      assert.equal(res.statusCode, status, `${url}: ${res.statusCode}`);
      assert.match(res.body, message, url);
    }
  });

  it('offers a calendar of the meetings a search finds, which ical.js reads', async () => {
    const page = await visitor.get(`/search?q=${WORD}`);
    assert.equal(page.statusCode, 200);
    const head = page.body.slice(0, page.body.indexOf('</head>'));
    assert.match(head, new RegExp(`<link rel="alternate" type="text/calendar" title="Calendar" href="/search\\.ics\\?q=${WORD}">`));
    assert.match(page.body, /id="follow-heading">Follow this search/);
    const res = await visitor.get(`/search.ics?q=${WORD}`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/calendar/);
    const events = new ICAL.Component(ICAL.parse(res.body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    assert.deepEqual(
      events.map((e) => e.uid),
      [`meeting-${meetingId}@partnership-hub`],
    );
    assert.match(String(events[0]!.component.getFirstPropertyValue('url')), new RegExp(`/calendar/${meetingId}$`));
    // A search only among records without dates has no calendar, and says so.
    const noDates = await visitor.get(`/search?q=${WORD}&type=partnership`);
    assert.doesNotMatch(noDates.body.slice(0, noDates.body.indexOf('</head>')), /text\/calendar/);
    const refused = await visitor.get(`/search.ics?q=${WORD}&type=partnership`);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /finds no meetings/);
    assert.equal((await visitor.get('/search.ics?q=the')).statusCode, 400);
  });

  it('offers no Follow box nor feed link for a committee the public cannot see, nor for a search with nothing to look for', async () => {
    const offered = async (url: string) => {
      const res = await visitor.get(url);
      return /id="follow-heading"|application\/atom\+xml/.test(res.body);
    };
    assert.ok(await offered(`/decisions?committee=${bodyId}`), 'a public committee’s decisions can be followed');
    assert.ok(await offered(`/calendar?body=${bodyId}`));
    for (const url of [`/decisions?committee=${draftBodyId}`, `/calendar?body=${draftBodyId}`, '/search?q=the', '/search?q=housing&type=spaceship']) {
      assert.ok(!(await offered(url)), `${url} offers a feed that would not work`);
    }
    // The feeds it would have offered are indeed not there.
    assert.equal((await visitor.get(`/decisions.atom?committee=${draftBodyId}`)).statusCode, 404);
  });

  it('sends a followed search’s digest when a matching paper is published for a meeting weeks away', async () => {
    const list = `/search?q=${encodeURIComponent('"guided busway"')}`;
    const signUp = await visitor.post('/alerts', { email: EMAIL, list });
    assert.equal(signUp.statusCode, 200, signUp.body);
    const mails = async () =>
      t.db.query<{ subject: string; body_text: string }>('select subject, body_text from outbox where to_address = $1 order by created, id', [EMAIL]);
    const confirm = /https:\/\/hub\.example(\/alerts\/confirm\?token=\S+)/.exec((await mails())[0]!.body_text)?.[1];
    assert.ok(confirm);
    const token = new URLSearchParams(confirm.split('?')[1]).get('token')!;
    assert.equal((await visitor.post('/alerts/confirm', { token })).statusCode, 303);
    // The first run marks the alert as run: what was already there is not news.
    assert.equal(await sendDigests(t.db, t.tenantId, ORIGIN), 0);
    await t.db.query('update alerts set last_digest_on = null');

    const { id, item } = await publicMeeting(addDays(todayInEngland(), 40), 'Transport matters');
    await publishPaper(id, item, `A report on ${PAPER_PHRASE}.`);
    assert.equal(await sendDigests(t.db, t.tenantId, ORIGIN, { now: new Date(Date.now() + 1000) }), 1);
    const digest = (await mails()).at(-1)!;
    assert.match(digest.subject, /new or changed: Search for/);
    assert.match(digest.body_text, /Report: Transport matters/);
    assert.match(digest.body_text, new RegExp(`${ORIGIN}/calendar/${id}`));
    assert.match(digest.body_text, /guided busway/i);

    // Unsubscribed in one click, the manage link from the e-mail says the alert is stopped; a forged one still does not work.
    const unsubscribe = /https:\/\/hub\.example(\/alerts\/unsubscribe\?token=\S+)/.exec(digest.body_text)?.[1];
    const manage = /https:\/\/hub\.example(\/alerts\/manage\?token=\S+)/.exec(digest.body_text)?.[1];
    assert.ok(unsubscribe && manage);
    const oneClick = await t.app.inject({
      method: 'POST',
      url: unsubscribe,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(oneClick.statusCode, 200);
    const stopped = await visitor.get(manage);
    assert.equal(stopped.statusCode, 200);
    assert.match(stopped.body, /You have unsubscribed from this alert/);
    const forged = await visitor.get(`${manage.slice(0, -4)}abcd`);
    assert.equal(forged.statusCode, 404);
  });

  it('sends the first digest after confirmation with what was published in between', async () => {
    const email = 'first.digest@example.net';
    const list = `/search?q=${WORD}`;
    await visitor.post('/alerts', { email, list });
    const [mail] = await t.db.query<{ body_text: string }>('select body_text from outbox where to_address = $1', [email]);
    const token = new URLSearchParams(/\/alerts\/confirm\?(token=\S+)/.exec(mail!.body_text)![1]).get('token')!;
    assert.equal((await visitor.post('/alerts/confirm', { token })).statusCode, 303);
    await new Promise((r) => setTimeout(r, 20));
    const { id, item } = await publicMeeting(addDays(todayInEngland(), 50), `Busway ${WORD} fencing`);
    assert.ok(id && item);
    assert.equal(
      await sendDigests(t.db, t.tenantId, ORIGIN, { now: new Date(Date.now() + 1000) }),
      1,
      'no run came between: the first digest reaches back to confirmation',
    );
    const [, digest] = await t.db.query<{ body_text: string }>('select body_text from outbox where to_address = $1 order by created, id', [email]);
    assert.match(digest!.body_text, /Busway bandicootery fencing/);
    assert.doesNotMatch(digest!.body_text, /Guided busway bandicootery survey/, 'what was there before confirmation is not news');
  });
});
