// SQL for grant income, reserves and the capital programme and its funding (the savings tracker is in
// savings.repository.ts). Amounts are bigint pence (read as numbers); totals and variances are derived
// by rules.ts, never stored. Every change runs in a transaction the caller opens, so the audit trigger
// records who made it.
import type { Queryable } from '../../db/database.ts';

export interface GrantInput {
  kind: 'non_baselined' | 'baselined';
  name: string;
  awardingBody: string;
  amountPence: number;
}
export interface GrantRow extends GrantInput {
  id: string;
  financialYear: string;
  position: number;
  version: number;
  modified: Date;
}

export interface ReserveInput {
  kind: 'revenue' | 'capital';
  section: string;
  serviceGroup: string;
  name: string;
  openingPence: number;
  movementPence: number;
  yearEndPence: number;
  notes: string;
}
export interface ReserveRow extends ReserveInput {
  id: string;
  financialYear: string;
  position: number;
  version: number;
  modified: Date;
}

export interface SchemeInput {
  name: string;
  originalBudgetPence: number;
  revisedBudgetPence: number;
  actualPence: number;
  totalSchemeBudgetPence: number;
  totalSchemeForecastPence: number;
  notes: string;
}
export interface SchemeRow extends SchemeInput {
  id: string;
  financialYear: string;
  position: number;
  version: number;
  modified: Date;
}

export interface FundingInput {
  source: string;
  originalPence: number;
  revisedPence: number;
  outturnPence: number;
}
export interface FundingRow extends FundingInput {
  id: string;
  financialYear: string;
  position: number;
  version: number;
  modified: Date;
}

/** The tables of the appendices, by the name the pages and the API use for them. */
export const APPENDIX_TABLES = {
  grants: 'finance_grants',
  reserves: 'finance_reserves',
  'capital-schemes': 'finance_capital_schemes',
  'capital-funding': 'finance_capital_funding',
  savings: 'finance_savings',
} as const;
export type AppendixKey = keyof typeof APPENDIX_TABLES;

// ---- Grants ----

export const listGrants = (db: Queryable, tenantId: string, year: string) =>
  db.query<GrantRow>(
    `select id, financial_year as "financialYear", kind, name, awarding_body as "awardingBody", amount_pence as "amountPence", position, version, modified
     from finance_grants where tenant_id = $1 and financial_year = $2 and deleted_at is null order by position, name, id`,
    [tenantId, year],
  );

export async function getGrant(db: Queryable, tenantId: string, id: string): Promise<GrantRow | null> {
  const rows = await db.query<GrantRow>(
    `select id, financial_year as "financialYear", kind, name, awarding_body as "awardingBody", amount_pence as "amountPence", position, version, modified
     from finance_grants where tenant_id = $1 and id = $2 and deleted_at is null`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

export async function insertGrant(tx: Queryable, tenantId: string, year: string, g: GrantInput): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `insert into finance_grants (tenant_id, financial_year, kind, name, awarding_body, amount_pence, position)
     values ($1, $2, $3, $4, $5, $6,
       (select coalesce(max(position), 0) + 1 from finance_grants where tenant_id = $1 and financial_year = $2 and deleted_at is null))
     returning id`,
    [tenantId, year, g.kind, g.name, g.awardingBody, g.amountPence],
  );
  return rows[0]!.id;
}

export async function updateGrant(tx: Queryable, tenantId: string, id: string, version: number, g: GrantInput): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `update finance_grants set kind = $4, name = $5, awarding_body = $6, amount_pence = $7
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, g.kind, g.name, g.awardingBody, g.amountPence],
  );
  return rows.length === 1;
}

// ---- Reserves ----

export const listReserves = (db: Queryable, tenantId: string, year: string) =>
  db.query<ReserveRow>(
    `select id, financial_year as "financialYear", kind, section, service_group as "serviceGroup", name, opening_pence as "openingPence",
       movement_pence as "movementPence", year_end_pence as "yearEndPence", notes, position, version, modified
     from finance_reserves where tenant_id = $1 and financial_year = $2 and deleted_at is null
     order by kind desc, position, name, id`,
    [tenantId, year],
  );

export async function getReserve(db: Queryable, tenantId: string, id: string): Promise<ReserveRow | null> {
  const rows = await db.query<ReserveRow>(
    `select id, financial_year as "financialYear", kind, section, service_group as "serviceGroup", name, opening_pence as "openingPence",
       movement_pence as "movementPence", year_end_pence as "yearEndPence", notes, position, version, modified
     from finance_reserves where tenant_id = $1 and id = $2 and deleted_at is null`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

export async function insertReserve(tx: Queryable, tenantId: string, year: string, r: ReserveInput): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `insert into finance_reserves (tenant_id, financial_year, kind, section, service_group, name, opening_pence, movement_pence, year_end_pence, notes, position)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
       (select coalesce(max(position), 0) + 1 from finance_reserves where tenant_id = $1 and financial_year = $2 and deleted_at is null))
     returning id`,
    [tenantId, year, r.kind, r.section, r.serviceGroup, r.name, r.openingPence, r.movementPence, r.yearEndPence, r.notes],
  );
  return rows[0]!.id;
}

export async function updateReserve(tx: Queryable, tenantId: string, id: string, version: number, r: ReserveInput): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `update finance_reserves set kind = $4, section = $5, service_group = $6, name = $7, opening_pence = $8, movement_pence = $9,
       year_end_pence = $10, notes = $11
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, r.kind, r.section, r.serviceGroup, r.name, r.openingPence, r.movementPence, r.yearEndPence, r.notes],
  );
  return rows.length === 1;
}

// ---- Capital schemes ----

