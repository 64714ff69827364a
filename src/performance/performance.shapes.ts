// Shaping for the performance API: scorecard entries and indicators as the caller may see them (staff or
// the public), values and exception reports, and the look-ups and checks the operations share.
import type { Queryable } from '../db/database.ts';
import { GoneError, NotFoundError } from '../web/errors.ts';
import type { Frequency, POLARITIES, UNITS } from './indicator-types.ts';
import type { IndicatorBody } from './performance.api-schemas.ts';
import { periodLabel } from './periods.ts';
import * as repo from './performance.repository.ts';
import * as seriesRepo from './series.repository.ts';
import * as scorecardRepo from './scorecard.repository.ts';
import type { ExceptionReportRow } from './exception-reports.repository.ts';
import * as service from './performance.service.ts';
import { PUBLICATION_MESSAGES, type Travel } from './rules.ts';
import { asProblem } from '../api/index.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
export const label = (frequency: string, start: string) => periodLabel({ frequency: frequency as Frequency, start });

const travelShape = (t: Travel) => ({ against: t.against, previousPeriod: t.previousPeriod, periodsBefore: t.periodsBefore, words: t.words });

function summaryShape(e: service.ScorecardEntry, forStaff: boolean, site: number, modified: Date) {
  const i = e.indicator;
  return {
    id: i.id,
    type: 'indicator' as const,
    code: i.code,
    title: i.title,
    definition: i.definition,
    unit: i.unit as (typeof UNITS)[number],
    polarity: i.polarity as (typeof POLARITIES)[number],
    frequency: i.frequency as Frequency,
    cumulative: i.cumulative,
    decimals: i.decimals,
    dataSource: i.dataSource,
    outcomeGroup: i.outcomeGroup,
    directorate: i.directorate,
    leadOfficer: i.leadOfficer,
    owner: forStaff && i.ownerPersonId ? { id: i.ownerPersonId, name: i.ownerName ?? '' } : null,
    tolerancePercent: i.tolerancePercent,
    effectiveTolerancePercent: i.tolerancePercent ?? site,
    baseline:
      i.baselineValue === null
        ? null
        : {
            period: i.baselinePeriod,
            label: i.baselinePeriod ? label(i.frequency, i.baselinePeriod) : null,
            value: i.baselineValue,
            numerator: i.baselineNumerator,
            denominator: i.baselineDenominator,
            note: i.baselineNote,
          },
    finalTarget:
      i.finalTargetValue === null
        ? null
        : {
            period: i.finalTargetPeriod,
            label: i.finalTargetPeriod ? label(i.frequency, i.finalTargetPeriod) : null,
            value: i.finalTargetValue,
          },
    publicationState: i.publicationState,
    status: i.status,
    latest:
      i.latestPeriod === null || i.latestValue === null
        ? null
        : {
            period: i.latestPeriod,
            label: e.periodLabel,
            value: i.latestValue,
            valueText: e.latest,
            statNeighbours: i.statNeighbours,
            england: i.england,
            commentary: i.commentary ?? '',
            correctiveAction: i.correctiveAction ?? '',
            published: i.latestPublished ?? false,
          },
    previous:
      i.previousPeriod === null || i.previousValue === null
        ? null
        : { period: i.previousPeriod, label: label(i.frequency, i.previousPeriod), value: i.previousValue },
    target: i.latestTarget,
    rag: e.rag,
    direction: e.direction,
    directionOfTravel: travelShape(e.travel),
    exceptionReportRequired: forStaff ? e.exceptionRequired : null,
    created: iso(i.created),
    modified: modified.toISOString(),
    version: i.version,
    deleted: false as const,
  };
}

type Filters = { q?: string; outcome?: string; directorate?: string; partnershipId?: string; bodyId?: string; offTarget?: boolean; worsening?: boolean };

/** The scorecard entries the caller may see, with when each last changed. */
export async function entries(db: Queryable, tenantId: string, forStaff: boolean, f: Filters & { ids?: string[] }) {
  const [card, site, times] = await Promise.all([
    service.scorecardView(db, tenantId, {
      publicOnly: !forStaff,
      q: f.q,
      outcomeGroup: f.outcome,
      directorate: f.directorate,
      partnershipId: f.partnershipId,
      bodyId: f.bodyId,
      ids: f.ids,
      offTarget: f.offTarget,
      worsening: f.worsening,
    }),
    scorecardRepo.siteTolerance(db, tenantId),
    repo.modifiedTimes(db, tenantId, { ids: f.ids }),
  ]);
  const modified = new Map(times.map((t) => [t.id, t.modified]));
  const shape = (e: service.ScorecardEntry) => summaryShape(e, forStaff, site, modified.get(e.indicator.id) ?? e.indicator.modified);
  return { card, shape };
}

