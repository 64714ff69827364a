// Commands and queries for performance: the catalogue, values with their RAG and direction of
// travel, publication (an off-target value needs commentary and a corrective action), exception
// reports when an indicator is off target period after period, scorecards, and what is due.
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import { parseOrThrow } from '../web/schema.ts';
import { todayInEngland } from '../calendar/today.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { getPerson } from '../directory/index.ts';
import * as repo from './performance.repository.ts';
import * as seriesRepo from './series.repository.ts';
import * as scorecardRepo from './scorecard.repository.ts';
import * as exceptionsRepo from './exception-reports.repository.ts';
import { exceptionReportInput, indicatorInput, parseNumber, targetInput, valueInput } from './performance.schemas.ts';
import type { Direction, Frequency, Polarity, RagStatus, Unit } from './indicator-types.ts';
import {
  checkValueAgainstRatio,
  consecutiveOffTarget,
  exceptionReportRequired,
  formatValue,
  publicationProblems,
  ragStatus,
  summaryCounts,
  travel,
  type Travel,
} from './rules.ts';
import { dueDate, periodEnd, periodLabel, periodOf, previousPeriod } from './periods.ts';
import { unusualMessage, unusualValue } from './unusual-values.ts';
import { renderTrendChart } from './chart.ts';

export const EXCEPTION_THRESHOLD = 2;

const toleranceOf = (i: { tolerancePercent: number | null }, site: number) => i.tolerancePercent ?? site;

// ---- Scorecards -----------------------------------------------------------------------------------------

export interface ScorecardEntry {
  indicator: scorecardRepo.ScorecardRow;
  rag: RagStatus | null;
  direction: Direction;
  /** The direction of travel with what it was compared with, in words (rules.travel). */
  travel: Travel;
  exceptionRequired: boolean;
  latest: string;
  previous: string;
  target: string;
  statNeighbours: string;
  england: string;
  periodLabel: string;
}

export async function scorecardView(db: Queryable, tenantId: string, f: scorecardRepo.ScorecardFilter & { offTarget?: boolean; worsening?: boolean }) {
  const [rows, site] = await Promise.all([scorecardRepo.scorecard(db, tenantId, f), scorecardRepo.siteTolerance(db, tenantId)]);
  const entries: ScorecardEntry[] = rows.map((i) => {
    const polarity = i.polarity as Polarity;
    const unit = i.unit as Unit;
    const tolerance = toleranceOf(i, site);
    const rag = i.latestValue === null ? null : ragStatus(i.latestValue, i.latestTarget, polarity, tolerance);
    const valued = i.recent.filter((r) => r.value !== null);
    const statuses = valued.map((r) => ragStatus(r.value, r.target, polarity, tolerance));
    // An exception report written for this run of off-target periods (open or already considered) answers it.
    const run = consecutiveOffTarget(statuses);
    const answered = run > 0 && i.lastExceptionPeriod !== null && i.lastExceptionPeriod >= valued[valued.length - run]!.period;
    const moved =
      i.latestPeriod === null
        ? travel({ period: '', value: null }, null, i.frequency as Frequency, polarity, i.decimals)
        : travel(
            { period: i.latestPeriod, value: i.latestValue },
            i.previousPeriod === null ? null : { period: i.previousPeriod, value: i.previousValue },
            i.frequency as Frequency,
            polarity,
            i.decimals,
          );
    return {
      indicator: i,
      rag,
      direction: moved.direction,
      travel: moved,
      exceptionRequired: exceptionReportRequired(statuses, EXCEPTION_THRESHOLD) && !answered,
      latest: formatValue(i.latestValue, unit, i.decimals),
      // A previous value from further back than the period before says when it is from.
      previous:
        formatValue(i.previousValue, unit, i.decimals) +
        (i.previousPeriod !== null && moved.against !== 'previous'
          ? ` (${periodLabel({ frequency: i.frequency as Frequency, start: i.previousPeriod })})`
          : ''),
      target: i.latestTarget === null ? 'n/a' : formatValue(i.latestTarget, unit, i.decimals),
      statNeighbours: i.statNeighbours === null ? 'n/a' : formatValue(i.statNeighbours, unit, i.decimals),
      england: i.england === null ? 'n/a' : formatValue(i.england, unit, i.decimals),
      periodLabel: i.latestPeriod ? periodLabel({ frequency: i.frequency as Frequency, start: i.latestPeriod }) : 'No data',
    };
  });
  // Seed 004's table 1.2 counts every indicator on the scorecard, before any "off target" filter.
  const summary = summaryCounts(entries.map((e) => e.rag ?? 'no_target'));
  const shown = entries.filter((e) => (!f.offTarget || e.rag === 'off_target') && (!f.worsening || e.direction === 'worsening'));
  const groups = new Map<string, ScorecardEntry[]>();
  for (const e of shown) groups.set(e.indicator.outcomeGroup || 'Other measures', [...(groups.get(e.indicator.outcomeGroup || 'Other measures') ?? []), e]);
  return { summary, groups: [...groups].map(([outcome, list]) => ({ outcome, entries: list })), count: shown.length, total: entries.length };
}

