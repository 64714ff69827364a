// All SQL for partnerships and the records that hang off them. Rows come back in the
// domain's camelCase shape; every query is scoped by tenant and skips tombstones unless asked.
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

export interface EventRow {
  id: string;
  partnershipId: string;
  kind: EventKind;
  eventDate: string;
  datePrecision: 'day' | 'month' | 'year';
  relatedPartnershipId: string | null;
  relatedPartnershipName: string | null;
  previousName: string | null;
  description: string;
  source: string | null;
  created: Date;
  modified: Date;
  version: number;
}

export interface MembershipRow {
  id: string;
  partnershipId: string;
  personId: string | null;
  personName: string | null;
  personHonorific: string | null;
  personKind: string | null;
  personEmail: string | null;
  personPhone: string | null;
  personPost: string | null;
  personPortfolio: string | null;
  personParty: string | null;
  organisationId: string | null;
  organisationName: string | null;
  role: string;
  onBehalfOfId: string | null;
  onBehalfOfName: string | null;
  remit: string | null;
  startDate: string | null;
  endDate: string | null;
  created: Date;
  modified: Date;
  version: number;
}

export interface ContributionRow {
  id: string;
  partnershipId: string;
  organisationId: string;
  organisationName: string;
  financialYear: number;
  amountPence: number;
  note: string | null;
  created: Date;
  modified: Date;
  version: number;
}

export interface DocumentRow {
  id: string;
  partnershipId: string;
  title: string;
  kind: string;
  exemptParagraph: number | null;
  fileId: string | null;
  filename: string | null;
  contentType: string | null;
  sizeBytes: number | null;
  url: string | null;
  documentDate: string | null;
  note: string | null;
  created: Date;
  modified: Date;
  version: number;
}