/** An indicator as the caller may see it: 404 to the public for a draft, 410 once deleted. */
export async function indicatorDetail(db: Queryable, tenantId: string, id: string, forStaff: boolean) {
  const row = await repo.getIndicator(db, tenantId, id, { publicOnly: !forStaff, withDeleted: true });
  if (!row) throw new NotFoundError('indicator');
  if (row.deletedAt) throw new GoneError('indicator');
  const [{ card, shape }, view] = await Promise.all([
    entries(db, tenantId, forStaff, { ids: [id] }),
    service.indicatorView(db, tenantId, id, { publicOnly: !forStaff }),
  ]);
  const entry = card.groups.flatMap((g) => g.entries)[0];
  if (!entry) throw new NotFoundError('indicator');
  return {
    ...shape(entry),
    exceptionReportRequired: forStaff ? view.exceptionRequired : null,
    partnerships: view.assignments.filter((a) => a.partnershipId).map((a) => ({ id: a.partnershipId!, name: a.name })),
    bodies: view.assignments.filter((a) => a.bodyId).map((a) => ({ id: a.bodyId!, name: a.name })),
    offTargetRun: view.offRun,
    values: view.rows.map((r) => ({
      id: r.id,
      period: r.periodStart,
      label: r.label,
      value: r.value,
      valueText: r.valueText,
      numerator: r.numerator,
      denominator: r.denominator,
      status: r.status as 'provisional' | 'final' | null,
      target: r.target,
      rag: r.rag,
      direction: r.direction,
      directionOfTravel: travelShape(r.travel),
      statNeighbours: r.statNeighbours,
      england: r.england,
      commentary: r.commentary,
      correctiveAction: r.correctiveAction,
      published: r.published,
      publicationProblems: forStaff ? r.problems : null,
      version: r.version,
      modified: r.modified ? iso(r.modified) : null,
    })),
    exceptionReports: forStaff ? view.exceptions.map((e) => exceptionShape(e, view.indicator.frequency)) : null,
  };
}

export function exceptionShape(e: ExceptionReportRow, frequency: string) {
  return {
    id: e.id,
    period: e.periodStart,
    label: label(frequency, e.periodStart),
    cause: e.cause,
    actions: e.actions,
    cost: e.costPence === null ? null : e.costPence / 100,
    owner: e.owner,
    partnership: e.partnershipId ? { id: e.partnershipId, name: e.partnershipName ?? '' } : null,
    meeting: e.meetingId && e.meetingDate ? { id: e.meetingId, date: e.meetingDate } : null,
    status: e.status,
    consideredOn: e.consideredOn,
    version: e.version,
  };
}

export async function valueDetail(db: Queryable, tenantId: string, id: string, period: string) {
  const detail = await indicatorDetail(db, tenantId, id, true);
  const row = detail.values.find((v) => v.period === period && v.id !== null);
  if (!row) throw new NotFoundError('value');
  return row;
}

/** The value recorded for a period, or 404. */
export async function valueIdFor(db: Queryable, tenantId: string, id: string, period: string) {
  if (!(await repo.getIndicator(db, tenantId, id))) throw new NotFoundError('indicator');
  const row = (await seriesRepo.seriesOf(db, tenantId, id)).find((s) => s.periodStart === period && s.id !== null);
  if (!row) throw new NotFoundError('value');
  return row.id!;
}

/** Refusals to publish name the fields to write (commentary, correctiveAction) and carry the message as the problem's detail. */
export const withPublicationPointers = <T>(run: () => Promise<T>): Promise<T> =>
  asProblem(run, (message) => Object.fromEntries(Object.entries(PUBLICATION_MESSAGES).filter(([, text]) => message.includes(text))));

const unique = (list: string[] | undefined) => (list === undefined ? undefined : [...new Set(list.map((i) => i.toLowerCase()))]);

export function splitIndicator(body: IndicatorBody) {
  const { partnershipIds, bodyIds, ...fields } = body;
  return { fields, partnershipIds: unique(partnershipIds), bodyIds: unique(bodyIds) };
}
