// Reading an appendix for a financial year with every total and variance derived, and the commands that
// add, change and delete its rows (each in a transaction, so the audit trail records who and what).
import { formVersion } from '../../web/schema.ts';
import type { Database, Queryable } from '../../db/database.ts';
import { changeContext, type RequestContext } from '../../web/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../web/errors.ts';
import * as repo from './appendices.repository.ts';
import type { AppendixKey } from './appendices.repository.ts';
import { AMOUNT_COLUMNS, FIELDS, type FormValues, INPUTS, type Option, readFields, valuesOfRow, valuesOfSaving } from './appendix-forms.ts';
import * as rules from './rules.ts';
import * as savingsRepo from './savings.repository.ts';

export const APPENDICES: Record<AppendixKey, { title: string; singular: string; seed: string }> = {
  savings: { title: 'Savings tracker', singular: 'saving', seed: 'The tracker of savings in the business plan and the funnel' },
  grants: { title: 'Grant income', singular: 'grant', seed: 'Grant income not built into base budgets, and the total grant funding' },
  reserves: { title: 'Reserves', singular: 'reserve', seed: 'The reserve schedule: balances, movements and the year-end forecast' },
  'capital-schemes': { title: 'Capital programme', singular: 'capital scheme', seed: 'Capital expenditure by scheme, in the year and in total' },
  'capital-funding': { title: 'Capital funding', singular: 'source of capital funding', seed: 'How the capital programme is funded' },
};

export const isAppendix = (key: string): key is AppendixKey => Object.hasOwn(APPENDICES, key);

/** A financial year from a form or an address, or a ValidationError. */
export function checkYear(year: unknown): string {
  const text = typeof year === 'string' ? year.trim() : '';
  if (!rules.isFinancialYear(text)) throw new ValidationError({ year: 'Enter a financial year like 2017-18' }, 'Enter a financial year like 2017-18');
  return text;
}

const k = rules.formatThousands;

// ---------------------------------------------------------------------------------------------
// Reading

export async function grantsOf(db: Queryable, tenantId: string, year: string) {
  const rows = await repo.listGrants(db, tenantId, year);
  const totals = rules.grantTotals(rows.map((g) => ({ kind: g.kind, amount: g.amountPence })));
  const nonBaselined = rows.filter((g) => g.kind === 'non_baselined').map((g) => g.amountPence);
  return {
    rows: rows.map((g) => ({ ...g, amount: k(g.amountPence) })),
    totals: { nonBaselined: k(totals.nonBaselined), total: k(totals.total) },
    totalsPence: totals,
    notes: [
      roundNote('Non-baselined grants', nonBaselined),
      roundNote(
        'Total grant funding',
        rows.map((g) => g.amountPence),
      ),
    ].filter(Boolean),
  };
}

const roundNote = (what: string, lines: number[]) => rules.roundingNote(what, rules.rounding(lines));

export async function reservesOf(db: Queryable, tenantId: string, year: string) {
  const rows = await repo.listReserves(db, tenantId, year);
  const groups = (['revenue', 'capital'] as const).map((kind) => {
    const of = rows.filter((r) => r.kind === kind);
    const figures = of.map((r) => ({ opening: r.openingPence, movement: r.movementPence, yearEnd: r.yearEndPence }));
    const t = rules.reserveTotals(figures);
    const label = kind === 'revenue' ? 'Total revenue reserve' : 'Total capital reserve';
    return {
      kind,
      title: kind === 'revenue' ? 'Revenue reserves' : 'Capital reserves',
      totalLabel: label,
      rows: of.map((r) => ({
        ...r,
        closingPence: rules.reserveClosing({ opening: r.openingPence, movement: r.movementPence }),
        opening: k(r.openingPence),
        movement: k(r.movementPence),
        closing: k(rules.reserveClosing({ opening: r.openingPence, movement: r.movementPence })),
        yearEnd: k(r.yearEndPence),
      })),
      totals: { opening: k(t.opening), movement: k(t.movement), closing: k(t.closing), yearEnd: k(t.yearEnd) },
      totalsPence: t,
      notes: [
        roundNote(
          `${label}, balance at the start`,
          figures.map((f) => f.opening),
        ),
        roundNote(
          `${label}, movements`,
          figures.map((f) => f.movement),
        ),
        roundNote(`${label}, balance at close`, figures.map(rules.reserveClosing)),
        roundNote(
          `${label}, year-end forecast`,
          figures.map((f) => f.yearEnd),
        ),
      ].filter(Boolean),
    };
  });
  return { groups, count: rows.length, notes: groups.flatMap((g) => g.notes) };
}