// ---- One indicator ---------------------------------------------------------------------------------------

export async function indicatorView(db: Queryable, tenantId: string, id: string, { publicOnly = false } = {}) {
  const indicator = await repo.getIndicator(db, tenantId, id, { publicOnly });
  if (!indicator) throw new NotFoundError('indicator');
  const [series, site, assignments, exceptions] = await Promise.all([
    seriesRepo.seriesOf(db, tenantId, id, { publishedOnly: publicOnly }),
    scorecardRepo.siteTolerance(db, tenantId),
    repo.assignmentsOf(db, tenantId, id, { publicOnly }),
    exceptionsRepo.exceptionReports(db, tenantId, { indicatorId: id }),
  ]);
  const polarity = indicator.polarity as Polarity;
  const unit = indicator.unit as Unit;
  const frequency = indicator.frequency as Frequency;
  const tolerance = toleranceOf(indicator, site);
  let previous: { period: string; value: number } | null = null;
  const rows = series.map((s) => {
    const rag = s.value === null ? null : ragStatus(s.value, s.target, polarity, tolerance);
    // Against the value before it, only when that is recent enough to compare with (rules.travel).
    const moved = travel({ period: s.periodStart, value: s.value }, previous, frequency, polarity, indicator.decimals);
    const previousValue = previous?.value ?? null;
    if (s.value !== null) previous = { period: s.periodStart, value: s.value };
    return {
      ...s,
      rag,
      direction: moved.direction,
      travel: moved,
      previousValue,
      label: periodLabel({ frequency, start: s.periodStart }),
      valueText: formatValue(s.value, unit, indicator.decimals),
      targetText: s.target === null ? 'n/a' : formatValue(s.target, unit, indicator.decimals),
      statNeighboursText: s.statNeighbours === null ? 'n/a' : formatValue(s.statNeighbours, unit, indicator.decimals),
      englandText: s.england === null ? 'n/a' : formatValue(s.england, unit, indicator.decimals),
      problems: rag === null ? [] : publicationProblems({ rag, commentary: s.commentary, correctiveAction: s.correctiveAction }),
    };
  });
  const valued = rows.filter((r) => r.value !== null);
  const statuses = valued.map((r) => r.rag);
  const offRun = consecutiveOffTarget(statuses);
  const latestOff = valued[valued.length - 1];
  // An open report written for any period of the current off-target run answers it (rows may include later periods with only a target).
  const runStart = offRun > 0 ? valued[valued.length - offRun]!.periodStart : null;
  const openException = runStart !== null && exceptions.some((e) => e.periodStart >= runStart);
  const chart = renderTrendChart({
    title: indicator.title,
    unit,
    decimals: indicator.decimals,
    polarity,
    tolerancePercent: tolerance,
    frequency,
    points: rows.map((r) => ({
      label: r.label,
      period: r.periodStart,
      actual: r.value,
      target: r.target,
      statNeighbours: r.statNeighbours,
      england: r.england,
    })),
  });
  return {
    indicator,
    rows,
    assignments,
    reportedTo: assignments.map((a) => a.name).join(', '),
    exceptions,
    tolerance,
    chart,
    offRun,
    exceptionRequired: !publicOnly && exceptionReportRequired(statuses, EXCEPTION_THRESHOLD) && !openException,
    latestPeriod: latestOff?.periodStart ?? null,
  };
}

// ---- Commands ---------------------------------------------------------------------------------------------

function checkPeriod(field: string, period: string | null, frequency: Frequency) {
  if (period && periodOf(period, frequency).start !== period) {
    throw new ValidationError({
      [field]: `Give the first day of a ${frequency === 'monthly' ? 'month' : frequency === 'quarterly' ? 'quarter (1 April, 1 July, 1 October or 1 January)' : 'financial year (1 April)'}`,
    });
  }
}

