// The annual review of strategic partnerships (seed 002) as pure rules: the landscape's changes in a review
// period grouped as the seed tells them (established, merged, replaced, decommissioned, wound up, restructured,
// renamed) with the changes recorded as expected after it; the council's representatives on a partnership on
// a date; its sub-groups on a date; its contributions by year; and the checks on a review's dates.
import { financialYearLabel } from '../calendar/format.ts';
import type { AppointmentRow, LandscapeEventRow, ReportingLineRow, YearContributionRow } from '../partnerships/index.ts';
import { statusAt } from '../partnerships/index.ts';
import type { FieldErrors } from '../web/errors.ts';

export const CHANGE_GROUPS = [
  { kind: 'established', heading: 'Established' },
  { kind: 'merged_into', heading: 'Merged' },
  { kind: 'replaced_by', heading: 'Replaced' },
  { kind: 'decommissioned', heading: 'Decommissioned' },
  { kind: 'wound_up', heading: 'Wound up' },
  { kind: 'restructured', heading: 'Restructured' },
  { kind: 'renamed', heading: 'Renamed' },
] as const;

export interface Change {
  partnershipId: string;
  name: string;
  date: string;
  datePrecision: 'day' | 'month' | 'year';
  description: string;
  /** The partnership it merged into or was replaced by. */
  related: string | null;
}
export interface ChangeGroup {
  kind: (typeof CHANGE_GROUPS)[number]['kind'];
  heading: string;
  changes: Change[];
}

const inRange = (d: string, from: string, to: string) => d >= from && d <= to;

function grouped(events: readonly LandscapeEventRow[], names: ReadonlyMap<string, string>): ChangeGroup[] {
  return CHANGE_GROUPS.map((g) => ({
    kind: g.kind,
    heading: g.heading,
    changes: events
      .filter((e) => e.kind === g.kind)
      .sort((a, b) => a.eventDate.localeCompare(b.eventDate) || (names.get(a.partnershipId) ?? '').localeCompare(names.get(b.partnershipId) ?? ''))
      .map((e) => ({
        partnershipId: e.partnershipId,
        name: names.get(e.partnershipId) ?? 'A partnership no longer in the register',
        date: e.eventDate,
        datePrecision: e.datePrecision,
        description: e.description,
        related: e.relatedId ? (names.get(e.relatedId) ?? null) : null,
      })),
  })).filter((g) => g.changes.length > 0);
}

/**
 * The landscape's changes: those dated in the period, grouped in the seed's order, and those recorded for
 * after it (seed 002: the Community Wellbeing Board "to be replaced by a Health and Wellbeing Board").
 */
export function landscapeChanges(events: readonly LandscapeEventRow[], names: ReadonlyMap<string, string>, period: { start: string; end: string }) {
  return {
    inPeriod: grouped(
      events.filter((e) => inRange(e.eventDate, period.start, period.end)),
      names,
    ),
    expected: grouped(
      events.filter((e) => e.eventDate > period.end),
      names,
    ),
  };
}

const ROLE_NAMES: Record<string, string> = {
  chair: 'Chair',
  vice_chair: 'Vice-chair',
  member: 'Member',
  council_representative: 'Council representative',
  lead_officer: 'Lead officer',
  officer_contact: 'Officer contact',
  member_contact: 'Member contact',
  observer: 'Observer',
  substitute: 'Substitute',
};
/** Roles that make someone the council's when the council is not set in the health check's settings. */
const COUNCIL_ROLES = new Set(['council_representative', 'lead_officer', 'officer_contact', 'member_contact']);

export interface Representative {
  name: string;
  post: string;
  roles: string[];
}

const current = (r: { startDate: string | null; endDate: string | null }, asAt: string) =>
  (r.startDate === null || r.startDate <= asAt) && (r.endDate === null || r.endDate >= asAt);

/**
 * The council's members and officers on a partnership on a date: appointed then (a start on the day counts,
 * and so does an end on it), sitting for the council (on its behalf, or its own people sitting for no one
 * else). Without a council set, the roles that only the council's people hold count. One line per person.
 */
