// Seed 004's key activity data (Finance and Performance Report, Outturn 2017-18, section 2.5, tables 2.5.1–2.5.6)
// as printed, kept as the outturn's snapshot. Every judgement is in demo/finance-notes.md ("Key activity data").
import { readFile } from 'node:fs/promises';
import type { Queryable } from '../db/database.ts';
import * as repo from '../finance/key-activity.repository.ts';
import { parsePounds, parseYear } from '../finance/rules.ts';
import { demoDataFile } from './data-files.ts';

type DemoLine = [
  string,
  string,
  'expenditure' | 'income',
  'week' | 'hour' | 'year',
  string | null,
  string | null,
  number | null,
  number,
  string | null,
  string | null,
  string | null,
  number,
];
interface DemoKeyActivity {
  financialYear: string;
  period: number;
  groups: Record<string, { note: string; lines: DemoLine[] }>;
}

const K = 100_000;
const pence = (pounds: string | null) => {
  if (pounds === null) return null;
  const parsed = parsePounds(pounds, 'Demo unit cost');
  if (!parsed.ok) throw new Error(`Demo key activity data: ${parsed.error}`);
  return parsed.value;
};

export async function loadDemoKeyActivity(tx: Queryable, tenantId: string) {
  const data = JSON.parse(await readFile(demoDataFile('key-activity.json'), 'utf8')) as DemoKeyActivity;
  const year = parseYear(data.financialYear)!;
  for (const [group, g] of Object.entries(data.groups)) {
    const key = group as Parameters<typeof repo.insertLine>[3];
    await repo.saveNote(tx, tenantId, year, key, g.note, null);
    for (const [
      k,
      [section, name, kind, unit, budgetNumber, unitCost, weeksFunded, annualK, actualNumber, yearlyAverage, actualCost, spendK],
    ] of g.lines.entries()) {
      const id = await repo.insertLine(tx, tenantId, year, key, {
        section,
        name,
        kind,
        unit,
        budgetNumber,
        budgetUnitCostPence: pence(unitCost),
        weeksFunded,
        annualBudgetPence: annualK * K,
        // The Skills payments go to the carers the Basic lines count (2.5.1's totals leave them out).
        numbersInTotals: !/ - Skills$/.test(name),
        position: k + 1,
      });
      await repo.saveSnapshot(
        tx,
        tenantId,
        id,
        { period: data.period, actualNumber, yearlyAverage, unitCostPence: pence(actualCost), spendPence: spendK * K },
        null,
      );
    }
  }
}
