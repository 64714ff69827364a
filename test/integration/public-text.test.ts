// Public text (issue 18, item 10), as an anonymous visitor sees it: web and e-mail addresses typed into
// an agenda, a committee's notes or the minutes are links, with the text around them escaped; and an
// agenda item of a held meeting links to its minute and decisions once, and only once, the minutes
// are public. An unpublished or exempt minute is never linked or named.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousAgent, buildTestApp, type Agent, type TestApp } from '../helper.ts';
import type { RequestContext } from '../../src/web/context.ts';
import * as meetingsRepo from '../../src/meetings/meetings.repository.ts';
import * as meetings from '../../src/meetings/meetings.service.ts';
import * as minutes from '../../src/minutes/minutes.service.ts';
import * as minutesRepo from '../../src/minutes/minutes.repository.ts';

const BODY = 'Communities and Partnership Committee';
const TRANSPORT_RESOLUTION = 'To commission a review of zanzibarish community transport, see https://example.org/review.';
const EXEMPT_TITLE = 'Sale of land at Quiddity Farm';
const EXEMPT_RESOLUTION = 'To agree the quiddity heads of terms';

/** The link the linkifier writes for an address typed into text. */
const addressLink = (href: string, text = href) =>
  `<a class="govuk-link app-address-link" href="${href}"${href.startsWith('mailto:') ? '' : ' rel="noreferrer"'}>${text}</a>`;

describe('public text: addresses as links, agenda items linked to their minutes', () => {
  let t: TestApp;
  let ctx: RequestContext;
  let visitor: Agent;
  let april: string;
  let held: string;
  let transportMinute: number;
  let exemptMinute: number;

  const get = async (url: string) => {
    const res = await visitor.get(url);
    assert.equal(res.statusCode, 200, url);
    return res.body;
  };
  const one = async (sql: string, params: unknown[] = []) => (await t.db.query<{ id: string }>(sql, params))[0]!.id;

  before(async () => {
    t = await buildTestApp();
    ctx = { tenantId: t.tenantId, actor: 'test', requestId: 'test' };
    visitor = anonymousAgent(t.app);
    const bodyId = await one(`select id from bodies where name = $1`, [BODY]);
    april = await one(`select id from meetings where body_id = $1 and meeting_date = '2018-04-17' and kind = 'formal'`, [bodyId]);

    // A held meeting with its agenda published and its minutes written but not yet published.
    held = await meetings.createMeeting(t.db, ctx, bodyId, {
      meetingDate: '2018-09-20',
      startTime: '14:00',
      venue: 'Shire Hall, Cambridge',
      kind: 'formal',
      isPublic: true,
      status: 'held',
    });
    await meetings.addItem(t.db, ctx, held, {
      title: 'Community transport',
      purpose: 'decision',
      description: 'The review (https://example.org/transport?a=1&b=2). Ask democratic.services@example.org, or read www.example.org/faq.\n\n<b>Not bold</b>',
    });
    await meetings.addItem(t.db, ctx, held, { title: EXEMPT_TITLE, purpose: 'decision', exemptParagraph: 3 });
    const meeting = (await meetingsRepo.getMeeting(t.db, t.tenantId, held))!;
    await meetings.publishAgenda(t.db, ctx, held, meeting.version, true);
    await minutes.startMinutes(t.db, ctx, held);
    const [transport, exempt] = await minutesRepo.listMinutes(t.db, t.tenantId, held);
    transportMinute = transport!.number;
    exemptMinute = exempt!.number;
    await minutes.addResolution(t.db, ctx, held, transport!.id, { text: TRANSPORT_RESOLUTION, outcome: 'unanimous' });
    await minutes.addResolution(t.db, ctx, held, exempt!.id, { text: EXEMPT_RESOLUTION, outcome: 'unanimous' });
  });
  after(async () => t?.close());

  it('makes the web and e-mail addresses in an agenda item’s text links, escaping the rest and leaving punctuation outside', async () => {
    const html = await get(`/calendar/${held}`);
    assert.ok(
      html.includes(
        `The review (${addressLink('https://example.org/transport?a=1&amp;b=2')}). Ask ${addressLink(
          'mailto:democratic.services@example.org',
          'democratic.services@example.org',
        )}, or read ${addressLink('http://www.example.org/faq', 'www.example.org/faq')}.`,
      ),
      'the addresses are links',
    );
    assert.ok(html.includes('&lt;b&gt;Not bold&lt;/b&gt;'), 'markup typed into the text is shown as text');
    assert.ok(!html.includes('<b>Not bold</b>'));
    assert.ok(!/target="_blank"/.test(html), 'links open in the same tab');
  });

  it('makes the addresses in a committee’s notes for the public links (seed 004’s text, in the demo)', async () => {
    const html = await get(`/calendar/${april}`);
    assert.ok(
      html.includes(`which can be accessed via the following link or made available on request: ${addressLink('http://tinyurl.com/ccf-film-record')}.`),
    );
    assert.ok(html.includes(`Part 4, Part 4.4 of the Council&#39;s Constitution ${addressLink('https://tinyurl.com/ProcedureRules')}.`));
  });

  it('neither links nor names a minute until the minutes are published, and never an exempt item’s', async () => {
    const before = await get(`/calendar/${held}`);
    assert.ok(!before.includes('/minutes#minute-'), 'no link to unpublished minutes');
    assert.ok(!before.includes(`Minute ${transportMinute}`), 'the unpublished minute is not named');
    assert.ok(!before.includes('zanzibarish'), 'its resolution is not shown');

    const meeting = (await meetingsRepo.getMeeting(t.db, t.tenantId, held))!;
    const unwritten = (await minutes.unwrittenMinutesOf(t.db, t.tenantId, held)).map((m) => m.id);
    await minutes.publishMinutes(t.db, ctx, held, meeting.version, unwritten);

    const after = await get(`/calendar/${held}`);
    const href = `/calendar/${held}/minutes#minute-${transportMinute}`;
    assert.ok(
      after.includes(`<a class="govuk-link" href="${href}">Minute ${transportMinute}<span class="govuk-visually-hidden"> on item 1</span></a> (draft minutes)`),
    );
    assert.ok(
      after.includes(
        `<a class="govuk-link" href="${href}-a">Decision ${transportMinute}(a)</a>: To commission a review of zanzibarish community transport, see ${addressLink('https://example.org/review')}. <span class="govuk-body-s">(Resolved unanimously)</span>`,
      ),
      'the decision, with its address as a link',
    );
    for (const secret of [`minute-${exemptMinute}`, `Minute ${exemptMinute}`, `Decision ${exemptMinute}`, EXEMPT_TITLE, EXEMPT_RESOLUTION]) {
      assert.ok(!after.includes(secret), `${secret} is not on the meeting page`);
    }
    const minutesPage = await get(`/calendar/${held}/minutes`);
    assert.ok(minutesPage.includes(`id="minute-${transportMinute}"`), 'the minute link lands on the minute');
    assert.ok(minutesPage.includes(`<li id="minute-${transportMinute}-a">`), 'the decision link lands on the decision');
    assert.ok(minutesPage.includes(`see ${addressLink('https://example.org/review')}.`), 'the address in the resolution is a link in the minutes too');
    const decisions = await get('/decisions?q=zanzibarish');
    assert.ok(decisions.includes(`see ${addressLink('https://example.org/review')}.`), 'and in the decisions register');
  });
});