export async function schemesOf(db: Queryable, tenantId: string, year: string) {
  const rows = await repo.listSchemes(db, tenantId, year);
  const figures = rows.map((s) => ({
    original: s.originalBudgetPence,
    revised: s.revisedBudgetPence,
    actual: s.actualPence,
    totalSchemeBudget: s.totalSchemeBudgetPence,
    totalSchemeForecast: s.totalSchemeForecastPence,
  }));
  const t = rules.capitalTotals(figures);
  const column = (what: string, pick: (f: (typeof figures)[number]) => number) => roundNote(what, figures.map(pick));
  return {
    rows: rows.map((s, i) => ({
      ...s,
      outturnVariancePence: rules.outturnVariance(figures[i]!),
      forecastVariancePence: rules.schemeForecastVariance(figures[i]!),
      original: k(s.originalBudgetPence),
      revised: k(s.revisedBudgetPence),
      actual: k(s.actualPence),
      outturnVariance: k(rules.outturnVariance(figures[i]!)),
      totalSchemeBudget: k(s.totalSchemeBudgetPence),
      forecastVariance: k(rules.schemeForecastVariance(figures[i]!)),
    })),
    totals: {
      original: k(t.original),
      revised: k(t.revised),
      actual: k(t.actual),
      outturnVariance: k(t.outturnVariance),
      totalSchemeBudget: k(t.totalSchemeBudget),
      forecastVariance: k(t.totalSchemeForecastVariance),
    },
    totalsPence: t,
    notes: [
      column('Original budget', (f) => f.original),
      column('Revised budget', (f) => f.revised),
      column('Actual spend', (f) => f.actual),
      column('Outturn variance', rules.outturnVariance),
      column('Total scheme revised budget', (f) => f.totalSchemeBudget),
      column('Total scheme forecast variance', rules.schemeForecastVariance),
    ].filter(Boolean),
  };
}

export async function fundingOf(db: Queryable, tenantId: string, year: string) {
  const rows = await repo.listFunding(db, tenantId, year);
  const figures = rows.map((f) => ({ original: f.originalPence, revised: f.revisedPence, outturn: f.outturnPence }));
  const t = rules.fundingTotals(figures);
  return {
    rows: rows.map((f, i) => ({
      ...f,
      variancePence: rules.fundingVariance(figures[i]!),
      original: k(f.originalPence),
      revised: k(f.revisedPence),
      outturn: k(f.outturnPence),
      variance: k(rules.fundingVariance(figures[i]!)),
    })),
    totals: { original: k(t.original), revised: k(t.revised), outturn: k(t.outturn), variance: k(t.variance) },
    totalsPence: t,
    notes: [
      roundNote(
        'Original funding',
        figures.map((f) => f.original),
      ),
      roundNote(
        'Revised funding',
        figures.map((f) => f.revised),
      ),
      roundNote(
        'Spend at outturn',
        figures.map((f) => f.outturn),
      ),
      roundNote('Funding variance', figures.map(rules.fundingVariance)),
    ].filter(Boolean),
  };
}

// ---------------------------------------------------------------------------------------------
// Forms

export async function formChoices(db: Queryable, tenantId: string): Promise<{ bodies: Option[]; organisations: Option[] }> {
  const [bodies, organisations] = await Promise.all([savingsRepo.bodyChoices(db, tenantId), savingsRepo.organisationChoices(db, tenantId)]);
  return { bodies: bodies.map((b) => ({ value: b.id, text: b.name })), organisations: organisations.map((o) => ({ value: o.id, text: o.name })) };
}

type AnyRow = { id: string; financialYear: string; version: number };

async function findRow(db: Queryable, tenantId: string, appendix: AppendixKey, id: string): Promise<AnyRow | null> {
  switch (appendix) {
    case 'grants':
      return repo.getGrant(db, tenantId, id);
    case 'reserves':
      return repo.getReserve(db, tenantId, id);
    case 'capital-schemes':
      return repo.getScheme(db, tenantId, id);
    case 'capital-funding':
      return repo.getFunding(db, tenantId, id);
    case 'savings':
      return savingsRepo.getSaving(db, tenantId, id);
  }
}

