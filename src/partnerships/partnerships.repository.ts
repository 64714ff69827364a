// SQL for partnerships themselves: the register's list and pages, the landscape, contacts, permission
// scopes and sync. Their parts (events, members, contributions, documents, reporting lines) are in
// parts.repository.ts. Rows come back in the domain's camelCase shape; every query is scoped by tenant
// and skips tombstones unless asked.
import type { Queryable } from '../db/database.ts';
import { likePattern } from '../web/schema.ts';
import type { EventKind, PartnershipStatus } from './lifecycle.ts';

export interface PartnershipRow {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  subgroupType: string | null;
  purpose: string;
  mission: string | null;
  responsibilities: string[];
  termsOfReference: string | null;
  termsOfReferenceUrl: string | null;
  areaIds: string[];
  publicationState: 'draft' | 'published' | 'withdrawn';
  publishedAt: Date | null;
  created: Date;
  modified: Date;
  deletedAt: Date | null;
  version: number;
}

export interface PartnershipListRow {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  subgroupType: string | null;
  status: PartnershipStatus;
  publicationState: 'draft' | 'published' | 'withdrawn';
  areaNames: string[];
  parentId: string | null;
  parentName: string | null;
  established: string | null;
  modified: Date;
}

const PARTNERSHIP_COLUMNS = `p.id, p.name, p.short_name as "shortName", p.kind, p.subgroup_type as "subgroupType",
  p.purpose, p.mission, p.responsibilities, p.terms_of_reference as "termsOfReference",
  p.terms_of_reference_url as "termsOfReferenceUrl", p.area_ids as "areaIds", p.publication_state as "publicationState",
  p.published_at as "publishedAt", p.created, p.modified,
  p.deleted_at as "deletedAt", p.version`;

/**
 * Status of partnership p on a date, in SQL, as a lateral subquery (an index lookup per row).
 * Mirrors statusAt() in lifecycle.ts: the last establishment or ending event on or before the
 * date decides (on one day: establishment, then merger or replacement, then the formal end);
 * none at all means active unless an establishment lies in the future. The date is $2.
 */
const STATUS_LATERAL = `left join lateral (
  select (array_agg(e.kind order by e.event_date desc,
      case e.kind when 'established' then 0 when 'merged_into' then 1 when 'replaced_by' then 1 else 2 end desc)
      filter (where e.event_date <= $2::date))[1] as last_kind,
    bool_or(e.kind = 'established') as has_established,
    min(e.event_date) filter (where e.kind = 'established') as established
  from lifecycle_events e
  where e.partnership_id = p.id and e.deleted_at is null
    and e.kind in ('established', 'decommissioned', 'wound_up', 'merged_into', 'replaced_by')
) se on true`;
const STATUS_EXPR = `case
  when se.last_kind is null then case when se.has_established then 'not_yet_established' else 'active' end
  when se.last_kind = 'decommissioned' then 'decommissioned'
  when se.last_kind = 'wound_up' then 'wound_up'
  when se.last_kind = 'merged_into' then 'merged'
  when se.last_kind = 'replaced_by' then 'replaced'
  else 'active' end`;

export interface ListFilters {
  asAt: string;
  search?: string;
  kind?: string;
  status?: string;
  areaId?: string;
  /** Staff see drafts and withdrawn partnerships; the public see only what is published. */
  includeDrafts?: boolean;
  limit: number;
  offset: number;
}

/**
 * One page of the register, in name order. The page is read through the name index and only
 * its rows are decorated (status, areas, parent), so a page costs the same however large the
 * register grows; the total is counted separately.
 */