async function checkOwner(tx: Queryable, tenantId: string, ownerPersonId: string | null) {
  if (ownerPersonId && !(await getPerson(tx, tenantId, ownerPersonId))) throw new ValidationError({ ownerPersonId: 'Select the owner from the list' });
}

/** Assignments name partnerships and committees that exist (else the insert would fail on its foreign key). */
async function checkAssignments(tx: Queryable, tenantId: string, a: { partnershipIds: string[]; bodyIds: string[] }) {
  for (const [table, ids, field, message] of [
    ['partnerships', a.partnershipIds, 'partnershipIds', 'Select the partnerships from the list'],
    ['bodies', a.bodyIds, 'bodyIds', 'Select the committees and boards from the list'],
  ] as const) {
    if (ids.length === 0) continue;
    if ((await repo.countLive(tx, tenantId, table, ids)) !== new Set(ids.map((i) => i.toLowerCase())).size) throw new ValidationError({ [field]: message });
  }
}

/** The tenant's live indicator, or NotFoundError. */
async function indicatorOrNotFound(tx: Queryable, tenantId: string, id: string) {
  const indicator = await repo.getIndicator(tx, tenantId, id);
  if (!indicator) throw new NotFoundError('indicator');
  return indicator;
}

const codeTaken =
  (code: string | null) =>
  (err: unknown): never => {
    if ((err as { code?: string }).code === '23505') throw new ValidationError({ code: `Another indicator already has the code ${code}` });
    throw err;
  };

export async function createIndicator(
  db: Database,
  ctx: RequestContext,
  raw: unknown,
  assignments = { partnershipIds: [] as string[], bodyIds: [] as string[] },
) {
  const input = parseOrThrow(indicatorInput, raw);
  checkPeriod('baselinePeriod', input.baselinePeriod, input.frequency);
  checkPeriod('finalTargetPeriod', input.finalTargetPeriod, input.frequency);
  return db.transaction(changeContext(ctx), async (tx) => {
    await checkOwner(tx, ctx.tenantId, input.ownerPersonId);
    await checkAssignments(tx, ctx.tenantId, assignments);
    const id = await repo.insertIndicator(tx, ctx.tenantId, input).catch(codeTaken(input.code));
    await repo.setAssignments(tx, ctx.tenantId, id, assignments);
    return id;
  });
}

export async function updateIndicator(
  db: Database,
  ctx: RequestContext,
  id: string,
  version: number,
  raw: unknown,
  assignments?: { partnershipIds: string[]; bodyIds: string[] },
) {
  const input = parseOrThrow(indicatorInput, raw);
  checkPeriod('baselinePeriod', input.baselinePeriod, input.frequency);
  checkPeriod('finalTargetPeriod', input.finalTargetPeriod, input.frequency);
  await db.transaction(changeContext(ctx), async (tx) => {
    await indicatorOrNotFound(tx, ctx.tenantId, id);
    await checkOwner(tx, ctx.tenantId, input.ownerPersonId);
    if (assignments) await checkAssignments(tx, ctx.tenantId, assignments);
    if (!(await repo.updateIndicator(tx, ctx.tenantId, id, version, input).catch(codeTaken(input.code)))) throw new ConflictError();
    if (assignments) await repo.setAssignments(tx, ctx.tenantId, id, assignments);
  });
}

export async function setIndicatorPublication(db: Database, ctx: RequestContext, id: string, version: number, state: 'draft' | 'published') {
  await db.transaction(changeContext(ctx), async (tx) => {
    await indicatorOrNotFound(tx, ctx.tenantId, id);
    if (!(await repo.setIndicatorPublication(tx, ctx.tenantId, id, version, state))) throw new ConflictError();
  });
}

/** Checks a value against its indicator: the period fits the frequency, and the value agrees with its numerator and denominator. */
export function checkValue(indicator: Pick<repo.IndicatorRow, 'frequency' | 'unit' | 'decimals'>, v: ReturnType<typeof valueInput.parse>) {
  checkPeriod('period', v.period, indicator.frequency as Frequency);
  const checked = checkValueAgainstRatio(indicator, v);
  if (!checked.ok) throw new ValidationError({ [checked.field]: checked.message });
  const value = checked.value;
  return { ...v, value };
}

export const UNUSUAL_CONFIRMATION = 'Yes, this value is right';

