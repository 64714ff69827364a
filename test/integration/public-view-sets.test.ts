// The public view of meetings, agenda items, minutes and resolutions as sets (migration 0038, issue 19):
// the functions and the sets agree on every record, and both say what migration 0010's rules said.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../helper.ts';

// Migration 0010's rules, written out as they were (each asking the next), to compare against.
const RULES_0010: Record<string, string> = {
  meeting: `select m.id, exists (select 1 from meetings m2 join bodies b on b.id = m2.body_id
      where m2.id = m.id and m2.is_public and m2.deleted_at is null and b.publication_state = 'published' and b.deleted_at is null) as old,
    public_meeting(m.id) as now, m.id in (select id from public_meeting_ids) as in_set from meetings m`,
  agenda_item: `select i.id, exists (select 1 from agenda_items i2 join meetings m on m.id = i2.meeting_id join bodies b on b.id = m.body_id
      where i2.id = i.id and i2.deleted_at is null and i2.exempt_paragraph is null and m.agenda_published_on is not null
        and m.is_public and m.deleted_at is null and b.publication_state = 'published' and b.deleted_at is null) as old,
    public_agenda_item(i.id) as now, i.id in (select id from public_agenda_item_ids) as in_set from agenda_items i`,
  minute: `select mi.id, exists (select 1 from minutes x join meetings m on m.id = x.meeting_id join bodies b on b.id = m.body_id
      left join agenda_items ai on ai.id = x.agenda_item_id
      where x.id = mi.id and x.deleted_at is null and not x.withdrawn and m.minutes_state in ('published', 'approved')
        and (ai.id is null or ai.exempt_paragraph is null)
        and m.is_public and m.deleted_at is null and b.publication_state = 'published' and b.deleted_at is null) as old,
    public_minute(mi.id) as now, mi.id in (select id from public_minute_ids) as in_set from minutes mi`,
};

describe('public view sets (migration 0038)', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(async () => t.close());

  const disagreements = async () => {
    const out: string[] = [];
    for (const [kind, sql] of Object.entries(RULES_0010)) {
      const rows = await t.db.query<{ id: string; old: boolean; now: boolean; in_set: boolean }>(sql);
      assert.ok(rows.length > 0, `the demo has ${kind} records`);
      for (const r of rows) if (r.old !== r.now || r.now !== r.in_set) out.push(`${kind} ${r.id}: 0010 ${r.old}, function ${r.now}, set ${r.in_set}`);
    }
    const resolutions = await t.db.query<{ id: string; old: boolean; now: boolean; in_set: boolean }>(
      `select r.id, (r.deleted_at is null and public_minute(r.minute_id)) as old, public_resolution(r.id) as now,
        r.id in (select id from public_resolution_ids) as in_set from resolutions r`,
    );
    assert.ok(resolutions.some((r) => r.now) && resolutions.length > 0);
    for (const r of resolutions) if (r.old !== r.now || r.now !== r.in_set) out.push(`resolution ${r.id}: 0010 ${r.old}, function ${r.now}, set ${r.in_set}`);
    return out;
  };

  it('agree with each other and with migration 0010’s rules on every demo record', async () => {
    assert.deepEqual(await disagreements(), []);
  });

  it('still agree when a minute is withdrawn, an item made exempt and a meeting made private', async () => {
    const [minute] = await t.db.query<{ id: string; resolution: string }>(
      `select mi.id, r.id as resolution from minutes mi join resolutions r on r.minute_id = mi.id
       where public_minute(mi.id) order by mi.number limit 1`,
    );
    assert.ok(minute, 'the demo has a public decision');
    const [item] = await t.db.query<{ id: string }>(`select id from agenda_items where public_agenda_item(id) order by id limit 1`);
    const [meeting] = await t.db.query<{ id: string }>(
      `select id from meetings where public_meeting(id) and id not in (select meeting_id from agenda_items where id = $1) order by id limit 1`,
      [item!.id],
    );
    await t.db.transaction({ actor: 'test' }, async (tx) => {
      await tx.query(`update minutes set withdrawn = true where id = $1`, [minute.id]);
      await tx.query(`update agenda_items set exempt_paragraph = 3 where id = $1`, [item!.id]);
      await tx.query(`update meetings set is_public = false where id = $1`, [meeting!.id]);
    });
    const [after] = await t.db.query<{ minute: boolean; resolution: boolean; item: boolean; meeting: boolean }>(
      `select public_minute($1) as minute, $2::uuid in (select id from public_resolution_ids) as resolution,
        $3::uuid in (select id from public_agenda_item_ids) as item, public_meeting($4) as meeting`,
      [minute.id, minute.resolution, item!.id, meeting!.id],
    );
    assert.deepEqual(after, { minute: false, resolution: false, item: false, meeting: false });
    assert.deepEqual(await disagreements(), []);
  });
});