export async function listPartnerships(db: Queryable, tenantId: string, f: ListFilters) {
  const params: unknown[] = [tenantId, f.asAt];
  const where = ['p.tenant_id = $1', 'p.deleted_at is null'];
  if (!f.includeDrafts) where.push(`p.publication_state = 'published'`);
  if (f.search) {
    params.push(likePattern(f.search));
    where.push(`(p.name ilike $${params.length} or p.short_name ilike $${params.length})`);
  }
  if (f.kind) {
    params.push(f.kind);
    where.push(`p.kind = $${params.length}`);
  }
  if (f.areaId) {
    params.push(f.areaId);
    where.push(`$${params.length}::uuid = any(p.area_ids)`);
  }
  if (f.status) {
    params.push(f.status);
    where.push(`(${STATUS_EXPR}) = $${params.length}`);
  }
  // ($2, the date, is named even when no status filter uses it, so the count can run alone.)
  const countSql = `select count(*)::int from partnerships p ${f.status ? STATUS_LATERAL : ''}
    where ${where.join(' and ')} and $2::date is not null`;
  // The parent is named only where the reader may see it: a published partnership may report to a draft one.
  params.push(f.limit, f.offset);
  // The total rides along as a subquery: its own aliases shadow the outer ones, so it is
  // uncorrelated and PostgreSQL evaluates it once. That saves a round trip per page.
  const rows = await db.query<PartnershipListRow & { total: number }>(
    `select p.id, p.name, p.short_name as "shortName", p.kind, p.subgroup_type as "subgroupType",
       ${STATUS_EXPR} as status, se.established::text as established, p.modified, p.publication_state as "publicationState",
       coalesce((select array_agg(a.name order by a.name) from areas a where a.id = any(p.area_ids) and a.deleted_at is null), '{}') as "areaNames",
       parent.id as "parentId", parent.name as "parentName", (${countSql}) as total
     from partnerships p
     ${STATUS_LATERAL}
     left join lateral (
       select parent_id from reporting_lines l
       where l.partnership_id = p.id and l.deleted_at is null
         and (l.start_date is null or l.start_date <= $2::date) and (l.end_date is null or l.end_date >= $2::date)
       order by l.start_date desc nulls last limit 1) rl on true
     left join partnerships parent on parent.id = rl.parent_id and parent.deleted_at is null
       ${f.includeDrafts ? '' : `and parent.publication_state = 'published'`}
     where ${where.join(' and ')}
     order by lower(p.name)
     limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  if (rows.length === 0 && f.offset > 0) {
    // Past the last page: count on its own so the page can still say how many there are.
    const counted = await db.query<{ count: number }>(countSql, params.slice(0, -2));
    return { rows: [], total: counted[0]?.count ?? 0 };
  }
  return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
}

export async function getPartnership(db: Queryable, tenantId: string, id: string, { withDeleted = false } = {}) {
  const rows = await db.query<PartnershipRow>(
    `select ${PARTNERSHIP_COLUMNS} from partnerships p where p.tenant_id = $1 and p.id = $2
     ${withDeleted ? '' : 'and p.deleted_at is null'}`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

export interface ContactRow {
  partnershipId: string;
  partnershipName: string;
  role: 'officer_contact' | 'member_contact';
  personId: string;
  name: string;
  honorificPrefix: string | null;
  post: string | null;
  portfolio: string | null;
  remit: string | null;
  email: string | null;
  phone: string | null;
}

/** The officer and member contact of every partnership with one on a date (seed 001's contact table). */
export async function listContacts(db: Queryable, tenantId: string, asAt: string, includeDrafts = false) {
  return db.query<ContactRow>(
    `select p.id as "partnershipId", p.name as "partnershipName", m.role, pe.id as "personId", pe.name,
       pe.honorific_prefix as "honorificPrefix", pe.post, pe.portfolio, m.remit, pe.email, pe.phone
     from memberships m
     join partnerships p on p.id = m.partnership_id and p.deleted_at is null and ($3 or p.publication_state = 'published')
     join people pe on pe.id = m.person_id and pe.deleted_at is null
     where m.tenant_id = $1 and m.deleted_at is null and m.role in ('officer_contact', 'member_contact')
       and (m.start_date is null or m.start_date <= $2::date) and (m.end_date is null or m.end_date >= $2::date)
     order by lower(p.name), m.role desc, lower(pe.name)`,
    [tenantId, asAt, includeDrafts],
  );
}

/** What a permission check needs about a partnership: the boards above it and its member organisations. */
export async function scopeOf(db: Queryable, tenantId: string, partnershipId: string) {
  const rows = await db.query<{ ancestorIds: string[]; memberOrganisationIds: string[] }>(
    `with recursive up(id, depth) as (
       select parent_id, 1 from reporting_lines where tenant_id = $1 and partnership_id = $2 and deleted_at is null and end_date is null
       union
       select l.parent_id, up.depth + 1 from reporting_lines l join up on l.partnership_id = up.id
       where l.tenant_id = $1 and l.deleted_at is null and l.end_date is null and up.depth < 20)
     select coalesce((select array_agg(id) from up), '{}') as "ancestorIds",
       coalesce((select array_agg(organisation_id) from memberships where tenant_id = $1 and partnership_id = $2
         and organisation_id is not null and deleted_at is null and (end_date is null or end_date >= current_date)), '{}') as "memberOrganisationIds"`,
    [tenantId, partnershipId],
  );
  return { partnershipId, ...rows[0]! };
}

/**
 * The partnerships a partner editor may change, as can() decides: those they were given and their sub-groups
 * at any depth (through current reporting lines), and those their organisations are members of now; those given first.
 */
export async function partnershipsInScope(db: Queryable, tenantId: string, partnershipIds: string[], organisationIds: string[]) {
  return db.query<{ id: string; name: string; shortName: string | null; publicationState: string }>(
    `with recursive down(id) as (
       select id from partnerships where tenant_id = $1 and id = any($2::uuid[])
       union
       select l.partnership_id from reporting_lines l join down on l.parent_id = down.id
       where l.tenant_id = $1 and l.deleted_at is null and l.end_date is null)
     select p.id, p.name, p.short_name as "shortName", p.publication_state as "publicationState" from partnerships p
     where p.tenant_id = $1 and p.deleted_at is null
       and (p.id in (select id from down) or p.id in (select partnership_id from memberships where tenant_id = $1 and deleted_at is null
         and organisation_id = any($3::uuid[]) and (end_date is null or end_date >= current_date)))
     order by p.id = any($2::uuid[]) desc, lower(p.name)`,
    [tenantId, partnershipIds, organisationIds],
  );
}

/** Everything the landscape needs, in three queries. */
export async function loadStructure(db: Queryable, tenantId: string, includeDrafts = false) {
  const [partnerships, events, lines] = await Promise.all([
    db.query<{ id: string; name: string; kind: string; subgroupType: string | null }>(
      `select id, name, kind, subgroup_type as "subgroupType" from partnerships
       where tenant_id = $1 and deleted_at is null and ($2 or publication_state = 'published')`,
      [tenantId, includeDrafts],
    ),
    db.query<{ partnershipId: string; kind: EventKind; eventDate: string; previousName: string | null }>(
      `select partnership_id as "partnershipId", kind, event_date as "eventDate", previous_name as "previousName"
       from lifecycle_events where tenant_id = $1 and deleted_at is null`,
      [tenantId],
    ),
    db.query<{ partnershipId: string; parentId: string; startDate: string | null; endDate: string | null }>(
      `select partnership_id as "partnershipId", parent_id as "parentId", start_date as "startDate",
         end_date as "endDate" from reporting_lines where tenant_id = $1 and deleted_at is null`,
      [tenantId],
    ),
  ]);
  const eventsByPartnership = new Map<string, typeof events>();
  for (const e of events) eventsByPartnership.set(e.partnershipId, [...(eventsByPartnership.get(e.partnershipId) ?? []), e]);
  return {
    partnerships: partnerships.map((p) => ({ ...p, events: eventsByPartnership.get(p.id) ?? [] })),
    lines,
  };
}

/** What a create or edit writes: the row less its identity and bookkeeping. */
export type PartnershipWrite = Omit<PartnershipRow, 'id' | 'created' | 'modified' | 'deletedAt' | 'version' | 'publicationState' | 'publishedAt'>;

const WRITE_VALUES = (w: PartnershipWrite) => [
  w.name,
  w.shortName,
  w.kind,
  w.subgroupType,
  w.purpose,
  w.mission,
  w.responsibilities,
  w.termsOfReference,
  w.termsOfReferenceUrl,
  w.areaIds,
];

export async function insertPartnership(tx: Queryable, tenantId: string, w: PartnershipWrite): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `insert into partnerships (tenant_id, name, short_name, kind, subgroup_type, purpose, mission, responsibilities,
       terms_of_reference, terms_of_reference_url, area_ids)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [tenantId, ...WRITE_VALUES(w)],
  );
  return rows[0]!.id;
}

