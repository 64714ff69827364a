// Queries and commands of budget monitoring: the year's table at a period (Appendix 1) with the change
// since last month and since the last report to the committee, a line's months, and the changes a
// finance officer makes (a month's figures, commentary, virements, settings). Each command is one
// transaction, which the audit trail records; bad input is a ValidationError with every problem at once.
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import { isUuid } from '../web/schema.ts';
import * as notes from './commentary.repository.ts';
import { type LineFigures, monitoringTable, type MonitoringTable } from './monitoring.ts';
import * as repo from './finance.repository.ts';
import {
  type CommentaryRule,
  needsApprovingCommittee,
  OUTTURN,
  parsePeriod,
  parsePounds,
  parseYear,
  periodEnd,
  revisedBudget,
  SEED_RULE,
  toPence,
  toPenceOrNull,
  variance,
  type Virement,
  yearOfDate,
} from './rules.ts';

export interface FinanceSettings {
  rule: CommentaryRule;
  deMinimisPence: number;
}

export async function financeSettings(db: Queryable, tenantId: string): Promise<FinanceSettings> {
  const row = await repo.settings(db, tenantId);
  if (!row) return { rule: SEED_RULE, deMinimisPence: 16_000_000 };
  return { rule: { percent: Number(row.commentaryPercent), floorPence: toPence(row.commentaryFloorPence) }, deMinimisPence: toPence(row.deMinimisPence) };
}

// ---- Figures at a period -------------------------------------------------------------------------------

type Months = Map<number, repo.MonthRow>;

function monthsByLine(rows: readonly repo.MonthRow[]): Map<string, Months> {
  const out = new Map<string, Months>();
  for (const r of rows) {
    let m = out.get(r.lineId);
    if (!m) out.set(r.lineId, (m = new Map()));
    m.set(r.period, r);
  }
  return out;
}

const virementsOf = (rows: readonly repo.VirementRow[]): Virement[] =>
  rows.map((v) => ({ effectiveDate: v.effectiveDate, fromLineId: v.fromLineId, toLineId: v.toLineId, amountPence: toPence(v.amountPence) }));

/** A line's budget, actual and forecast outturn at a period; at the outturn the forecast is the actual. */
export function figuresAt(line: repo.LineRow, months: Months | undefined, virements: readonly Virement[], year: number, period: number) {
  const m = months?.get(period);
  const budgetPence = revisedBudget(toPenceOrNull(line.originalBudgetPence) ?? 0, line.id, virements, periodEnd(year, period));
  const actualPence = toPenceOrNull(m?.actualPence);
  const forecastPence = period === OUTTURN ? actualPence : toPenceOrNull(m?.forecastPence);
  return {
    budgetPence,
    actualPence,
    forecastPence,
    variancePence: forecastPence === null ? null : variance(budgetPence, forecastPence),
    version: m?.version ?? null,
  };
}

/** The forecast variance at the latest earlier period that has one ("since last month"). */
function earlierVariance(line: repo.LineRow, months: Months | undefined, virements: readonly Virement[], year: number, before: number): number | null {
  for (let p = before - 1; p >= 1; p--) {
    const f = figuresAt(line, months, virements, year, p);
    if (f.variancePence !== null) return f.variancePence;
  }
  return null;
}

export interface YearView {
  year: number;
  period: number;
  table: MonitoringTable;
  settings: FinanceSettings;
  commentaries: notes.CommentaryRow[];
  /** Period of the last published report to each committee before this one. */
  lastReports: Map<string, number>;
}

