// The council's Principles of Partnership Working as seed 002's Appendix 1 prints them (revised after
// Strategy and Resources Scrutiny Committee on 11 October 2010), and the health check's settings.
// See principles-notes.md for every judgement.
import { readFile } from 'node:fs/promises';
import type { Queryable } from '../db/database.ts';
import { insertCriterion, insertPrinciple, insertVersion, saveSettings } from '../reports/principles.repository.ts';
import { demoDataFile } from './data-files.ts';

export interface DemoPrinciples {
  councilOrganisationKey: string;
  minutesWorkingDays: number;
  versions: {
    adoptedOn: string;
    adoptedBy: string;
    note: string;
    principles: { number: number; heading: string; statement: string; criteria: { letter: string; text: string }[] }[];
  }[];
}

export async function readDemoPrinciples(): Promise<DemoPrinciples> {
  return JSON.parse(await readFile(demoDataFile('principles.json'), 'utf8')) as DemoPrinciples;
}

export async function loadDemoPrinciples(tx: Queryable, tenantId: string, ids: ReadonlyMap<string, string>) {
  const data = await readDemoPrinciples();
  for (const v of data.versions) {
    const versionId = await insertVersion(tx, tenantId, v);
    for (const p of v.principles) {
      const principleId = await insertPrinciple(tx, tenantId, versionId, p);
      for (const c of p.criteria) await insertCriterion(tx, tenantId, principleId, c);
    }
  }
  const council = ids.get(data.councilOrganisationKey);
  if (!council) throw new Error(`Demo principles refer to an unknown organisation: ${data.councilOrganisationKey}`);
  await saveSettings(tx, tenantId, { councilOrganisationId: council, minutesWorkingDays: data.minutesWorkingDays });
}