export const listSchemes = (db: Queryable, tenantId: string, year: string) =>
  db.query<SchemeRow>(
    `select id, financial_year as "financialYear", name, original_budget_pence as "originalBudgetPence", revised_budget_pence as "revisedBudgetPence",
       actual_pence as "actualPence", total_scheme_budget_pence as "totalSchemeBudgetPence", total_scheme_forecast_pence as "totalSchemeForecastPence",
       notes, position, version, modified
     from finance_capital_schemes where tenant_id = $1 and financial_year = $2 and deleted_at is null order by position, name, id`,
    [tenantId, year],
  );

export async function getScheme(db: Queryable, tenantId: string, id: string): Promise<SchemeRow | null> {
  const rows = await db.query<SchemeRow>(
    `select id, financial_year as "financialYear", name, original_budget_pence as "originalBudgetPence", revised_budget_pence as "revisedBudgetPence",
       actual_pence as "actualPence", total_scheme_budget_pence as "totalSchemeBudgetPence", total_scheme_forecast_pence as "totalSchemeForecastPence",
       notes, position, version, modified
     from finance_capital_schemes where tenant_id = $1 and id = $2 and deleted_at is null`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

export async function insertScheme(tx: Queryable, tenantId: string, year: string, s: SchemeInput): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `insert into finance_capital_schemes (tenant_id, financial_year, name, original_budget_pence, revised_budget_pence, actual_pence,
       total_scheme_budget_pence, total_scheme_forecast_pence, notes, position)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9,
       (select coalesce(max(position), 0) + 1 from finance_capital_schemes where tenant_id = $1 and financial_year = $2 and deleted_at is null))
     returning id`,
    [tenantId, year, s.name, s.originalBudgetPence, s.revisedBudgetPence, s.actualPence, s.totalSchemeBudgetPence, s.totalSchemeForecastPence, s.notes],
  );
  return rows[0]!.id;
}

export async function updateScheme(tx: Queryable, tenantId: string, id: string, version: number, s: SchemeInput): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `update finance_capital_schemes set name = $4, original_budget_pence = $5, revised_budget_pence = $6, actual_pence = $7,
       total_scheme_budget_pence = $8, total_scheme_forecast_pence = $9, notes = $10
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, s.name, s.originalBudgetPence, s.revisedBudgetPence, s.actualPence, s.totalSchemeBudgetPence, s.totalSchemeForecastPence, s.notes],
  );
  return rows.length === 1;
}

// ---- Capital funding ----

export const listFunding = (db: Queryable, tenantId: string, year: string) =>
  db.query<FundingRow>(
    `select id, financial_year as "financialYear", source, original_pence as "originalPence", revised_pence as "revisedPence",
       outturn_pence as "outturnPence", position, version, modified
     from finance_capital_funding where tenant_id = $1 and financial_year = $2 and deleted_at is null order by position, source, id`,
    [tenantId, year],
  );

export async function getFunding(db: Queryable, tenantId: string, id: string): Promise<FundingRow | null> {
  const rows = await db.query<FundingRow>(
    `select id, financial_year as "financialYear", source, original_pence as "originalPence", revised_pence as "revisedPence",
       outturn_pence as "outturnPence", position, version, modified
     from finance_capital_funding where tenant_id = $1 and id = $2 and deleted_at is null`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

export async function insertFunding(tx: Queryable, tenantId: string, year: string, f: FundingInput): Promise<string> {
  const rows = await tx.query<{ id: string }>(
    `insert into finance_capital_funding (tenant_id, financial_year, source, original_pence, revised_pence, outturn_pence, position)
     values ($1, $2, $3, $4, $5, $6,
       (select coalesce(max(position), 0) + 1 from finance_capital_funding where tenant_id = $1 and financial_year = $2 and deleted_at is null))
     returning id`,
    [tenantId, year, f.source, f.originalPence, f.revisedPence, f.outturnPence],
  );
  return rows[0]!.id;
}

export async function updateFunding(tx: Queryable, tenantId: string, id: string, version: number, f: FundingInput): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `update finance_capital_funding set source = $4, original_pence = $5, revised_pence = $6, outturn_pence = $7
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, f.source, f.originalPence, f.revisedPence, f.outturnPence],
  );
  return rows.length === 1;
}

// ---- Shared ----

/** Deletes (tombstones) a row of an appendix; false when there was none. */
export async function deleteRow(tx: Queryable, tenantId: string, appendix: AppendixKey, id: string, version: number): Promise<boolean> {
  const table = APPENDIX_TABLES[appendix];
  const rows = await tx.query<{ id: string }>(
    `update ${table} set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version],
  );
  return rows.length === 1;
}

/** Whether a live row exists (to tell a stale version from a deleted row). */
export async function rowExists(db: Queryable, tenantId: string, appendix: AppendixKey, id: string): Promise<boolean> {
  const table = APPENDIX_TABLES[appendix];
  const rows = await db.query<{ id: string }>(`select id from ${table} where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, id]);
  return rows.length === 1;
}

/** The financial years any appendix has rows for, latest first. */
export async function yearsWithData(db: Queryable, tenantId: string): Promise<string[]> {
  const rows = await db.query<{ year: string }>(
    `select financial_year as year from finance_grants where tenant_id = $1 and deleted_at is null
     union select financial_year from finance_reserves where tenant_id = $1 and deleted_at is null
     union select financial_year from finance_capital_schemes where tenant_id = $1 and deleted_at is null
     union select financial_year from finance_capital_funding where tenant_id = $1 and deleted_at is null
     union select financial_year from finance_savings where tenant_id = $1 and deleted_at is null
     order by 1 desc`,
    [tenantId],
  );
  return rows.map((r) => r.year);
}