export async function yearView(db: Queryable, tenantId: string, year: number, period: number): Promise<YearView> {
  const [lines, monthRows, virementRows, settings, commentaries] = await Promise.all([
    repo.linesForYear(db, tenantId, year),
    repo.monthsForYear(db, tenantId, year),
    repo.virementsForYear(db, tenantId, year),
    financeSettings(db, tenantId),
    notes.commentariesForYear(db, tenantId, year, period),
  ]);
  const months = monthsByLine(monthRows);
  const virements = virementsOf(virementRows);
  const lastReports = new Map<string, number>();
  for (const bodyId of new Set(lines.flatMap((l) => (l.bodyId ? [l.bodyId] : [])))) {
    const last = await notes.lastReportBefore(db, tenantId, bodyId, year, period);
    if (last) lastReports.set(bodyId, last.period);
  }
  const commentaryIds = new Map<string, string[]>();
  for (const c of commentaries) for (const id of c.lineIds) commentaryIds.set(id, [...(commentaryIds.get(id) ?? []), c.id]);
  const figures: LineFigures[] = lines.map((l) => {
    const f = figuresAt(l, months.get(l.id), virements, year, period);
    const reported = l.bodyId ? lastReports.get(l.bodyId) : undefined;
    return {
      id: l.id,
      code: l.code,
      name: l.name,
      directorate: l.directorate,
      directorateKind: l.directorateKind,
      group: l.group,
      budgetPence: f.budgetPence,
      actualPence: f.actualPence,
      forecastPence: f.forecastPence,
      previousVariancePence: earlierVariance(l, months.get(l.id), virements, year, period),
      reportedVariancePence: reported === undefined ? null : figuresAt(l, months.get(l.id), virements, year, reported).variancePence,
      commentaryIds: commentaryIds.get(l.id) ?? [],
    };
  });
  return { year, period, table: monitoringTable(figures, settings.rule), settings, commentaries, lastReports };
}

/** The newest year with budgets, and its latest period with figures (the outturn when there is one). */
export async function latestYear(db: Queryable, tenantId: string): Promise<{ year: number; period: number; years: number[] } | null> {
  const years = await repo.years(db, tenantId);
  if (years.length === 0) return null;
  const months = await repo.monthsForYear(db, tenantId, years[0]!);
  return { year: years[0]!, period: months.reduce((p, m) => Math.max(p, m.period), 1), years };
}

export async function lineView(db: Queryable, tenantId: string, lineId: string, year: number) {
  const line = await repo.lineById(db, tenantId, lineId, year);
  if (!line) throw new NotFoundError('budget line');
  const [monthRows, virementRows, commentaries, settings] = await Promise.all([
    repo.monthsForYear(db, tenantId, year, lineId),
    repo.virementsForYear(db, tenantId, year),
    notes.commentariesForYear(db, tenantId, year),
    financeSettings(db, tenantId),
  ]);
  const months = monthsByLine(monthRows).get(lineId);
  const virements = virementsOf(virementRows);
  let previous: number | null = null;
  const periods = Array.from({ length: OUTTURN }, (_, k) => k + 1).map((period) => {
    const f = figuresAt(line, months, virements, year, period);
    const change = f.variancePence !== null && previous !== null ? f.variancePence - previous : null;
    if (f.variancePence !== null) previous = f.variancePence;
    return { period, ...f, change };
  });
  return {
    line,
    settings,
    periods,
    virements: virementRows.filter((v) => v.fromLineId === lineId || v.toLineId === lineId),
    commentaries: commentaries.filter((c) => c.lineIds.includes(lineId)),
  };
}

// ---- Commands --------------------------------------------------------------------------------------------

function readYearPeriod(body: Record<string, unknown>, errors: FieldErrors) {
  const year = parseYear(body.year);
  if (year === null) errors.year = 'Enter the financial year, like 2017-18';
  const period = parsePeriod(body.period);
  if (period === null) errors.period = 'Choose the month, or the outturn';
  return { year: year ?? 0, period: period ?? 0 };
}

function optionalPounds(value: unknown, field: string, label: string, errors: FieldErrors): number | null {
  if (String(value ?? '').trim() === '') return null;
  const parsed = parsePounds(value, label);
  if (!parsed.ok) errors[field] = parsed.error;
  return parsed.ok ? parsed.value : null;
}

const versionOf = (value: unknown): number | null => (/^\d{1,9}$/.test(String(value ?? '')) ? Number(value) : null);

