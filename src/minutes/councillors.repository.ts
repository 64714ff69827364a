// SQL for councillors as the public may see them: who sits or sat on a published committee or
// board, holds a named role on one, or is appointed to a published outside body; their memberships,
// roles and attendance, and which meetings' minutes (and so attendance) are public.
import type { Queryable } from '../db/database.ts';

/**
 * Councillors the public may see: those who sit or sat on a published committee or board, hold or
 * held a named role on one, or are or were appointed to a published outside body.
 */
const PUBLIC_LINKS = `
  select bm.person_id, 'body' as kind, b.id as body_id, b.name as body_name, bm.role, bm.start_date, bm.end_date
    from body_members bm join bodies b on b.id = bm.body_id and b.deleted_at is null and b.publication_state = 'published'
    where bm.tenant_id = $1 and bm.deleted_at is null
  union all
  select r.person_id, 'role', b.id, b.name, r.title, r.start_date, r.end_date
    from body_roles r join bodies b on b.id = r.body_id and b.deleted_at is null and b.publication_state = 'published'
    where r.tenant_id = $1 and r.deleted_at is null and r.person_id is not null
  union all
  select a.person_id, 'outside', ob.id, ob.name, a.role, a.start_date, a.end_date
    from outside_body_appointments a join outside_bodies ob on ob.id = a.outside_body_id and ob.deleted_at is null and ob.publication_state = 'published'
    where a.tenant_id = $1 and a.deleted_at is null`;

export interface CouncillorListRow {
  id: string;
  name: string;
  honorificPrefix: string | null;
  party: string | null;
  electoralDivision: string | null;
  current: { kind: 'body' | 'role' | 'outside'; id: string; name: string }[];
}

export async function listPublicCouncillors(db: Queryable, tenantId: string, today: string) {
  return db.query<CouncillorListRow>(
    `with links as (${PUBLIC_LINKS})
     select p.id, p.name, p.honorific_prefix as "honorificPrefix", p.electoral_division as "electoralDivision",
       coalesce(p.party, (select bm.political_group from body_members bm where bm.person_id = p.id and bm.deleted_at is null and bm.political_group is not null
         order by bm.end_date desc nulls first limit 1)) as party,
       coalesce(json_agg(json_build_object('kind', l.kind, 'id', l.body_id, 'name', l.body_name) order by l.kind, lower(l.body_name))
         filter (where l.kind <> 'role' and (l.start_date is null or l.start_date <= $2::date) and (l.end_date is null or l.end_date >= $2::date)), '[]') as current
     from people p join links l on l.person_id = p.id
     where p.tenant_id = $1 and p.kind = 'councillor' and p.deleted_at is null
     group by p.tenant_id, p.id
     order by lower(regexp_replace(p.name, '^.*\\s', '')), lower(p.name), p.id`,
    [tenantId, today],
  );
}

export async function publicCouncillor(db: Queryable, tenantId: string, id: string) {
  const rows = await db.query<{
    id: string;
    name: string;
    honorificPrefix: string | null;
    party: string | null;
    electoralDivision: string | null;
    portfolio: string | null;
  }>(
    `select p.id, p.name, p.honorific_prefix as "honorificPrefix", p.party, p.electoral_division as "electoralDivision", p.portfolio
     from people p where p.tenant_id = $1 and p.id = $2 and p.kind = 'councillor' and p.deleted_at is null
       and exists (select 1 from (${PUBLIC_LINKS}) l where l.person_id = p.id)`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

/** Named roles (such as Area Champion) on published bodies that the person holds or held. */
export async function rolesOfPerson(db: Queryable, tenantId: string, personId: string) {
  return db.query<{ title: string; areaName: string | null; bodyId: string; bodyName: string; startDate: string | null; endDate: string | null }>(
    `select r.title, a.name as "areaName", b.id as "bodyId", b.name as "bodyName", r.start_date as "startDate", r.end_date as "endDate"
     from body_roles r join bodies b on b.id = r.body_id and b.deleted_at is null and b.publication_state = 'published'
       left join areas a on a.id = r.area_id
     where r.tenant_id = $1 and r.person_id = $2 and r.deleted_at is null
     order by r.end_date desc nulls first, r.title, a.name`,
    [tenantId, personId],
  );
}

/** Meetings among these whose minutes the public may read (attendance is part of the minutes). */
export async function meetingsWithPublicMinutes(db: Queryable, tenantId: string, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await db.query<{ id: string }>(
    `select m.id from meetings m join bodies b on b.id = m.body_id
     where m.tenant_id = $1 and m.id = any($2::uuid[]) and m.deleted_at is null and m.is_public
       and m.minutes_state in ('published', 'approved') and b.publication_state = 'published' and b.deleted_at is null`,
    [tenantId, ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** A person's attendance at meetings that were not cancelled, newest first, for the councillor page. */
export async function attendanceRecord(db: Queryable, tenantId: string, personId: string) {
  return db.query<{
    meetingId: string;
    meetingDate: string;
    bodyId: string;
    bodyName: string;
    category: string;
    substituteForName: string | null;
    isPublic: boolean;
    bodyPublished: boolean;
  }>(
    `select me.id as "meetingId", me.meeting_date as "meetingDate", b.id as "bodyId", b.name as "bodyName", a.category, sf.name as "substituteForName",
       me.is_public as "isPublic", (b.publication_state = 'published') as "bodyPublished"
     from attendance a join meetings me on me.id = a.meeting_id join bodies b on b.id = me.body_id left join people sf on sf.id = a.substitute_for_person_id
     where a.tenant_id = $1 and a.person_id = $2 and a.deleted_at is null and me.deleted_at is null and me.status <> 'cancelled'
     order by me.meeting_date desc`,
    [tenantId, personId],
  );
}

/** The committees and boards a person sits or sat on, current ones first. */
export async function membershipsOfPerson(db: Queryable, tenantId: string, personId: string) {
  return db.query<{
    bodyId: string;
    bodyName: string;
    role: string;
    politicalGroup: string | null;
    startDate: string | null;
    endDate: string | null;
    bodyPublished: boolean;
  }>(
    `select b.id as "bodyId", b.name as "bodyName", bm.role, bm.political_group as "politicalGroup", bm.start_date as "startDate", bm.end_date as "endDate",
       (b.publication_state = 'published') as "bodyPublished"
     from body_members bm join bodies b on b.id = bm.body_id where bm.tenant_id = $1 and bm.person_id = $2 and bm.deleted_at is null and b.deleted_at is null
     order by bm.end_date desc nulls first, bm.start_date desc nulls last`,
    [tenantId, personId],
  );
}

/** The notes on a person's attendance as present (such as 'Chairman'), by meeting. */
export async function presentNotes(db: Queryable, tenantId: string, personId: string) {
  return db.query<{ meetingId: string; note: string | null }>(
    `select meeting_id as "meetingId", note from attendance where tenant_id = $1 and person_id = $2 and deleted_at is null and category = 'present'`,
    [tenantId, personId],
  );
}