/**
 * Records a period's value. The period must have ended (a month, quarter or year still running
 * has no value yet). Unless `confirmedUnusual`, a value far outside the indicator's history
 * (unusual-values.ts) is refused with a question on `confirmUnusual`, which the form shows as a
 * checkbox. The API does not ask: a system sending values has no one to answer.
 */
export async function recordValue(
  db: Database,
  ctx: RequestContext,
  indicatorId: string,
  raw: unknown,
  { confirmedUnusual = true, today = todayInEngland() }: { confirmedUnusual?: boolean; today?: string } = {},
) {
  const parsed = parseOrThrow(valueInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    const indicator = await indicatorOrNotFound(tx, ctx.tenantId, indicatorId);
    const frequency = indicator.frequency as Frequency;
    const v = checkValue(indicator, parsed);
    if (periodEnd({ frequency, start: v.period }) >= today) {
      throw new ValidationError({ period: `${periodLabel({ frequency, start: v.period })} has not ended yet: enter its value once it has` });
    }
    if (!confirmedUnusual) {
      const history = (await seriesRepo.seriesOf(tx, ctx.tenantId, indicatorId)).filter((s) => s.periodStart !== v.period).map((s) => s.value);
      const range = unusualValue(v.value, history, indicator.decimals);
      const question =
        range &&
        `${unusualMessage(v.value!, range, indicator.unit as Unit, indicator.decimals)}: check it, and if it is right select "${UNUSUAL_CONFIRMATION}"`;
      if (question) throw new ValidationError({ confirmUnusual: question });
    }
    return seriesRepo.upsertValue(tx, ctx.tenantId, indicatorId, v);
  });
}

export async function setTarget(db: Database, ctx: RequestContext, indicatorId: string, raw: unknown) {
  const input = parseOrThrow(targetInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    const indicator = await indicatorOrNotFound(tx, ctx.tenantId, indicatorId);
    checkPeriod('period', input.period, indicator.frequency as Frequency);
    await seriesRepo.setTarget(tx, ctx.tenantId, indicatorId, input.period, input.value);
  });
}

/** Publishes a value: refused while it is off target without commentary and a corrective action. */
export async function publishValue(db: Database, ctx: RequestContext, indicatorId: string, valueId: string, publish: boolean) {
  await db.transaction(changeContext(ctx), async (tx) => {
    const indicator = await indicatorOrNotFound(tx, ctx.tenantId, indicatorId);
    const row = (await seriesRepo.seriesOf(tx, ctx.tenantId, indicatorId)).find((s) => s.id === valueId);
    if (!row) throw new NotFoundError('value');
    if (publish && row.value !== null) {
      const rag = ragStatus(row.value, row.target, indicator.polarity as Polarity, toleranceOf(indicator, await scorecardRepo.siteTolerance(tx, ctx.tenantId)));
      const problems = rag ? publicationProblems({ rag, commentary: row.commentary, correctiveAction: row.correctiveAction }) : [];
      if (problems.length) throw new ValidationError({ _: problems.join('. ') }, problems.join('. '));
    }
    await seriesRepo.setValuePublished(tx, ctx.tenantId, indicatorId, valueId, publish);
  });
}

export async function createExceptionReport(db: Database, ctx: RequestContext, indicatorId: string, raw: unknown) {
  const input = parseOrThrow(exceptionReportInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    const indicator = await indicatorOrNotFound(tx, ctx.tenantId, indicatorId);
    checkPeriod('period', input.period, indicator.frequency as Frequency);
    if (input.partnershipId && !(await repo.partnershipExists(tx, ctx.tenantId, input.partnershipId))) {
      throw new ValidationError({ partnershipId: 'Select the board from the list' });
    }
    if (input.meetingId && !(await repo.meetingExists(tx, ctx.tenantId, input.meetingId))) {
      throw new ValidationError({ meetingId: 'Select the meeting from the list' });
    }
    return exceptionsRepo.insertExceptionReport(tx, ctx.tenantId, {
      indicatorId,
      periodStart: input.period,
      cause: input.cause,
      actions: input.actions,
      costPence: input.cost,
      owner: input.owner,
      partnershipId: input.partnershipId,
      meetingId: input.meetingId,
      status: input.meetingId ? 'submitted' : 'open',
      consideredOn: null,
    });
  });
}