/** A month's actual to date and forecast outturn for a line (the outturn has only its actual). */
export async function saveMonth(db: Database, ctx: RequestContext, lineId: string, body: Record<string, unknown>) {
  const errors: FieldErrors = {};
  const { year, period } = readYearPeriod(body, errors);
  const actualPence = optionalPounds(body.actual, 'actual', 'Actual spend to date', errors);
  const forecastPence = period === OUTTURN ? null : optionalPounds(body.forecast, 'forecast', 'Forecast outturn', errors);
  if (!errors.actual && !errors.forecast && actualPence === null && forecastPence === null) {
    errors.actual = period === OUTTURN ? 'Enter the outturn' : 'Enter the actual spend to date, the forecast outturn, or both';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.lineById(tx, ctx.tenantId, lineId, year))) throw new NotFoundError('budget line');
    const saved = await repo.saveMonth(tx, ctx.tenantId, { lineId, year, period, actualPence, forecastPence, expectedVersion: versionOf(body.version) });
    if (!saved) throw new ConflictError('Someone else saved figures for this month while you were editing them. Check them and try again');
  });
  return { year, period };
}

/** Commentary on a period, covering the chosen lines; `id` edits an existing one. */
export async function saveCommentary(db: Database, ctx: RequestContext, body: Record<string, unknown>, id?: string) {
  const errors: FieldErrors = {};
  const { year, period } = readYearPeriod(body, errors);
  const title = String(body.title ?? '').trim();
  const text = String(body.body ?? '').trim();
  const lineIds = [...new Set((Array.isArray(body.lineIds) ? body.lineIds : [body.lineIds]).filter((v): v is string => typeof v === 'string' && v !== ''))];
  if (title.length > 200) errors.title = 'Title must be 200 characters or fewer';
  if (!text) errors.body = 'Enter the commentary';
  else if (text.length > 20000) errors.body = 'Commentary must be 20,000 characters or fewer';
  if (lineIds.length === 0) errors.lineIds = 'Choose the lines the commentary is about';
  else if (lineIds.some((l) => !isUuid(l))) errors.lineIds = 'Choose the lines from the list';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return db.transaction(changeContext(ctx), async (tx) => {
    const known = new Set((await repo.linesForYear(tx, ctx.tenantId, year)).map((l) => l.id));
    if (lineIds.some((l) => !known.has(l))) throw new ValidationError({ lineIds: 'Choose the lines from the list' });
    let commentaryId = id;
    if (commentaryId) {
      const ok = await notes.updateCommentary(tx, ctx.tenantId, commentaryId, { title, body: text, version: versionOf(body.version) ?? -1 });
      if (!ok) throw new ConflictError('Someone else changed this commentary while you were editing it. Check it and try again');
    } else {
      commentaryId = await notes.insertCommentary(tx, ctx.tenantId, { year, period, title, body: text });
    }
    await notes.setCommentaryLines(tx, ctx.tenantId, commentaryId, lineIds);
    return { id: commentaryId, year, period };
  });
}

