// E-mail alerts without an account (issue 17), through the HTTP layer and the outbox: sign up from a
// list's Follow box, a confirmation e-mail and nothing else until confirmed, confirm, a daily digest
// with a newly published decision linking to its minute (once a day, none when nothing is new), RFC 8058
// headers and a one-click unsubscribe POST with no cookie, after which nothing more is sent. Bad input is
// a clear message and never a 500; sign-up is rate-limited with a page.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousAgent, buildTestApp, type Agent, type TestApp } from '../helper.ts';
import type { RequestContext } from '../../src/web/context.ts';
import * as meetings from '../../src/meetings/meetings.service.ts';
import * as meetingsRepo from '../../src/meetings/meetings.repository.ts';
import * as minutes from '../../src/minutes/minutes.service.ts';
import * as minutesRepo from '../../src/minutes/minutes.repository.ts';
import { sendDigests } from '../../src/follow/index.ts';
import { todayInEngland } from '../../src/calendar/today.ts';
import { addDays } from '../../src/calendar/working-days.ts';

const BODY = 'Communities and Partnership Committee';
const EMAIL = 'resident@example.net';
const NEW_DECISION = 'To fund a pilot of quokka-friendly verges on Mill Road';
const ORIGIN = 'https://hub.example';
const DAY = 24 * 3600 * 1000;

interface Mail {
  subject: string;
  body_text: string;
  headers: Record<string, string>;
}

