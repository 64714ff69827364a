// Gathers the facts the health check's rules judge, through the other capabilities' front doors, for
// many partnerships at once (the list page) and turns them into each partnership's computed criteria.
import type { Queryable } from '../db/database.ts';
import { todayInEngland } from '../calendar/today.ts';
import { bodiesWithTermsOfReference, holidays, partnershipMeetings } from '../meetings/index.ts';
import { contributionsOf, healthPartnerships, peopleOnPartnerships, type HealthPartnershipRow } from '../partnerships/index.ts';
import { indicatorCounts } from '../performance/index.ts';
import { openRisksOfPartnerships, plansOfPartnerships } from '../plans/index.ts';
import * as rules from './health-rules.ts';
import type { SettingsRow } from './principles.repository.ts';

/** The criteria the data answers; every other criterion of Principles 2–5 is an officer's judgement. */
export const COMPUTED = ['2a', '2b', '2c', '3a', '4a', '4b', '4c', '4d', '4e', '5a', '5d'] as const;
export type ComputedKey = (typeof COMPUTED)[number];
export const isComputed = (key: string): key is ComputedKey => (COMPUTED as readonly string[]).includes(key);

const LEAD_MEMBER_ROLES = ['member_contact'];
const LEAD_OFFICER_ROLES = ['officer_contact', 'lead_officer'];

const byPartnership = <T extends { partnershipId: string }>(rows: readonly T[]) => {
  const map = new Map<string, T[]>();
  for (const r of rows) map.set(r.partnershipId, [...(map.get(r.partnershipId) ?? []), r]);
  return (id: string) => map.get(id) ?? [];
};

export interface ComputedCheck {
  partnership: HealthPartnershipRow;
  asAt: string;
  results: Record<ComputedKey, rules.Judged>;
}

/** The computed criteria of each partnership (all of them when ids is null) for a financial year. */
export async function computeChecks(
  db: Queryable,
  tenantId: string,
  ids: string[] | null,
  year: number,
  settings: SettingsRow,
  today: string,
): Promise<ComputedCheck[]> {
  const partnerships = await healthPartnerships(db, tenantId, ids);
  const pids = partnerships.map((p) => p.id);
  const asAt = rules.asAtFor(year, today);
  const council = settings.councilOrganisationId;
  const [meetingRows, bodies, people, contributions, indicators, plans, risks, calendar] = await Promise.all([
    partnershipMeetings(db, tenantId, pids, rules.yearStart(year), rules.yearEnd(year)),
    bodiesWithTermsOfReference(db, tenantId, pids),
    peopleOnPartnerships(db, tenantId, pids, asAt),
    council ? contributionsOf(db, tenantId, pids, council) : Promise.resolve(null),
    indicatorCounts(db, tenantId, pids),
    plansOfPartnerships(db, tenantId, pids),
    openRisksOfPartnerships(db, tenantId, pids),
    holidays(db, tenantId),
  ]);
  const meetingsOf = byPartnership(meetingRows);
  const bodiesOf = byPartnership(bodies);
  const peopleOf = byPartnership(people);
  const contributionsFor = contributions ? byPartnership(contributions) : null;
  const indicatorsOf = byPartnership(indicators);
  const plansOf = byPartnership(plans);
  const risksOf = byPartnership(risks);
  const ours = (p: { organisationId: string | null }) => !council || p.organisationId === council;

  return partnerships.map((p) => {
    // Meetings up to the date judged at, and later ones whose agenda is out (its timeliness is already known).
    const due = meetingsOf(p.id).filter((m) => m.meetingDate <= asAt || m.agendaPublishedOn);
    const meetings: rules.MeetingFact[] = due.map((m) => ({
      id: m.id,
      bodyName: m.bodyName,
      bodyPublished: m.bodyPublished,
      meetingDate: m.meetingDate,
      held: m.status === 'held',
      isPublic: m.isPublic,
      agendaPublishedOn: m.agendaPublishedOn,
      papersPublishedOn: (m.reportsPublishedAt ?? []).map((at) => todayInEngland(new Date(at))),
      minutesPublishedOn: m.minutesPublishedOn,
    }));
    const onIt = peopleOf(p.id).filter(ours);
    const contacts: rules.ContactFact[] = onIt.flatMap((x) => {
      const role = LEAD_MEMBER_ROLES.includes(x.role) ? 'member' : LEAD_OFFICER_ROLES.includes(x.role) ? 'officer' : null;
      return role ? [{ role, name: x.name, personId: x.personId, hasContact: x.hasContact } as const] : [];
    });
    const councillors = [...new Map(onIt.filter((x) => x.kind === 'councillor').map((x) => [x.personId, x])).values()];
    const money = contributionsFor ? contributionsFor(p.id) : null;
    const results: Record<ComputedKey, rules.Judged> = {
      '2a': rules.termsOfReference({ id: p.id, termsOfReference: p.hasTermsOfReference, bodiesWithTerms: bodiesOf(p.id) }),
      '2b': rules.performanceLinked({ count: indicatorsOf(p.id)[0]?.count ?? 0 }, plansOf(p.id), p.id),
      '2c': rules.riskRegister(risksOf(p.id), asAt, p.id),
      '3a': rules.memberRepresentation(councillors),
      '4a': rules.meetingsInPublic(meetings),
      '4b': rules.publicisedInAdvance(meetings),
      '4c': rules.papersInTime(meetings, calendar),
      '4d': rules.minutesInTime(meetings, calendar, settings.minutesWorkingDays, asAt),
      '4e': rules.contactsPublished({ id: p.id, published: p.published }, contacts),
      '5a': rules.resourcesCommitted(money, year, p.id),
      '5d': rules.resourcesReviewed(money, year, p.id),
    };
    return { partnership: p, asAt, results };
  });
}
