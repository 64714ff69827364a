// Seed 004's Finance and Performance Report, Outturn 2017-18: the 70 lines of Appendix 1 with their
// budgets, the February forecast and the outturn, the virements of Appendix 4 that name one line, the
// commentary of Appendix 2 and the two reports the committee received. Every judgement is in
// finance-notes.md; test/unit/finance-demo.test.ts checks that the figures print as the seed does.
import { readFile } from 'node:fs/promises';
import type { Queryable } from '../db/database.ts';
import * as notes from '../finance/commentary.repository.ts';
import * as repo from '../finance/finance.repository.ts';
import { parseYear } from '../finance/rules.ts';
import { demoDataFile } from './data-files.ts';
import { keyResolver } from './demo-support.ts';
import { loadDemoKeyActivity } from './key-activity-demo.ts';

interface DemoFinance {
  financialYear: string;
  settings: { commentaryPercent: number; commentaryFloorPence: number; deMinimisPence: number };
  bodyKey: string;
  directorates: { name: string; kind: 'service' | 'funding'; groups: string[] }[];
  lines: {
    code: string;
    name: string;
    directorate: string;
    group?: string;
    partnershipKey?: string;
    originalBudgetPence: number;
    actualPence: number;
    februaryForecastPence: number;
  }[];
  virements: {
    effectiveDate: string;
    fromLine?: string;
    toLine?: string;
    amountPence: number;
    reason: string;
    approvedBy?: string;
    approvingCommittee?: string;
  }[];
  commentaries: { period: number; title: string; body: string; lineCodes: string[] }[];
  reports: { period: number; title: string; meetingDate: string; agendaItem?: number; state: 'draft' | 'published' }[];
}

const FEBRUARY = 11;
const OUTTURN = 13;

export async function loadDemoFinance(tx: Queryable, tenantId: string, ids: Map<string, string>) {
  const data = JSON.parse(await readFile(demoDataFile('finance.json'), 'utf8')) as DemoFinance;
  const { required: ref } = keyResolver(ids, 'Demo finance data refers');
  const year = parseYear(data.financialYear)!;
  const bodyId = ref(data.bodyKey);
  await repo.saveSettings(tx, tenantId, data.settings);
  const directorates = new Map<string, string>();
  const groups = new Map<string, string>();
  for (const [k, d] of data.directorates.entries()) {
    const id = await repo.insertDirectorate(tx, tenantId, { name: d.name, kind: d.kind, position: k + 1 });
    directorates.set(d.name, id);
    for (const [g, name] of d.groups.entries())
      groups.set(`${d.name}/${name}`, await repo.insertServiceGroup(tx, tenantId, { directorateId: id, name, position: g + 1 }));
  }
  const lines = new Map<string, string>();
  for (const [k, l] of data.lines.entries()) {
    const id = await repo.insertLine(tx, tenantId, {
      directorateId: directorates.get(l.directorate)!,
      serviceGroupId: l.group ? groups.get(`${l.directorate}/${l.group}`)! : null,
      code: l.code,
      name: l.name,
      budgetHolder: '',
      bodyId,
      partnershipId: l.partnershipKey ? ref(l.partnershipKey) : null,
      position: k + 1,
    });
    lines.set(l.code, id);
    await repo.setOriginalBudget(tx, tenantId, id, year, l.originalBudgetPence);
    await repo.saveMonth(tx, tenantId, {
      lineId: id,
      year,
      period: FEBRUARY,
      actualPence: null,
      forecastPence: l.februaryForecastPence,
      expectedVersion: null,
    });
    await repo.saveMonth(tx, tenantId, { lineId: id, year, period: OUTTURN, actualPence: l.actualPence, forecastPence: null, expectedVersion: null });
  }
  for (const v of data.virements) {
    await repo.insertVirement(tx, tenantId, {
      year,
      effectiveDate: v.effectiveDate,
      fromLineId: v.fromLine ? lines.get(v.fromLine)! : null,
      toLineId: v.toLine ? lines.get(v.toLine)! : null,
      amountPence: v.amountPence,
      reason: v.reason,
      approvedBy: v.approvedBy ?? '',
      approvingCommittee: v.approvingCommittee ?? '',
    });
  }
  for (const c of data.commentaries) {
    const id = await notes.insertCommentary(tx, tenantId, { year, period: c.period, title: c.title, body: c.body });
    await notes.setCommentaryLines(
      tx,
      tenantId,
      id,
      c.lineCodes.map((code) => lines.get(code)!),
    );
  }
  for (const r of data.reports) {
    const id = await notes.insertReport(tx, tenantId, { bodyId, year, period: r.period, title: r.title });
    if (r.state === 'published') await notes.publishReport(tx, tenantId, id);
    // The outturn report is the paper of item 9 of the 31 May 2018 meeting, so that agenda's pack carries it.
    if (r.agendaItem) {
      const item = await notes.agendaItemAt(tx, tenantId, bodyId, r.meetingDate, r.agendaItem);
      if (!item) throw new Error(`Demo finance data: no item ${r.agendaItem} on ${r.meetingDate}`);
      await notes.setReportAgendaItem(tx, tenantId, id, item, (await notes.reportById(tx, tenantId, id))!.version);
    }
  }
  await loadDemoKeyActivity(tx, tenantId);
}
