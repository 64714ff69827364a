// The quarterly update to Cabinet as an agenda item's paper (issue 16), through the HTTP layer on the demo:
// attaching it freezes the report (every error at once, nothing changed; staff with report.edit only), the
// public agenda pack carries it, an edit to an update afterwards does not change the paper until the report is
// attached again (a new version), an exempt item keeps it out of the public pack, and it can be taken off an
// item only while the agenda is unpublished.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousAgent, buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { errorSummaryOf, okPage, redirectedTo, textOf } from '../pages.ts';
import { pdfPageTexts } from '../pdf-text.ts';
import { freezeVersion } from '../../src/documents/report-versions.repository.ts';

const Q = '2009-04-01';
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('the quarterly update as the paper of an agenda item', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  /** An item with no report of its own, of a meeting whose agenda is published (or not), with or without an exemption. */
  const itemOf = async (published: boolean, exempt = false) =>
    (
      await t.db.query<{ id: string; meetingId: string; position: number }>(
        `select i.id, i.meeting_id as "meetingId", i.position from agenda_items i join meetings m on m.id = i.meeting_id
         where not exists (select 1 from reports r where r.agenda_item_id = i.id and r.deleted_at is null) and i.deleted_at is null and m.deleted_at is null and (m.agenda_published_on is not null) = $1
           and (i.exempt_paragraph is not null) = $2 and public_meeting(m.id) = $1
           and not exists (select 1 from finance_reports f where f.agenda_item_id = i.id)
         order by m.meeting_date desc, i.position limit 1`,
        [published, exempt],
      )
    )[0];
  const pack = async (meetingId: string) => {
    const res = await anonymousAgent(t.app).get(`/calendar/${meetingId}/agenda.pdf`);
    assert.equal(res.statusCode, 200);
    return flat((await pdfPageTexts(res.rawPayload)).join(' '));
  };

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'partnership_officer');
    councillor = await signIn(t.app, 'councillor');
  });
  after(async () => t?.close());

  it('offers the form from the report, and refuses bad input with a clear message, changing nothing', async () => {
    const report = await okPage(officer, `/quarterly-updates/report?quarter=${Q}&date=2009-07-07`);
    assert.match(report, /href="\/quarterly-updates\/report\/agenda-item\?quarter=2009-04-01&amp;date=2009-07-07"/);
    const form = textOf(await okPage(officer, `/quarterly-updates/report/agenda-item?quarter=${Q}&date=2009-07-07`));
    assert.match(form, /Attach the quarterly update to an agenda item/);
    assert.match(form, /Quarter 1 2009\/10/);
    const count = async () => (await t.db.query('select 1 from report_versions')).length;
    const before = await count();
    const bad = await officer.post('/quarterly-updates/report/agenda-item', { quarter: 'spring', date: '7 July', agendaItemId: 'x' });
    assert.equal(bad.statusCode, 400);
    const summary = errorSummaryOf(bad.body);
    assert.match(summary, /Choose the quarter/);
    assert.match(summary, /Enter the report's date/);
    assert.match(summary, /Choose the agenda item/);
    const unknown = await officer.post('/quarterly-updates/report/agenda-item', {
      quarter: Q,
      date: '2009-07-07',
      agendaItemId: '00000000-0000-4000-8000-000000000000',
    });
    assert.equal(unknown.statusCode, 400);
    assert.match(errorSummaryOf(unknown.body), /Choose an agenda item from the list/);
    assert.equal((await councillor.post('/quarterly-updates/report/agenda-item', { quarter: Q, date: '2009-07-07', agendaItemId: '' })).statusCode, 403);
    assert.equal((await councillor.get('/quarterly-updates/report/agenda-item')).statusCode, 403);
    assert.equal((await officer.post('/quarterly-updates/agenda-items/00000000-0000-4000-8000-000000000000/detach', {})).statusCode, 404);
    assert.equal((await officer.post('/quarterly-updates/agenda-items/nonsense/detach', {})).statusCode < 500, true);
    assert.equal(await count(), before);
  });

  it('puts the frozen report in the public pack; an edited update changes it only when attached again', async () => {
    const item = await itemOf(true);
    assert.ok(item, 'the demo has a published agenda with an item without a report');
    assert.doesNotMatch(await pack(item.meetingId), /Quarterly update to Cabinet|Cambridgeshire Horizons/);
    redirectedTo(await officer.post('/quarterly-updates/report/agenda-item', { quarter: Q, date: '2009-07-07', agendaItemId: item.id }), /done=attached/);
    const first = await pack(item.meetingId);
    assert.match(first, /Cambridgeshire Horizons/);
    const [v1] = await t.db.query<{ number: number; reason: string }>(
      `select number, reason from report_versions where kind = 'quarterly-update' and report_id = $1`,
      [item.id],
    );
    assert.deepEqual({ ...v1 }, { number: 1, reason: 'attached' });
    // An update's summary changes after attaching: the paper does not.
    const marker = 'A correction written after the paper was attached';
    await t.db.query(
      `update activity_updates set summary = $1 where quarter_start = $2 and partnership_id = (select id from partnerships where name = 'Cambridgeshire Horizons' and deleted_at is null)`,
      [marker, Q],
    );
    assert.doesNotMatch(await pack(item.meetingId), new RegExp(marker));
    redirectedTo(await officer.post('/quarterly-updates/report/agenda-item', { quarter: Q, date: '2009-07-07', agendaItemId: item.id }), /done=attached/);
    const second = await pack(item.meetingId);
    const listed = textOf(await okPage(officer, '/quarterly-updates/report/agenda-item'));
    assert.match(listed, /Agenda published/);
    // The published agenda keeps its paper.
    const detach = await officer.post(`/quarterly-updates/agenda-items/${item.id}/detach`, {});
    assert.equal(detach.statusCode, 400);
    assert.match(errorSummaryOf(detach.body), /The agenda of this meeting is published/);
    assert.equal((await t.db.query(`select 1 from report_versions where kind = 'quarterly-update' and report_id = $1`, [item.id])).length, 2);
    // The approved summary is what prints: if the update was approved, the marker is in the new version only when the report prints it.
    const printed = (await t.db.query<{ s: string }>(`select content::text as s from report_versions where report_id = $1 and number = 2`, [item.id]))[0]!.s;
    assert.equal(second.includes(marker), printed.includes(marker));
  });

  it('numbers two versions frozen at the same moment one after the other, rather than refusing the second', async () => {
    const reportId = '00000000-0000-4000-8000-00000000beef';
    const freeze = () =>
      t.db.transaction({ actor: 'test' }, (tx) =>
        freezeVersion(tx, t.tenantId, { kind: 'annual-review', reportId }, { actor: 'test', reason: 'new-version' }, async () => ({ frozen: true })),
      );
    const numbers = (await Promise.all([freeze(), freeze(), freeze()])).map((v) => v.number).sort();
    assert.deepEqual(numbers, [1, 2, 3]);
  });

  it("keeps an exempt item's paper out of the public pack", async () => {
    // The demo has no exempt item without a report on a public agenda, so one of its items is made exempt here.
    const item = await itemOf(true, false);
    assert.ok(item, 'the demo has an item without a report on a public agenda');
    await t.db.query('update agenda_items set exempt_paragraph = 3 where id = $1', [item.id]);
    redirectedTo(await officer.post('/quarterly-updates/report/agenda-item', { quarter: Q, date: '2009-07-07', agendaItemId: item.id }), /done=attached/);
    assert.ok((await t.db.query('select 1 from report_versions where agenda_item_id = $1', [item.id])).length >= 1, 'the paper was attached and frozen');
    assert.doesNotMatch(await pack(item.meetingId), /Cambridgeshire Horizons/);
  });

  it('takes the report off an item while its agenda is unpublished', async () => {
    const item = (
      await t.db.query<{ id: string }>(
        `select i.id from agenda_items i join meetings m on m.id = i.meeting_id
         where i.deleted_at is null and m.deleted_at is null and m.agenda_published_on is null order by m.meeting_date limit 1`,
      )
    )[0];
    assert.ok(item, 'the demo has a meeting with an unpublished agenda');
    redirectedTo(await officer.post('/quarterly-updates/report/agenda-item', { quarter: Q, date: '2009-07-07', agendaItemId: item.id }), /done=attached/);
    redirectedTo(await officer.post(`/quarterly-updates/agenda-items/${item.id}/detach`, {}), /done=detached/);
    assert.equal((await t.db.query(`select 1 from report_versions where report_id = $1`, [item.id])).length, 0);
  });

  it('attaches the annual review to an agenda item, so the pack carries it, refusing bad input', async () => {
    const review = (
      await t.db.query<{ id: string; title: string }>('select id, title from annual_reviews where deleted_at is null order by created limit 1')
    )[0];
    assert.ok(review, 'the demo has an annual review');
    const page = await okPage(officer, `/annual-reviews/${review.id}`);
    assert.match(page, new RegExp(`href="/annual-reviews/${review.id}/agenda-item"`));
    assert.match(textOf(await okPage(officer, `/annual-reviews/${review.id}/agenda-item`)), /Attach the annual review to an agenda item/);
    const bad = await officer.post(`/annual-reviews/${review.id}/agenda-item`, { agendaItemId: 'nonsense' });
    assert.equal(bad.statusCode, 400);
    assert.match(errorSummaryOf(bad.body), /Choose the agenda item the review is the paper of/);
    assert.equal((await councillor.post(`/annual-reviews/${review.id}/agenda-item`, { agendaItemId: '' })).statusCode, 403);
    assert.equal((await officer.get('/annual-reviews/00000000-0000-4000-8000-000000000000/agenda-item')).statusCode, 404);
    const item = (
      await t.db.query<{ id: string; meetingId: string }>(
        `select i.id, i.meeting_id as "meetingId" from agenda_items i join meetings m on m.id = i.meeting_id
         where not exists (select 1 from reports r where r.agenda_item_id = i.id and r.deleted_at is null)
           and not exists (select 1 from finance_reports f where f.agenda_item_id = i.id)
           and not exists (select 1 from report_versions v where v.report_id = i.id)
           and i.exempt_paragraph is null and i.deleted_at is null and m.deleted_at is null and m.agenda_published_on is not null and public_meeting(m.id)
         order by m.meeting_date desc, i.position limit 1`,
      )
    )[0]!;
    redirectedTo(await officer.post(`/annual-reviews/${review.id}/agenda-item`, { agendaItemId: item.id }), /done=attached/);
    const [v] = await t.db.query<{ kind: string; number: number }>('select kind, number from report_versions where report_id = $1', [item.id]);
    assert.deepEqual({ ...v }, { kind: 'annual-review', number: 1 });
    const text = await pack(item.meetingId);
    const frozenTitle = (await t.db.query<{ t: string }>(`select content->>'title' as t from report_versions where report_id = $1`, [item.id]))[0]!.t;
    assert.ok(text.toLowerCase().includes(frozenTitle.toLowerCase()), 'the public pack carries the annual review');
  });
});
