// What a start page shows, as pure rules: which panels each role gets, and which meetings, deadlines
// and minutes count as work today. Everything is judged against today, so old records do not pile up.
import type { Role } from '../access/permissions.ts';
import { addDays } from '../calendar/working-days.ts';

export type PanelKey =
  | 'upcomingMeetings'
  | 'deadlinesThisWeek'
  | 'papersNotCleared'
  | 'minutesToWrite'
  | 'actionsOverdue'
  | 'valuesDue'
  | 'exceptionReports'
  | 'planActionsOverdue'
  | 'financeReturn'
  | 'committees'
  | 'papersToRead'
  | 'yourActions'
  | 'partnerships';

/** Every panel, in the order a page shows them. */
const PANEL_ORDER: readonly PanelKey[] = [
  'committees',
  'papersToRead',
  'yourActions',
  'partnerships',
  'upcomingMeetings',
  'deadlinesThisWeek',
  'papersNotCleared',
  'minutesToWrite',
  'actionsOverdue',
  'valuesDue',
  'exceptionReports',
  'planActionsOverdue',
  'financeReturn',
];

const DEMOCRATIC_SERVICES: PanelKey[] = ['upcomingMeetings', 'deadlinesThisWeek', 'papersNotCleared', 'minutesToWrite', 'actionsOverdue'];
const PERFORMANCE: PanelKey[] = ['valuesDue', 'exceptionReports'];

export const ROLE_PANELS: Record<Role, readonly PanelKey[]> = {
  administrator: [...DEMOCRATIC_SERVICES, ...PERFORMANCE, 'planActionsOverdue'],
  democratic_services: DEMOCRATIC_SERVICES,
  partnership_officer: ['planActionsOverdue'],
  performance_officer: [...PERFORMANCE, 'planActionsOverdue'],
  finance_officer: ['financeReturn'],
  councillor: ['committees', 'papersToRead', 'yourActions'],
  partner_editor: ['partnerships'],
};

/** The panels for someone with these roles: each once, in page order. */
export function panelsFor(roles: readonly Role[]): PanelKey[] {
  const wanted = new Set(roles.flatMap((r) => ROLE_PANELS[r] ?? []));
  return PANEL_ORDER.filter((k) => wanted.has(k));
}

/** How many items a panel lists before linking to the full list. */
export const FIRST_FEW = 5;

/** "This week": today and the six days after it, so a Friday still sees Monday's deadlines. */
export function weekFrom(today: string): { from: string; to: string } {
  return { from: today, to: addDays(today, 6) };
}

export interface DeadlineSource {
  meetingId: string;
  meetingDate: string;
  bodyName: string;
  cancelled: boolean;
  dates: { draftReportsDue: string; agendaDespatch: string; publicSpeakingDeadline: { date: string } };
}

export interface Deadline {
  meetingId: string;
  meetingDate: string;
  bodyName: string;
  label: string;
  date: string;
}

/** The derived deadlines of the meetings that fall between the two dates (inclusive), soonest first; a cancelled meeting has none. */
export function deadlinesBetween(meetings: readonly DeadlineSource[], from: string, to: string): Deadline[] {
  const all = meetings
    .filter((m) => !m.cancelled)
    .flatMap((m) =>
      [
        { label: 'Draft reports due', date: m.dates.draftReportsDue },
        { label: 'Agenda despatch', date: m.dates.agendaDespatch },
        { label: 'Public speaking registration closes (12 noon)', date: m.dates.publicSpeakingDeadline.date },
      ].map((d) => ({ meetingId: m.meetingId, meetingDate: m.meetingDate, bodyName: m.bodyName, ...d })),
    );
  return all.filter((d) => d.date >= from && d.date <= to).sort((a, b) => a.date.localeCompare(b.date) || a.meetingDate.localeCompare(b.meetingDate));
}

/** Minutes are chased for meetings of the last three months; older gaps are history, listed with past meetings. */
export const MINUTES_LOOKBACK_DAYS = 91;

export const minutesLookbackStart = (today: string) => addDays(today, -MINUTES_LOOKBACK_DAYS);

/** A formal meeting that has taken place (not cancelled, before today) needs minutes until they are published. */
export function needsMinutes(m: { kind: string; status: string; meetingDate: string }, minutesState: string, today: string): boolean {
  return m.kind === 'formal' && m.status !== 'cancelled' && m.meetingDate < today && (minutesState === 'none' || minutesState === 'draft');
}

/** The first meeting of each body on or after today that is not cancelled, from meetings in date order. */
export function nextMeetingOfEach<M extends { bodyId: string; meetingDate: string; status: string }>(meetings: readonly M[], today: string): M[] {
  const next = new Map<string, M>();
  for (const m of meetings) if (m.meetingDate >= today && m.status !== 'cancelled' && !next.has(m.bodyId)) next.set(m.bodyId, m);
  return [...next.values()];
}

/** "1 meeting", "3 meetings". */
export const counted = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
