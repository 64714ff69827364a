// SQL for published accountability reports (issue 16): the record that gives a published quarter of the
// quarterly update its identity, the publication of a partnership's health check for a year, and the lists the
// public pages and the API read. What is shown is always a frozen version (report_versions); a report is
// published when it has one of its own (an agenda item's paper is numbered by the item, never listed here).
import type { Queryable } from '../db/database.ts';
import { isPublic } from '../publication/visibility.ts';

export interface PublishedReportRow {
  id: string;
  kind: 'quarterly-update' | 'annual-review';
  title: string;
  number: number;
  dataReadAt: string;
  firstPublishedAt: string;
}

export interface HealthPublicationRow {
  id: string;
  partnershipId: string;
  year: number;
  withdrawn: boolean;
  version: number;
}

export interface PublishedHealthRow {
  id: string;
  partnershipId: string;
  partnershipName: string;
  year: number;
  number: number;
  dataReadAt: string;
}

const STAMP = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

/** The record of a published quarter, made the first time the quarter is published. */
export async function quarterlyPublication(db: Queryable, tenantId: string, quarterStart: string, create: boolean): Promise<string | null> {
  if (create)
    await db.query('insert into quarterly_update_publications (tenant_id, quarter_start) values ($1, $2) on conflict (quarter_start, tenant_id) do nothing', [
      tenantId,
      quarterStart,
    ]);
  const rows = await db.query<{ id: string }>('select id from quarterly_update_publications where tenant_id = $1 and quarter_start = $2', [
    tenantId,
    quarterStart,
  ]);
  return rows[0]?.id ?? null;
}

/**
 * Every published quarterly update and annual review with its latest version, newest data first. Only versions
 * of the report itself count: an annual review's versions as an agenda item's paper are numbered by the item.
 */
export async function publishedReports(db: Queryable, tenantId: string): Promise<PublishedReportRow[]> {
  return db
    .query<PublishedReportRow>(
      `select distinct on (v.report_id) v.report_id as id, v.kind, coalesce(v.content->>'title', '') as title, v.number,
       to_char(v.data_read_at at time zone 'UTC', ${STAMP}) as "dataReadAt",
       to_char((select min(f.created) from report_versions f where f.tenant_id = v.tenant_id and f.kind = v.kind and f.report_id = v.report_id)
         at time zone 'UTC', ${STAMP}) as "firstPublishedAt"
     from report_versions v
     where v.tenant_id = $1 and v.agenda_item_id is null and (
       (v.kind = 'quarterly-update' and exists (select 1 from quarterly_update_publications q where q.tenant_id = v.tenant_id and q.id = v.report_id))
       or (v.kind = 'annual-review' and exists (select 1 from annual_reviews a where a.tenant_id = v.tenant_id and a.id = v.report_id and a.deleted_at is null)))
     order by v.report_id, v.number desc`,
      [tenantId],
    )
    .then((rows) => rows.sort((a, b) => b.dataReadAt.localeCompare(a.dataReadAt)));
}

export async function healthPublication(db: Queryable, tenantId: string, partnershipId: string, year: number): Promise<HealthPublicationRow | null> {
  const rows = await db.query<HealthPublicationRow>(
    `select id, partnership_id as "partnershipId", year, withdrawn_at is not null as withdrawn, version
     from health_check_publications where tenant_id = $1 and partnership_id = $2 and year = $3`,
    [tenantId, partnershipId, year],
  );
  return rows[0] ?? null;
}

/** Publishes (or publishes again, after a withdrawal) a partnership's health check for a year: its record's id. */
export async function publishHealth(db: Queryable, tenantId: string, partnershipId: string, year: number): Promise<string> {
  const rows = await db.query<{ id: string }>(
    `insert into health_check_publications (tenant_id, partnership_id, year) values ($1, $2, $3)
     on conflict (partnership_id, year, tenant_id) do update set withdrawn_at = null
     returning id`,
    [tenantId, partnershipId, year],
  );
  return rows[0]!.id;
}

export async function withdrawHealth(db: Queryable, tenantId: string, partnershipId: string, year: number): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `update health_check_publications set withdrawn_at = clock_timestamp()
     where tenant_id = $1 and partnership_id = $2 and year = $3 and withdrawn_at is null returning id`,
    [tenantId, partnershipId, year],
  );
  return rows.length > 0;
}

/** The health checks the public may see: published, not withdrawn, of a partnership on the public register. */
export async function publishedHealthChecks(db: Queryable, tenantId: string, f: { partnershipId?: string; year?: number }): Promise<PublishedHealthRow[]> {
  return db
    .query<PublishedHealthRow>(
      `select distinct on (h.id) h.id, h.partnership_id as "partnershipId", p.name as "partnershipName", h.year, v.number,
       to_char(v.data_read_at at time zone 'UTC', ${STAMP}) as "dataReadAt"
     from health_check_publications h
     join partnerships p on p.tenant_id = h.tenant_id and p.id = h.partnership_id
     join report_versions v on v.tenant_id = h.tenant_id and v.kind = 'health-check' and v.report_id = h.id
     where h.tenant_id = $1 and h.withdrawn_at is null and ${isPublic('partnership', 'h.partnership_id')}
       and ($2::uuid is null or h.partnership_id = $2::uuid) and ($3::integer is null or h.year = $3::integer)
     order by h.id, v.number desc`,
      [tenantId, f.partnershipId ?? null, f.year ?? null],
    )
    .then((rows) => rows.sort((a, b) => b.year - a.year || a.partnershipName.localeCompare(b.partnershipName, 'en-GB')));
}

/** Whether the public may see a partnership (a health check of a draft partnership is not published). */
export async function partnershipIsPublic(db: Queryable, tenantId: string, partnershipId: string): Promise<boolean> {
  const rows = await db.query<{ shown: boolean }>(
    `select ${isPublic('partnership', 'p.id')} as shown from partnerships p where p.tenant_id = $1 and p.id = $2 and p.deleted_at is null`,
    [tenantId, partnershipId],
  );
  return rows[0]?.shown === true;
}

/**
 * The names of the records a published report must not name: partnerships not on the public register and
 * indicators not published. Publishing checks the frozen document against them.
 */
export async function hiddenNames(db: Queryable, tenantId: string): Promise<{ kind: string; name: string }[]> {
  return db.query<{ kind: string; name: string }>(
    `select 'partnership' as kind, p.name from partnerships p where p.tenant_id = $1 and p.deleted_at is null and not ${isPublic('partnership', 'p.id')}
     union all
     select 'indicator' as kind, i.title as name from indicators i where i.tenant_id = $1 and i.deleted_at is null and not ${isPublic('indicator', 'i.id')}`,
    [tenantId],
  );
}
