// SQL for a partnership's money: pooled budgets and their shares, external funding and grants, loans and
// equity with their repayment schedules. Public reads ask the public view functions of migration 0019.
import type { Queryable } from '../db/database.ts';

export interface PooledBudgetRow {
  id: string;
  name: string;
  financialYear: number;
  hostOrganisationId: string | null;
  hostOrganisationName: string | null;
  legalBasis: string | null;
  purposes: string[];
  exemptParagraph: number | null;
  shares: { id: string; organisationId: string; organisationName: string; amountPence: number }[];
}

export interface FundingRow {
  id: string;
  kind: 'grant' | 'allocation' | 'other';
  funder: string;
  title: string;
  amountPence: number;
  startDate: string | null;
  endDate: string | null;
  conditions: string | null;
  exemptParagraph: number | null;
}

export interface InvestmentRow {
  id: string;
  kind: 'loan' | 'equity';
  counterparty: string;
  purpose: string | null;
  amountPence: number;
  madeOn: string | null;
  exemptParagraph: number | null;
  repayments: { id: string; dueOn: string; amountPence: number }[];
}

const POOLS_SQL = `select b.id, b.name, b.financial_year as "financialYear", b.host_organisation_id as "hostOrganisationId",
    h.name as "hostOrganisationName", b.legal_basis as "legalBasis", b.purposes, b.exempt_paragraph as "exemptParagraph",
    coalesce((select json_agg(json_build_object('id', s.id, 'organisationId', s.organisation_id, 'organisationName', o.name,
        'amountPence', s.amount_pence) order by s.amount_pence desc, o.name)
      from pooled_budget_shares s join organisations o on o.id = s.organisation_id
      where s.pooled_budget_id = b.id and s.deleted_at is null), '[]'::json) as shares
  from pooled_budgets b left join organisations h on h.id = b.host_organisation_id
  where b.tenant_id = $1 and b.partnership_id = $2 and b.deleted_at is null and (not $3 or public_pooled_budget(b.id))
  order by b.financial_year desc, b.name`;

const FUNDING_SQL = `select f.id, f.kind, f.funder, f.title, f.amount_pence as "amountPence", f.start_date as "startDate",
    f.end_date as "endDate", f.conditions, f.exempt_paragraph as "exemptParagraph"
  from partnership_funding f
  where f.tenant_id = $1 and f.partnership_id = $2 and f.deleted_at is null and (not $3 or public_partnership_funding(f.id))
  order by f.start_date desc nulls last, f.title`;

const INVESTMENTS_SQL = `select i.id, i.kind, i.counterparty, i.purpose, i.amount_pence as "amountPence", i.made_on as "madeOn",
    i.exempt_paragraph as "exemptParagraph",
    coalesce((select json_agg(json_build_object('id', r.id, 'dueOn', r.due_on, 'amountPence', r.amount_pence) order by r.due_on)
      from investment_repayments r where r.investment_id = i.id and r.deleted_at is null), '[]'::json) as repayments
  from partnership_investments i
  where i.tenant_id = $1 and i.partnership_id = $2 and i.deleted_at is null and (not $3 or public_partnership_investment(i.id))
  order by i.made_on desc nulls last, i.counterparty`;

/** A partnership's pooled budgets, funding and investments; for the public only what the public view allows. */
export async function loadMoney(db: Queryable, tenantId: string, partnershipId: string, publicOnly: boolean) {
  const params = [tenantId, partnershipId, publicOnly];
  const [pools, funding, investments] = await Promise.all([
    db.query<PooledBudgetRow>(POOLS_SQL, params),
    db.query<FundingRow>(FUNDING_SQL, params),
    db.query<InvestmentRow>(INVESTMENTS_SQL, params),
  ]);
  return { pools, funding, investments };
}

export async function insertPooledBudget(
  tx: Queryable,
  tenantId: string,
  partnershipId: string,
  b: { name: string; financialYear: number; hostOrganisationId: string | null; legalBasis: string | null; purposes: string[]; exemptParagraph: number | null },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into pooled_budgets (tenant_id, partnership_id, name, financial_year, host_organisation_id, legal_basis, purposes, exempt_paragraph)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [tenantId, partnershipId, b.name, b.financialYear, b.hostOrganisationId, b.legalBasis, b.purposes, b.exemptParagraph],
  );
  return rows[0]!.id;
}