/** Updates only if the version still matches; returns false when it does not (or is gone). */
export async function updatePartnership(tx: Queryable, tenantId: string, id: string, version: number, w: PartnershipWrite) {
  const rows = await tx.query<{ id: string }>(
    `update partnerships set name = $4, short_name = $5, kind = $6, subgroup_type = $7, purpose = $8, mission = $9,
       responsibilities = $10, terms_of_reference = $11, terms_of_reference_url = $12, area_ids = $13
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, ...WRITE_VALUES(w)],
  );
  return rows.length === 1;
}

/** Marks a partnership deleted, leaving its tombstone, if the version still matches. */
export async function deletePartnership(tx: Queryable, tenantId: string, id: string, version: number) {
  const rows = await tx.query<{ id: string }>(
    `update partnerships set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and deleted_at is null
     and version = $3 returning id`,
    [tenantId, id, version],
  );
  return rows.length === 1;
}

/** Ids of the partnership's sub-groups at any depth, through current reporting lines. */
export async function descendantIds(tx: Queryable, tenantId: string, id: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `with recursive d(id) as (
       select partnership_id from reporting_lines where tenant_id = $1 and parent_id = $2 and deleted_at is null and end_date is null
       union
       select l.partnership_id from reporting_lines l join d on l.parent_id = d.id
       where l.tenant_id = $1 and l.deleted_at is null and l.end_date is null)
     select id from d`,
    [tenantId, id],
  );
  return rows.map((r) => r.id);
}

// One fixed statement per table a reference may point at: no SQL is assembled from a table name.
const EXISTING_IDS = {
  partnerships: (db: Queryable, params: unknown[]) =>
    db.query<{ id: string }>(`select id from partnerships where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null`, params),
  organisations: (db: Queryable, params: unknown[]) =>
    db.query<{ id: string }>(`select id from organisations where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null`, params),
  people: (db: Queryable, params: unknown[]) =>
    db.query<{ id: string }>(`select id from people where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null`, params),
  areas: (db: Queryable, params: unknown[]) =>
    db.query<{ id: string }>(`select id from areas where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null`, params),
};
export type ReferencedTable = keyof typeof EXISTING_IDS;

/** Ids that exist (not deleted) in a table of this tenant, to check references before writing. */
export async function existingIds(db: Queryable, table: ReferencedTable, tenantId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await EXISTING_IDS[table](db, [tenantId, ids]);
  return new Set(rows.map((r) => r.id));
}

/** For OParl-style sync: partnerships changed (or whose parts changed) since a time, tombstones included. */
export async function partnershipsModifiedSince(db: Queryable, tenantId: string, since: Date, limit: number, offset: number) {
  return db.query<PartnershipRow>(
    `select ${PARTNERSHIP_COLUMNS} from partnerships p
     where p.tenant_id = $1 and (p.modified > $2
       or exists (select 1 from lifecycle_events x where x.partnership_id = p.id and x.modified > $2)
       or exists (select 1 from memberships x where x.partnership_id = p.id and x.modified > $2)
       or exists (select 1 from contributions x where x.partnership_id = p.id and x.modified > $2)
       or exists (select 1 from source_documents x where x.partnership_id = p.id and x.modified > $2)
       or exists (select 1 from reporting_lines x where x.partnership_id = p.id and x.modified > $2))
     order by p.modified, p.id limit $3 offset $4`,
    [tenantId, since, limit, offset],
  );
}

export async function setPublicationState(tx: Queryable, tenantId: string, id: string, state: 'published' | 'withdrawn') {
  const rows = await tx.query<{ id: string }>(
    `update partnerships set publication_state = $3, published_at = case when $3 = 'published' then clock_timestamp() else published_at end
     where tenant_id = $1 and id = $2 and deleted_at is null returning id`,
    [tenantId, id, state],
  );
  return rows.length === 1;
}
