// Seed 001's summaries of activity for April to June 2009, as approved activity updates in the order of the
// paper's contents. See demo/reports-notes.md for every judgement.
import { readFile } from 'node:fs/promises';
import type { Queryable } from '../db/database.ts';
import { loadActivityUpdate } from '../reports/activity.repository.ts';
import { demoDataFile } from './data-files.ts';

export interface DemoReports {
  quarterlyUpdates: { partnershipKey: string; quarterStart: string; summary: string; state: 'draft' | 'approved'; approvedBy?: string; approvedOn?: string }[];
}

export async function readDemoReports(): Promise<DemoReports> {
  return JSON.parse(await readFile(demoDataFile('reports.json'), 'utf8')) as DemoReports;
}

export async function loadDemoReports(tx: Queryable, tenantId: string, ids: ReadonlyMap<string, string>) {
  const data = await readDemoReports();
  for (const [position, u] of data.quarterlyUpdates.entries()) {
    const partnershipId = ids.get(u.partnershipKey);
    if (!partnershipId) throw new Error(`Demo activity update refers to an unknown partnership: ${u.partnershipKey}`);
    await loadActivityUpdate(
      tx,
      tenantId,
      {
        partnershipId,
        quarterStart: u.quarterStart,
        summary: u.summary,
        approvedBy: u.approvedBy ?? null,
        approvedOn: u.approvedOn ?? null,
      },
      position,
    );
  }
}
