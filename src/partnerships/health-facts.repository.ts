// What the Principles health check (src/reports) reads from the register: the partnership itself,
// the council's contacts and councillors on it, and the council's contributions.
import type { Queryable } from '../db/database.ts';

export interface HealthPartnershipRow {
  id: string;
  name: string;
  published: boolean;
  hasTermsOfReference: boolean;
}

/** Partnerships in the register (not deleted), with whether they are public and have terms of reference. */
export async function healthPartnerships(db: Queryable, tenantId: string, ids: string[] | null) {
  return db.query<HealthPartnershipRow>(
    `select id, name, publication_state = 'published' as published,
       (coalesce(btrim(terms_of_reference), '') <> '' or coalesce(btrim(terms_of_reference_url), '') <> '') as "hasTermsOfReference"
     from partnerships where tenant_id = $1 and deleted_at is null and ($2::uuid[] is null or id = any($2::uuid[]))
     order by lower(name)`,
    [tenantId, ids],
  );
}

export interface PartnershipPersonRow {
  partnershipId: string;
  personId: string;
  name: string;
  role: string;
  kind: string;
  organisationId: string | null;
  hasContact: boolean;
}

/** People on the partnerships on a date, in any role, with whether they have an e-mail address or telephone number. */
export async function peopleOnPartnerships(db: Queryable, tenantId: string, ids: string[], asAt: string) {
  return db.query<PartnershipPersonRow>(
    `select m.partnership_id as "partnershipId", pe.id as "personId", pe.name, m.role, pe.kind, pe.organisation_id as "organisationId",
       (coalesce(btrim(pe.email), '') <> '' or coalesce(btrim(pe.phone), '') <> '') as "hasContact"
     from memberships m join people pe on pe.id = m.person_id and pe.deleted_at is null
     where m.tenant_id = $1 and m.partnership_id = any($2::uuid[]) and m.deleted_at is null
       and (m.start_date is null or m.start_date <= $3::date) and (m.end_date is null or m.end_date >= $3::date)
     order by lower(pe.name)`,
    [tenantId, ids, asAt],
  );
}

/** One organisation's contributions to the partnerships, every year: agreed or paid, cash or in kind (a proposed one commits nothing yet). */
export async function contributionsOf(db: Queryable, tenantId: string, ids: string[], organisationId: string) {
  return db.query<{ partnershipId: string; financialYear: number; amountPence: number }>(
    `select partnership_id as "partnershipId", financial_year as "financialYear", amount_pence as "amountPence"
     from contributions where tenant_id = $1 and partnership_id = any($2::uuid[]) and organisation_id = $3 and deleted_at is null
       and status <> 'proposed'
     order by financial_year`,
    [tenantId, ids, organisationId],
  );
}
