// Issue 17's done-when, in a browser: a resident starts at `/`, searches for a phrase that appears only inside
// an uploaded PDF paper, opens the paper's meeting, follows the committee's Atom feed link (read by a real XML
// parser, its entry linking back to the meeting), searches again and signs up for an e-mail alert for the
// search, confirms it through the link in the outbox message, receives a digest naming and linking a new
// matching paper once it is published, and unsubscribes in one click (RFC 8058, as a mail client posts it),
// after which the manage link says the alert is stopped. An officer publishes the papers through the meetings
// capability's own commands (upload, clearance confirmed, publish, agenda published). axe checks every page
// visited at 375 px and at 1280 px, and none scrolls sideways on the phone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { todayInEngland } from '../../src/calendar/today.ts';
import { addDays } from '../../src/calendar/working-days.ts';
import { loadConfig } from '../../src/config.ts';
import { runDueJobs } from '../../src/db/job-worker.ts';
import { sendDigests } from '../../src/follow/index.ts';
import * as meetings from '../../src/meetings/meetings.service.ts';
import * as meetingsRepo from '../../src/meetings/meetings.repository.ts';
import { search } from '../../src/search/index.ts';
import type { RequestContext } from '../../src/web/context.ts';
import { expectAccessible, startBrowserSession, type BrowserSession } from './support.ts';

const COMMITTEE = 'Communities and Partnership Committee';
// Words that are nowhere in the demo data, nor in any title: only inside the uploaded PDFs.
const PHRASE = 'numbat hedgerow stewardship';
const FIRST_ITEM = 'Rural verges and wildlife';
const SECOND_ITEM = 'Countryside access improvement plan';
const EMAIL = 'resident.journey@example.net';

type Xml = Record<string, any>;

async function pdfWith(lines: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595.28, 841.89]);
  lines.forEach((line, i) => page.drawText(line, { x: 60, y: 760 - i * 20, font, size: 12 }));
  pdf.setTitle(lines[0] ?? 'Paper');
  return Buffer.from(await pdf.save());
}