export interface ReportingLineRow {
  id: string;
  partnershipId: string;
  partnershipName: string;
  parentId: string;
  parentName: string;
  startDate: string | null;
  endDate: string | null;
  /** Whether both ends of the line are on the public register. */
  bothPublished: boolean;
  version: number;
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
  if (f.kind) { params.push(f.kind); where.push(`p.kind = $${params.length}`); }
  if (f.areaId) { params.push(f.areaId); where.push(`$${params.length}::uuid = any(p.area_ids)`); }
  if (f.status) { params.push(f.status); where.push(`(${STATUS_EXPR}) = $${params.length}`); }
  // ($2, the date, is named even when no status filter uses it, so the count can run alone.)
  const countSql = `select count(*)::int from partnerships p ${f.status ? STATUS_LATERAL : ''}
    where ${where.join(' and ')} and $2::date is not null`;
  params.push(f.limit, f.offset);
  // The total rides along as a subquery: its own aliases shadow the outer ones, so it is
  // uncorrelated and PostgreSQL evaluates it once. That saves a round trip per page.
  const rows = await db.query<PartnershipListRow & { total: number }>(
    `select p.id, p.name, p.short_name as "shortName", p.kind, p.subgroup_type as "subgroupType",
       ${STATUS_EXPR} as status, se.established::text as established, p.modified, p.publication_state as "publicationState",
       coalesce((select array_agg(a.name order by a.name) from areas a where a.id = any(p.area_ids) and a.deleted_at is null), '{}') as "areaNames",
       rl.parent_id as "parentId", parent.name as "parentName", (${countSql}) as total
     from partnerships p
     ${STATUS_LATERAL}
     left join lateral (
       select parent_id from reporting_lines l
       where l.partnership_id = p.id and l.deleted_at is null
         and (l.start_date is null or l.start_date <= $2::date) and (l.end_date is null or l.end_date >= $2::date)
       order by l.start_date desc nulls last limit 1) rl on true
     left join partnerships parent on parent.id = rl.parent_id
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

// The parts of one partnership. Each takes the tenant as $1 and the partnership as $2, so they
// run alone or together in one round trip (loadPartnershipWithParts).
const EVENTS_SQL = `select e.id, e.partnership_id as "partnershipId", e.kind, e.event_date as "eventDate",
    e.date_precision as "datePrecision", e.related_partnership_id as "relatedPartnershipId",
    r.name as "relatedPartnershipName", e.previous_name as "previousName", e.description, e.source,
    e.created, e.modified, e.version
  from lifecycle_events e left join partnerships r on r.id = e.related_partnership_id
  where e.tenant_id = $1 and e.partnership_id = $2 and e.deleted_at is null
  order by e.event_date, e.created`;

const MEMBERSHIPS_SQL = `select m.id, m.partnership_id as "partnershipId", m.person_id as "personId", pe.name as "personName",
    pe.honorific_prefix as "personHonorific", pe.kind as "personKind", pe.email as "personEmail",
    pe.phone as "personPhone", pe.post as "personPost", pe.portfolio as "personPortfolio",
    pe.party as "personParty", m.organisation_id as "organisationId", o.name as "organisationName",
    m.role, m.on_behalf_of_id as "onBehalfOfId", b.name as "onBehalfOfName", m.remit,
    m.start_date as "startDate", m.end_date as "endDate", m.created, m.modified, m.version
  from memberships m
  left join people pe on pe.id = m.person_id
  left join organisations o on o.id = m.organisation_id
  left join organisations b on b.id = m.on_behalf_of_id
  where m.tenant_id = $1 and m.partnership_id = $2 and m.deleted_at is null
  order by case m.role when 'chair' then 0 when 'vice_chair' then 1 else 2 end, coalesce(pe.name, o.name)`;

const CONTRIBUTIONS_SQL = `select c.id, c.partnership_id as "partnershipId", c.organisation_id as "organisationId",
    o.name as "organisationName", c.financial_year as "financialYear", c.amount_pence as "amountPence",
    c.note, c.created, c.modified, c.version
  from contributions c join organisations o on o.id = c.organisation_id
  where c.tenant_id = $1 and c.partnership_id = $2 and c.deleted_at is null
  order by c.financial_year desc, o.name`;

const DOCUMENTS_SQL = `select d.id, d.partnership_id as "partnershipId", d.title, d.kind, d.exempt_paragraph as "exemptParagraph", d.url, d.document_date as "documentDate",
    d.note, d.file_id as "fileId", f.filename, f.content_type as "contentType", f.size_bytes as "sizeBytes",
    d.created, d.modified, d.version
  from source_documents d left join files f on f.id = d.file_id
  where d.tenant_id = $1 and d.partnership_id = $2 and d.deleted_at is null
  order by d.document_date desc nulls last, d.title`;

/** Reporting lines where the partnership is the child (its parents over time) or the parent. */
const LINES_SQL = `select l.id, l.partnership_id as "partnershipId", c.name as "partnershipName", l.parent_id as "parentId",
    p.name as "parentName", l.start_date as "startDate", l.end_date as "endDate", l.version,
    (c.publication_state = 'published' and p.publication_state = 'published') as "bothPublished"
  from reporting_lines l join partnerships c on c.id = l.partnership_id join partnerships p on p.id = l.parent_id
  where l.tenant_id = $1 and l.deleted_at is null and c.deleted_at is null and p.deleted_at is null
    and (l.partnership_id = $2 or l.parent_id = $2)
  order by l.start_date nulls first, c.name`;

export const listEvents = (db: Queryable, tenantId: string, partnershipId: string) => db.query<EventRow>(EVENTS_SQL, [tenantId, partnershipId]);

/** Timestamps inside JSON arrive as strings; give them back their Date type. */
function reviveTimes<T>(rows: T[]): T[] {
  for (const row of rows as Record<string, unknown>[]) {
    for (const key of ['created', 'modified', 'deletedAt']) {
      if (typeof row[key] === 'string') row[key] = new Date(row[key] as string);
    }
  }
  return rows;
}

/** A partnership with every part and its area names, in one round trip to the database. */
export async function loadPartnershipWithParts(db: Queryable, tenantId: string, id: string) {
  const part = (sql: string) => `(select coalesce(json_agg(x), '[]'::json) from (${sql}) x)`;
  const rows = await db.query<{
    events: EventRow[]; memberships: MembershipRow[]; contributions: ContributionRow[]; documents: DocumentRow[];
    lines: ReportingLineRow[]; areas: { id: string; name: string }[];
  }>(
    `select ${part(EVENTS_SQL)} as events, ${part(MEMBERSHIPS_SQL)} as memberships,
       ${part(CONTRIBUTIONS_SQL)} as contributions, ${part(DOCUMENTS_SQL)} as documents, ${part(LINES_SQL)} as lines,
       ${part(`select a.id, a.name from areas a join partnerships p on a.id = any(p.area_ids) where p.tenant_id = $1 and p.id = $2 order by a.name`)} as areas`,
    [tenantId, id],
  );
  const r = rows[0]!;
  return {
    events: reviveTimes(r.events), memberships: reviveTimes(r.memberships), contributions: reviveTimes(r.contributions),
    documents: reviveTimes(r.documents), lines: r.lines, areas: r.areas,
  };
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
    [tenantId, partnershipId]);
  return { partnershipId, ...rows[0]! };
}

/** Everything the landscape needs, in three queries. */
export async function loadStructure(db: Queryable, tenantId: string, includeDrafts = false) {
  const [partnerships, events, lines] = await Promise.all([
    db.query<{ id: string; name: string; kind: string; subgroupType: string | null }>(
      `select id, name, kind, subgroup_type as "subgroupType" from partnerships
       where tenant_id = $1 and deleted_at is null and ($2 or publication_state = 'published')`, [tenantId, includeDrafts]),
    db.query<{ partnershipId: string; kind: EventKind; eventDate: string; previousName: string | null }>(
      `select partnership_id as "partnershipId", kind, event_date as "eventDate", previous_name as "previousName"
       from lifecycle_events where tenant_id = $1 and deleted_at is null`, [tenantId]),
    db.query<{ partnershipId: string; parentId: string; startDate: string | null; endDate: string | null }>(
      `select partnership_id as "partnershipId", parent_id as "parentId", start_date as "startDate",
         end_date as "endDate" from reporting_lines where tenant_id = $1 and deleted_at is null`, [tenantId]),
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

const WRITE_VALUES = (w: PartnershipWrite) => [w.name, w.shortName, w.kind, w.subgroupType, w.purpose, w.mission,
  w.responsibilities, w.termsOfReference, w.termsOfReferenceUrl, w.areaIds];

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
  const rows = await tx.query(
    `update partnerships set name = $4, short_name = $5, kind = $6, subgroup_type = $7, purpose = $8, mission = $9,
       responsibilities = $10, terms_of_reference = $11, terms_of_reference_url = $12, area_ids = $13
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, ...WRITE_VALUES(w)],
  );
  return rows.length === 1;
}

