// Commands and queries for a partnership's money. Each command validates, checks references, runs in one
// transaction (so the audit trigger records who did it) and changes nothing when it refuses.
import type { Database, Queryable } from '../db/database.ts';
import type { RequestContext } from '../web/context.ts';
import { changeContext } from '../web/context.ts';
import { NotFoundError, ValidationError } from '../web/errors.ts';
import { isUniqueViolation, parseOrThrow } from '../web/schema.ts';
import { todayInEngland } from '../calendar/today.ts';
import { investmentPosition, percentLabel, sharePercentages } from './money.ts';
import * as money from './money.repository.ts';
import * as repo from './partnerships.repository.ts';
import { fundingInput, investmentInput, pooledBudgetInput, repaymentInput, shareInput } from './money.schemas.ts';

async function requirePartnership(db: Queryable, tenantId: string, partnershipId: string) {
  if (!(await repo.getPartnership(db, tenantId, partnershipId))) throw new NotFoundError('partnership');
}

async function checkOrganisation(tx: Queryable, tenantId: string, value: string | null, field: string) {
  if (value && !(await repo.existingIds(tx, 'organisations', tenantId, [value])).has(value)) {
    throw new ValidationError({ [field]: 'Select the organisation from the list' });
  }
}

export async function addPooledBudget(db: Database, ctx: RequestContext, partnershipId: string, raw: unknown) {
  const input = parseOrThrow(pooledBudgetInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    await requirePartnership(tx, ctx.tenantId, partnershipId);
    await checkOrganisation(tx, ctx.tenantId, input.hostOrganisationId, 'hostOrganisationId');
    return money.insertPooledBudget(tx, ctx.tenantId, partnershipId, input);
  });
}

export async function addShare(db: Database, ctx: RequestContext, partnershipId: string, poolId: string, raw: unknown) {
  const input = parseOrThrow(shareInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    if (!(await money.pooledBudgetOf(tx, ctx.tenantId, partnershipId, poolId))) throw new NotFoundError('pooled budget');
    await checkOrganisation(tx, ctx.tenantId, input.organisationId, 'organisationId');
    return money.insertShare(tx, ctx.tenantId, poolId, input).catch((err) => {
      if (isUniqueViolation(err)) throw new ValidationError({ organisationId: 'This partner already has a share of this pooled budget' });
      throw err;
    });
  });
}

export async function addFunding(db: Database, ctx: RequestContext, partnershipId: string, raw: unknown) {
  const input = parseOrThrow(fundingInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    await requirePartnership(tx, ctx.tenantId, partnershipId);
    return money.insertFunding(tx, ctx.tenantId, partnershipId, input);
  });
}

export async function addInvestment(db: Database, ctx: RequestContext, partnershipId: string, raw: unknown) {
  const input = parseOrThrow(investmentInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    await requirePartnership(tx, ctx.tenantId, partnershipId);
    return money.insertInvestment(tx, ctx.tenantId, partnershipId, input);
  });
}

export async function addRepayment(db: Database, ctx: RequestContext, partnershipId: string, investmentId: string, raw: unknown) {
  const input = parseOrThrow(repaymentInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    if (!(await money.investmentOf(tx, ctx.tenantId, partnershipId, investmentId))) throw new NotFoundError('loan or investment');
    return money.insertRepayment(tx, ctx.tenantId, investmentId, input);
  });
}

export async function removeMoney(db: Database, ctx: RequestContext, partnershipId: string, kind: money.MoneyKind, id: string) {
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await money.removeMoney(tx, ctx.tenantId, partnershipId, kind, id))) throw new NotFoundError('record');
  });
}

/**
 * A partnership's money with everything derived: each pool's total and each share's percentage, each
 * funding's and investment's totals, and what each loan or investment still has to return as at a date.
 * The public (publicOnly) get only what the public view functions allow.
 */
export async function partnershipMoney(db: Queryable, tenantId: string, partnershipId: string, { publicOnly = false, asAt = todayInEngland() } = {}) {
  const { pools, funding, investments } = await money.loadMoney(db, tenantId, partnershipId, publicOnly);
  const shownPools = pools.map((p) => {
    const { totalPence, tenths } = sharePercentages(p.shares);
    return { ...p, totalPence, shares: p.shares.map((s, i) => ({ ...s, percentTenths: tenths[i]!, percent: percentLabel(tenths[i]!) })) };
  });
  const shownInvestments = investments.map((i) => ({ ...i, position: investmentPosition(i.amountPence, i.repayments, asAt) }));
  const sum = (rows: { amountPence: number }[]) => rows.reduce((s, r) => s + r.amountPence, 0);
  return {
    asAt,
    pools: shownPools,
    funding,
    fundingTotalPence: sum(funding),
    investments: shownInvestments,
    investedPence: sum(investments),
    outstandingPence: shownInvestments.reduce((s, i) => s + i.position.outstandingPence, 0),
    lastDueOn:
      shownInvestments
        .map((i) => i.position.lastDueOn)
        .filter((d): d is string => !!d)
        .sort()
        .at(-1) ?? null,
    isEmpty: pools.length + funding.length + investments.length === 0,
  };
}
export type PartnershipMoney = Awaited<ReturnType<typeof partnershipMoney>>;