export function representativesAt(rows: readonly AppointmentRow[], councilId: string | null, asAt: string) {
  const mine = rows.filter(
    (r) =>
      current(r, asAt) && (councilId ? r.onBehalfOfId === councilId || (r.onBehalfOfId === null && r.organisationId === councilId) : COUNCIL_ROLES.has(r.role)),
  );
  const people = new Map<string, Representative & { councillor: boolean }>();
  for (const r of mine) {
    const p = people.get(r.personId) ?? {
      name: r.name,
      post: (r.kind === 'councillor' ? r.portfolio : r.post) ?? '',
      roles: [],
      councillor: r.kind === 'councillor',
    };
    const role = ROLE_NAMES[r.role] ?? r.role;
    if (!p.roles.includes(role)) p.roles.push(role);
    people.set(r.personId, p);
  }
  const all = [...people.values()].sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const strip = ({ councillor: _, ...rest }: Representative & { councillor: boolean }): Representative => rest;
  return { members: all.filter((p) => p.councillor).map(strip), officers: all.filter((p) => !p.councillor).map(strip) };
}

export interface SubGroup {
  id: string;
  name: string;
  /** When the sub-group is recorded as established after the date: it is expected. */
  expectedFrom: string | null;
  expectedPrecision: 'day' | 'month' | 'year';
}

/** A partnership's sub-groups on a date: reporting to it then, and active (or recorded as to be established). */
export function subGroupsAt(
  parentId: string,
  lines: readonly ReportingLineRow[],
  events: readonly LandscapeEventRow[],
  names: ReadonlyMap<string, string>,
  asAt: string,
): SubGroup[] {
  const children = [...new Set(lines.filter((l) => l.parentId === parentId && current(l, asAt)).map((l) => l.partnershipId))];
  return children
    .flatMap((id): SubGroup[] => {
      const own = events.filter((e) => e.partnershipId === id);
      const status = statusAt(own, asAt);
      if (status === 'active') return [{ id, name: names.get(id) ?? '', expectedFrom: null, expectedPrecision: 'day' }];
      const established = own.find((e) => e.kind === 'established');
      if (status === 'not_yet_established')
        return [{ id, name: names.get(id) ?? '', expectedFrom: established?.eventDate ?? null, expectedPrecision: established?.datePrecision ?? 'day' }];
      return [];
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}

/** Whether a partnership is active on a date, by its timeline. */
export const activeOn = (id: string, events: readonly LandscapeEventRow[], asAt: string) =>
  statusAt(
    events.filter((e) => e.partnershipId === id),
    asAt,
  ) === 'active';

const STATUS_NAMES = { proposed: 'proposed', agreed: 'agreed', paid: 'paid' } as const;

/** A partnership's contributions by financial year, oldest first; each year's total counts what is agreed or paid. */
export function contributionsByYear(rows: readonly YearContributionRow[]) {
  const years = [...new Set(rows.map((r) => r.financialYear))].sort((a, b) => a - b);
  return years.map((year) => {
    const mine = rows.filter((r) => r.financialYear === year);
    return {
      year,
      label: financialYearLabel(year),
      contributions: mine.map((r) => ({
        organisation: r.organisationName,
        amountPence: r.amountPence,
        status: STATUS_NAMES[r.status],
        inKind: r.kind === 'in_kind',
      })),
      committedPence: mine.filter((r) => r.status !== 'proposed').reduce((s, r) => s + r.amountPence, 0),
    };
  });
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) => ISO.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** The review's dates: each a real date, the period's end on or after its start, and the report dated after the period starts. */
export function checkReviewDates(v: { periodStart: string; periodEnd: string; reportDate: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (!isDate(v.periodStart)) errors.periodStart = 'Enter the first day of the review period as a real date';
  if (!isDate(v.periodEnd)) errors.periodEnd = 'Enter the last day of the review period as a real date';
  if (!isDate(v.reportDate)) errors.reportDate = 'Enter the date of the report as a real date';
  if (errors.periodStart || errors.periodEnd) return errors;
  if (v.periodEnd < v.periodStart) errors.periodEnd = 'The last day of the review period must be on or after its first day';
  else if (v.periodEnd.slice(0, 4) > String(Number(v.periodStart.slice(0, 4)) + 2)) errors.periodEnd = 'A review period must be no longer than two years';
  if (!errors.reportDate && v.reportDate < v.periodStart) errors.reportDate = 'The report must be dated on or after the first day of the review period';
  return errors;
}
