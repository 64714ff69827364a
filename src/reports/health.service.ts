// The Principles of Partnership Working and each partnership's health check: the current principles,
// a check combining computed criteria with officers' judgements, the Principle 1 test, the trend over
// years, and the forms that change them (every error at once, nothing saved unless all is well).
import type { ChangeContext, Database, Queryable } from '../db/database.ts';
import { organisationChoices } from '../directory/index.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import type { FormBody } from '../web/forms.ts';
import { COMPUTED, computeChecks, isComputed } from './health-facts.ts';
import { type Judged, type Rag, RAGS, ragCounts, trend } from './health-rules.ts';
import * as repo from './principles.repository.ts';

type Ctx = ChangeContext & { tenantId: string };

export interface Principle {
  number: number;
  heading: string;
  statement: string;
  criteria: { key: string; letter: string; text: string }[];
}

export const MAX_EVIDENCE = 5000;

/** The version in force (the latest adopted) with its principles, and every version for the history. */
export async function principlesInForce(db: Queryable, tenantId: string) {
  const versions = await repo.listVersions(db, tenantId);
  const current = versions[0] ?? null;
  return { current, versions, principles: current ? await principlesOf(db, tenantId, current.id) : [] };
}

export async function principlesOf(db: Queryable, tenantId: string, versionId: string): Promise<Principle[]> {
  const rows = await repo.criteriaOf(db, tenantId, versionId);
  const principles = new Map<number, Principle>();
  for (const r of rows) {
    const p = principles.get(r.number) ?? { number: r.number, heading: r.heading, statement: r.statement, criteria: [] };
    p.criteria.push({ key: `${r.number}${r.letter}`, letter: r.letter, text: r.text });
    principles.set(r.number, p);
  }
  return [...principles.values()];
}

/** Principle 1 is the enter-or-remain test; the health check's RAGs are for the others. */
const checked = (principles: Principle[]) => principles.filter((p) => p.number !== 1);

/** Every partnership's summary for a year: counts of each RAG over computed and judged criteria. */
export async function healthCheckList(db: Queryable, tenantId: string, year: number, today: string) {
  const [{ principles }, settings] = await Promise.all([principlesInForce(db, tenantId), repo.getSettings(db, tenantId)]);
  const checks = await computeChecks(db, tenantId, null, year, settings, today);
  const judgements = await repo.judgementsOf(
    db,
    tenantId,
    checks.map((c) => c.partnership.id),
    year,
  );
  const keys = checked(principles).flatMap((p) => p.criteria.map((c) => c.key));
  return checks.map((c) => {
    const judged = new Map(judgements.filter((j) => j.partnershipId === c.partnership.id).map((j) => [j.criterion, j.rag]));
    const rags = keys.map((k): Rag => (isComputed(k) ? c.results[k].rag : (judged.get(k) ?? 'not_assessed')));
    return { partnership: c.partnership, counts: ragCounts(rags) };
  });
}

export interface CriterionView {
  key: string;
  letter: string;
  text: string;
  computed: boolean;
  result: Judged;
  /** The officer's stored judgement, for the form. */
  judgement: { rag: Rag; evidence: string } | null;
}

/** One partnership's check for a year, with the Principle 1 test and its trend across the years recorded. */
export async function healthCheckView(db: Queryable, tenantId: string, partnershipId: string, year: number, today: string) {
  const [{ current, principles }, settings] = await Promise.all([principlesInForce(db, tenantId), repo.getSettings(db, tenantId)]);
  const [check] = await computeChecks(db, tenantId, [partnershipId], year, settings, today);
  if (!check) throw new NotFoundError('partnership');
  const judgements = await repo.judgementsOf(db, tenantId, [partnershipId], null);
  const judgedFor = (y: number, key: string): Judged => {
    const j = judgements.find((x) => x.year === y && x.criterion === key);
    return j ? { rag: j.rag, summary: j.evidence, evidence: [] } : { rag: 'not_assessed', summary: 'Not yet judged.', evidence: [] };
  };
  const sections = checked(principles).map((p) => ({
    ...p,
    criteria: p.criteria.map((c): CriterionView => {
      const j = judgements.find((x) => x.year === year && x.criterion === c.key);
      if (isComputed(c.key)) return { ...c, computed: true, result: check.results[c.key], judgement: null };
      return { ...c, computed: false, result: judgedFor(year, c.key), judgement: j ? { rag: j.rag, evidence: j.evidence } : null };
    }),
  }));
  const keys = sections.flatMap((s) => s.criteria.map((c) => c.key));
  // The trend: every year with a judgement, and this one; computed criteria are worked out for each.
  const years = [...new Set([year, ...judgements.map((j) => j.year)])].sort((a, b) => a - b);
  const perYear = await Promise.all(
    years.map(async (y) => {
      const [c] = y === year ? [check] : await computeChecks(db, tenantId, [partnershipId], y, settings, today);
      const rags = Object.fromEntries(keys.map((k) => [k, isComputed(k) ? c!.results[k].rag : judgedFor(y, k).rag]));
      return { year: y, rags };
    }),
  );
  const testAnswers = await repo.principleOneTest(db, tenantId, partnershipId, year);
  const principleOne = principles.find((p) => p.number === 1) ?? null;
  return {
    version: current,
    settings,
    partnership: check.partnership,
    asAt: check.asAt,
    sections,
    judgedKeys: keys.filter((k) => !isComputed(k)),
    principleOne,
    test: new Map(testAnswers.map((t) => [t.letter, t])),
    trend: { years, rows: trend(perYear, keys) },
  };
}

