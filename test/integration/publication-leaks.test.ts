// Regression tests for the leaks found by probing the public site as an attacker would (issue 14,
// findings 1 to 4): a published record must not name, through a join, an exempt, draft or private one.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { buildTestApp, json, type TestApp } from '../helper.ts';

const EXEMPT_TEXT = 'LEAKMARK exempt resolution about the sale of land';
const PRIVATE_TEXT = 'LEAKMARK resolution in the draft minutes of a private meeting';
const DRAFT_PARTNERSHIP = 'LEAKMARK Draft Partnership Not Yet Agreed';
const DRAFT_BODY = 'LEAKMARK Draft Committee';

describe('published records name no confidential record', () => {
  let t: TestApp;
  let planId: string;
  let actionId: string;
  let exemptResolution: string;
  let privateResolution: string;
  let partnershipId: string;
  const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.db.query<T>(sql, params);
  const anon = async (url: string) => {
    const res = await t.app.inject(url);
    assert.equal(res.statusCode, 200, `${url}: ${res.statusCode}`);
    return res;
  };
  const docxText = async (bytes: Buffer) => (await (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ' ');
  const assertNoMarker = (where: string, text: string) => assert.doesNotMatch(text, /LEAKMARK/, `${where} shows a confidential record`);

  before(async () => {
    t = await buildTestApp();
    const tenant = t.tenantId;
    planId = (await q<{ id: string }>(`select id from plans where kind = 'delivery_plan' and publication_state = 'published' limit 1`))[0]!.id;
    actionId = (await q<{ id: string }>(`select id from plan_actions where plan_id = $1 and deleted_at is null limit 1`, [planId]))[0]!.id;
    // Finding 1: the 31 May 2018 meeting's minutes are published, with a resolution on an item exempt under paragraph 3.
    const recordMinute = async (meetingDate: string, isPublic: boolean, state: string, number: number, text: string, exempt: number | null) => {
      const meeting = (
        await q<{ id: string; bodyId: string }>(
          `select id, body_id as "bodyId" from meetings where meeting_date = $1 and is_public = $2
        order by created limit 1`,
          [meetingDate, isPublic],
        )
      )[0]!;
      const item = (
        await q<{ id: string }>(
          `insert into agenda_items (tenant_id, meeting_id, position, title, exempt_paragraph)
        values ($1, $2, 90 + $3::int % 10, 'LEAKMARK item title', $4) returning id`,
          [tenant, meeting.id, number, exempt],
        )
      )[0]!.id;
      const minute = (
        await q<{ id: string }>(
          `insert into minutes (tenant_id, body_id, meeting_id, agenda_item_id, number, title, discussion)
        values ($1, $2, $3, $4, $5, 'LEAKMARK minute title', 'LEAKMARK discussion') returning id`,
          [tenant, meeting.bodyId, meeting.id, item, number],
        )
      )[0]!.id;
      const resolution = (
        await q<{ id: string }>(
          `insert into resolutions (tenant_id, minute_id, position, text, outcome)
        values ($1, $2, 1, $3, 'unanimous') returning id`,
          [tenant, minute, text],
        )
      )[0]!.id;
      await q(`update meetings set minutes_state = $2 where id = $1`, [meeting.id, state]);
      return resolution;
    };
    exemptResolution = await recordMinute('2018-05-31', true, 'published', 1001, EXEMPT_TEXT, 3);
    // And a resolution in the draft minutes of a private meeting.
    privateResolution = await recordMinute('2018-06-21', false, 'draft', 1002, PRIVATE_TEXT, null);
    // Finding 3: the published plan belongs to a draft partnership and a draft committee.
    const draftPartnership = (
      await q<{ id: string }>(
        `insert into partnerships (tenant_id, name, kind, purpose, publication_state)
      values ($1, $2, 'non_statutory_partnership', 'LEAKMARK purpose', 'draft') returning id`,
        [tenant, DRAFT_PARTNERSHIP],
      )
    )[0]!.id;
    const draftBody = (
      await q<{ id: string }>(
        `insert into bodies (tenant_id, name, kind, publication_state)
      values ($1, $2, 'committee', 'draft') returning id`,
        [tenant, DRAFT_BODY],
      )
    )[0]!.id;
    await q(`update plans set partnership_id = $2, body_id = $3 where id = $1`, [planId, draftPartnership, draftBody]);
    await q(`update portfolio_items set partnership_id = $1, body_id = $2, publication_state = 'published'`, [draftPartnership, draftBody]);
    // Finding 4: a published partnership whose timeline says it was replaced by the draft one.
    partnershipId = (
      await q<{ id: string }>(`select id from partnerships where publication_state = 'published' and deleted_at is null order by name limit 1`)
    )[0]!.id;
    await q(
      `insert into lifecycle_events (tenant_id, partnership_id, kind, event_date, related_partnership_id, description)
      values ($1, $2, 'replaced_by', '2026-01-01', $3, '')`,
      [tenant, partnershipId, draftPartnership],
    );
    // Finding 5 (found this round): the same published partnership reports to the draft one, so the public
    // register list, which names each partnership's parent, must not name it.
    await q(`insert into reporting_lines (tenant_id, partnership_id, parent_id, start_date) values ($1, $2, $3, '2020-01-01')`, [
      tenant,
      partnershipId,
      draftPartnership,
    ]);
  });
  after(async () => t?.close());

  it("finding 5: the public register list does not name a published partnership's draft parent", async () => {
    const page = (await anon('/register?limit=100')).body;
    assert.match(page, new RegExp(`/register/${partnershipId}`), 'the published partnership is listed');
    assertNoMarker('the register list', page);
    assertNoMarker('the partnerships API list', (await anon('/api/v1/partnerships?limit=100')).body);
  });

  it('finding 1: a plan endorsed by an exempt resolution, or one in the draft minutes of a private meeting, does not show its text', async () => {
    for (const resolution of [exemptResolution, privateResolution]) {
      await q(
        `update plans set endorsed_resolution_id = $2, endorsed_meeting_id = (select mi.meeting_id from resolutions r join minutes mi on mi.id = r.minute_id where r.id = $2)
        where id = $1`,
        [planId, resolution],
      );
      assertNoMarker('the public plan page', (await anon(`/delivery-plans/${planId}`)).body);
      assertNoMarker('the plans API', (await anon('/api/v1/plans')).body);
      const detail = json(await anon(`/api/v1/plans/${planId}`));
      assertNoMarker('the plan API', JSON.stringify(detail));
      assertNoMarker('plan.docx', await docxText((await anon(`/delivery-plans/${planId}/plan.docx`)).rawPayload));
    }
  });

  it('finding 2: an action linked to an exempt or private resolution does not show it', async () => {
    for (const resolution of [exemptResolution, privateResolution]) {
      await q(`insert into plan_action_links (tenant_id, action_id, resolution_id) values ($1, $2, $3)`, [t.tenantId, actionId, resolution]);
    }
    assertNoMarker('the public action page', (await anon(`/delivery-plans/${planId}/actions/${actionId}`)).body);
    assertNoMarker('the action API', (await anon(`/api/v1/plans/${planId}/actions/${actionId}`)).body);
  });

  it('finding 3: a published plan or portfolio item does not name its draft partnership or committee', async () => {
    assertNoMarker('the public plans list', (await anon('/delivery-plans')).body);
    assertNoMarker('the public plan page', (await anon(`/delivery-plans/${planId}`)).body);
    assertNoMarker('the plans API', (await anon('/api/v1/plans')).body);
    assertNoMarker('the plan API', (await anon(`/api/v1/plans/${planId}`)).body);
    assertNoMarker('plan.docx', await docxText((await anon(`/delivery-plans/${planId}/plan.docx`)).rawPayload));
    assertNoMarker('plan.csv', (await anon(`/delivery-plans/${planId}/plan.csv`)).body);
  });

  it("finding 4: a published partnership's timeline does not name a draft partnership, on its page, in the API or the sync feed", async () => {
    assertNoMarker('the register page', (await anon(`/register/${partnershipId}`)).body);
    assertNoMarker('the partnership API', (await anon(`/api/v1/partnerships/${partnershipId}`)).body);
    const since = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());
    assertNoMarker('the modifiedSince feed', (await anon(`/api/v1/partnerships?modifiedSince=${since}`)).body);
  });

  it('still shows staff what they may see', async () => {
    const token = (await import('../helper.ts')).apiToken;
    const bearer = await token(t, 'partnership_officer');
    const res = await t.app.inject({ url: `/api/v1/partnerships/${partnershipId}`, headers: { authorization: `Bearer ${bearer}` } });
    assert.match(res.body, new RegExp(DRAFT_PARTNERSHIP));
  });
});
