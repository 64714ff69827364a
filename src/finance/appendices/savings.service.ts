// The savings tracker of a year as the pages, the API and the export read it: each saving with its derived
// totals and variance, the tracker's header totals, and where the printed £000 do not add up.
import type { Queryable } from '../../db/database.ts';
import * as rules from './rules.ts';
import { savingsChart } from './savings-chart.ts';
import * as repo from './savings.repository.ts';

const k = rules.formatThousands;
const RAG_TEXT = { red: 'Red', amber: 'Amber', green: 'Green' } as const;
const DIRECTION_TEXT = { improving: '↑ Improving', same: '↔ Same', worsening: '↓ Worsening' } as const;

export async function savingsWithPartners(db: Queryable, tenantId: string, year: string) {
  const rows = await repo.listSavings(db, tenantId, year);
  const partners = await repo.partnersOf(
    db,
    tenantId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, partners: partners.filter((p) => p.savingId === r.id).map((p) => ({ id: p.organisationId, name: p.name })) }));
}

export async function savingsOf(db: Queryable, tenantId: string, year: string) {
  const rows = await savingsWithPartners(db, tenantId, year);
  const figures = rows.map((r) => ({ investment: r.investmentPence, planned: r.plannedPence, forecast: r.forecastPence }));
  const t = rules.trackerTotals(figures);
  const column = (what: string, pick: (f: (typeof figures)[number]) => number) => rules.roundingNote(what, rules.rounding(figures.map(pick)));
  const quarterNotes = rules.QUARTERS.flatMap((q, i) => [column(`Planned ${q}`, (f) => f.planned[i]!), column(`Forecast ${q}`, (f) => f.forecast[i]!)]);
  return {
    rows: rows.map((r, i) => {
      const totals = rules.savingTotals(figures[i]!);
      return {
        ...r,
        totalsPence: totals,
        investment: k(r.investmentPence),
        planned: r.plannedPence.map(k),
        forecast: r.forecastPence.map(k),
        plannedTotal: k(totals.planned),
        forecastTotal: k(totals.forecast),
        variance: k(totals.variance),
        ragText: r.rag ? RAG_TEXT[r.rag] : '',
        directionText: r.direction ? DIRECTION_TEXT[r.direction] : '',
      };
    }),
    totals: {
      investment: k(t.investment),
      planned: t.plannedByQuarter.map(k),
      plannedTotal: k(t.planned),
      forecast: t.forecastByQuarter.map(k),
      forecastTotal: k(t.forecast),
      variance: k(t.variance),
      varianceByQuarter: t.varianceByQuarter.map(k),
    },
    totalsPence: t,
    notes: [
      column('Investment', (f) => f.investment),
      ...quarterNotes,
      column('Original saving', (f) => rules.savingTotals(f).planned),
      column('Forecast saving', (f) => rules.savingTotals(f).forecast),
      column('Variance from plan', (f) => rules.savingTotals(f).variance),
    ].filter(Boolean),
    chart: rows.length ? savingsChart(year, t.plannedByQuarter, t.forecastByQuarter) : '',
  };
}
