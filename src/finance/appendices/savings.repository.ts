// SQL for the savings tracker: one row per saving and year, its quarterly phasing in pence, and the partner
// organisations it links with. The tracker's totals are derived (rules.ts), never stored.
import type { Queryable } from '../../db/database.ts';

export interface SavingInput {
  reference: string;
  title: string;
  description: string;
  committee: string;
  bodyId: string | null;
  workstream: string;
  kind: 'bp_saving' | 'funnel';
  investmentPence: number;
  plannedPence: [number, number, number, number];
  forecastPence: [number, number, number, number];
  complete: boolean;
  rag: 'red' | 'amber' | 'green' | null;
  direction: 'improving' | 'same' | 'worsening' | null;
  commentary: string;
  partnerLinks: string;
}

interface SavingColumns {
  id: string;
  financialYear: string;
  reference: string;
  title: string;
  description: string;
  committee: string;
  bodyId: string | null;
  bodyName: string | null;
  workstream: string;
  kind: 'bp_saving' | 'funnel';
  investmentPence: number;
  plannedQ1: number;
  plannedQ2: number;
  plannedQ3: number;
  plannedQ4: number;
  forecastQ1: number;
  forecastQ2: number;
  forecastQ3: number;
  forecastQ4: number;
  complete: boolean;
  rag: 'red' | 'amber' | 'green' | null;
  direction: 'improving' | 'same' | 'worsening' | null;
  commentary: string;
  partnerLinks: string;
  position: number;
  version: number;
  modified: Date;
}

export interface SavingRow extends Omit<SavingColumns, `plannedQ${1 | 2 | 3 | 4}` | `forecastQ${1 | 2 | 3 | 4}`> {
  plannedPence: [number, number, number, number];
  forecastPence: [number, number, number, number];
}

const toSaving = ({ plannedQ1, plannedQ2, plannedQ3, plannedQ4, forecastQ1, forecastQ2, forecastQ3, forecastQ4, ...rest }: SavingColumns): SavingRow => ({
  ...rest,
  plannedPence: [plannedQ1, plannedQ2, plannedQ3, plannedQ4],
  forecastPence: [forecastQ1, forecastQ2, forecastQ3, forecastQ4],
});

export async function listSavings(db: Queryable, tenantId: string, year: string): Promise<SavingRow[]> {
  const rows = await db.query<SavingColumns>(
    `select s.id, s.financial_year as "financialYear", s.reference, s.title, s.description, s.committee, s.body_id as "bodyId", b.name as "bodyName",
       s.workstream, s.kind, s.investment_pence as "investmentPence",
       s.planned_q1_pence as "plannedQ1", s.planned_q2_pence as "plannedQ2", s.planned_q3_pence as "plannedQ3", s.planned_q4_pence as "plannedQ4",
       s.forecast_q1_pence as "forecastQ1", s.forecast_q2_pence as "forecastQ2", s.forecast_q3_pence as "forecastQ3", s.forecast_q4_pence as "forecastQ4",
       s.complete, s.rag, s.direction, s.commentary, s.partner_links as "partnerLinks", s.position, s.version, s.modified
     from finance_savings s left join bodies b on b.id = s.body_id and b.deleted_at is null
     where s.tenant_id = $1 and s.financial_year = $2 and s.deleted_at is null order by s.position, s.reference, s.id`,
    [tenantId, year],
  );
  return rows.map(toSaving);
}

export async function getSaving(db: Queryable, tenantId: string, id: string): Promise<SavingRow | null> {
  const rows = await db.query<SavingColumns>(
    `select s.id, s.financial_year as "financialYear", s.reference, s.title, s.description, s.committee, s.body_id as "bodyId", b.name as "bodyName",
       s.workstream, s.kind, s.investment_pence as "investmentPence",
       s.planned_q1_pence as "plannedQ1", s.planned_q2_pence as "plannedQ2", s.planned_q3_pence as "plannedQ3", s.planned_q4_pence as "plannedQ4",
       s.forecast_q1_pence as "forecastQ1", s.forecast_q2_pence as "forecastQ2", s.forecast_q3_pence as "forecastQ3", s.forecast_q4_pence as "forecastQ4",
       s.complete, s.rag, s.direction, s.commentary, s.partner_links as "partnerLinks", s.position, s.version, s.modified
     from finance_savings s left join bodies b on b.id = s.body_id and b.deleted_at is null
     where s.tenant_id = $1 and s.id = $2 and s.deleted_at is null`,
    [tenantId, id],
  );
  return rows[0] ? toSaving(rows[0]) : null;
}

const savingParams = (s: SavingInput) => [
  s.reference,
  s.title,
  s.description,
  s.committee,
  s.bodyId,
  s.workstream,
  s.kind,
  s.investmentPence,
  ...s.plannedPence,
  ...s.forecastPence,
  s.complete,
  s.rag,
  s.direction,
  s.commentary,
  s.partnerLinks,
];

