// Seeds 001 and 002's partnership money: the Cambridgeshire Care Partnership's Section 75 pooled budgets,
// Improvement East's notional allocation, the Housing Growth Fund, CLG Transition Funding, the LEP's Start Up
// Fund award, and Horizons' loans and equity. See partnership-money-notes.md for every judgement.
import { readFile } from 'node:fs/promises';
import type { Queryable } from '../db/database.ts';
import { insertFunding, insertInvestment, insertPooledBudget, insertRepayment, insertShare } from '../partnerships/money.repository.ts';
import { demoDataFile } from './data-files.ts';

export interface DemoPartnershipMoney {
  pooledBudgets: {
    partnershipKey: string;
    name: string;
    financialYear: number;
    hostOrganisationKey: string | null;
    legalBasis: string | null;
    purposes: string[];
    shares: { organisationKey: string; amountPence: number }[];
  }[];
  funding: {
    partnershipKey: string;
    kind: 'grant' | 'allocation' | 'other';
    funder: string;
    title: string;
    amountPence: number;
    startDate: string | null;
    endDate: string | null;
    conditions: string | null;
  }[];
  investments: {
    partnershipKey: string;
    kind: 'loan' | 'equity';
    counterparty: string;
    purpose: string | null;
    amountPence: number;
    madeOn: string | null;
    repayments: { dueOn: string; amountPence: number }[];
  }[];
}

export async function readDemoPartnershipMoney(): Promise<DemoPartnershipMoney> {
  return JSON.parse(await readFile(demoDataFile('partnership-money.json'), 'utf8')) as DemoPartnershipMoney;
}

export async function loadDemoPartnershipMoney(tx: Queryable, tenantId: string, ids: ReadonlyMap<string, string>) {
  const data = await readDemoPartnershipMoney();
  const ref = (key: string) => {
    const id = ids.get(key);
    if (!id) throw new Error(`Demo partnership money refers to an unknown key: ${key}`);
    return id;
  };
  for (const b of data.pooledBudgets) {
    const poolId = await insertPooledBudget(tx, tenantId, ref(b.partnershipKey), {
      name: b.name,
      financialYear: b.financialYear,
      hostOrganisationId: b.hostOrganisationKey ? ref(b.hostOrganisationKey) : null,
      legalBasis: b.legalBasis,
      purposes: b.purposes,
      exemptParagraph: null,
    });
    for (const s of b.shares) await insertShare(tx, tenantId, poolId, { organisationId: ref(s.organisationKey), amountPence: s.amountPence });
  }
  for (const f of data.funding) {
    const { partnershipKey, ...rest } = f;
    await insertFunding(tx, tenantId, ref(partnershipKey), { ...rest, exemptParagraph: null });
  }
  for (const i of data.investments) {
    const { partnershipKey, repayments, ...rest } = i;
    const id = await insertInvestment(tx, tenantId, ref(partnershipKey), { ...rest, exemptParagraph: null });
    for (const r of repayments) await insertRepayment(tx, tenantId, id, r);
  }
}