/** Marks a row of one of the register's tables deleted, leaving its tombstone. */
export async function softDelete(tx: Queryable, table: RegisterTable, tenantId: string, id: string, version?: number) {
  const rows = await tx.query(
    `update ${table} set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and deleted_at is null
     ${version === undefined ? '' : 'and version = $3'} returning id`,
    version === undefined ? [tenantId, id] : [tenantId, id, version],
  );
  return rows.length === 1;
}

export type RegisterTable = 'partnerships' | 'lifecycle_events' | 'memberships' | 'contributions' |
  'source_documents' | 'reporting_lines' | 'organisations' | 'people' | 'areas';

/** The partnership's parent on a date (null if it reports to nobody then). */
export async function currentParentLine(tx: Queryable, tenantId: string, partnershipId: string) {
  const rows = await tx.query<{ id: string; parentId: string; startDate: string | null }>(
    `select id, parent_id as "parentId", start_date as "startDate" from reporting_lines
     where tenant_id = $1 and partnership_id = $2 and deleted_at is null and end_date is null
     order by start_date desc nulls last limit 1`,
    [tenantId, partnershipId],
  );
  return rows[0] ?? null;
}

export async function insertReportingLine(tx: Queryable, tenantId: string, line: { partnershipId: string; parentId: string; startDate: string | null; endDate: string | null }) {
  const rows = await tx.query<{ id: string }>(
    `insert into reporting_lines (tenant_id, partnership_id, parent_id, start_date, end_date)
     values ($1, $2, $3, $4, $5) returning id`,
    [tenantId, line.partnershipId, line.parentId, line.startDate, line.endDate],
  );
  return rows[0]!.id;
}

