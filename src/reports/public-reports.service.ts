// Publishing the accountability reports (issue 16): the quarterly update to Cabinet for a quarter, an annual
// review and a partnership's health check for a year. Publishing freezes the report as it reads now, in the
// same transaction (report_versions, with the time its data was read); publishing again is a deliberate new
// version; the published downloads and the public pages print the latest version. A report that would name a
// record the public may not see (a draft partnership, an unpublished indicator) is refused, so the public copy
// never does.
import { formatDateTime } from '../calendar/format.ts';
import type { Database, Queryable } from '../db/database.ts';
import { type FreezeReason, type FrozenVersion, freezeVersion, latestVersion, type ReportKind } from '../documents/report-versions.repository.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import { isUuid } from '../web/schema.ts';
import { type AnnualReport, buildAnnualReport } from './annual-report.ts';
import * as annual from './annual-review.service.ts';
import { type HealthCheckDocument, healthCheckDocument } from './health-published.ts';
import { healthCheckView } from './health.service.ts';
import * as repo from './public-reports.repository.ts';
import { buildReport, type QuarterlyReport } from './quarterly-report.ts';
import { parseQuarter, type Quarter } from './quarterly-rules.ts';
import * as quarterly from './quarterly.service.ts';
import { chosenPartnerships } from './report-versions.service.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "Version 2, data as at 7 December 2026 at 6:30am": what every published copy says about itself. */
export const versionLine = (v: { number: number; dataReadAt: string }) => `Version ${v.number}, data as at ${formatDateTime(v.dataReadAt)}`;

/**
 * Refuses a document that names a record the public may not see. The document is the JSON the page, PDF and
 * Word file print, so a name in it is a name in every one of them.
 */
export async function refuseHiddenNames(db: Queryable, tenantId: string, document: unknown): Promise<void> {
  const text = JSON.stringify(document);
  const named = (await repo.hiddenNames(db, tenantId)).filter((h) => h.name.trim().length >= 3 && text.includes(JSON.stringify(h.name).slice(1, -1)));
  if (!named.length) return;
  const list = named.map((h) => `${h.name} (${h.kind === 'partnership' ? 'a partnership not on the public register' : 'an unpublished indicator'})`);
  throw new ValidationError(
    {
      publish: `The report names ${list.join('; ')}. Publish ${named.length === 1 ? 'it' : 'them'} first, or leave ${named.length === 1 ? 'it' : 'them'} out of the report`,
    },
    'The report cannot be published while it names records the public may not see',
  );
}

/** The expected latest version a "Publish a new version" form carries (empty the first time), so two people do not publish over each other. */
function checkExpected(body: Record<string, unknown>, latest: { number: number } | null) {
  const raw = typeof body.number === 'string' ? body.number.trim() : '';
  if (raw === '') return;
  if (!/^\d{1,9}$/.test(raw) || Number(raw) !== (latest?.number ?? 0))
    throw new ConflictError('Someone else published this report while you were looking at it. Check the latest version and try again');
}

async function freeze<T>(tx: Queryable, ctx: RequestContext, kind: ReportKind, reportId: string, body: Record<string, unknown>, build: () => Promise<T>) {
  const latest = await latestVersion(tx, ctx.tenantId, { kind, reportId });
  checkExpected(body, latest);
  const reason: FreezeReason = latest ? 'new-version' : 'published';
  return freezeVersion(tx, ctx.tenantId, { kind, reportId }, { actor: ctx.actor, reason }, async () => {
    const doc = await build();
    await refuseHiddenNames(tx, ctx.tenantId, doc);
    return doc;
  });
}

// ---- The quarterly update to Cabinet ----

/** Publishes the quarter's report as asked for (its date and partnerships), or a new version of it. */
export async function publishQuarterly(db: Database, ctx: RequestContext, body: Record<string, unknown>): Promise<{ quarter: Quarter; number: number }> {
  const q = parseQuarter(String(body.quarter ?? ''));
  const date = String(body.date ?? '');
  const errors: Record<string, string> = {};
  if (!q) errors.quarter = 'Choose the quarter of the report, like 2009-04-01';
  if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(date))) errors.date = "Enter the report's date, like 2009-07-21";
  if (Object.keys(errors).length || !q) throw new ValidationError(errors);
  return db.transaction(changeContext(ctx), async (tx) => {
    const id = (await repo.quarterlyPublication(tx, ctx.tenantId, q.start, true))!;
    const chosen = chosenPartnerships(body.p) ?? (await quarterly.defaultSelection(tx, ctx.tenantId, q));
    const v = await freeze(tx, ctx, 'quarterly-update', id, body, async () =>
      buildReport(q, date, await quarterly.quarterContent(tx, ctx.tenantId, q, chosen, date)),
    );
    return { quarter: q, number: v.number };
  });
}

