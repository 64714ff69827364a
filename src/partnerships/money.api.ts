// The partnership's money as the JSON API gives it inside a partnership: pooled budgets with each share and
// its derived percentage, external funding, loans and equity with the schedule and the balance as at today.
// Amounts are integer pence.
import { z } from 'zod';
import type { Queryable } from '../db/database.ts';
import { partnershipMoney } from './money.service.ts';

const pence = z.number().int();
const exempt = z.number().int().nullable().describe('Schedule 12A paragraph when exempt (staff only; the public never see exempt records)');

export const moneySchema = z.object({
  asAt: z.iso.date(),
  pooledBudgets: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      financialYear: z.number().int(),
      hostOrganisationId: z.uuid().nullable(),
      hostOrganisationName: z.string().nullable(),
      legalBasis: z.string().nullable(),
      purposes: z.array(z.string()),
      exemptParagraph: exempt,
      totalPence: pence.describe('Derived: the sum of the shares'),
      shares: z.array(
        z.object({
          id: z.uuid(),
          organisationId: z.uuid(),
          organisationName: z.string(),
          amountPence: pence,
          percentTenths: z.number().int().describe('Derived: tenths of a percent of the pool; the shares add to 1000'),
        }),
      ),
    }),
  ),
  funding: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['grant', 'allocation', 'other']),
      funder: z.string(),
      title: z.string(),
      amountPence: pence,
      startDate: z.iso.date().nullable(),
      endDate: z.iso.date().nullable(),
      conditions: z.string().nullable(),
      exemptParagraph: exempt,
    }),
  ),
  investments: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(['loan', 'equity']),
      counterparty: z.string(),
      purpose: z.string().nullable(),
      amountPence: pence,
      madeOn: z.iso.date().nullable(),
      exemptParagraph: exempt,
      repayments: z.array(z.object({ id: z.uuid(), dueOn: z.iso.date(), amountPence: pence })),
      outstandingPence: pence.describe('Derived: the amount less the repayments due by asAt'),
      lastDueOn: z.iso.date().nullable(),
    }),
  ),
});

export async function moneyForApi(db: Queryable, tenantId: string, partnershipId: string, publicOnly: boolean): Promise<z.infer<typeof moneySchema>> {
  const m = await partnershipMoney(db, tenantId, partnershipId, { publicOnly });
  return {
    asAt: m.asAt,
    pooledBudgets: m.pools.map((p) => ({ ...p, shares: p.shares.map(({ percent: _p, ...s }) => s) })),
    funding: m.funding,
    investments: m.investments.map(({ position, ...i }) => ({ ...i, outstandingPence: position.outstandingPence, lastDueOn: position.lastDueOn })),
  };
}
