// Key activity data (seed 004, section 2.5): the forms for a line, a period's snapshot and a table's note (every
// problem at once, nothing changed on bad input, a conflict when someone else saved first; audited by the
// tables' triggers under the officer's change context), and a year's six tables at a period with their
// derived variances, totals and directions of travel.
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, type FieldErrors, NotFoundError, ValidationError } from '../web/errors.ts';
import { formVersion } from '../web/schema.ts';
import {
  countForForm,
  groupTable,
  hundredthsOf,
  isServiceGroup,
  isUnit,
  lineFigures,
  parseCount,
  previousSnapshot,
  SERVICE_GROUP_KEYS,
  SERVICE_GROUPS,
  type ServiceGroup,
  type Snapshot,
} from './key-activity-rules.ts';
import * as repo from './key-activity.repository.ts';
import { OUTTURN, parsePeriod, parsePounds, parseYear, penceToPounds } from './rules.ts';

export type KeyActivityBody = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

function optional<T>(value: unknown, field: string, errors: FieldErrors, read: (text: string) => { ok: true; value: T } | { ok: false; error: string }) {
  const text = str(value);
  if (text === '') return null;
  const parsed = read(text);
  if (!parsed.ok) errors[field] = parsed.error;
  return parsed.ok ? parsed.value : null;
}

/** A count as the database takes it ('1.24'), from hundredths. */
const countText = (h: number | null) => (h === null ? null : (h / 100).toFixed(2));

function readLine(body: KeyActivityBody, position: number): repo.KeyLineInput {
  const errors: FieldErrors = {};
  const name = str(body.name);
  const section = str(body.section);
  if (!name) errors.name = 'Enter the service type, like Residential - disability';
  else if (name.length > 200) errors.name = 'The service type must be 200 characters or fewer';
  if (section.length > 200) errors.section = 'The section must be 200 characters or fewer';
  const kind = body.kind === 'income' ? 'income' : body.kind === 'expenditure' || body.kind === undefined || body.kind === '' ? 'expenditure' : null;
  if (!kind) errors.kind = 'Choose expenditure or income';
  const unit = str(body.unit) || 'week';
  if (!isUnit(unit)) errors.unit = 'Choose a week, an hour or a year';
  const budgetNumber = optional(body.budgetNumber, 'budgetNumber', errors, (t) => parseCount(t, 'The budgeted number'));
  const budgetUnitCostPence = optional(body.budgetUnitCost, 'budgetUnitCost', errors, (t) => parsePounds(t, 'The budgeted average unit cost'));
  const weeksFunded = optional(body.weeksFunded, 'weeksFunded', errors, (t) =>
    /^\d{1,2}$/.test(t) && Number(t) >= 1 && Number(t) <= 60
      ? { ok: true as const, value: Number(t) }
      : { ok: false as const, error: 'The number of weeks funded must be a whole number from 1 to 60' },
  );
  const annualBudgetPence = optional(body.annualBudget, 'annualBudget', errors, (t) => parsePounds(t, 'The annual budget'));
  if (annualBudgetPence === null && !errors.annualBudget) errors.annualBudget = 'Enter the annual budget, in pounds (0 if there is none)';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return {
    section,
    name,
    kind: kind!,
    unit: unit as repo.KeyLineInput['unit'],
    budgetNumber: countText(budgetNumber),
    budgetUnitCostPence,
    weeksFunded,
    annualBudgetPence: annualBudgetPence!,
    numbersInTotals: body.numbersInTotals !== 'no',
    position,
  };
}

/** Adds a line to a year's table of a service group. */
export async function addLine(db: Database, ctx: RequestContext, year: number, group: ServiceGroup, body: KeyActivityBody) {
  return db.transaction(changeContext(ctx), async (tx) => {
    const line = readLine(body, await repo.nextPosition(tx, ctx.tenantId, year, group));
    return repo.insertLine(tx, ctx.tenantId, year, group, line);
  });
}

/** Changes a line at the version its form was read at. */
export async function changeLine(db: Database, ctx: RequestContext, id: string, body: KeyActivityBody) {
  return db.transaction(changeContext(ctx), async (tx) => {
    const current = await repo.lineById(tx, ctx.tenantId, id);
    if (!current) throw new NotFoundError('key activity line');
    const ok = await repo.updateLine(tx, ctx.tenantId, id, formVersion(body.version), readLine(body, current.position));
    if (!ok) throw new ConflictError('Someone else changed this line while you were editing it. Check it and try again');
    return current;
  });
}

/** Deletes a line and its figures, at the version its page was read at. */
export async function removeLine(db: Database, ctx: RequestContext, id: string, body: KeyActivityBody) {
  return db.transaction(changeContext(ctx), async (tx) => {
    const current = await repo.lineById(tx, ctx.tenantId, id);
    if (!current) throw new NotFoundError('key activity line');
    if (!(await repo.deleteLine(tx, ctx.tenantId, id, formVersion(body.version)))) {
      throw new ConflictError('Someone else changed this line while you were looking at it. Check it and try again');
    }
    return current;
  });
}