const textOf = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** Saves the officer's RAG and evidence for every judged criterion at once. */
export async function saveJudgements(db: Database, ctx: Ctx, partnershipId: string, year: number, body: FormBody) {
  const { principles } = await principlesInForce(db, ctx.tenantId);
  const keys = checked(principles).flatMap((p) => p.criteria.map((c) => c.key).filter((k) => !isComputed(k)));
  const errors: FieldErrors = {};
  const rows = keys.map((key) => {
    const rag = textOf(body[`rag-${key}`]);
    const evidence = textOf(body[`evidence-${key}`]);
    if (!(RAGS as readonly string[]).includes(rag)) errors[`rag-${key}`] = `Select a RAG for ${key}, or Not assessed`;
    else if (rag !== 'not_assessed' && !evidence) errors[`evidence-${key}`] = `Enter the evidence for ${key}`;
    if (evidence.length > MAX_EVIDENCE) errors[`evidence-${key}`] = `The evidence for ${key} must be ${MAX_EVIDENCE} characters or fewer`;
    return { partnershipId, year, criterion: key, rag: rag as Rag, evidence };
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await db.transaction(ctx, async (tx) => {
    for (const row of rows) await repo.upsertJudgement(tx, ctx.tenantId, row);
  });
}

/** Saves the Principle 1 test: each criterion met or not, with the reason. */
export async function saveTest(db: Database, ctx: Ctx, partnershipId: string, year: number, body: FormBody) {
  const { principles } = await principlesInForce(db, ctx.tenantId);
  const letters = principles.find((p) => p.number === 1)?.criteria.map((c) => c.letter) ?? [];
  const errors: FieldErrors = {};
  const rows = letters.map((letter) => {
    const met = textOf(body[`met-${letter}`]);
    const reason = textOf(body[`reason-${letter}`]);
    if (met !== 'yes' && met !== 'no') errors[`met-${letter}`] = `Select whether criterion ${letter} is met`;
    if (!reason) errors[`reason-${letter}`] = `Enter the reason for criterion ${letter}`;
    else if (reason.length > MAX_EVIDENCE) errors[`reason-${letter}`] = `The reason for criterion ${letter} must be ${MAX_EVIDENCE} characters or fewer`;
    return { letter, met: met === 'yes', reason };
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await db.transaction(ctx, async (tx) => {
    for (const row of rows) await repo.upsertTestAnswer(tx, ctx.tenantId, partnershipId, year, row);
  });
}

export async function settingsView(db: Queryable, tenantId: string) {
  const [settings, organisations] = await Promise.all([repo.getSettings(db, tenantId), organisationChoices(db, tenantId)]);
  return { settings, organisations };
}

export async function saveSettings(db: Database, ctx: Ctx, body: FormBody) {
  const errors: FieldErrors = {};
  const orgId = textOf(body.councilOrganisationId).toLowerCase();
  const days = textOf(body.minutesWorkingDays);
  const organisations = await organisationChoices(db, ctx.tenantId);
  if (orgId && !organisations.some((o) => o.id === orgId)) errors.councilOrganisationId = 'Select the council from the list';
  if (!/^\d{1,2}$/.test(days) || Number(days) < 1 || Number(days) > 60) errors.minutesWorkingDays = 'Enter a whole number of working days from 1 to 60';
  if (Object.keys(errors).length) throw new ValidationError(errors);
  await db.transaction(ctx, (tx) => repo.saveSettings(tx, ctx.tenantId, { councilOrganisationId: orgId || null, minutesWorkingDays: Number(days) }));
}

export { COMPUTED };
