// The annual review of strategic partnerships (seed 002): reads the officer's draft, regenerates everything
// else from the register (through the partnerships front door) and the health checks, and saves the draft
// from its form (every error at once, nothing saved unless all is well, audited, at the version edited).
import type { ChangeContext, Database, Queryable } from '../db/database.ts';
import { financialYearOf } from '../calendar/format.ts';
import { implicationSections } from '../meetings/index.ts';
import { appointmentsOf, contributionsByYear as contributionRows, landscapeOf } from '../partnerships/index.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import { type FormBody, lines, text } from '../web/forms.ts';
import { formVersion } from '../web/schema.ts';
import { activeOn, checkReviewDates, contributionsByYear, landscapeChanges, representativesAt, subGroupsAt } from './annual-rules.ts';
import * as repo from './annual-reviews.repository.ts';
import { IMPLICATION_HEADINGS } from './annual-reviews.repository.ts';
import { healthCheckList } from './health.service.ts';
import { getSettings } from './principles.repository.ts';

type Ctx = ChangeContext & { tenantId: string };

export const MAX_TEXT = 20000;
const MAX_LINE = 2000;

/** A new review's starting values: the year to the end of last month, dated today. */
export function newReviewValues(today: string, headings: readonly string[] = IMPLICATION_HEADINGS): repo.ReviewFields {
  const end = new Date(`${today.slice(0, 8)}01T00:00:00Z`);
  end.setUTCDate(0);
  const periodEnd = end.toISOString().slice(0, 10);
  const periodStart = `${Number(periodEnd.slice(0, 4)) - 1}${periodEnd.slice(4, 8)}01`;
  const start = new Date(`${periodStart}T00:00:00Z`);
  start.setUTCMonth(start.getUTCMonth() + 1);
  return {
    title: 'Annual review of strategic partnerships',
    periodStart: start.toISOString().slice(0, 10),
    periodEnd,
    reportDate: today,
    author: '',
    summary: '',
    recommendations: [],
    backgroundPapers: [],
    implications: headings.map((heading) => ({ heading, text: '' })),
  };
}

/**
 * The implications headings a review's form shows: an existing review keeps the sections it was started with;
 * a new one takes those the council configures for the annual review now (/admin/implications).
 */
export async function implicationHeadings(db: Queryable, tenantId: string, reviewId: string | null): Promise<string[]> {
  if (reviewId) {
    const found = await repo.getReview(db, tenantId, reviewId);
    if (found?.review.implications.length) return found.review.implications.map((i) => i.heading);
  }
  return (await implicationSections(db, tenantId, 'annual_review')).map((s) => s.heading);
}

/** Partnerships the officer may choose: every one that is not a sub-group, marked when active on the date. */
export async function partnershipChoices(db: Queryable, tenantId: string, asAt: string) {
  const { partnerships, events, lines: reporting } = await landscapeOf(db, tenantId);
  const children = new Set(reporting.map((l) => l.partnershipId));
  return partnerships
    .filter((p) => p.kind !== 'sub_group' || !children.has(p.id))
    .map((p) => ({ id: p.id, name: p.name, active: activeOn(p.id, events, asAt) }));
}

export async function getReview(db: Queryable, tenantId: string, id: string) {
  const found = await repo.getReview(db, tenantId, id);
  if (!found) throw new NotFoundError('annual review');
  return found;
}

/** Everything the review says, regenerated from the register and the health checks on its dates. */
export async function reviewContent(db: Queryable, tenantId: string, id: string) {
  const { review, partnerships: chosen } = await getReview(db, tenantId, id);
  const ids = chosen.map((c) => c.partnershipId);
  const year = financialYearOf(review.periodEnd);
  const [landscape, appointments, money, settings, health, implications] = await Promise.all([
    landscapeOf(db, tenantId),
    appointmentsOf(db, tenantId, ids),
    contributionRows(db, tenantId, ids),
    getSettings(db, tenantId),
    healthCheckList(db, tenantId, year, review.reportDate),
    implicationSections(db, tenantId, 'annual_review'),
  ]);
  const names = new Map(landscape.partnerships.map((p) => [p.id, p.name]));
  const byId = new Map(landscape.partnerships.map((p) => [p.id, p]));
  const sections = chosen.flatMap((c) => {
    const p = byId.get(c.partnershipId);
    if (!p) return [];
    const mine = <T extends { partnershipId: string }>(rows: readonly T[]) => rows.filter((r) => r.partnershipId === p.id);
    const check = health.find((h) => h.partnership.id === p.id);
    return [
      {
        partnership: p,
        active: activeOn(p.id, landscape.events, review.reportDate),
        representatives: representativesAt(mine(appointments), settings.councilOrganisationId, review.reportDate),
        subGroups: subGroupsAt(p.id, landscape.lines, landscape.events, names, review.reportDate),
        contributions: contributionsByYear(mine(money)),
        direction: c.direction,
        health: check ? { year, counts: check.counts } : null,
      },
    ];
  });
  return {
    review,
    councilSet: settings.councilOrganisationId !== null,
    changes: landscapeChanges(landscape.events, names, { start: review.periodStart, end: review.periodEnd }),
    sections,
    /** The council's implications sections for the annual review now: their wording fills a section left empty. */
    implicationSections: implications,
  };
}
export type ReviewContent = Awaited<ReturnType<typeof reviewContent>>;

