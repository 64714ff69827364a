// The quarterly update to Cabinet (seed 001): gathers each chosen partnership's quarter through the other
// capabilities' front doors, drafts and saves activity updates (every error at once, audited), and builds
// the report's content, which the HTML page, the Word file and the PDF all print.
import type { ChangeContext, Database, Queryable } from '../db/database.ts';
import { financialYearLabel, financialYearOf, formatDate, formatMonth } from '../calendar/format.ts';
import { implicationSections, partnershipMeetings } from '../meetings/index.ts';
import { contactsOn, eventsBetween, fundingOf, quarterlyPartnerships, sourceDocumentsOf } from '../partnerships/index.ts';
import { exceptionReports, indicatorsAsAt } from '../performance/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import type { FormBody } from '../web/forms.ts';
import { formatPence } from '../web/format.ts';
import * as repo from './activity.repository.ts';
import { draftSummary, onTarget, type Quarter, type QuarterFacts } from './quarterly-rules.ts';

type Ctx = ChangeContext & { tenantId: string };
export const MAX_SUMMARY = 20000;

const UNIT_SUFFIX: Record<string, string> = {
  percentage: '%',
  rate_per_1000: ' per 1,000',
  rate_per_10000: ' per 10,000',
  rate_per_100000: ' per 100,000',
  days: ' days',
};
// One formatter per number of decimals: a number formatted with options builds a new one each time (about 18 µs).
const DECIMALS_FORMATS = new Map<number, Intl.NumberFormat>();
const decimalsFormat = (decimals: number) => {
  let format = DECIMALS_FORMATS.get(decimals);
  if (!format) DECIMALS_FORMATS.set(decimals, (format = new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })));
  return format;
};
export function formatValue(value: number | null, unit: string, decimals: number): string | null {
  if (value === null) return null;
  const n = decimalsFormat(decimals).format(value);
  return unit === 'money' ? `£${n}` : `${n}${UNIT_SUFFIX[unit] ?? ''}`;
}
/** An actual from before the quarter says which period it is for: "25% (2008/09)". */
const withPeriod = (text: string | null, period: string | null, q: Quarter) =>
  text && period && period < q.start ? `${text} (${period.slice(5) === '04-01' ? financialYearLabel(financialYearOf(period)) : formatMonth(period)})` : text;
const grouped = <T extends { partnershipId: string }>(rows: readonly T[], id: string) => rows.filter((r) => r.partnershipId === id);

