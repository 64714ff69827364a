// The health check's rules: each criterion of the Principles that the data can answer, judged as a RAG
// with its evidence from facts gathered through the other capabilities' front doors. Pure functions,
// so the worked examples in test/unit/health-rules.test.ts pin them down.
import { addDays, clearWorkingDaysBetween, type HolidayCalendar, isWorkingDay } from '../calendar/working-days.ts';

export type Rag = 'green' | 'amber' | 'red' | 'not_assessed';
export const RAGS: readonly Rag[] = ['green', 'amber', 'red', 'not_assessed'];

export interface Evidence {
  text: string;
  href?: string;
}

export interface Judged {
  rag: Rag;
  /** One sentence saying why this RAG. */
  summary: string;
  evidence: Evidence[];
}

/** The law's minimum notice for agendas and reports (Principle 4c says 5 working days; we count clear ones). */
export const PAPERS_CLEAR_WORKING_DAYS = 5;

/** A health check covers a financial year: April of `year` to March of the next. */
export const yearStart = (year: number) => `${year}-04-01`;
export const yearEnd = (year: number) => `${year + 1}-03-31`;
/** A year still running is judged as at today; an ended one at its last day. */
export const asAtFor = (year: number, today: string) => (today < yearEnd(year) ? today : yearEnd(year));

/** A meeting of one of the partnership's bodies in the year, up to the date the check is judged at. */
export interface MeetingFact {
  id: string;
  bodyName: string;
  bodyPublished: boolean;
  meetingDate: string;
  held: boolean;
  isPublic: boolean;
  agendaPublishedOn: string | null;
  /** The dates (in England) its reports were published, late and exempt items aside. */
  papersPublishedOn: string[];
  minutesPublishedOn: string | null;
}

const meetingEvidence = (m: MeetingFact, note: string): Evidence => ({ text: `${m.bodyName}, ${m.meetingDate}: ${note}`, href: `/meetings/${m.id}` });

/** All right is green, at least half right amber, less red; nothing to judge is not assessed. */
export function share(ok: number, total: number): Rag {
  if (total === 0) return 'not_assessed';
  if (ok === total) return 'green';
  return ok * 2 >= total ? 'amber' : 'red';
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const NO_MEETINGS: Judged = { rag: 'not_assessed', summary: 'No meetings of the partnership’s bodies are recorded in the year.', evidence: [] };

/** 4a: every meeting of the partnership's bodies held in public. */
export function meetingsInPublic(meetings: readonly MeetingFact[]): Judged {
  if (!meetings.length) return NO_MEETINGS;
  const open = meetings.filter((m) => m.isPublic);
  return {
    rag: share(open.length, meetings.length),
    summary: `${open.length} of ${plural(meetings.length, 'meeting')} open to the public.`,
    evidence: meetings.map((m) => meetingEvidence(m, m.isPublic ? 'open to the public' : 'held in private')),
  };
}

/** 4b: publicised in advance: the body is on the public site and the agenda was published before the day. */
export function publicisedInAdvance(meetings: readonly MeetingFact[]): Judged {
  if (!meetings.length) return NO_MEETINGS;
  const note = (m: MeetingFact) =>
    !m.bodyPublished
      ? 'its body is not on the public site'
      : m.agendaPublishedOn && m.agendaPublishedOn < m.meetingDate
        ? `agenda published ${m.agendaPublishedOn}`
        : 'no agenda published before the day';
  const ok = meetings.filter((m) => note(m).startsWith('agenda published'));
  return {
    rag: share(ok.length, meetings.length),
    summary: `${ok.length} of ${plural(meetings.length, 'meeting')} publicised on the council’s website before the day.`,
    evidence: meetings.map((m) => meetingEvidence(m, note(m))),
  };
}

/** When the last of a meeting's papers (its agenda and reports) was published, or null if the agenda never was. */
export function papersCompleteOn(m: Pick<MeetingFact, 'agendaPublishedOn' | 'papersPublishedOn'>): string | null {
  if (!m.agendaPublishedOn) return null;
  return [m.agendaPublishedOn, ...m.papersPublishedOn].sort().at(-1)!;
}

/** 4c: agenda and reports available at least 5 clear working days before the meeting, counted from when each was published. */
export function papersInTime(meetings: readonly MeetingFact[], holidays: HolidayCalendar, clearDays = PAPERS_CLEAR_WORKING_DAYS): Judged {
  if (!meetings.length) return NO_MEETINGS;
  let ok = 0;
  const evidence = meetings.map((m) => {
    const complete = papersCompleteOn(m);
    if (!complete || complete >= m.meetingDate) return meetingEvidence(m, 'agenda not published before the meeting');
    const clear = clearWorkingDaysBetween(complete, m.meetingDate, holidays);
    if (clear >= clearDays) ok++;
    return meetingEvidence(m, `papers complete ${complete}, ${plural(clear, 'clear working day')} before (${clear >= clearDays ? 'in time' : 'late'})`);
  });
  return {
    rag: share(ok, meetings.length),
    summary: `${ok} of ${plural(meetings.length, 'meeting')} had every paper published at least ${clearDays} clear working days before.`,
    evidence,
  };
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysAfter(from: string, to: string, holidays: HolidayCalendar): number {
  if (to <= from) return 0;
  return clearWorkingDaysBetween(from, to, holidays) + (isWorkingDay(to, holidays) ? 1 : 0);
}

/** The last day minutes are in time: the `days`th working day after the meeting. */
export function minutesDueBy(meetingDate: string, days: number, holidays: HolidayCalendar): string {
  let d = meetingDate;
  for (let n = 0; n < days; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, holidays)) n++;
  }
  return d;
}

