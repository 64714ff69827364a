// Writing a whole year of appendices at once, from figures in £000 as a report prints them (the demo's seed 004
// data is in this shape). Amounts become exact pence; a saving's committee is linked to a body of that name.
import type { Queryable } from '../../db/database.ts';
import * as repo from './appendices.repository.ts';
import { PENCE_PER_THOUSAND } from './rules.ts';
import * as savingsRepo from './savings.repository.ts';

type Four = [number, number, number, number];

export interface AppendixData {
  financialYear: string;
  grants: { name: string; awardingBody: string; kind: 'non_baselined' | 'baselined'; amount: number }[];
  reserves: {
    kind: 'revenue' | 'capital';
    section: string;
    group: string;
    name: string;
    opening: number;
    movement: number;
    yearEnd: number;
    notes: string;
  }[];
  capitalSchemes: { name: string; original: number; revised: number; actual: number; totalSchemeBudget: number; totalSchemeForecastVariance: number }[];
  capitalFunding: { source: string; original: number; revised: number; outturn: number }[];
  savings: {
    reference: string;
    title: string;
    description: string;
    committee: string;
    workstream: string;
    kind: 'bp_saving' | 'funnel';
    investment: number;
    planned: Four;
    forecast: Four;
    complete: boolean;
    rag: 'red' | 'amber' | 'green' | null;
    direction: 'improving' | 'same' | 'worsening' | null;
    commentary: string;
    partnerLinks: string;
  }[];
}

const p = (thousands: number) => Math.round(thousands * PENCE_PER_THOUSAND);

export async function loadAppendixData(tx: Queryable, tenantId: string, data: AppendixData): Promise<void> {
  const year = data.financialYear;
  for (const g of data.grants)
    await repo.insertGrant(tx, tenantId, year, { kind: g.kind, name: g.name, awardingBody: g.awardingBody, amountPence: p(g.amount) });
  for (const r of data.reserves) {
    await repo.insertReserve(tx, tenantId, year, {
      kind: r.kind,
      section: r.section,
      serviceGroup: r.group,
      name: r.name,
      openingPence: p(r.opening),
      movementPence: p(r.movement),
      yearEndPence: p(r.yearEnd),
      notes: r.notes,
    });
  }
  for (const s of data.capitalSchemes) {
    await repo.insertScheme(tx, tenantId, year, {
      name: s.name,
      originalBudgetPence: p(s.original),
      revisedBudgetPence: p(s.revised),
      actualPence: p(s.actual),
      totalSchemeBudgetPence: p(s.totalSchemeBudget),
      // The report prints the forecast variance; the forecast is what makes it.
      totalSchemeForecastPence: p(s.totalSchemeBudget + s.totalSchemeForecastVariance),
      notes: '',
    });
  }
  for (const f of data.capitalFunding) {
    await repo.insertFunding(tx, tenantId, year, { source: f.source, originalPence: p(f.original), revisedPence: p(f.revised), outturnPence: p(f.outturn) });
  }
  const bodies = new Map((await savingsRepo.bodyChoices(tx, tenantId)).map((b) => [b.name.toLowerCase(), b.id]));
  for (const s of data.savings) {
    await savingsRepo.insertSaving(tx, tenantId, year, {
      ...s,
      bodyId: bodies.get(s.committee.toLowerCase()) ?? null,
      investmentPence: p(s.investment),
      plannedPence: s.planned.map(p) as Four,
      forecastPence: s.forecast.map(p) as Four,
    });
  }
}