/** Everything the report says about the chosen partnerships (all when ids is null) for a quarter. */
export async function quarterContent(db: Queryable, tenantId: string, q: Quarter, ids: string[] | null, reportDate: string) {
  // In the order chosen (the seed's A-F is the council's order, not the alphabet's).
  const partnerships = (await quarterlyPartnerships(db, tenantId, ids)).sort((a, b) => (ids ? ids.indexOf(a.id) - ids.indexOf(b.id) : 0));
  const pids = partnerships.map((p) => p.id);
  const [contacts, meetings, indicators, exceptions, events, funding, sources, updates, implications] = await Promise.all([
    contactsOn(db, tenantId, pids, reportDate),
    partnershipMeetings(db, tenantId, pids, q.start, q.end),
    indicatorsAsAt(db, tenantId, pids, q.end),
    exceptionReports(db, tenantId, {}),
    eventsBetween(db, tenantId, pids, q.start, q.end),
    fundingOf(db, tenantId, pids, q.financialYear),
    sourceDocumentsOf(db, tenantId, pids),
    repo.updatesOf(db, tenantId, q.start, pids),
    implicationSections(db, tenantId, 'quarterly_update'),
  ]);
  const inQuarter = (d: string | null) => d !== null && d >= q.start && d <= q.end;
  const rows = partnerships.map((p) => {
    const mine = grouped(indicators, p.id).map((i) => ({
      label: i.code ? `${i.code} ${i.title}` : i.title,
      baseline: formatValue(i.baseline, i.unit, i.decimals),
      target: formatValue(i.target, i.unit, i.decimals),
      actual: withPeriod(formatValue(i.actual, i.unit, i.decimals), i.actualPeriod, q),
      onTarget: onTarget(i.actual, i.target, i.polarity),
    }));
    const excepted = exceptions.filter((e) => e.partnershipId === p.id && (inQuarter(e.periodStart) || inQuarter(e.meetingDate) || inQuarter(e.consideredOn)));
    const facts: QuarterFacts = {
      meetings: grouped(meetings, p.id).map((m) => ({
        bodyName: m.bodyName,
        meetingDate: m.meetingDate,
        held: m.status === 'held' || m.meetingDate <= reportDate,
      })),
      decisions: [],
      indicators: mine,
      exceptions: excepted.map((e) => ({ indicatorTitle: e.indicatorTitle, cause: e.cause, actions: e.actions })),
      events: grouped(events, p.id),
      plans: [],
    };
    const role = (r: string[]) => grouped(contacts, p.id).find((c) => r.includes(c.role)) ?? null;
    const update = updates.find((u) => u.partnershipId === p.id) ?? null;
    const money = grouped(funding, p.id);
    return {
      partnership: p,
      officer: role(['officer_contact', 'lead_officer']),
      member: role(['member_contact']),
      facts,
      draft: draftSummary(facts),
      update,
      indicators: mine,
      exceptions: excepted.map((e) => ({ ...e, cost: e.costPence === null ? null : formatPence(e.costPence) })),
      funding: money.map((f) => ({ organisation: f.organisationName, amount: formatPence(f.amountPence), note: f.note })),
      fundingTotal: money.length ? formatPence(money.reduce((s, f) => s + f.amountPence, 0)) : null,
      sources: grouped(sources, p.id),
    };
  });
  // The implications sections the council configures for the quarterly update ride with the rows to buildReport.
  return Object.assign(rows, { implicationSections: implications });
}
export type PartnershipQuarter = Awaited<ReturnType<typeof quarterContent>>[number];

/** The partnerships a report covers when none are chosen: those with a summary of activity for the quarter, else every one. */
export async function defaultSelection(db: Queryable, tenantId: string, q: Quarter): Promise<string[] | null> {
  const updates = await repo.updatesOf(db, tenantId, q.start, null);
  return updates.length ? updates.map((u) => u.partnershipId) : null;
}

/** One partnership's update for the edit page: the stored one, or the product's draft. */
export async function updateView(db: Queryable, tenantId: string, q: Quarter, partnershipId: string, today: string) {
  const [one] = await quarterContent(db, tenantId, q, [partnershipId], today);
  if (!one) throw new NotFoundError('partnership');
  return one;
}

const textOf = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '');
const versionOf = (v: unknown) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : null);

export async function saveUpdate(db: Database, ctx: Ctx, q: Quarter, partnershipId: string, body: FormBody) {
  const summary = textOf(body.summary);
  if (!summary) throw new ValidationError({ summary: 'Enter the summary of activity' });
  if (summary.length > MAX_SUMMARY)
    throw new ValidationError({ summary: `The summary of activity must be ${MAX_SUMMARY.toLocaleString('en-GB')} characters or fewer` });
  const [p] = await quarterlyPartnerships(db, ctx.tenantId, [partnershipId]);
  if (!p) throw new NotFoundError('partnership');
  const saved = await db.transaction(ctx, (tx) =>
    repo.saveDraft(tx, ctx.tenantId, { partnershipId, quarterStart: q.start, summary, version: versionOf(body.version) }),
  );
  if (!saved) throw new ConflictError();
}

export const approvedLine = (u: repo.ActivityUpdateRow | null) =>
  u?.state === 'approved'
    ? `Approved by ${u.approvedBy ?? 'the lead member'} on ${formatDate(u.approvedOn)}`
    : u?.state === 'submitted'
      ? `Submitted to the lead member${u.submittedOn ? ` on ${formatDate(u.submittedOn)}` : ''}: not yet approved`
      : u
        ? 'Draft: not yet submitted to the lead member'
        : 'Not yet written';