/** 4d: minutes published within the set number of working days of a held meeting; ones not yet due are left out. */
export function minutesInTime(meetings: readonly MeetingFact[], holidays: HolidayCalendar, days: number, asAt: string): Judged {
  const held = meetings.filter((m) => m.held);
  if (!held.length) return { ...NO_MEETINGS, summary: 'No held meetings of the partnership’s bodies are recorded in the year.' };
  let ok = 0;
  let judged = 0;
  const evidence = held.map((m) => {
    const due = minutesDueBy(m.meetingDate, days, holidays);
    if (m.minutesPublishedOn) {
      judged++;
      const after = workingDaysAfter(m.meetingDate, m.minutesPublishedOn, holidays);
      if (m.minutesPublishedOn <= due) ok++;
      return meetingEvidence(
        m,
        `minutes published ${m.minutesPublishedOn}, ${plural(after, 'working day')} after (${m.minutesPublishedOn <= due ? 'in time' : 'late'})`,
      );
    }
    if (due < asAt) {
      judged++;
      return meetingEvidence(m, `minutes not published, due by ${due}`);
    }
    return meetingEvidence(m, `minutes not yet due (by ${due})`);
  });
  return {
    rag: share(ok, judged),
    summary: judged ? `${ok} of ${plural(judged, 'held meeting')} had minutes published within ${plural(days, 'working day')}.` : 'No minutes are due yet.',
    evidence,
  };
}

/** A council contact for the partnership, as the register records them. */
export interface ContactFact {
  role: 'member' | 'officer';
  name: string;
  personId: string;
  hasContact: boolean;
}

/** 4e: the lead member's and lead officer's names and contact details on the public register (opposition spokes are not recorded). */
export function contactsPublished(partnership: { id: string; published: boolean }, contacts: readonly ContactFact[]): Judged {
  const evidence: Evidence[] = contacts.map((c) => ({
    text: `${c.role === 'member' ? 'Lead member' : 'Lead officer'}: ${c.name}${c.hasContact ? '' : ' (no e-mail or telephone)'}`,
    href: `/people/${c.personId}`,
  }));
  evidence.push({ text: 'Opposition spokes are not recorded in the register: confirm them separately.' });
  if (!partnership.published) return { rag: 'red', summary: 'The partnership is not on the public register.', evidence };
  const has = (role: ContactFact['role']) => contacts.some((c) => c.role === role && c.hasContact);
  const found = Number(has('member')) + Number(has('officer'));
  const rag: Rag = found === 2 ? 'green' : found === 1 ? 'amber' : 'red';
  const summary =
    found === 2
      ? 'The lead member and lead officer are published with their contact details.'
      : `Missing from the public register: ${[has('member') ? '' : 'the lead member', has('officer') ? '' : 'the lead officer'].filter(Boolean).join(' and ')} with contact details.`;
  return { rag, summary, evidence };
}

/** 2a: terms of reference recorded for the partnership or one of its bodies. */
export function termsOfReference(p: { id: string; termsOfReference: boolean; bodiesWithTerms: { id: string; name: string }[] }): Judged {
  const evidence: Evidence[] = [];
  if (p.termsOfReference) evidence.push({ text: 'Terms of reference on the partnership’s record', href: `/partnerships/${p.id}` });
  for (const b of p.bodiesWithTerms) evidence.push({ text: `Terms of reference of ${b.name}`, href: `/bodies/${b.id}` });
  return evidence.length
    ? { rag: 'green', summary: 'Terms of reference are recorded.', evidence }
    : { rag: 'red', summary: 'No terms of reference are recorded for the partnership or its bodies.', evidence };
}