export async function insertSaving(tx: Queryable, tenantId: string, year: string, s: SavingInput): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `insert into finance_savings (tenant_id, financial_year, reference, title, description, committee, body_id, workstream, kind, investment_pence,
       planned_q1_pence, planned_q2_pence, planned_q3_pence, planned_q4_pence, forecast_q1_pence, forecast_q2_pence, forecast_q3_pence, forecast_q4_pence,
       complete, rag, direction, commentary, partner_links, position)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23,
       (select coalesce(max(position), 0) + 1 from finance_savings where tenant_id = $1 and financial_year = $2 and deleted_at is null))
     returning id`,
    [tenantId, year, ...savingParams(s)],
  );
  return rows[0]!.id;
}

export async function updateSaving(tx: Queryable, tenantId: string, id: string, version: number | null, s: SavingInput): Promise<boolean> {
  // A null version (an import by reference) overwrites whatever is there.
  const rows = await tx.query<{ id: string }>(
    `update finance_savings set reference = $4, title = $5, description = $6, committee = $7, body_id = $8, workstream = $9, kind = $10,
       investment_pence = $11, planned_q1_pence = $12, planned_q2_pence = $13, planned_q3_pence = $14, planned_q4_pence = $15,
       forecast_q1_pence = $16, forecast_q2_pence = $17, forecast_q3_pence = $18, forecast_q4_pence = $19,
       complete = $20, rag = $21, direction = $22, commentary = $23, partner_links = $24
     where tenant_id = $1 and id = $2 and ($3::int is null or version = $3) and deleted_at is null returning id`,
    [tenantId, id, version, ...savingParams(s)],
  );
  return rows.length === 1;
}

/** The live savings of a year by lower-cased reference (an import updates these and adds the rest). */
export async function savingIdsByReference(db: Queryable, tenantId: string, year: string): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; reference: string }>(
    'select id, lower(reference) as reference from finance_savings where tenant_id = $1 and financial_year = $2 and deleted_at is null',
    [tenantId, year],
  );
  return new Map(rows.map((r) => [r.reference, r.id]));
}

/** Whether another live saving of the year has this reference. */
export async function referenceTaken(db: Queryable, tenantId: string, year: string, reference: string, exceptId: string | null): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    `select id from finance_savings where tenant_id = $1 and financial_year = $2 and lower(reference) = lower($3) and deleted_at is null
       and ($4::uuid is null or id <> $4::uuid)`,
    [tenantId, year, reference, exceptId],
  );
  return rows.length > 0;
}

// ---- Partner organisations ----

export interface PartnerRow {
  savingId: string;
  organisationId: string;
  name: string;
}

export const partnersOf = (db: Queryable, tenantId: string, savingIds: string[]) =>
  db.query<PartnerRow>(
    `select p.saving_id as "savingId", o.id as "organisationId", o.name
     from finance_saving_partners p join organisations o on o.id = p.organisation_id and o.deleted_at is null
     where p.tenant_id = $1 and p.saving_id = any($2::uuid[]) and p.deleted_at is null order by o.name`,
    [tenantId, savingIds],
  );

/** Makes the saving's partner organisations exactly these (removed ones are tombstoned, so the audit trail shows them). */
export async function setPartners(tx: Queryable, tenantId: string, savingId: string, organisationIds: string[]): Promise<void> {
  await tx.query(
    `update finance_saving_partners set deleted_at = clock_timestamp()
     where tenant_id = $1 and saving_id = $2 and deleted_at is null and not (organisation_id = any($3::uuid[]))`,
    [tenantId, savingId, organisationIds],
  );
  await tx.query(
    `insert into finance_saving_partners (tenant_id, saving_id, organisation_id)
     select $1, $2, o from unnest($3::uuid[]) as o
     where not exists (select 1 from finance_saving_partners p where p.saving_id = $2 and p.organisation_id = o and p.deleted_at is null)`,
    [tenantId, savingId, organisationIds],
  );
}

// ---- What the forms offer ----

export const organisationChoices = (db: Queryable, tenantId: string) =>
  db.query<{ id: string; name: string }>('select id, name from organisations where tenant_id = $1 and deleted_at is null order by name', [tenantId]);

export const bodyChoices = (db: Queryable, tenantId: string) =>
  db.query<{ id: string; name: string }>('select id, name from bodies where tenant_id = $1 and deleted_at is null order by name', [tenantId]);

/** Organisations of the tenant among these ids (to refuse a tampered form). */
export async function knownOrganisations(db: Queryable, tenantId: string, ids: string[]): Promise<string[]> {
  const rows = await db.query<{ id: string }>('select id from organisations where tenant_id = $1 and id = any($2::uuid[]) and deleted_at is null', [
    tenantId,
    ids,
  ]);
  return rows.map((r) => r.id);
}