/** The quarter's published report (its latest version), or null while it is unpublished. */
export async function publishedQuarterly(db: Queryable, tenantId: string, q: Quarter): Promise<FrozenVersion<QuarterlyReport> | null> {
  const id = await repo.quarterlyPublication(db, tenantId, q.start, false);
  return id ? latestVersion<QuarterlyReport>(db, tenantId, { kind: 'quarterly-update', reportId: id }) : null;
}

// ---- The annual review ----

export async function publishAnnual(db: Database, ctx: RequestContext, reviewId: string, body: Record<string, unknown>): Promise<number> {
  return db.transaction(changeContext(ctx), async (tx) => {
    const content = await annual.reviewContent(tx, ctx.tenantId, reviewId);
    const v = await freeze(tx, ctx, 'annual-review', content.review.id, body, async () => buildAnnualReport(content));
    return v.number;
  });
}

export async function publishedAnnual(db: Queryable, tenantId: string, reviewId: string): Promise<FrozenVersion<AnnualReport> | null> {
  return latestVersion<AnnualReport>(db, tenantId, { kind: 'annual-review', reportId: reviewId });
}

// ---- Health checks ----

function checkYear(year: number) {
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new ValidationError({ year: 'Enter the financial year as four digits, like 2011' });
}

/** Publishes a partnership's health check for a year (or a new version): the public see it from then on. */
export async function publishHealthCheck(db: Database, ctx: RequestContext, partnershipId: string, year: number, body: Record<string, unknown>, today: string) {
  checkYear(year);
  return db.transaction(changeContext(ctx), async (tx) => {
    const view = await healthCheckView(tx, ctx.tenantId, partnershipId, year, today);
    if (!(await repo.partnershipIsPublic(tx, ctx.tenantId, partnershipId)))
      throw new ValidationError(
        { publish: `${view.partnership.name} is not on the public register: publish the partnership first` },
        'The health check of a partnership the public cannot see cannot be published',
      );
    const id = await repo.publishHealth(tx, ctx.tenantId, partnershipId, year);
    const v = await freeze(tx, ctx, 'health-check', id, body, async () => healthCheckDocument(view, year));
    return v.number;
  });
}

export async function withdrawHealthCheck(db: Database, ctx: RequestContext, partnershipId: string, year: number): Promise<void> {
  checkYear(year);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.withdrawHealth(tx, ctx.tenantId, partnershipId, year)))
      throw new ValidationError({ publish: 'This health check is not published' }, 'Only a published health check can be withdrawn');
  });
}

/** The staff page's publication line: not published, published (version and time) or withdrawn. */
export async function healthPublicationState(db: Queryable, tenantId: string, partnershipId: string, year: number) {
  const pub = await repo.healthPublication(db, tenantId, partnershipId, year);
  const latest = pub ? await latestVersion<HealthCheckDocument>(db, tenantId, { kind: 'health-check', reportId: pub.id }) : null;
  return { published: Boolean(pub && !pub.withdrawn && latest), withdrawn: Boolean(pub?.withdrawn), latest };
}

// ---- What the public see ----

export type PublicReport =
  | { kind: 'quarterly-update'; id: string; version: FrozenVersion<QuarterlyReport> }
  | { kind: 'annual-review'; id: string; version: FrozenVersion<AnnualReport> };

export type PublishedReportSummary = repo.PublishedReportRow;
export const publishedReports = repo.publishedReports;
export const publishedHealthChecks = repo.publishedHealthChecks;

/** A published quarterly update or annual review by its id, as the public see it: its latest frozen version. */
export async function publicReport(db: Queryable, tenantId: string, id: string, kind?: PublicReport['kind']): Promise<PublicReport> {
  if (!isUuid(id)) throw new NotFoundError('report');
  const row = (await repo.publishedReports(db, tenantId)).find((r) => r.id === id.toLowerCase() && (!kind || r.kind === kind));
  if (!row) throw new NotFoundError('report');
  if (row.kind === 'quarterly-update') {
    const version = await latestVersion<QuarterlyReport>(db, tenantId, { kind: row.kind, reportId: row.id });
    if (version) return { kind: row.kind, id: row.id, version };
  } else {
    const version = await latestVersion<AnnualReport>(db, tenantId, { kind: row.kind, reportId: row.id });
    if (version) return { kind: row.kind, id: row.id, version };
  }
  throw new NotFoundError('report');
}

/** A published health check, as the public see it; a withdrawn one, or one of a partnership not on the public register, is not found. */
export async function publicHealthCheck(db: Queryable, tenantId: string, partnershipId: string, year: number) {
  if (!isUuid(partnershipId) || !Number.isInteger(year)) throw new NotFoundError('health check');
  const [row] = await repo.publishedHealthChecks(db, tenantId, { partnershipId: partnershipId.toLowerCase(), year });
  const version = row ? await latestVersion<HealthCheckDocument>(db, tenantId, { kind: 'health-check', reportId: row.id }) : null;
  if (!row || !version) throw new NotFoundError('health check');
  return { row, version };
}