/** 2b: objectives, targets and performance management: indicators reported to it and plans of its own. */
export function performanceLinked(indicators: { count: number }, plans: readonly { id: string; title: string }[], partnershipId: string): Judged {
  const evidence: Evidence[] = plans.map((p) => ({ text: `Plan: ${p.title}`, href: `/plans/${p.id}` }));
  if (indicators.count)
    evidence.unshift({ text: `${plural(indicators.count, 'indicator')} on its scorecard`, href: `/performance?partnership=${partnershipId}` });
  const parts = Number(indicators.count > 0) + Number(plans.length > 0);
  const rag: Rag = parts === 2 ? 'green' : parts === 1 ? 'amber' : 'red';
  const summary =
    parts === 2
      ? 'Indicators and plans are linked to the partnership.'
      : parts === 1
        ? `${indicators.count ? 'No plan' : 'No indicators'} linked to the partnership.`
        : 'No indicators or plans are linked to the partnership.';
  return { rag, summary, evidence };
}

export interface RiskFact {
  id: string;
  title: string;
  reviewDate: string | null;
}

/** 2c: a risk register whose open risks all have a review date not yet passed. */
export function riskRegister(openRisks: readonly RiskFact[], asAt: string, partnershipId: string): Judged {
  if (!openRisks.length) return { rag: 'red', summary: 'No open risks are recorded: the partnership has no risk register here.', evidence: [] };
  const overdue = openRisks.filter((r) => !r.reviewDate || r.reviewDate < asAt);
  return {
    rag: overdue.length === 0 ? 'green' : 'amber',
    summary: overdue.length
      ? `${overdue.length} of ${plural(openRisks.length, 'open risk')} not reviewed in date (as at ${asAt}).`
      : `All ${plural(openRisks.length, 'open risk')} reviewed in date.`,
    evidence: [
      { text: 'Risk register', href: `/plans/risks?partnership=${partnershipId}` },
      ...overdue.map((r) => ({ text: `${r.title}: ${r.reviewDate ? `review was due ${r.reviewDate}` : 'no review date'}`, href: `/plans/risks/${r.id}` })),
    ],
  };
}

/** 3a: at least one of the council's councillors sits on the partnership. */
export function memberRepresentation(councillors: readonly { personId: string; name: string; role: string }[]): Judged {
  return {
    rag: councillors.length ? 'green' : 'red',
    summary: councillors.length ? `${plural(councillors.length, 'council member')} on the partnership.` : 'No council member is recorded on the partnership.',
    evidence: councillors.map((c) => ({ text: `${c.name} (${c.role.replaceAll('_', ' ')})`, href: `/people/${c.personId}` })),
  };
}

/** The council's contributions to a partnership, by financial year. */
export interface ContributionFact {
  financialYear: number;
  amountPence: number;
}

const NO_COUNCIL: Judged = { rag: 'not_assessed', summary: 'Set which organisation is the council to judge this.', evidence: [] };

/** 5a: the council's resources for the year are recorded. */
export function resourcesCommitted(contributions: readonly ContributionFact[] | null, year: number, partnershipId: string): Judged {
  if (!contributions) return NO_COUNCIL;
  const thisYear = contributions.filter((c) => c.financialYear === year);
  const evidence: Evidence[] = [{ text: 'Contributions', href: `/partnerships/${partnershipId}` }];
  if (thisYear.length) return { rag: 'green', summary: `The council’s contribution for ${year} is recorded.`, evidence };
  if (contributions.some((c) => c.financialYear < year))
    return { rag: 'amber', summary: `The council’s contribution is recorded for earlier years, not ${year}.`, evidence };
  return { rag: 'red', summary: 'No contribution from the council is recorded.', evidence };
}

/** 5d: the commitment reviewed annually: recorded for this year and the one before. */
export function resourcesReviewed(contributions: readonly ContributionFact[] | null, year: number, partnershipId: string): Judged {
  if (!contributions) return NO_COUNCIL;
  const years = new Set(contributions.map((c) => c.financialYear));
  const evidence: Evidence[] = [{ text: 'Contributions', href: `/partnerships/${partnershipId}` }];
  if (years.has(year) && years.has(year - 1)) return { rag: 'green', summary: `The council’s contribution is recorded for ${year - 1} and ${year}.`, evidence };
  if (years.has(year)) return { rag: 'amber', summary: `Recorded for ${year} but not ${year - 1}: no year-on-year review to show.`, evidence };
  return { rag: 'red', summary: `The council’s contribution for ${year} is not recorded.`, evidence };
}

/** The RAGs of the years checked, per criterion, for the trend table. */
export function trend(years: readonly { year: number; rags: Readonly<Record<string, Rag>> }[], criteria: readonly string[]) {
  const sorted = [...years].sort((a, b) => a.year - b.year);
  return criteria.map((key) => ({ key, rags: sorted.map((y) => y.rags[key] ?? 'not_assessed') }));
}

/** How many of each RAG, for a partnership's summary row. */
export function ragCounts(rags: readonly Rag[]): Record<Rag, number> {
  const counts: Record<Rag, number> = { green: 0, amber: 0, red: 0, not_assessed: 0 };
  for (const r of rags) counts[r]++;
  return counts;
}