export async function endReportingLine(tx: Queryable, tenantId: string, lineId: string, endDate: string) {
  await tx.query(`update reporting_lines set end_date = $3 where tenant_id = $1 and id = $2`, [tenantId, lineId, endDate]);
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

export async function insertEvent(tx: Queryable, tenantId: string, partnershipId: string, e: {
  kind: EventKind; eventDate: string; datePrecision: string; relatedPartnershipId: string | null;
  previousName: string | null; description: string; source: string | null;
}) {
  const rows = await tx.query<{ id: string }>(
    `insert into lifecycle_events (tenant_id, partnership_id, kind, event_date, date_precision,
       related_partnership_id, previous_name, description, source)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [tenantId, partnershipId, e.kind, e.eventDate, e.datePrecision, e.relatedPartnershipId, e.previousName,
      e.description, e.source],
  );
  return rows[0]!.id;
}

export async function insertMembership(tx: Queryable, tenantId: string, partnershipId: string, m: {
  personId: string | null; organisationId: string | null; role: string; onBehalfOfId: string | null;
  remit: string | null; startDate: string | null; endDate: string | null;
}) {
  const rows = await tx.query<{ id: string }>(
    `insert into memberships (tenant_id, partnership_id, person_id, organisation_id, role, on_behalf_of_id, remit,
       start_date, end_date) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [tenantId, partnershipId, m.personId, m.organisationId, m.role, m.onBehalfOfId, m.remit, m.startDate, m.endDate],
  );
  return rows[0]!.id;
}

export async function insertContribution(tx: Queryable, tenantId: string, partnershipId: string, c: {
  organisationId: string; financialYear: number; amountPence: number; note: string | null;
}) {
  const rows = await tx.query<{ id: string }>(
    `insert into contributions (tenant_id, partnership_id, organisation_id, financial_year, amount_pence, note)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [tenantId, partnershipId, c.organisationId, c.financialYear, c.amountPence, c.note],
  );
  return rows[0]!.id;
}

export async function insertDocument(tx: Queryable, tenantId: string, partnershipId: string, d: {
  title: string; kind?: string; url: string | null; documentDate: string | null; note: string | null; fileId?: string | null;
  exemptParagraph?: number | null;
}) {
  const rows = await tx.query<{ id: string }>(
    `insert into source_documents (tenant_id, partnership_id, title, kind, url, document_date, note, file_id, exempt_paragraph)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [tenantId, partnershipId, d.title, d.kind ?? 'other', d.url, d.documentDate, d.note, d.fileId ?? null, d.exemptParagraph ?? null],
  );
  return rows[0]!.id;
}

/** Ids that exist (not deleted) in a table of this tenant, to check references before writing. */
export async function existingIds(db: Queryable, table: RegisterTable, tenantId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(
    `select id from ${table} where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null`,
    [tenantId, ids],
  );
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
  const rows = await tx.query(
    `update partnerships set publication_state = $3, published_at = case when $3 = 'published' then clock_timestamp() else published_at end
     where tenant_id = $1 and id = $2 and deleted_at is null returning id`, [tenantId, id, state]);
  return rows.length === 1;
}
