// Seed 004's finance appendices for 2017-18 as printed (grant income, reserves, capital programme and funding,
// and the P&C savings tracker); see demo/finance-appendices-notes.md for every judgement.
import { readFile } from 'node:fs/promises';
import type { Queryable } from '../db/database.ts';
import { type AppendixData, loadAppendixData } from '../finance/index.ts';
import { demoDataFile } from './data-files.ts';

export async function loadDemoFinanceAppendices(tx: Queryable, tenantId: string) {
  const data = JSON.parse(await readFile(demoDataFile('finance-appendices.json'), 'utf8')) as AppendixData;
  await loadAppendixData(tx, tenantId, data);
}
