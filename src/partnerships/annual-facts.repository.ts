// What the annual review of strategic partnerships (src/reports, seed 002) reads from the register: every
// partnership with its timeline and reporting lines (the landscape, from which the review's changes and
// sub-groups are worked out), the people appointed to the partnerships with their dates, and every year's
// contributions with their status.
import type { Queryable } from '../db/database.ts';
import type { EventKind } from './lifecycle.ts';

export interface LandscapePartnershipRow {
  id: string;
  name: string;
  kind: string;
  subgroupType: string | null;
  purpose: string;
  mission: string | null;
}
export interface LandscapeEventRow {
  partnershipId: string;
  kind: EventKind;
  eventDate: string;
  datePrecision: 'day' | 'month' | 'year';
  description: string;
  relatedId: string | null;
}
export interface ReportingLineRow {
  partnershipId: string;
  parentId: string;
  startDate: string | null;
  endDate: string | null;
}

/** The whole register (not deleted): partnerships, their timeline events and reporting lines. */
export async function landscapeOf(db: Queryable, tenantId: string) {
  const [partnerships, events, lines] = await Promise.all([
    db.query<LandscapePartnershipRow>(
      `select id, name, kind, subgroup_type as "subgroupType", purpose, mission from partnerships
       where tenant_id = $1 and deleted_at is null order by lower(name)`,
      [tenantId],
    ),
    db.query<LandscapeEventRow>(
      `select e.partnership_id as "partnershipId", e.kind, e.event_date as "eventDate", e.date_precision as "datePrecision",
         e.description, e.related_partnership_id as "relatedId"
       from lifecycle_events e join partnerships p on p.id = e.partnership_id and p.deleted_at is null
       where e.tenant_id = $1 and e.deleted_at is null order by e.event_date, e.created`,
      [tenantId],
    ),
    db.query<ReportingLineRow>(
      `select r.partnership_id as "partnershipId", r.parent_id as "parentId", r.start_date as "startDate", r.end_date as "endDate"
       from reporting_lines r join partnerships p on p.id = r.partnership_id and p.deleted_at is null
       where r.tenant_id = $1 and r.deleted_at is null`,
      [tenantId],
    ),
  ]);
  return { partnerships, events, lines };
}

export interface AppointmentRow {
  partnershipId: string;
  personId: string;
  name: string;
  kind: string;
  post: string | null;
  portfolio: string | null;
  role: string;
  organisationId: string | null;
  onBehalfOfId: string | null;
  startDate: string | null;
  endDate: string | null;
}

/** Every person's membership of the partnerships, whatever its dates (the review chooses those on its date). */
export async function appointmentsOf(db: Queryable, tenantId: string, ids: string[]) {
  return db.query<AppointmentRow>(
    `select m.partnership_id as "partnershipId", pe.id as "personId", concat_ws(' ', pe.honorific_prefix, pe.name) as name, pe.kind,
       pe.post, pe.portfolio, m.role, pe.organisation_id as "organisationId", m.on_behalf_of_id as "onBehalfOfId",
       m.start_date as "startDate", m.end_date as "endDate"
     from memberships m join people pe on pe.id = m.person_id and pe.deleted_at is null
     where m.tenant_id = $1 and m.partnership_id = any($2::uuid[]) and m.deleted_at is null
     order by lower(pe.name), m.role`,
    [tenantId, ids],
  );
}

export interface YearContributionRow {
  partnershipId: string;
  organisationId: string;
  organisationName: string;
  financialYear: number;
  amountPence: number;
  status: 'proposed' | 'agreed' | 'paid';
  kind: 'cash' | 'in_kind';
}

/** Every organisation's contributions to the partnerships, every year, with their status. */
export async function contributionsByYear(db: Queryable, tenantId: string, ids: string[]) {
  return db.query<YearContributionRow>(
    `select c.partnership_id as "partnershipId", c.organisation_id as "organisationId", o.name as "organisationName",
       c.financial_year as "financialYear", c.amount_pence::float8 as "amountPence", c.status, c.kind
     from contributions c join organisations o on o.id = c.organisation_id
     where c.tenant_id = $1 and c.partnership_id = any($2::uuid[]) and c.deleted_at is null
     order by c.financial_year, lower(o.name)`,
    [tenantId, ids],
  );
}