describe('the public front door, from the home page to a one-click unsubscribe', () => {
  let s: BrowserSession;
  let officer: RequestContext;
  let bodyId = '';
  let meetingId = '';
  let newMeetingId = '';
  let digestText = '';
  let unsubscribeUrl = '';
  const wide: string[] = [];

  /** The search results' count, as the page says it (the page's text when it says something else). */
  const resultCount = async (expected: string) => {
    await s.page.waitForURL('**/search?**');
    const status = s.page.locator('main [role=status]').first();
    await status.waitFor();
    assert.equal((await status.innerText()).trim(), expected, await s.page.locator('main').innerText());
  };

  /** axe at 375 px (and no sideways scroll there) and at 1280 px, on the page shown. */
  const checkPage = async () => {
    const { page } = s;
    await page.setViewportSize({ width: 375, height: 812 });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 375) wide.push(`${page.url()}: ${width} px`);
    await expectAccessible(s);
    await page.setViewportSize({ width: 1280, height: 900 });
    await expectAccessible(s);
  };

  /** An officer's paper: uploaded as PDF to a new item, its clearance confirmed, published; the words read by the search job. */
  const publishPaper = async (meeting: string, title: string, lines: string[]) => {
    const item = await meetings.addItem(s.t.db, officer, meeting, { title, purpose: 'decision' });
    await meetings.uploadReport(s.t.db, officer, meeting, item, { filename: 'paper.pdf', data: await pdfWith(lines) });
    const [report] = await s.t.db.query<{ version: number }>('select version from reports where agenda_item_id = $1 and deleted_at is null', [item]);
    await meetings.setReportPublished(s.t.db, officer, meeting, item, report!.version, true, { uploadClearanceConfirmed: true });
    await runDueJobs(s.t.db, search.jobs!({ db: s.t.db, config: loadConfig({ NODE_ENV: 'test' }), tenantId: s.t.tenantId }));
    // The app's own job worker may have taken the job first: wait until the paper's words are read.
    for (let tries = 0; tries < 120; tries++) {
      const read = await s.t.db.query(
        `select 1 from search_file_texts t join reports r on r.file_id = t.file_id where r.agenda_item_id = $1 and r.deleted_at is null and t.content <> ''`,
        [item],
      );
      if (read.length) return item;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.fail(`the words of the paper for ${title} were never read`);
  };
  const newMeeting = async (daysAhead: number) =>
    meetings.createMeeting(s.t.db, officer, bodyId, {
      meetingDate: addDays(todayInEngland(), daysAhead),
      startTime: '14:00',
      venue: 'Shire Hall, Cambridge',
      kind: 'formal',
      isPublic: true,
    });
  const publishAgenda = async (meeting: string) => {
    const m = await meetingsRepo.getMeeting(s.t.db, s.t.tenantId, meeting);
    await meetings.publishAgenda(s.t.db, officer, meeting, m!.version, true);
  };
  const mails = () =>
    s.t.db.query<{ subject: string; body_text: string; headers: Record<string, string> }>(
      'select subject, body_text, headers from outbox where to_address = $1 order by created, id',
      [EMAIL],
    );

  before(async () => {
    s = await startBrowserSession();
    officer = { tenantId: s.t.tenantId, actor: 'democratic.services@example.org', requestId: 'public-journey' };
    bodyId = (await s.t.db.query<{ id: string }>('select id from bodies where name = $1', [COMMITTEE]))[0]!.id;
    meetingId = await newMeeting(21);
    await publishPaper(meetingId, FIRST_ITEM, [FIRST_ITEM, `The council will fund ${PHRASE} along the rural verges.`]);
    await publishAgenda(meetingId);
  });
  after(async () => s?.close());

  it('finds a phrase inside an uploaded PDF from the home page, and opens the paper’s meeting and committee', async () => {
    const { page } = s;
    await page.goto(`${s.baseUrl}/`);
    await checkPage();
    await page.getByLabel('Search meetings, papers and decisions').fill(`"${PHRASE}"`);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await resultCount('1 result');
    await checkPage();
    const result = page.locator('.app-search-results li').first();
    assert.match(await result.innerText(), /numbat/i, 'the extract shows the words from inside the PDF');
    await result.getByRole('link', { name: FIRST_ITEM }).click();
    await page.waitForURL(`**/calendar/${meetingId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    assert.match(await page.locator('main').innerText(), new RegExp(FIRST_ITEM));
    await checkPage();
    await page.locator('main').getByRole('link', { name: COMMITTEE, exact: true }).first().click();
    await page.waitForURL(`**/committees/${bodyId}`);
    await page.getByRole('heading', { level: 1, name: COMMITTEE }).waitFor();
    await checkPage();
  });

  it('follows the committee’s Atom feed link: a real XML parser reads it, and its entry links back to the meeting', async () => {
    const { page } = s;
    const link = page.getByRole('complementary', { name: /Follow/ }).getByRole('link', { name: 'Atom feed for a feed reader' });
    const href = await link.getAttribute('href');
    assert.equal(href, `/committees/${bodyId}/calendar.atom`);
    // The head advertises the same feed, for feed readers that look there.
    assert.equal(await page.locator('head link[rel=alternate][type="application/atom+xml"]').getAttribute('href'), href);
    // A feed reader fetches it: no cookie, no browser.
    const res = await fetch(`${s.baseUrl}${href}`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/atom\+xml/);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' || name === 'link' });
    const feed = (parser.parse(await res.text(), true) as Xml).feed as Xml;
    assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
    assert.ok((feed.link as Xml[]).some((l) => l['@rel'] === 'self' && String(l['@href']).endsWith(href)));
    const entry = (feed.entry as Xml[]).find((e) => e.id === `urn:uuid:${meetingId}`);
    assert.ok(entry, 'the meeting is an entry of its committee’s feed');
    const back = String((entry.link as Xml[])[0]!['@href']);
    assert.ok(back.endsWith(`/calendar/${meetingId}`), back);
    // The entry's link opens the meeting's page.
    await page.goto(back.replace(/^https?:\/\/[^/]+/, s.baseUrl));
    assert.match(await page.locator('main').innerText(), new RegExp(FIRST_ITEM));
  });

  it('searches again and signs up for an e-mail alert for the search, confirmed through the link in the outbox message', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Search', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Search' }).waitFor();
    await checkPage();
    await page.getByLabel('Words or a phrase').fill(`"${PHRASE}"`);
    await page.locator('main form').getByRole('button', { name: 'Search' }).click();
    await resultCount('1 result');
    await page.getByRole('complementary', { name: 'Follow this search' }).getByRole('link', { name: 'Daily e-mail alert' }).click();
    await page.getByRole('heading', { level: 1, name: 'Get an e-mail alert' }).waitFor();
    assert.match(await page.locator('main').innerText(), /Search for ‘"numbat hedgerow stewardship"’/);
    await checkPage();
    await page.getByLabel('E-mail address').fill(EMAIL);
    await page.getByRole('button', { name: 'Send me a confirmation e-mail' }).click();
    await page.getByRole('heading', { level: 1, name: 'Check your e-mail' }).waitFor();
    await checkPage();

    const sent = await mails();
    assert.equal(sent.length, 1, 'one confirmation e-mail, nothing else');
    assert.match(sent[0]!.subject, /^Confirm your e-mail alert: Search for/);
    const confirm = /(http:\/\/\S+\/alerts\/confirm\?token=\S+)/.exec(sent[0]!.body_text)?.[1];
    assert.ok(confirm, 'the e-mail carries the confirmation link');
    await page.goto(confirm);
    await page.getByRole('heading', { level: 1, name: 'Start your e-mail alert' }).waitFor();
    await checkPage();
    await page.getByRole('button', { name: 'Start my alert' }).click();
    await page.getByText('Your alert is on', { exact: false }).first().waitFor();
    assert.match(await page.locator('main').innerText(), new RegExp(EMAIL.replaceAll('.', '\\.')));
    await checkPage();
  });

  it('e-mails a digest naming and linking a new matching paper once it is published', async () => {
    // Nothing is sent while nothing new matches.
    assert.equal(await sendDigests(s.t.db, s.t.tenantId, s.baseUrl), 0);
    await s.t.db.query('update alerts set last_digest_on = null');
    // The officer publishes another paper, for a meeting a month away, with the phrase inside its PDF.
    newMeetingId = await newMeeting(35);
    await publishPaper(newMeetingId, SECOND_ITEM, [SECOND_ITEM, `Appendix B sets out ${PHRASE} on the byways.`]);
    await publishAgenda(newMeetingId);
    // The daily run, as the hourly job makes it.
    assert.equal(await sendDigests(s.t.db, s.t.tenantId, s.baseUrl, { now: new Date(Date.now() + 1000) }), 1);
    const digest = (await mails()).at(-1)!;
    assert.match(digest.subject, /^1 new or changed: Search for/);
    digestText = digest.body_text;
    assert.match(digestText, new RegExp(`Report: ${SECOND_ITEM}`), 'the digest names the new paper');
    assert.match(digestText, new RegExp(`${s.baseUrl.replaceAll('.', '\\.')}/calendar/${newMeetingId}`), 'and links its meeting');
    assert.doesNotMatch(digestText, new RegExp(FIRST_ITEM), 'what was there before is not news');
    unsubscribeUrl = /^<(.+)>$/.exec(digest.headers['List-Unsubscribe'] ?? '')?.[1] ?? '';
    assert.ok(unsubscribeUrl.includes('/alerts/unsubscribe?token='));
    assert.equal(digest.headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    // The paper's link in the digest opens its meeting, with the paper on the agenda.
    await s.page.goto(`${s.baseUrl}/calendar/${newMeetingId}`);
    assert.match(await s.page.locator('main').innerText(), new RegExp(SECOND_ITEM));
    await checkPage();
  });

  it('unsubscribes in one click, as a mail client posts it, after which the manage link says the alert is stopped', async () => {
    // RFC 8058: a POST of List-Unsubscribe=One-Click to the List-Unsubscribe address, with no cookie.
    const res = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    assert.equal(res.status, 200);
    assert.match(await res.text(), /Your alert is stopped/);
    assert.equal((await s.t.db.query('select id from alerts where email = $1', [EMAIL])).length, 0, 'the address is no longer kept');
    const manage = /(http:\/\/\S+\/alerts\/manage\?token=\S+)/.exec(digestText)?.[1];
    assert.ok(manage, 'the digest carries the manage link');
    await s.page.goto(manage);
    await s.page.getByRole('heading', { level: 1, name: 'You have unsubscribed from this alert' }).waitFor();
    await checkPage();
    // Nothing more is sent, whatever is published next.
    await s.t.db.query('update alerts set last_digest_on = null');
    assert.equal(await sendDigests(s.t.db, s.t.tenantId, s.baseUrl, { now: new Date(Date.now() + 2000) }), 0);
    assert.deepEqual(wide, [], 'pages wider than a 375 px phone');
    assert.ok(s.checked.length >= 20, `axe ran on ${s.checked.length} page views`);
  });
});
