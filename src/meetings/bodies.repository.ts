// SQL for committees and boards: the bodies themselves, their membership and named roles, and the
// choices their forms offer (people, partnerships, areas) with the checks that a chosen one exists.
import type { Queryable } from '../db/database.ts';
import { todayInEngland } from '../calendar/today.ts';
import type { BodyInput, MemberInput, RoleInput } from './meetings.schemas.ts';

export interface BodyRow {
  id: string;
  name: string;
  kind: string;
  organisationId: string | null;
  organisationName: string | null;
  partnershipId: string | null;
  partnershipName: string | null;
  termsOfReference: string;
  quorum: number | null;
  draftReportClearDays: number;
  despatchClearDays: number;
  defaultVenue: string;
  defaultStartTime: string | null;
  clerkName: string | null;
  clerkPhone: string | null;
  clerkEmail: string | null;
  publicNotes: string[];
  publicationState: 'draft' | 'published';
  created: Date;
  modified: Date;
  deletedAt: Date | null;
  version: number;
}

const BODY_COLUMNS = `b.id, b.name, b.kind, b.organisation_id as "organisationId", o.name as "organisationName",
  b.partnership_id as "partnershipId", p.name as "partnershipName", b.terms_of_reference as "termsOfReference", b.quorum,
  b.draft_report_clear_days as "draftReportClearDays", b.despatch_clear_days as "despatchClearDays",
  b.default_venue as "defaultVenue", to_char(b.default_start_time, 'HH24:MI') as "defaultStartTime",
  b.clerk_name as "clerkName", b.clerk_phone as "clerkPhone", b.clerk_email as "clerkEmail", b.public_notes as "publicNotes",
  b.publication_state as "publicationState", b.created, b.modified, b.deleted_at as "deletedAt", b.version`;
const BODY_FROM = `bodies b left join organisations o on o.id = b.organisation_id left join partnerships p on p.id = b.partnership_id`;

export async function listBodies(db: Queryable, tenantId: string, f: { includeDrafts: boolean; since?: Date; today?: string }) {
  const today = f.today ?? todayInEngland();
  return db.query<BodyRow & { nextMeeting: string | null; members: number }>(
    `select ${BODY_COLUMNS},
       (select min(m.meeting_date)::text from meetings m where m.body_id = b.id and m.deleted_at is null and m.status <> 'cancelled'
          and m.meeting_date >= $3::date and ($2 or m.is_public)) as "nextMeeting",
       (select count(*)::int from body_members bm where bm.body_id = b.id and bm.deleted_at is null
          and bm.role in ('chair', 'vice_chair', 'member', 'co_opted')
          and (bm.start_date is null or bm.start_date <= $3::date) and (bm.end_date is null or bm.end_date >= $3::date)) as members
     from ${BODY_FROM}
     where b.tenant_id = $1 and ($2 or b.publication_state = 'published')
       and ${f.since ? 'b.modified > $4' : 'b.deleted_at is null'}
     order by ${f.since ? 'b.modified, b.id' : 'lower(b.name)'}`,
    f.since ? [tenantId, f.includeDrafts, today, f.since] : [tenantId, f.includeDrafts, today],
  );
}

export async function getBody(db: Queryable, tenantId: string, id: string, { includeDrafts = true, withDeleted = false } = {}) {
  const rows = await db.query<BodyRow>(
    `select ${BODY_COLUMNS} from ${BODY_FROM} where b.tenant_id = $1 and b.id = $2 and ($3 or b.publication_state = 'published')
     ${withDeleted ? '' : 'and b.deleted_at is null'}`,
    [tenantId, id, includeDrafts],
  );
  return rows[0] ?? null;
}

const bodyValues = (b: BodyInput) => [
  b.name,
  b.kind,
  b.organisationId,
  b.partnershipId,
  b.termsOfReference,
  b.quorum,
  b.draftReportClearDays,
  b.despatchClearDays,
  b.defaultVenue,
  b.defaultStartTime,
  b.clerkName,
  b.clerkPhone,
  b.clerkEmail,
  b.publicNotes,
];

export async function insertBody(tx: Queryable, tenantId: string, b: BodyInput, publicationState: 'draft' | 'published' = 'draft') {
  const rows = await tx.query<{ id: string }>(
    `insert into bodies (tenant_id, name, kind, organisation_id, partnership_id, terms_of_reference, quorum, draft_report_clear_days,
       despatch_clear_days, default_venue, default_start_time, clerk_name, clerk_phone, clerk_email, public_notes, publication_state)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) returning id`,
    [tenantId, ...bodyValues(b), publicationState],
  );
  return rows[0]!.id;
}

export async function updateBody(tx: Queryable, tenantId: string, id: string, version: number, b: BodyInput) {
  const rows = await tx.query<{ id: string }>(
    `update bodies set name = $4, kind = $5, organisation_id = $6, partnership_id = $7, terms_of_reference = $8, quorum = $9,
       draft_report_clear_days = $10, despatch_clear_days = $11, default_venue = $12, default_start_time = $13, clerk_name = $14,
       clerk_phone = $15, clerk_email = $16, public_notes = $17
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, ...bodyValues(b)],
  );
  return rows.length === 1;
}

export async function setBodyPublication(tx: Queryable, tenantId: string, id: string, version: number, state: 'draft' | 'published') {
  const rows = await tx.query<{ id: string }>(
    `update bodies set publication_state = $4 where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, state],
  );
  return rows.length === 1;
}