const clean = (v: unknown) => (text(v) ?? '').replace(/\r\n/g, '\n').trim();

/** Reads and checks the review's form: every error at once. */
export async function readReviewForm(db: Queryable, tenantId: string, body: FormBody, headings: readonly string[] = IMPLICATION_HEADINGS) {
  const errors: FieldErrors = {};
  const fields: repo.ReviewFields = {
    title: clean(body.title),
    periodStart: clean(body.periodStart),
    periodEnd: clean(body.periodEnd),
    reportDate: clean(body.reportDate),
    author: clean(body.author),
    summary: clean(body.summary),
    recommendations: lines(body.recommendations),
    backgroundPapers: lines(body.backgroundPapers),
    implications: headings.map((heading, i) => ({ heading, text: clean(body[`implication-${i}`]) })),
  };
  if (!fields.title) errors.title = 'Enter the title of the review';
  else if (fields.title.length > 300) errors.title = 'The title must be 300 characters or fewer';
  Object.assign(errors, checkReviewDates(fields));
  if (fields.author.length > 300) errors.author = 'The author must be 300 characters or fewer';
  if (fields.summary.length > MAX_TEXT) errors.summary = `The summary must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`;
  if (fields.recommendations.some((r) => r.length > MAX_LINE))
    errors.recommendations = `Each recommendation must be ${MAX_LINE.toLocaleString('en-GB')} characters or fewer`;
  if (fields.backgroundPapers.some((r) => r.length > MAX_LINE))
    errors.backgroundPapers = `Each background paper must be ${MAX_LINE.toLocaleString('en-GB')} characters or fewer`;
  fields.implications.forEach((imp, i) => {
    if (imp.text.length > MAX_TEXT) errors[`implication-${i}`] = `The ${imp.heading} must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`;
  });

  const known = new Map((await partnershipChoices(db, tenantId, fields.reportDate || '9999-12-31')).map((p) => [p.id, p]));
  const picked = [...new Set((Array.isArray(body.p) ? body.p : body.p === undefined ? [] : [body.p]).map((v) => String(v).toLowerCase()))];
  if (picked.some((id) => !known.has(id))) errors.p = 'Select partnerships from the list';
  else if (!picked.length) errors.p = 'Select at least one partnership for the review';
  const order = (id: string) => {
    const raw = clean(body[`order-${id}`]);
    if (raw === '') return Number.MAX_SAFE_INTEGER;
    if (!/^\d{1,3}$/.test(raw)) errors[`order-${id}`] = `Enter the order of ${known.get(id)?.name ?? 'the partnership'} as a whole number`;
    return Number(raw);
  };
  const chosen = picked
    .map((id) => ({ partnershipId: id, direction: clean(body[`direction-${id}`]), order: order(id), name: known.get(id)?.name ?? '' }))
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name, 'en-GB'));
  for (const c of chosen)
    if (c.direction.length > MAX_TEXT)
      errors[`direction-${c.partnershipId}`] = `Where ${c.name} is heading must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`;
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return { fields, chosen: chosen.map(({ partnershipId, direction }) => ({ partnershipId, direction })) };
}

/** Starts a review; `headings` are the implications the form showed (implicationHeadings(db, tenantId, null)). */
export async function createReview(db: Database, ctx: Ctx, body: FormBody, headings: readonly string[] = IMPLICATION_HEADINGS): Promise<string> {
  const { fields, chosen } = await readReviewForm(db, ctx.tenantId, body, headings);
  return db.transaction(ctx, async (tx) => {
    const id = await repo.insertReview(tx, ctx.tenantId, fields);
    await repo.setPartnerships(tx, ctx.tenantId, id, chosen);
    return id;
  });
}

export async function saveReview(db: Database, ctx: Ctx, id: string, body: FormBody) {
  const { review } = await getReview(db, ctx.tenantId, id);
  // The review keeps the implications sections it was started with.
  const headings = review.implications.length ? review.implications.map((i) => i.heading) : IMPLICATION_HEADINGS;
  const { fields, chosen } = await readReviewForm(db, ctx.tenantId, body, headings);
  await db.transaction(ctx, async (tx) => {
    if (!(await repo.updateReview(tx, ctx.tenantId, id, formVersion(body.version), fields))) throw new ConflictError();
    await repo.setPartnerships(tx, ctx.tenantId, id, chosen);
  });
}

export { IMPLICATION_HEADINGS, listReviews } from './annual-reviews.repository.ts';
