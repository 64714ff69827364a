// What the quarterly update to Cabinet (src/reports, seed 001) reads from the register: each partnership's
// purpose and responsibilities, its officer and member contacts on a date, landscape events, funding and
// source documents.
import type { Queryable } from '../db/database.ts';

export interface QuarterlyPartnershipRow {
  id: string;
  name: string;
  purpose: string;
  mission: string | null;
  responsibilities: string[];
}

export async function quarterlyPartnerships(db: Queryable, tenantId: string, ids: string[] | null) {
  return db.query<QuarterlyPartnershipRow>(
    `select id, name, purpose, mission, responsibilities from partnerships
     where tenant_id = $1 and deleted_at is null and ($2::uuid[] is null or id = any($2::uuid[])) order by lower(name)`,
    [tenantId, ids],
  );
}

export interface ContactRow {
  partnershipId: string;
  role: string;
  name: string;
  post: string | null;
  portfolio: string | null;
  email: string | null;
  phone: string | null;
}

/** The officer and member contacts (and lead officers) of the partnerships on a date. */
export async function contactsOn(db: Queryable, tenantId: string, ids: string[], asAt: string) {
  return db.query<ContactRow>(
    `select m.partnership_id as "partnershipId", m.role, concat_ws(' ', pe.honorific_prefix, pe.name) as name, pe.post, pe.portfolio, pe.email, pe.phone
     from memberships m join people pe on pe.id = m.person_id and pe.deleted_at is null
     where m.tenant_id = $1 and m.partnership_id = any($2::uuid[]) and m.deleted_at is null
       and m.role in ('officer_contact', 'lead_officer', 'member_contact')
       and (m.start_date is null or m.start_date <= $3::date) and (m.end_date is null or m.end_date >= $3::date)
     order by m.role, lower(pe.name)`,
    [tenantId, ids, asAt],
  );
}

/** Landscape events (established, merged, wound up...) of the partnerships between two dates. */
export async function eventsBetween(db: Queryable, tenantId: string, ids: string[], from: string, to: string) {
  return db.query<{ partnershipId: string; kind: string; eventDate: string; description: string }>(
    `select partnership_id as "partnershipId", kind, event_date as "eventDate", description from lifecycle_events
     where tenant_id = $1 and partnership_id = any($2::uuid[]) and deleted_at is null and event_date between $3::date and $4::date
     order by event_date`,
    [tenantId, ids, from, to],
  );
}

/** Every organisation's contribution to the partnerships for one financial year. */
export async function fundingOf(db: Queryable, tenantId: string, ids: string[], financialYear: number) {
  return db.query<{ partnershipId: string; organisationName: string; amountPence: number; note: string | null }>(
    `select c.partnership_id as "partnershipId", o.name as "organisationName", c.amount_pence::float8 as "amountPence", c.note
     from contributions c join organisations o on o.id = c.organisation_id
     where c.tenant_id = $1 and c.partnership_id = any($2::uuid[]) and c.financial_year = $3 and c.deleted_at is null
     order by lower(o.name)`,
    [tenantId, ids, financialYear],
  );
}

// Background papers a report to Cabinet lists: an exempt document (Schedule 12A) is not one the public may inspect, so it is left out.
export async function sourceDocumentsOf(db: Queryable, tenantId: string, ids: string[]) {
  return db.query<{ partnershipId: string; title: string; url: string | null; note: string | null }>(
    `select partnership_id as "partnershipId", title, url, note from source_documents
     where tenant_id = $1 and partnership_id = any($2::uuid[]) and deleted_at is null and exempt_paragraph is null order by lower(title)`,
    [tenantId, ids],
  );
}