describe('e-mail alerts without an account', () => {
  let t: TestApp;
  let visitor: Agent;
  let ctx: RequestContext;
  let bodyId: string;
  let list: string;
  const mails = async (to = EMAIL) => t.db.query<Mail>('select subject, body_text, headers from outbox where to_address = $1 order by created, id', [to]);
  const linkIn = (text: string, path: string) => new RegExp(`${ORIGIN}(${path}\\?token=[^\\s]+)`).exec(text)?.[1] ?? '';

  before(async () => {
    t = await buildTestApp({ env: { PUBLIC_URL: ORIGIN } });
    visitor = anonymousAgent(t.app);
    ctx = { tenantId: t.tenantId, actor: 'test', requestId: 'test' };
    bodyId = (await t.db.query<{ id: string }>('select id from bodies where name = $1', [BODY]))[0]!.id;
    list = `/decisions?committee=${bodyId}`;
  });
  after(async () => t?.close());

  it('signs up from the Follow box, sends one confirmation e-mail, and nothing else until confirmed', async () => {
    const page = await visitor.get(`/decisions?committee=${bodyId}`);
    const href = /href="(\/alerts\/new\?list=[^"]+)"/.exec(page.body)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(href, 'the Follow box links to the sign-up');
    const form = await visitor.get(href);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Decisions of Communities and Partnership Committee/);
    assert.match(form.body, /href="\/privacy#alerts"/);
    const res = await visitor.post('/alerts', { email: EMAIL, list });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.body, /Check your e-mail/);
    const sent = await mails();
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.subject, /^Confirm your e-mail alert: Decisions of Communities and Partnership Committee/);
    assert.ok(linkIn(sent[0]!.body_text, '/alerts/confirm'));
    // Signing up again sends the confirmation again, but never a digest: none is sent before confirmation.
    assert.equal(await sendDigests(t.db, t.tenantId, ORIGIN, { now: new Date(Date.now() + DAY) }), 0);
    assert.equal((await mails()).length, 1);
    const kept = await t.db.query<Record<string, unknown>>('select * from alerts');
    assert.deepEqual(Object.keys(kept[0]!).sort(), ['confirmed_at', 'created', 'email', 'id', 'last_digest_at', 'last_digest_on', 'list', 'tenant_id']);
  });

  it('confirms with a button, then sends a daily digest of a newly published decision with one-click unsubscribe', async () => {
    const confirmPath = linkIn((await mails())[0]!.body_text, '/alerts/confirm');
    const page = await visitor.get(confirmPath);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Start my alert/);
    const token = new URLSearchParams(confirmPath.split('?')[1]).get('token')!;
    const confirmed = await visitor.post('/alerts/confirm', { token });
    assert.equal(confirmed.statusCode, 303);
    const manage = await visitor.get(String(confirmed.headers.location));
    assert.match(manage.body, /Your alert is on/);
    assert.match(manage.body, /Decisions of Communities and Partnership Committee/);

    // Nothing new yet: no digest.
    assert.equal(await sendDigests(t.db, t.tenantId, ORIGIN), 0);
    await t.db.query('update alerts set last_digest_on = null');

    // A meeting's minutes are published with a new decision.
    const meetingId = await meetings.createMeeting(t.db, ctx, bodyId, {
      meetingDate: addDays(todayInEngland(), -2),
      startTime: '14:00',
      venue: 'Shire Hall, Cambridge',
      kind: 'formal',
      isPublic: true,
    });
    await meetings.addItem(t.db, ctx, meetingId, { title: 'Verges', purpose: 'decision' });
    await minutes.startMinutes(t.db, ctx, meetingId);
    const [minute] = await minutesRepo.listMinutes(t.db, t.tenantId, meetingId);
    await minutes.addResolution(t.db, ctx, meetingId, minute!.id, { text: NEW_DECISION, outcome: 'unanimous' });
    // Unpublished, it is in no digest.
    assert.equal(await sendDigests(t.db, t.tenantId, ORIGIN), 0);
    await t.db.query('update alerts set last_digest_on = null');
    const meeting = await meetingsRepo.getMeeting(t.db, t.tenantId, meetingId);
    await minutes.publishMinutes(t.db, ctx, meetingId, meeting!.version);

    const later = new Date(Date.now() + 1000);
    assert.equal(await sendDigests(t.db, t.tenantId, ORIGIN, { now: later }), 1);
    const digest = (await mails()).at(-1)!;
    assert.match(digest.subject, /^1 new or changed: Decisions of Communities and Partnership Committee/);
    assert.match(digest.body_text, new RegExp(NEW_DECISION));
    assert.match(digest.body_text, new RegExp(`${ORIGIN}/calendar/${meetingId}/minutes#minute-${minute!.number}`));
    const unsubscribe = linkIn(digest.body_text, '/alerts/unsubscribe');
    assert.equal(digest.headers['List-Unsubscribe'], `<${ORIGIN}${unsubscribe}>`);
    assert.equal(digest.headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');
    // Once a day: a second run the same day sends nothing more.
    assert.equal(await sendDigests(t.db, t.tenantId, ORIGIN, { now: new Date(later.getTime() + 1000) }), 0);

    // The manage link in the e-mail lists the address's alerts.
    const manageAgain = await anonymousAgent(t.app).get(linkIn(digest.body_text, '/alerts/manage'));
    assert.equal(manageAgain.statusCode, 200);
    assert.match(manageAgain.body, new RegExp(EMAIL.replace('.', '\\.')));

    // The unsubscribe link opens a page with a button; the mail client's one-click POST needs no cookie.
    const unsubscribePage = await anonymousAgent(t.app).get(unsubscribe);
    assert.equal(unsubscribePage.statusCode, 200);
    assert.match(unsubscribePage.body, /Stop this alert/);
    const oneClick = await t.app.inject({
      method: 'POST',
      url: unsubscribe,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(oneClick.statusCode, 200, oneClick.body);
    assert.match(oneClick.body, /Your alert is stopped/);
    assert.equal((await t.db.query('select id from alerts')).length, 0, 'nothing kept');

    // More changes the next day: no more digests.
    await t.db.query(`update resolutions set text = text || ' (amended)' where text = $1`, [NEW_DECISION]);
    assert.equal(await sendDigests(t.db, t.tenantId, ORIGIN, { now: new Date(later.getTime() + DAY) }), 0);
    // The link again: it no longer works, and says so.
    const again = await t.app.inject({
      method: 'POST',
      url: unsubscribe,
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(again.statusCode, 404);
    assert.match(again.body, /This link does not work/);
  });

  it('answers bad input with a clear message, never a 500', async () => {
    const before = (await t.db.query('select id from outbox')).length;
    const bad = async (fields: Record<string, string>, message: RegExp) => {
      const res = await visitor.post('/alerts', fields);
      assert.equal(res.statusCode, 400, JSON.stringify(fields));
      assert.match(res.body, message);
    };
    await bad({ email: 'not-an-address', list }, /Enter an e-mail address in the correct format/);
    await bad({ email: '', list }, /Enter your e-mail address/);
    await bad({ email: EMAIL, list: '/register' }, /cannot be followed/);
    await bad({ email: EMAIL, list: `/calendar?body=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}` }, /no such committee/);
    assert.equal((await t.db.query('select id from outbox')).length, before, 'nothing sent');
    assert.equal((await t.db.query('select id from alerts')).length, 0, 'nothing kept');

    const unknownList = await visitor.get('/alerts/new?list=%2Fnowhere');
    assert.equal(unknownList.statusCode, 400);
    assert.match(unknownList.body, /cannot be followed/);

    const alertId = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
    for (const url of [
      '/alerts/confirm?token=garbled',
      '/alerts/confirm',
      `/alerts/manage?token=${alertId}.forged`,
      '/alerts/unsubscribe?token=%00%ff',
      `/alerts/unsubscribe?token=${'x'.repeat(500)}`,
    ]) {
      const res = await visitor.get(url);
      assert.equal(res.statusCode, 404, url);
      assert.match(res.body, /This link does not work/, url);
    }
    const post = await t.app.inject({
      method: 'POST',
      url: '/alerts/unsubscribe?token=garbled',
      payload: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(post.statusCode, 404);
    const confirmGarbled = await visitor.post('/alerts/confirm', { token: 'garbled' });
    assert.equal(confirmGarbled.statusCode, 404);

    // A confirmation token does not unsubscribe, nor manage.
    await visitor.post('/alerts', { email: 'other@example.net', list });
    const confirm = linkIn((await mails('other@example.net'))[0]!.body_text, '/alerts/confirm');
    const token = new URLSearchParams(confirm.split('?')[1]).get('token')!;
    assert.equal((await visitor.get(`/alerts/unsubscribe?token=${token}`)).statusCode, 404);
    assert.equal((await visitor.get(`/alerts/manage?token=${token}`)).statusCode, 404);
  });

  it('limits sign-ups, answering 429 with a page', async () => {
    let res = await visitor.post('/alerts', { email: 'flood@example.net', list });
    for (let i = 0; i < 12 && res.statusCode !== 429; i++) res = await visitor.post('/alerts', { email: `flood${i}@example.net`, list });
    assert.equal(res.statusCode, 429);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(res.body, /You have tried too many times/);
  });
});