/** A virement between two lines, or between a line and another service block; above the de minimis the approving committee is required. */
export async function addVirement(db: Database, ctx: RequestContext, body: Record<string, unknown>) {
  const errors: FieldErrors = {};
  const date = /^\d{4}-\d{2}-\d{2}$/.test(String(body.effectiveDate ?? '')) ? String(body.effectiveDate) : null;
  if (!date) errors.effectiveDate = 'Enter the date the virement takes effect';
  const pick = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  const fromLineId = pick(body.fromLineId);
  const toLineId = pick(body.toLineId);
  if (!fromLineId && !toLineId) errors.fromLineId = 'Choose the line the budget moves from, the line it moves to, or both';
  else if (fromLineId && fromLineId === toLineId) errors.toLineId = 'Choose a different line to move the budget to';
  else if ((fromLineId && !isUuid(fromLineId)) || (toLineId && !isUuid(toLineId))) errors.fromLineId = 'Choose the lines from the list';
  const amount = parsePounds(body.amount, 'Amount');
  if (!amount.ok) errors.amount = amount.error;
  else if (amount.value <= 0) errors.amount = 'Amount must be more than £0';
  const reason = String(body.reason ?? '').trim();
  if (!reason) errors.reason = 'Enter the reason for the virement';
  else if (reason.length > 2000) errors.reason = 'Reason must be 2,000 characters or fewer';
  const approvedBy = String(body.approvedBy ?? '').trim();
  const approvingCommittee = String(body.approvingCommittee ?? '').trim();
  if (!approvedBy) errors.approvedBy = 'Enter who approved the virement';
  const settings = await financeSettings(db, ctx.tenantId);
  if (amount.ok && needsApprovingCommittee(amount.value, settings.deMinimisPence) && !approvingCommittee) {
    errors.approvingCommittee = `Enter the committee that approved it: the virement is above the de minimis of £${(settings.deMinimisPence / 100).toLocaleString('en-GB')}`;
  }
  if (approvedBy.length > 200) errors.approvedBy = 'Approved by must be 200 characters or fewer';
  if (approvingCommittee.length > 200) errors.approvingCommittee = 'Approving committee must be 200 characters or fewer';
  if (Object.keys(errors).length || !date || !amount.ok) throw new ValidationError(errors);
  const year = yearOfDate(date);
  return db.transaction(changeContext(ctx), async (tx) => {
    const known = new Set((await repo.linesForYear(tx, ctx.tenantId, year)).map((l) => l.id));
    if ((fromLineId && !known.has(fromLineId)) || (toLineId && !known.has(toLineId)))
      throw new ValidationError({ fromLineId: 'Choose the lines from the list' });
    await repo.insertVirement(tx, ctx.tenantId, {
      year,
      effectiveDate: date,
      fromLineId,
      toLineId,
      amountPence: amount.value,
      reason,
      approvedBy,
      approvingCommittee,
    });
    return { year };
  });
}

export async function saveSettings(db: Database, ctx: RequestContext, body: Record<string, unknown>) {
  const errors: FieldErrors = {};
  const percentText = String(body.commentaryPercent ?? '').trim();
  const percent = /^\d{1,3}(\.\d{1,2})?$/.test(percentText) ? Number(percentText) : Number.NaN;
  if (!(percent >= 0 && percent <= 100)) errors.commentaryPercent = 'Percentage of the annual budget must be a number from 0 to 100, like 2 or 2.5';
  const floor = parsePounds(body.commentaryFloor, 'Amount');
  if (!floor.ok || floor.value < 0) errors.commentaryFloor = 'Amount must be an amount in pounds, like 100000';
  const deMinimis = parsePounds(body.deMinimis, 'De minimis');
  if (!deMinimis.ok || deMinimis.value < 0) errors.deMinimis = 'De minimis must be an amount in pounds, like 160000';
  if (Object.keys(errors).length || !floor.ok || !deMinimis.ok) throw new ValidationError(errors);
  await db.transaction(changeContext(ctx), (tx) =>
    repo.saveSettings(tx, ctx.tenantId, { commentaryPercent: percent, commentaryFloorPence: floor.value, deMinimisPence: deMinimis.value }),
  );
}

/**
 * The finance officer's return, for the start page: the latest period with figures, and the lines the
 * commentary rule catches that have no commentary yet (what stops the report being published).
 */
export async function financeReturn(db: Queryable, tenantId: string) {
  const latest = await latestYear(db, tenantId);
  if (!latest) return null;
  const view = await yearView(db, tenantId, latest.year, latest.period);
  return {
    year: latest.year,
    period: latest.period,
    lines: view.table.lines.length,
    needingCommentary: view.table.lines
      .filter((l) => l.commentaryRequired && (l.commentaryIds ?? []).length === 0)
      .map((l) => ({ id: l.id, name: l.name, directorate: l.directorate, variancePence: l.variancePence })),
  };
}
