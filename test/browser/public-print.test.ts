// Printing a public page (issue 18, item 10): GOV.UK Frontend's print styles put every link's address
// after it, so a printed agenda read "Meetings calendar (/calendar)" in its breadcrumbs and
// "Agenda pack (/calendar/…/agenda.pdf)" in its body. On paper only the address of another site is
// worth having, and only where the link's text is not already that address. Also in a browser, with
// axe: an agenda item of a held meeting leads to its decision in the published minutes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import * as meetingsRepo from '../../src/meetings/meetings.repository.ts';
import * as meetings from '../../src/meetings/meetings.service.ts';
import * as minutes from '../../src/minutes/minutes.service.ts';
import * as minutesRepo from '../../src/minutes/minutes.repository.ts';
import { insertDocument } from '../../src/partnerships/parts.repository.ts';
import type { RequestContext } from '../../src/web/context.ts';
import { pdfPageTexts } from '../pdf-text.ts';
import { expectAccessible, startBrowserSession, type BrowserSession } from './support.ts';

const OUTSIDE_DOCUMENT = 'https://democracy.example.org/tor/fenland-partnership.pdf';

/** The printed page's text, for searching: ligatures (ﬁ) as letters and no spaces, since pdf.js splits words at them and lines break in addresses. */
async function printedText(s: BrowserSession) {
  const pdf = await s.page.pdf({ format: 'A4' });
  return (await pdfPageTexts(pdf)).join(' ').normalize('NFKC').replace(/\s+/g, '');
}

/** What printing adds after each link in the page: its ::after content in print media, where it is not none. */
async function printedAfterLinks(s: BrowserSession) {
  await s.page.emulateMedia({ media: 'print' });
  const added = await s.page.$$eval('a[href]', (links) =>
    links
      .map((a) => ({ text: (a.textContent ?? '').trim(), href: a.getAttribute('href') ?? '', after: getComputedStyle(a, '::after').content }))
      .filter((l) => l.after !== 'none' && l.after !== 'normal' && l.after !== '""'),
  );
  // Back to no emulation: page.pdf() prints with print media unless screen is emulated.
  await s.page.emulateMedia({ media: null });
  return added;
}

describe('public text in a browser: printing, and from an agenda item to its decision', () => {
  let s: BrowserSession;
  let meeting = '';
  let partnership = '';
  before(async () => {
    s = await startBrowserSession();
    const one = async (sql: string) => (await s.t.db.query<{ id: string }>(sql))[0]!.id;
    meeting = await one(`select m.id from meetings m join bodies b on b.id = m.body_id
      where b.name = 'Communities and Partnership Committee' and m.meeting_date = '2018-05-31' and m.kind = 'formal'`);
    partnership = await one(`select id from partnerships where name = 'Greater Cambridge Greater Peterborough Local Enterprise Partnership'`);
    // A source document kept on another site: its link's text is a title, so the paper needs the address.
    await s.t.db.transaction({ actor: 'test' }, (tx) =>
      insertDocument(tx, s.t.tenantId, partnership, {
        title: 'Terms of reference (on the partnership’s site)',
        url: OUTSIDE_DOCUMENT,
        documentDate: null,
        note: null,
      }),
    );
  });
  after(async () => s?.close());

  it('takes a visitor from an agenda item of a held meeting to its decision in the minutes', async () => {
    const ctx: RequestContext = { tenantId: s.t.tenantId, actor: 'test', requestId: 'test' };
    const body = (await s.t.db.query<{ id: string }>(`select id from bodies where name = 'Communities and Partnership Committee'`))[0]!.id;
    const held = await meetings.createMeeting(s.t.db, ctx, body, {
      meetingDate: '2018-09-20',
      startTime: '14:00',
      kind: 'formal',
      isPublic: true,
      status: 'held',
    });
    await meetings.addItem(s.t.db, ctx, held, { title: 'Community transport', purpose: 'decision', description: 'Background at www.example.org/transport.' });
    await meetings.publishAgenda(s.t.db, ctx, held, (await meetingsRepo.getMeeting(s.t.db, s.t.tenantId, held))!.version, true);
    await minutes.startMinutes(s.t.db, ctx, held);
    const [minute] = await minutesRepo.listMinutes(s.t.db, s.t.tenantId, held);
    await minutes.addResolution(s.t.db, ctx, held, minute!.id, { text: 'To commission a review of community transport.', outcome: 'unanimous' });
    await minutes.publishMinutes(s.t.db, ctx, held, (await meetingsRepo.getMeeting(s.t.db, s.t.tenantId, held))!.version, [minute!.id]);

    const { page } = s;
    await page.goto(`${s.baseUrl}/calendar/${held}`);
    await expectAccessible(s);
    const item = page.locator('#item-1');
    await item.getByRole('link', { name: 'www.example.org/transport', exact: true }).waitFor();
    await item.getByRole('link', { name: `Minute ${minute!.number} on item 1` }).waitFor();
    await item.getByRole('link', { name: `Decision ${minute!.number}(a)` }).click();
    await page.waitForURL(`${s.baseUrl}/calendar/${held}/minutes#minute-${minute!.number}-a`);
    await expectAccessible(s);
    assert.match(await page.locator(`#minute-${minute!.number}-a`).innerText(), /To commission a review of community transport\.\s*Resolved unanimously/);
  });

  it('prints no address after navigation, breadcrumbs, internal links or addresses already in the text', async () => {
    await s.page.goto(`${s.baseUrl}/calendar/${meeting}`);
    // The page has what GOV.UK would have annotated: breadcrumbs, the agenda pack, addresses typed into the agenda.
    assert.ok(await s.page.locator('.govuk-breadcrumbs__link').count(), 'breadcrumbs');
    assert.ok(await s.page.locator('a[href$="/agenda.pdf"]').count(), 'the agenda pack link');
    assert.ok(await s.page.locator('a.app-address-link[href^="http"]').count(), 'an address in the text is a link');
    assert.deepEqual(await printedAfterLinks(s), []);

    const text = await printedText(s);
    assert.match(text, /Meetingscalendar/);
    assert.doesNotMatch(text, /\(\/calendar|\(\/committees|\(\/register|\(http/, 'no address in brackets after a link');
    assert.match(text, /tinyurl\.com\/ccf-film-record/, 'an address typed into the text is printed once, as typed');
  });

  it('keeps the address of another site after a link whose text is not the address', async () => {
    await s.page.goto(`${s.baseUrl}/register/${partnership}`);
    const added = await printedAfterLinks(s);
    assert.equal(added.length, 1, JSON.stringify(added));
    assert.equal(added[0]!.href, OUTSIDE_DOCUMENT);
    const text = await printedText(s);
    assert.ok(text.includes(`(${OUTSIDE_DOCUMENT})`), 'the outside address is printed after its title');
    assert.doesNotMatch(text, /\(\/register/, 'internal links are not annotated');
  });
});
