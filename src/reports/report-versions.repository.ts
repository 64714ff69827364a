// The agenda items a generated report (the quarterly update to Cabinet) can be the paper of, and the items
// that have one. The frozen versions themselves are kept by the kernel (documents/report-versions.repository.ts);
// a quarterly update's versions are numbered per agenda item, so report_id is the item's id.
import type { Queryable } from '../db/database.ts';

export interface ItemChoice {
  id: string;
  position: number;
  title: string;
  meetingDate: string;
  bodyName: string;
  exempt: boolean;
  /** Once the agenda is published the paper cannot be taken off it (a new version can still be published). */
  agendaPublished: boolean;
}

const ITEM_SELECT = `select i.id, i.position, i.title, to_char(m.meeting_date, 'YYYY-MM-DD') as "meetingDate", b.name as "bodyName",
    i.exempt_paragraph is not null as exempt, m.agenda_published_on is not null as "agendaPublished"
  from agenda_items i join meetings m on m.tenant_id = i.tenant_id and m.id = i.meeting_id
  join bodies b on b.tenant_id = m.tenant_id and b.id = m.body_id`;

/** Items of meetings, latest meeting first: what the form offers. */
export async function itemChoices(db: Queryable, tenantId: string): Promise<ItemChoice[]> {
  return db.query<ItemChoice>(
    `${ITEM_SELECT} where i.tenant_id = $1 and i.deleted_at is null and m.deleted_at is null
     order by m.meeting_date desc, b.name, i.position limit 500`,
    [tenantId],
  );
}

export async function itemById(db: Queryable, tenantId: string, id: string): Promise<ItemChoice | null> {
  const rows = await db.query<ItemChoice>(`${ITEM_SELECT} where i.tenant_id = $1 and i.id = $2 and i.deleted_at is null and m.deleted_at is null`, [
    tenantId,
    id,
  ]);
  return rows[0] ?? null;
}

/** The items that have a quarterly update as their paper, with its latest version. */
export async function attachedItems(db: Queryable, tenantId: string): Promise<(ItemChoice & { number: number; quarterLabel: string })[]> {
  return db.query(
    `select * from (${ITEM_SELECT.replace('select ', "select distinct on (i.id) v.number, coalesce(v.content->'quarter'->>'label', v.content->>'title') as \"quarterLabel\", ")}
       join report_versions v on v.tenant_id = i.tenant_id and v.kind in ('quarterly-update', 'annual-review') and v.report_id = i.id
       where i.tenant_id = $1 and i.deleted_at is null and m.deleted_at is null order by i.id, v.created desc) a
     order by "meetingDate" desc, position`,
    [tenantId],
  );
}

/** Takes the quarterly update or annual review off an item whose agenda is not yet published: its versions were never printed. */
export async function detach(db: Queryable, tenantId: string, itemId: string): Promise<void> {
  await db.query(`delete from report_versions where tenant_id = $1 and kind in ('quarterly-update', 'annual-review') and report_id = $2`, [tenantId, itemId]);
}