// ---- Membership and named roles ------------------------------------------------------------

export interface MemberRow {
  id: string;
  bodyId: string;
  personId: string;
  personName: string;
  honorificPrefix: string | null;
  role: string;
  politicalGroup: string | null;
  startDate: string | null;
  endDate: string | null;
  appointedBy: string | null;
  note: string | null;
  version: number;
}

export async function listMembers(db: Queryable, tenantId: string, bodyId: string) {
  return db.query<MemberRow>(
    `select bm.id, bm.body_id as "bodyId", bm.person_id as "personId", pe.name as "personName", pe.honorific_prefix as "honorificPrefix",
       bm.role, bm.political_group as "politicalGroup", bm.start_date as "startDate", bm.end_date as "endDate",
       bm.appointed_by as "appointedBy", bm.note, bm.version
     from body_members bm join people pe on pe.id = bm.person_id
     where bm.tenant_id = $1 and bm.body_id = $2 and bm.deleted_at is null
     order by array_position(array['chair','vice_chair','member','co_opted','substitute','observer'], bm.role), bm.start_date nulls first, pe.name`,
    [tenantId, bodyId],
  );
}

export async function insertMember(tx: Queryable, tenantId: string, bodyId: string, m: MemberInput) {
  const rows = await tx.query<{ id: string }>(
    `insert into body_members (tenant_id, body_id, person_id, role, political_group, start_date, end_date, appointed_by, note)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [tenantId, bodyId, m.personId, m.role, m.politicalGroup, m.startDate, m.endDate, m.appointedBy, m.note],
  );
  return rows[0]!.id;
}

export async function endMember(tx: Queryable, tenantId: string, bodyId: string, memberId: string, endDate: string) {
  const rows = await tx.query<{ id: string }>(
    `update body_members set end_date = $4 where tenant_id = $1 and body_id = $2 and id = $3 and deleted_at is null
       and (start_date is null or start_date <= $4) returning id`,
    [tenantId, bodyId, memberId, endDate],
  );
  return rows.length === 1;
}

export interface RoleRow {
  id: string;
  title: string;
  areaId: string | null;
  areaName: string | null;
  personId: string | null;
  personName: string | null;
  startDate: string | null;
  endDate: string | null;
  note: string | null;
  version: number;
}

export async function listRoles(db: Queryable, tenantId: string, bodyId: string) {
  return db.query<RoleRow>(
    `select r.id, r.title, r.area_id as "areaId", a.name as "areaName", r.person_id as "personId", pe.name as "personName",
       r.start_date as "startDate", r.end_date as "endDate", r.note, r.version
     from body_roles r left join areas a on a.id = r.area_id left join people pe on pe.id = r.person_id
     where r.tenant_id = $1 and r.body_id = $2 and r.deleted_at is null
     order by r.title, a.name nulls first, r.start_date nulls first`,
    [tenantId, bodyId],
  );
}

export async function insertRole(tx: Queryable, tenantId: string, bodyId: string, r: RoleInput) {
  const rows = await tx.query<{ id: string }>(
    `insert into body_roles (tenant_id, body_id, title, area_id, person_id, start_date, end_date, note)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [tenantId, bodyId, r.title, r.areaId, r.personId, r.startDate, r.endDate, r.note],
  );
  return rows[0]!.id;
}

export async function endRole(tx: Queryable, tenantId: string, bodyId: string, roleId: string, endDate: string) {
  const rows = await tx.query<{ id: string }>(
    `update body_roles set end_date = $4 where tenant_id = $1 and body_id = $2 and id = $3 and deleted_at is null
       and (start_date is null or start_date <= $4) returning id`,
    [tenantId, bodyId, roleId, endDate],
  );
  return rows.length === 1;
}

// ---- Choices on the forms, and checks that a chosen one exists -----------------------------------

/** Everyone in the directory with their organisation, for the membership and role pickers. */
export async function peopleWithOrganisation(db: Queryable, tenantId: string) {
  return db.query<{ id: string; name: string; kind: string; organisation: string | null }>(
    `select p.id, p.name, p.kind, o.name as organisation from people p left join organisations o on o.id = p.organisation_id
     where p.tenant_id = $1 and p.deleted_at is null order by lower(p.name)`,
    [tenantId],
  );
}

/** Partnerships a body may belong to. */
export async function partnershipChoices(db: Queryable, tenantId: string) {
  return db.query<{ id: string; name: string }>(`select id, name from partnerships where tenant_id = $1 and deleted_at is null order by lower(name)`, [
    tenantId,
  ]);
}

export async function partnershipExists(db: Queryable, tenantId: string, id: string) {
  const rows = await db.query<{ id: string }>('select id from partnerships where tenant_id = $1 and id = $2 and deleted_at is null', [tenantId, id]);
  return rows.length > 0;
}

export async function areaExists(db: Queryable, tenantId: string, id: string) {
  const rows = await db.query<{ id: string }>('select id from areas where tenant_id = $1 and id = $2 and deleted_at is null', [tenantId, id]);
  return rows.length > 0;
}

/** The published partnership a body belongs to, if any: a draft one is not named to the public. */
export async function publishedPartnership(db: Queryable, tenantId: string, id: string | null) {
  if (!id) return null;
  const rows = await db.query<{ id: string; name: string }>(
    `select id, name from partnerships where tenant_id = $1 and id = $2 and deleted_at is null and publication_state = 'published'`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}
