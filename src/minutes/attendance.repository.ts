// SQL for who attended a meeting and the declarations of interest made at it, and the people the pickers offer.
import type { Queryable } from '../db/database.ts';

/** Everyone in the directory, councillors first, for the attendance, declaration and action pickers. */
export async function attendeeChoices(db: Queryable, tenantId: string) {
  return db.query<{ id: string; name: string; kind: string }>(
    `select id, name, kind from people where tenant_id = $1 and deleted_at is null order by kind <> 'councillor', lower(name)`,
    [tenantId],
  );
}

export interface AttendanceRow {
  id: string;
  meetingId: string;
  personId: string | null;
  personName: string | null;
  honorificPrefix: string | null;
  name: string | null;
  category: string;
  substituteForPersonId: string | null;
  substituteForName: string | null;
  note: string | null;
  party: string | null;
  version: number;
}

export async function listAttendance(db: Queryable, tenantId: string, meetingId: string) {
  return db.query<AttendanceRow>(
    `select a.id, a.meeting_id as "meetingId", a.person_id as "personId", p.name as "personName", p.honorific_prefix as "honorificPrefix",
       a.name, a.category, a.substitute_for_person_id as "substituteForPersonId", sf.name as "substituteForName", a.note, p.party, a.version
     from attendance a left join people p on p.id = a.person_id left join people sf on sf.id = a.substitute_for_person_id
     where a.tenant_id = $1 and a.meeting_id = $2 and a.deleted_at is null
     order by array_position(array['substitute','present','apologies','absent','officer','other'], a.category), coalesce(p.name, a.name)`,
    [tenantId, meetingId],
  );
}

export async function insertAttendance(
  tx: Queryable,
  tenantId: string,
  meetingId: string,
  a: { personId: string | null; name: string | null; category: string; substituteForPersonId: string | null; note: string | null },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into attendance (tenant_id, meeting_id, person_id, name, category, substitute_for_person_id, note) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [tenantId, meetingId, a.personId, a.name, a.category, a.substituteForPersonId, a.note],
  );
  return rows[0]!.id;
}

export interface DeclarationRow {
  id: string;
  agendaItemId: string | null;
  itemPosition: number | null;
  itemTitle: string | null;
  personId: string;
  personName: string;
  honorificPrefix: string | null;
  kind: string;
  description: string;
}

export async function listDeclarations(db: Queryable, tenantId: string, meetingId: string) {
  return db.query<DeclarationRow>(
    `select d.id, d.agenda_item_id as "agendaItemId", i.position as "itemPosition", i.title as "itemTitle", d.person_id as "personId",
       p.name as "personName", p.honorific_prefix as "honorificPrefix", d.kind, d.description
     from declarations d join people p on p.id = d.person_id left join agenda_items i on i.id = d.agenda_item_id
     where d.tenant_id = $1 and d.meeting_id = $2 and d.deleted_at is null order by i.position nulls first, p.name`,
    [tenantId, meetingId],
  );
}

export async function insertDeclaration(
  tx: Queryable,
  tenantId: string,
  meetingId: string,
  d: { agendaItemId: string | null; personId: string; kind: string; description: string },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into declarations (tenant_id, meeting_id, agenda_item_id, person_id, kind, description) values ($1, $2, $3, $4, $5, $6) returning id`,
    [tenantId, meetingId, d.agendaItemId, d.personId, d.kind, d.description],
  );
  return rows[0]!.id;
}
