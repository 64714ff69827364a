// SQL for the parts of a partnership: its lifecycle events, memberships, contributions, source
// documents and reporting lines. Every query is scoped by tenant and skips tombstones.
import type { Queryable } from '../db/database.ts';
import type { EventKind } from './lifecycle.ts';

export interface EventRow {
  id: string;
  partnershipId: string;
  kind: EventKind;
  eventDate: string;
  datePrecision: 'day' | 'month' | 'year';
  relatedPartnershipId: string | null;
  relatedPartnershipName: string | null;
  /** Whether the public may see the related partnership (public_partnership in migration 0010). */
  relatedPartnershipPublic: boolean;
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
  status: 'proposed' | 'agreed' | 'paid';
  agreedOn: string | null;
  paidOn: string | null;
  kind: 'cash' | 'in_kind';
  inKindDescription: string | null;
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

// The parts of one partnership. Each takes the tenant as $1 and the partnership as $2, so they
// run alone or together in one round trip (loadPartnershipWithParts).
const EVENTS_SQL = `select e.id, e.partnership_id as "partnershipId", e.kind, e.event_date as "eventDate",
    e.date_precision as "datePrecision", e.related_partnership_id as "relatedPartnershipId",
    r.name as "relatedPartnershipName", public_partnership(e.related_partnership_id) as "relatedPartnershipPublic",
    e.previous_name as "previousName", e.description, e.source, e.created, e.modified, e.version
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
    c.note, c.status, c.agreed_on as "agreedOn", c.paid_on as "paidOn", c.kind, c.in_kind_description as "inKindDescription",
    c.created, c.modified, c.version
  from contributions c join organisations o on o.id = c.organisation_id
  where c.tenant_id = $1 and c.partnership_id = $2 and c.deleted_at is null and (not $3 or public_contribution(c.id))
  order by c.financial_year desc, o.name, c.kind`;

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
export async function loadPartnershipWithParts(db: Queryable, tenantId: string, id: string, publicOnly = false) {
  const part = (sql: string) => `(select coalesce(json_agg(x), '[]'::json) from (${sql}) x)`;
  const rows = await db.query<{
    events: EventRow[];
    memberships: MembershipRow[];
    contributions: ContributionRow[];
    documents: DocumentRow[];
    lines: ReportingLineRow[];
    areas: { id: string; name: string }[];
  }>(
    `select ${part(EVENTS_SQL)} as events, ${part(MEMBERSHIPS_SQL)} as memberships,
       ${part(CONTRIBUTIONS_SQL)} as contributions, ${part(DOCUMENTS_SQL)} as documents, ${part(LINES_SQL)} as lines,
       ${part(`select a.id, a.name from areas a join partnerships p on a.id = any(p.area_ids) where p.tenant_id = $1 and p.id = $2 order by a.name`)} as areas`,
    [tenantId, id, publicOnly],
  );
  const r = rows[0]!;
  return {
    events: reviveTimes(r.events),
    memberships: reviveTimes(r.memberships),
    contributions: reviveTimes(r.contributions),
    documents: reviveTimes(r.documents),
    lines: r.lines,
    areas: r.areas,
  };
}

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

export async function insertReportingLine(
  tx: Queryable,
  tenantId: string,
  line: { partnershipId: string; parentId: string; startDate: string | null; endDate: string | null },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into reporting_lines (tenant_id, partnership_id, parent_id, start_date, end_date)
     values ($1, $2, $3, $4, $5) returning id`,
    [tenantId, line.partnershipId, line.parentId, line.startDate, line.endDate],
  );
  return rows[0]!.id;
}

export async function endReportingLine(tx: Queryable, tenantId: string, lineId: string, endDate: string) {
  await tx.query<never>(`update reporting_lines set end_date = $3 where tenant_id = $1 and id = $2`, [tenantId, lineId, endDate]);
}

/** Marks a reporting line deleted, leaving its tombstone. */
export async function deleteReportingLine(tx: Queryable, tenantId: string, lineId: string) {
  await tx.query<{ id: string }>(
    `update reporting_lines set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and deleted_at is null returning id`,
    [tenantId, lineId],
  );
}

export async function insertEvent(
  tx: Queryable,
  tenantId: string,
  partnershipId: string,
  e: {
    kind: EventKind;
    eventDate: string;
    datePrecision: string;
    relatedPartnershipId: string | null;
    previousName: string | null;
    description: string;
    source: string | null;
  },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into lifecycle_events (tenant_id, partnership_id, kind, event_date, date_precision,
       related_partnership_id, previous_name, description, source)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [tenantId, partnershipId, e.kind, e.eventDate, e.datePrecision, e.relatedPartnershipId, e.previousName, e.description, e.source],
  );
  return rows[0]!.id;
}

export async function insertMembership(
  tx: Queryable,
  tenantId: string,
  partnershipId: string,
  m: {
    personId: string | null;
    organisationId: string | null;
    role: string;
    onBehalfOfId: string | null;
    remit: string | null;
    startDate: string | null;
    endDate: string | null;
  },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into memberships (tenant_id, partnership_id, person_id, organisation_id, role, on_behalf_of_id, remit,
       start_date, end_date) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [tenantId, partnershipId, m.personId, m.organisationId, m.role, m.onBehalfOfId, m.remit, m.startDate, m.endDate],
  );
  return rows[0]!.id;
}

export async function insertContribution(
  tx: Queryable,
  tenantId: string,
  partnershipId: string,
  c: {
    organisationId: string;
    financialYear: number;
    amountPence: number;
    note: string | null;
    status?: string;
    agreedOn?: string | null;
    paidOn?: string | null;
    kind?: string;
    inKindDescription?: string | null;
  },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into contributions (tenant_id, partnership_id, organisation_id, financial_year, amount_pence, note, status, agreed_on, paid_on, kind, in_kind_description)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [
      tenantId,
      partnershipId,
      c.organisationId,
      c.financialYear,
      c.amountPence,
      c.note,
      c.status ?? 'agreed',
      c.agreedOn ?? null,
      c.paidOn ?? null,
      c.kind ?? 'cash',
      c.kind === 'in_kind' ? (c.inKindDescription ?? null) : null,
    ],
  );
  return rows[0]!.id;
}

export async function insertDocument(
  tx: Queryable,
  tenantId: string,
  partnershipId: string,
  d: {
    title: string;
    kind?: string;
    url: string | null;
    documentDate: string | null;
    note: string | null;
    fileId?: string | null;
    exemptParagraph?: number | null;
  },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into source_documents (tenant_id, partnership_id, title, kind, url, document_date, note, file_id, exempt_paragraph)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
    [tenantId, partnershipId, d.title, d.kind ?? 'other', d.url, d.documentDate, d.note, d.fileId ?? null, d.exemptParagraph ?? null],
  );
  return rows[0]!.id;
}

/** A live membership of the partnership (its start date), or null when there is none. */
export async function getMembershipStart(tx: Queryable, tenantId: string, partnershipId: string, membershipId: string) {
  const rows = await tx.query<{ startDate: string | null }>(
    `select start_date as "startDate" from memberships where tenant_id = $1 and id = $2 and partnership_id = $3 and deleted_at is null`,
    [tenantId, membershipId, partnershipId],
  );
  return rows[0] ?? null;
}

export async function setMembershipEnd(tx: Queryable, tenantId: string, membershipId: string, endDate: string) {
  await tx.query<never>(`update memberships set end_date = $3 where tenant_id = $1 and id = $2`, [tenantId, membershipId, endDate]);
}

// Removing a part: one fixed statement per kind of part (the kinds are the pages' and the API's
// path segments), so no SQL is assembled from a table name. Each takes tenant, part, partnership.
const REMOVE_PART = {
  events: (tx: Queryable, params: unknown[]) =>
    tx.query<{ id: string }>(
      `update lifecycle_events set deleted_at = clock_timestamp()
     where tenant_id = $1 and id = $2 and partnership_id = $3 and deleted_at is null returning id`,
      params,
    ),
  memberships: (tx: Queryable, params: unknown[]) =>
    tx.query<{ id: string }>(
      `update memberships set deleted_at = clock_timestamp()
     where tenant_id = $1 and id = $2 and partnership_id = $3 and deleted_at is null returning id`,
      params,
    ),
  contributions: (tx: Queryable, params: unknown[]) =>
    tx.query<{ id: string }>(
      `update contributions set deleted_at = clock_timestamp()
     where tenant_id = $1 and id = $2 and partnership_id = $3 and deleted_at is null returning id`,
      params,
    ),
  documents: (tx: Queryable, params: unknown[]) =>
    tx.query<{ id: string }>(
      `update source_documents set deleted_at = clock_timestamp()
     where tenant_id = $1 and id = $2 and partnership_id = $3 and deleted_at is null returning id`,
      params,
    ),
  'reporting-lines': (tx: Queryable, params: unknown[]) =>
    tx.query<{ id: string }>(
      `update reporting_lines set deleted_at = clock_timestamp()
     where tenant_id = $1 and id = $2 and partnership_id = $3 and deleted_at is null returning id`,
      params,
    ),
};
export type PartKind = keyof typeof REMOVE_PART;
export const PART_KINDS = Object.keys(REMOVE_PART) as PartKind[];

/** Marks one part of the partnership deleted; false when there is no such live part. */
export async function removePart(tx: Queryable, tenantId: string, partnershipId: string, kind: PartKind, partId: string) {
  const rows = await REMOVE_PART[kind](tx, [tenantId, partId, partnershipId]);
  return rows.length === 1;
}