/** Tracks an exception report until its board has considered it. */
export async function markExceptionConsidered(db: Database, ctx: RequestContext, indicatorId: string, reportId: string, version: number, consideredOn: string) {
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await exceptionsRepo.exceptionReports(tx, ctx.tenantId, { indicatorId })).some((e) => e.id === reportId)) throw new NotFoundError('exception report');
    if (!(await exceptionsRepo.setExceptionStatus(tx, ctx.tenantId, indicatorId, reportId, version, { status: 'considered', meetingId: null, consideredOn })))
      throw new ConflictError();
  });
}

// ---- What is due ------------------------------------------------------------------------------------------

/**
 * For each live indicator with an owner: the last complete period, whether its value is in, and
 * when it was (or is) due. A retired indicator is never due, however old its last value; a live
 * one without an owner is listed by indicatorsNeedingAnOwner instead, as nobody would enter it.
 */
export async function dueList(db: Queryable, tenantId: string, today = todayInEngland()) {
  const [indicators, latest] = await Promise.all([scorecardRepo.scorecard(db, tenantId, { publicOnly: false }), seriesRepo.latestPeriods(db, tenantId)]);
  const latestOf = new Map(latest.map((l) => [l.indicatorId, l.latest]));
  return indicators
    .filter((i) => isDueKind(i) === 'due')
    .map((i) => {
      const expected = previousPeriod(periodOf(today, i.frequency as Frequency));
      const have = latestOf.get(i.id) ?? null;
      const due = dueDate(expected);
      const missing = !have || have < expected.start;
      return { indicator: i, expected, expectedLabel: periodLabel(expected), due, missing, overdue: missing && today > due };
    })
    .filter((d) => d.missing)
    .sort((a, b) => a.due.localeCompare(b.due) || a.indicator.title.localeCompare(b.indicator.title));
}

/** Whether an indicator's values fall due: only a live one with an owner; a live one without an owner needs one first. */
export function isDueKind(i: { status: string; ownerPersonId: string | null }): 'due' | 'needs_owner' | 'never' {
  if (i.status !== 'live') return 'never';
  return i.ownerPersonId ? 'due' : 'needs_owner';
}

/** Live indicators nobody owns: their values would fall due with nobody to enter them or be reminded. */
export async function indicatorsNeedingAnOwner(db: Queryable, tenantId: string) {
  return (await scorecardRepo.scorecard(db, tenantId, { publicOnly: false })).filter((i) => isDueKind(i) === 'needs_owner');
}

/** Reminds owners that a value is due (a week before) and overdue: each once per indicator and period. */
export async function sendIndicatorReminders(db: Database, tenantId: string, today = todayInEngland(), publicUrl = '') {
  let queued = 0;
  for (const d of await dueList(db, tenantId, today)) {
    const email = d.indicator.ownerEmail;
    if (!email) continue;
    const weekBefore = new Date(`${d.due}T00:00:00Z`);
    weekBefore.setUTCDate(weekBefore.getUTCDate() - 7);
    const kind = d.overdue ? 'overdue' : today >= weekBefore.toISOString().slice(0, 10) ? 'due' : null;
    if (!kind) continue;
    await db.transaction({ actor: 'system:reminders' }, async (tx) => {
      if (!(await seriesRepo.claimIndicatorReminder(tx, tenantId, d.indicator.id, d.expected.start, kind))) return;
      await enqueueEmail(tx, tenantId, {
        to: email,
        subject: `${kind === 'overdue' ? 'Overdue' : 'Due'}: ${d.indicator.title}, ${d.expectedLabel}`,
        text: [
          `${d.indicator.ownerName ?? ''},`,
          '',
          `The ${d.expectedLabel} value of "${d.indicator.title}" ${kind === 'overdue' ? 'was' : 'is'} due on ${d.due}.`,
          '',
          `Enter it at ${publicUrl}/performance/indicators/${d.indicator.id}`,
        ].join('\n'),
      });
      queued += 1;
    });
  }
  return queued;
}

/** The amber tolerance of every indicator that does not set its own (seed 004: "Within 10%"). */
export async function setSiteTolerance(db: Database, ctx: RequestContext, raw: unknown) {
  const value = parseNumber(raw);
  if (value === null || value === undefined || value < 0 || value > 100) {
    throw new ValidationError({ tolerancePercent: 'Enter the amber tolerance as a percentage between 0 and 100, like 10' });
  }
  await db.transaction(changeContext(ctx), (tx) => scorecardRepo.setSiteTolerance(tx, ctx.tenantId, value));
}