/** A live pooled budget of this partnership, or null. */
export async function pooledBudgetOf(tx: Queryable, tenantId: string, partnershipId: string, poolId: string) {
  const rows = await tx.query<{ id: string }>(`select id from pooled_budgets where tenant_id = $1 and partnership_id = $2 and id = $3 and deleted_at is null`, [
    tenantId,
    partnershipId,
    poolId,
  ]);
  return rows[0] ?? null;
}

export async function insertShare(tx: Queryable, tenantId: string, poolId: string, s: { organisationId: string; amountPence: number }) {
  const rows = await tx.query<{ id: string }>(
    `insert into pooled_budget_shares (tenant_id, pooled_budget_id, organisation_id, amount_pence) values ($1, $2, $3, $4) returning id`,
    [tenantId, poolId, s.organisationId, s.amountPence],
  );
  return rows[0]!.id;
}

export async function insertFunding(tx: Queryable, tenantId: string, partnershipId: string, f: Omit<FundingRow, 'id'>) {
  const rows = await tx.query<{ id: string }>(
    `insert into partnership_funding (tenant_id, partnership_id, kind, funder, title, amount_pence, start_date, end_date, conditions, exempt_paragraph)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
    [tenantId, partnershipId, f.kind, f.funder, f.title, f.amountPence, f.startDate, f.endDate, f.conditions, f.exemptParagraph],
  );
  return rows[0]!.id;
}

export async function insertInvestment(tx: Queryable, tenantId: string, partnershipId: string, i: Omit<InvestmentRow, 'id' | 'repayments'>) {
  const rows = await tx.query<{ id: string }>(
    `insert into partnership_investments (tenant_id, partnership_id, kind, counterparty, purpose, amount_pence, made_on, exempt_paragraph)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [tenantId, partnershipId, i.kind, i.counterparty, i.purpose, i.amountPence, i.madeOn, i.exemptParagraph],
  );
  return rows[0]!.id;
}

/** A live loan or equity investment of this partnership, or null. */
export async function investmentOf(tx: Queryable, tenantId: string, partnershipId: string, investmentId: string) {
  const rows = await tx.query<{ id: string }>(
    `select id from partnership_investments where tenant_id = $1 and partnership_id = $2 and id = $3 and deleted_at is null`,
    [tenantId, partnershipId, investmentId],
  );
  return rows[0] ?? null;
}

export async function insertRepayment(tx: Queryable, tenantId: string, investmentId: string, r: { dueOn: string; amountPence: number }) {
  const rows = await tx.query<{ id: string }>(
    `insert into investment_repayments (tenant_id, investment_id, due_on, amount_pence) values ($1, $2, $3, $4) returning id`,
    [tenantId, investmentId, r.dueOn, r.amountPence],
  );
  return rows[0]!.id;
}

// Removing money records: one fixed statement each (tenant, record, partnership), as for the other parts.
const REMOVE_MONEY = {
  'pooled-budgets': (tx: Queryable, p: unknown[]) =>
    tx.query<{ id: string }>(
      `update pooled_budgets set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and partnership_id = $3 and deleted_at is null returning id`,
      p,
    ),
  funding: (tx: Queryable, p: unknown[]) =>
    tx.query<{ id: string }>(
      `update partnership_funding set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and partnership_id = $3 and deleted_at is null returning id`,
      p,
    ),
  investments: (tx: Queryable, p: unknown[]) =>
    tx.query<{ id: string }>(
      `update partnership_investments set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and partnership_id = $3 and deleted_at is null returning id`,
      p,
    ),
};
export type MoneyKind = keyof typeof REMOVE_MONEY;
export const MONEY_KINDS = Object.keys(REMOVE_MONEY) as MoneyKind[];

export async function removeMoney(tx: Queryable, tenantId: string, partnershipId: string, kind: MoneyKind, id: string) {
  return (await REMOVE_MONEY[kind](tx, [tenantId, id, partnershipId])).length === 1;
}