/** A line's figures as at a period: the snapshot of numbers, the yearly average, the average unit cost and the spend. */
export async function saveSnapshot(db: Database, ctx: RequestContext, lineId: string, body: KeyActivityBody) {
  const errors: FieldErrors = {};
  const period = parsePeriod(body.period);
  if (period === null) errors.period = 'Choose the month, or the outturn';
  const actualNumber = optional(body.actualNumber, 'actualNumber', errors, (t) => parseCount(t, 'The number at the snapshot'));
  const yearlyAverage = optional(body.yearlyAverage, 'yearlyAverage', errors, (t) => parseCount(t, 'The yearly average'));
  const unitCostPence = optional(body.unitCost, 'unitCost', errors, (t) => parsePounds(t, 'The average unit cost'));
  const spendPence = optional(body.spend, 'spend', errors, (t) => parsePounds(t, 'The actual or forecast spend'));
  if (Object.keys(errors).length === 0 && [actualNumber, yearlyAverage, unitCostPence, spendPence].every((v) => v === null)) {
    errors.actualNumber = 'Enter the number, the average unit cost or the spend';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return db.transaction(changeContext(ctx), async (tx) => {
    const line = await repo.lineById(tx, ctx.tenantId, lineId);
    if (!line) throw new NotFoundError('key activity line');
    const version = str(body.version) === '' ? null : formVersion(body.version);
    const snapshot = { period: period!, actualNumber: countText(actualNumber), yearlyAverage: countText(yearlyAverage), unitCostPence, spendPence };
    if (!(await repo.saveSnapshot(tx, ctx.tenantId, lineId, snapshot, version))) {
      throw new ConflictError('Someone else saved figures for this line and period while you were editing them. Check them and try again');
    }
    return { year: line.year, period: period! };
  });
}

/** A table's explanatory text and footnotes. */
export async function saveNote(db: Database, ctx: RequestContext, year: number, group: ServiceGroup, body: KeyActivityBody) {
  const note = str(body.note).replace(/\r\n/g, '\n');
  if (note.length > 10_000) throw new ValidationError({ note: 'The notes must be 10,000 characters or fewer' });
  const version = str(body.version) === '' ? null : formVersion(body.version);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.saveNote(tx, ctx.tenantId, year, group, note, version))) {
      throw new ConflictError('Someone else changed these notes while you were editing them. Check them and try again');
    }
  });
}

// ---- Reading --------------------------------------------------------------------------------------------------

export const yearsWithData = (db: Database, tenantId: string) => repo.years(db, tenantId);

const toSnapshot = (s: repo.SnapshotRow): Snapshot & { version: number } => ({
  period: s.period,
  actualNumber: hundredthsOf(s.actualNumber),
  yearlyAverage: hundredthsOf(s.yearlyAverage),
  unitCostPence: s.unitCostPence,
  spendPence: s.spendPence,
  version: s.version,
});

/**
 * The six tables of a year at a period (by default the latest with figures): each line with its snapshot, derived
 * figures and directions, in blocks with totals.
 */
export async function yearTables(db: Queryable, tenantId: string, year: number, asked: number | null) {
  const [lines, snapshots, notes] = await Promise.all([
    repo.linesForYear(db, tenantId, year),
    repo.snapshotsForYear(db, tenantId, year),
    repo.notesForYear(db, tenantId, year),
  ]);
  const byLine = new Map<string, ReturnType<typeof toSnapshot>[]>();
  for (const s of snapshots) byLine.set(s.lineId, [...(byLine.get(s.lineId) ?? []), toSnapshot(s)]);
  const noteOf = new Map(notes.map((n) => [n.group, n]));
  const periods = [...new Set(snapshots.map((s) => s.period))].sort((a, b) => a - b);
  const period = asked ?? periods[periods.length - 1] ?? OUTTURN;
  return {
    period,
    periods,
    groups: SERVICE_GROUP_KEYS.map((key) => {
      const rows = lines
        .filter((l) => l.group === key)
        .map((l) => {
          const own = byLine.get(l.id) ?? [];
          const snapshot = own.find((s) => s.period === period) ?? null;
          const line = { ...l, budgetNumber: hundredthsOf(l.budgetNumber) };
          return { line, snapshot, figures: lineFigures(line, snapshot, previousSnapshot(own, period)) };
        });
      return {
        key,
        ...SERVICE_GROUPS[key],
        note: noteOf.get(key)?.note ?? '',
        noteVersion: noteOf.get(key)?.version ?? null,
        lineCount: rows.length,
        ...groupTable(rows),
      };
    }),
  };
}

/** A line's form values, as the form shows them. */
export async function lineForm(db: Database, tenantId: string, id: string) {
  const line = await repo.lineById(db, tenantId, id);
  if (!line) throw new NotFoundError('key activity line');
  const money = (p: number | null) => (p === null ? '' : penceToPounds(p));
  return {
    line,
    values: {
      section: line.section,
      name: line.name,
      kind: line.kind,
      unit: line.unit,
      budgetNumber: countForForm(hundredthsOf(line.budgetNumber)),
      budgetUnitCost: money(line.budgetUnitCostPence),
      weeksFunded: line.weeksFunded === null ? '' : String(line.weeksFunded),
      annualBudget: money(line.annualBudgetPence),
      numbersInTotals: line.numbersInTotals ? 'yes' : 'no',
      version: String(line.version),
    } as Record<string, string>,
  };
}

/** A line's snapshot for a period, as the form shows it (empty when there is none yet). */
export async function snapshotForm(db: Database, tenantId: string, id: string, period: number) {
  const line = await repo.lineById(db, tenantId, id);
  if (!line) throw new NotFoundError('key activity line');
  const s = (await repo.snapshotsForYear(db, tenantId, line.year)).find((r) => r.lineId === id && r.period === period);
  const money = (p: number | null | undefined) => (p === null || p === undefined ? '' : penceToPounds(p));
  return {
    line,
    values: {
      period: String(period),
      actualNumber: countForForm(hundredthsOf(s?.actualNumber ?? null)),
      yearlyAverage: countForForm(hundredthsOf(s?.yearlyAverage ?? null)),
      unitCost: money(s?.unitCostPence),
      spend: money(s?.spendPence),
      version: s ? String(s.version) : '',
    } as Record<string, string>,
  };
}

export { isServiceGroup, parseYear };