/** A row as its edit form shows it, with its year and version. */
export async function rowForm(db: Queryable, tenantId: string, appendix: AppendixKey, id: string) {
  const row = await findRow(db, tenantId, appendix, id);
  if (!row) throw new NotFoundError(APPENDICES[appendix].singular);
  let values: FormValues;
  if (appendix === 'savings') {
    const partners = await savingsRepo.partnersOf(db, tenantId, [id]);
    values = valuesOfSaving(
      row as savingsRepo.SavingRow,
      partners.map((p) => p.organisationId),
    );
  } else {
    values = valuesOfRow(row, AMOUNT_COLUMNS[appendix]);
  }
  const named = row as { name?: string; title?: string; source?: string };
  return { year: row.financialYear, version: row.version, values, label: named.name ?? named.title ?? named.source ?? '' };
}

/**
 * Adds a row to the year's appendix (no id) or changes one (id and the version the form was read at).
 * Returns the row's year. A form with errors is refused whole; a row someone changed meanwhile is a conflict.
 */
export async function saveRow(
  db: Database,
  ctx: RequestContext,
  appendix: AppendixKey,
  target: { year: string } | { id: string; version: unknown },
  body: Record<string, unknown>,
): Promise<string> {
  const choices = await formChoices(db, ctx.tenantId);
  const read = readFields(FIELDS[appendix], body, choices);
  const existing = 'id' in target ? await findRow(db, ctx.tenantId, appendix, target.id) : null;
  if ('id' in target && !existing) throw new NotFoundError(APPENDICES[appendix].singular);
  const year = existing ? existing.financialYear : (target as { year: string }).year;
  if (appendix === 'savings' && !read.errors.reference && typeof read.values.reference === 'string') {
    if (await savingsRepo.referenceTaken(db, ctx.tenantId, year, read.values.reference, existing?.id ?? null)) {
      read.errors.reference = `Another saving in ${year} has the reference ${read.values.reference}`;
    }
  }
  if (Object.keys(read.errors).length) throw new ValidationError(read.errors);
  const version = existing ? formVersion((target as { version: unknown }).version) : 0;
  if (existing && version < 1) throw new ConflictError();
  await db.transaction(changeContext(ctx), async (tx) => {
    const ok = await writeRow(tx, ctx.tenantId, appendix, year, existing ? { id: existing.id, version } : null, read);
    if (!ok) throw new ConflictError();
  });
  return year;
}

async function writeRow(
  tx: Queryable,
  tenantId: string,
  appendix: AppendixKey,
  year: string,
  existing: { id: string; version: number } | null,
  read: ReturnType<typeof readFields>,
): Promise<boolean> {
  switch (appendix) {
    case 'grants': {
      const input = INPUTS.grants(read);
      return existing ? repo.updateGrant(tx, tenantId, existing.id, existing.version, input) : !!(await repo.insertGrant(tx, tenantId, year, input));
    }
    case 'reserves': {
      const input = INPUTS.reserves(read);
      return existing ? repo.updateReserve(tx, tenantId, existing.id, existing.version, input) : !!(await repo.insertReserve(tx, tenantId, year, input));
    }
    case 'capital-schemes': {
      const input = INPUTS['capital-schemes'](read);
      return existing ? repo.updateScheme(tx, tenantId, existing.id, existing.version, input) : !!(await repo.insertScheme(tx, tenantId, year, input));
    }
    case 'capital-funding': {
      const input = INPUTS['capital-funding'](read);
      return existing ? repo.updateFunding(tx, tenantId, existing.id, existing.version, input) : !!(await repo.insertFunding(tx, tenantId, year, input));
    }
    case 'savings': {
      const input = INPUTS.savings(read);
      const id = existing ? existing.id : await savingsRepo.insertSaving(tx, tenantId, year, input);
      if (existing && !(await savingsRepo.updateSaving(tx, tenantId, existing.id, existing.version, input))) return false;
      const organisations = await savingsRepo.knownOrganisations(tx, tenantId, read.values.organisationIds as string[]);
      await savingsRepo.setPartners(tx, tenantId, id, organisations);
      return true;
    }
  }
}

/** Deletes a row (a tombstone stays for the audit trail); returns its year. */
export async function removeRow(db: Database, ctx: RequestContext, appendix: AppendixKey, id: string, version: unknown): Promise<string> {
  const existing = await findRow(db, ctx.tenantId, appendix, id);
  if (!existing) throw new NotFoundError(APPENDICES[appendix].singular);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.deleteRow(tx, ctx.tenantId, appendix, id, formVersion(version)))) throw new ConflictError();
  });
  return existing.financialYear;
}

export const yearsWithData = repo.yearsWithData;
