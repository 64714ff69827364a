// The start page: each panel of a person's work, read from the other capabilities through their front doors.
// A panel is built only when one of the person's roles asks for it, and every query is judged against today.
import type { Actor } from '../access/permissions.ts';
import type { Queryable } from '../db/database.ts';
import { peopleWithEmail } from '../directory/index.ts';
import { financeReturn, formatThousands, periodLabel, toThousands } from '../finance/index.ts';
import { deadlineDashboard, itemsOfMeetings, listItems, listMeetings, membershipOn, minutesStateOf } from '../meetings/index.ts';
import { actionState, listActions, membershipsOfPerson } from '../minutes/index.ts';
import { partnershipsInScope } from '../partnerships/index.ts';
import { dueList, exceptionReports, scorecardView } from '../performance/index.ts';
import { listOpenActions, overdueView } from '../plans/index.ts';
import { labelFor } from '../web/labels.ts';
import { listPanel, longDate, shorten, type Panel } from './panels.ts';
import { counted, deadlinesBetween, minutesLookbackStart, needsMinutes, nextMeetingOfEach, panelsFor, weekFrom, type PanelKey } from './rules.ts';

export type StartUser = Actor & { email: string };

/** Everything a panel may need, each read once and only if asked for. */
function sources(db: Queryable, tenantId: string, user: StartUser, today: string) {
  const once = <T>(load: () => Promise<T>) => {
    let p: Promise<T> | null = null;
    return () => (p ??= load());
  };
  const people = once(() => peopleWithEmail(db, tenantId, user.email));
  const committees = once(async () => {
    const rows = (await Promise.all((await people()).map((p) => membershipsOfPerson(db, tenantId, p.id)))).flat();
    return membershipOn(rows, today);
  });
  return {
    people,
    committees,
    upcoming: once(() => deadlineDashboard(db, tenantId, today, false)),
    openActions: once(() => listActions(db, tenantId, { openOnly: true })),
  };
}
type Sources = ReturnType<typeof sources>;

const NOT_LINKED = (email: string) =>
  `No one in the directory has your email address (${email}). Ask democratic services to add it to your entry under People, and your committees, papers and actions will show here.`;

/** A paper on an agenda, linking to its report page. */
const paperItem = ({
  m,
  i,
}: {
  m: { id: string; bodyName: string; meetingDate: string };
  i: { id: string; position: number; title: string; reportTitle: string | null };
}) => ({
  text: shorten(i.reportTitle || i.title),
  href: `/meetings/${m.id}/items/${i.id}/report`,
  hint: `Item ${i.position}, ${m.bodyName}, ${longDate(m.meetingDate)}`,
});

/** Panels about the person themselves, found through their entry in the directory. */
const PERSONAL: readonly PanelKey[] = ['committees', 'papersToRead', 'yourActions'];

type Builder = (s: Sources, ctx: { db: Queryable; tenantId: string; user: StartUser; today: string }) => Promise<Panel>;

const BUILDERS: Record<PanelKey, Builder> = {
  async upcomingMeetings(s) {
    const meetings = (await s.upcoming()).entries.filter((e) => e.meeting.status !== 'cancelled');
    return listPanel({
      key: 'upcomingMeetings',
      heading: 'Upcoming meetings',
      all: meetings,
      summary: counted(meetings.length, 'upcoming meeting'),
      empty: 'No meetings are arranged from today on.',
      more: { href: '/meetings', text: 'All upcoming meetings and their deadlines' },
      item: ({ meeting: m, next }) => ({
        text: `${longDate(m.meetingDate)}: ${m.bodyName}`,
        href: `/meetings/${m.id}`,
        hint: m.agendaPublishedOn ? 'Agenda published' : next ? `Next: ${next.label}, ${longDate(next.date)}` : undefined,
        tag: m.kind !== 'formal' ? { text: labelFor('meetingKind', m.kind), colour: 'grey' } : undefined,
      }),
    });
  },

  async deadlinesThisWeek(s, { today }) {
    const week = weekFrom(today);
    const sourcesOf = (await s.upcoming()).entries.map((e) => ({
      meetingId: e.meeting.id,
      meetingDate: e.meeting.meetingDate,
      bodyName: e.meeting.bodyName,
      cancelled: e.meeting.status === 'cancelled',
      dates: e.schedule.dates,
    }));
    const due = deadlinesBetween(sourcesOf, week.from, week.to);
    return listPanel({
      key: 'deadlinesThisWeek',
      heading: 'Deadlines this week',
      all: due,
      summary: `${counted(due.length, 'deadline')} from today to ${longDate(week.to)}`,
      empty: 'No deadline falls in the next seven days.',
      more: { href: '/meetings', text: 'Every meeting’s deadlines' },
      item: (d) => ({
        text: `${d.label}: ${longDate(d.date)}`,
        href: `/meetings/${d.meetingId}`,
        hint: `${d.bodyName}, meeting on ${longDate(d.meetingDate)}`,
        tag: d.date === today ? { text: 'Today', colour: 'red' } : undefined,
      }),
    });
  },

  async papersNotCleared(s, { db, tenantId }) {
    const meetings = (await s.upcoming()).entries.map((e) => e.meeting).filter((m) => m.status !== 'cancelled');
    const items = await itemsOfMeetings(
      db,
      tenantId,
      meetings.map((m) => m.id),
    );
    const drafts = meetings.flatMap((m) =>
      (items.get(m.id) ?? []).filter((i) => i.reportId && i.reportStatus === 'draft' && !i.withdrawn).map((i) => ({ m, i })),
    );
    return listPanel({
      key: 'papersNotCleared',
      heading: 'Papers not cleared',
      all: drafts,
      summary: `${counted(drafts.length, 'report')} for upcoming meetings still in draft`,
      empty: 'Every report written for an upcoming meeting has been cleared and published.',
      more: { href: '/meetings', text: 'Papers of every upcoming meeting' },
      notes: ['A report is published once each of its implications is cleared by a named officer or marked not applicable.'],
      item: paperItem,
    });
  },

  async minutesToWrite(_s, { db, tenantId, today }) {
    const { rows } = await listMeetings(db, tenantId, { publicOnly: false, from: minutesLookbackStart(today), to: today, order: 'desc' });
    const withState = await Promise.all(rows.map(async (m) => ({ m, state: (await minutesStateOf(db, tenantId, m.id))?.state ?? 'none' })));
    const due = withState.filter(({ m, state }) => needsMinutes(m, state, today));
    return listPanel({
      key: 'minutesToWrite',
      heading: 'Minutes to write',
      all: due,
      summary: `${counted(due.length, 'meeting')} of the last three months without published minutes`,
      empty: 'The minutes of every meeting of the last three months are published.',
      more: { href: '/meetings?when=past', text: 'Past meetings' },
      item: ({ m, state }) => ({
        text: `${longDate(m.meetingDate)}: ${m.bodyName}`,
        href: `/meetings/${m.id}/minutes`,
        tag: state === 'draft' ? { text: 'Draft', colour: 'yellow' } : { text: 'Not started', colour: 'grey' },
      }),
    });
  },

  async actionsOverdue(s, { today }) {
    const overdue = (await s.openActions()).filter((a) => actionState(a, today) === 'overdue').sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));
    const bodies = [...new Set(overdue.map((a) => a.bodyId))];
    return listPanel({
      key: 'actionsOverdue',
      heading: 'Actions overdue',
      all: overdue,
      summary: `${counted(overdue.length, 'action')} from minutes past their due date`,
      empty: 'No action from the minutes is past its due date.',
      more:
        bodies.length === 1 ? { href: `/bodies/${bodies[0]}/actions`, text: 'The action log' } : { href: '/bodies', text: 'Committees and their action logs' },
      item: (a) => ({
        text: shorten(a.description),
        href: `/bodies/${a.bodyId}/actions/${a.id}`,
        hint: `${a.ownerName || 'No owner recorded'}, due ${longDate(a.dueDate!)}, ${a.bodyName}`,
        tag: { text: 'Overdue', colour: 'red' },
      }),
    });
  },

  async valuesDue(_s, { db, tenantId, today }) {
    const due = await dueList(db, tenantId, today);
    const overdue = due.filter((d) => d.overdue).length;
    return listPanel({
      key: 'valuesDue',
      heading: 'Values due and overdue',
      all: due,
      summary: `${counted(due.length, 'value')} to enter, ${overdue} overdue`,
      empty: 'Every value due has been entered.',
      more: { href: '/performance/due', text: 'All values due' },
      item: (d) => ({
        text: d.indicator.title,
        href: `/performance/indicators/${d.indicator.id}#values`,
        hint: `${d.expectedLabel}, due ${longDate(d.due)}`,
        tag: d.overdue ? { text: 'Overdue', colour: 'red' } : { text: 'Due', colour: 'blue' },
      }),
    });
  },

  async exceptionReports(_s, { db, tenantId }) {
    const [card, open] = await Promise.all([scorecardView(db, tenantId, { publicOnly: false }), exceptionReports(db, tenantId, { openOnly: true })]);
    const asked = card.groups.flatMap((g) => g.entries).filter((e) => e.exceptionRequired);
    return listPanel({
      key: 'exceptionReports',
      heading: 'Exception reports asked for',
      all: asked,
      summary: `${counted(asked.length, 'indicator')} off target two periods in a row without an exception report`,
      empty: 'No indicator needs an exception report.',
      more: { href: '/performance?offTarget=yes', text: 'Indicators off target' },
      notes: open.length ? [`${counted(open.length, 'exception report')} ${open.length === 1 ? 'is' : 'are'} waiting for the board to consider.`] : [],
      item: (e) => ({
        text: e.indicator.title,
        href: `/performance/indicators/${e.indicator.id}#exceptions`,
        hint: `Latest: ${e.latest} against a target of ${e.target} (${e.periodLabel})`,
        tag: { text: 'Off target', colour: 'red' },
      }),
    });
  },

  async planActionsOverdue(_s, { db, tenantId, today }) {
    const { overdue, lateStarts } = await overdueView(db, tenantId, today);
    return listPanel({
      key: 'planActionsOverdue',
      heading: 'Plan actions overdue',
      all: overdue,
      summary: `${counted(overdue.length, 'action')} of delivery plans overdue`,
      empty: 'No action of a delivery plan is overdue.',
      more: { href: '/plans/overdue', text: 'Overdue actions and late starts' },
      notes: lateStarts.length
        ? [`${counted(lateStarts.length, 'action')} not started after ${lateStarts.length === 1 ? 'its' : 'their'} first milestone.`]
        : [],
      item: (a) => ({
        text: `${a.reference}: ${shorten(a.description)}`,
        href: `/plans/${a.planId}/actions/${a.id}`,
        hint: `${a.planTitle}, ${a.leadOfficer}`,
      }),
    });
  },

  async financeReturn(_s, { db, tenantId }) {
    const r = await financeReturn(db, tenantId);
    const period = r ? periodLabel(r.year, r.period) : '';
    return listPanel({
      key: 'financeReturn',
      heading: r ? `Finance return: ${period}` : 'Finance return',
      all: r?.needingCommentary ?? [],
      summary: r
        ? `${counted(r.needingCommentary.length, 'line')} of ${r.lines} need${r.needingCommentary.length === 1 ? 's' : ''} commentary before the report can be published`
        : '',
      empty: r ? `Every line the commentary rule catches in ${period} has its commentary.` : 'No budget has been set up yet.',
      more: { href: '/finance', text: 'Budget monitoring' },
      item: (l) => ({
        text: l.name,
        href: `/finance/lines/${l.id}?year=${r!.year}`,
        hint: `${l.directorate}, variance £${formatThousands(toThousands(l.variancePence ?? 0))}k`,
      }),
    });
  },

  async committees(s) {
    const current = await s.committees();
    return listPanel({
      key: 'committees',
      heading: 'Your committees',
      all: current,
      summary: `You sit on ${counted(current.length, 'committee or board', 'committees and boards')}`,
      empty: 'You are not a member of any committee or board today.',
      more: { href: '/bodies', text: 'All committees and boards' },
      item: (m) => ({ text: m.bodyName, href: `/bodies/${m.bodyId}`, hint: labelFor('bodyRole', m.role) }),
    });
  },

  async papersToRead(s, { db, tenantId, today }) {
    const bodyIds = [...new Set((await s.committees()).map((c) => c.bodyId))];
    const meetings = (
      await Promise.all(bodyIds.map(async (bodyId) => (await listMeetings(db, tenantId, { publicOnly: false, bodyId, from: today, limit: 20 })).rows))
    ).flat();
    const next = nextMeetingOfEach(meetings, today);
    const papers = (
      await Promise.all(
        next.map(async (m) => (await listItems(db, tenantId, m.id)).filter((i) => i.reportStatus === 'published' && !i.withdrawn).map((i) => ({ m, i }))),
      )
    ).flat();
    return listPanel({
      key: 'papersToRead',
      heading: 'Papers to read',
      all: papers,
      summary: `${counted(papers.length, 'paper')} published for the next meeting of your committees`,
      empty: next.length
        ? `No papers are published yet for ${next.map((m) => `${m.bodyName} on ${longDate(m.meetingDate)}`).join(' or ')}.`
        : 'None of your committees has a meeting arranged.',
      item: paperItem,
    });
  },

  async yourActions(s, { db, tenantId, today }) {
    const ids = new Set((await s.people()).map((p) => p.id));
    const fromMinutes = (await s.openActions())
      .filter((a) => a.ownerPersonId && ids.has(a.ownerPersonId))
      .map((a) => ({
        text: shorten(a.description),
        href: `/bodies/${a.bodyId}/actions/${a.id}`,
        hint: `${a.bodyName}${a.dueDate ? `, due ${longDate(a.dueDate)}` : ''}`,
        tag: actionState(a, today) === 'overdue' ? { text: 'Overdue', colour: 'red' as const } : undefined,
      }));
    const fromPlans = (await listOpenActions(db, tenantId))
      .filter((a) => a.leadPersonId && ids.has(a.leadPersonId))
      .map((a) => ({ text: `${a.reference}: ${shorten(a.description)}`, href: `/plans/${a.planId}/actions/${a.id}`, hint: a.planTitle }));
    const all = [...fromMinutes, ...fromPlans];
    return listPanel({
      key: 'yourActions',
      heading: 'Your actions',
      all,
      summary: `${counted(all.length, 'open action')} for you`,
      empty: 'You have no open actions from minutes or plans.',
      item: (x) => x,
    });
  },

  async partnerships(_s, { db, tenantId, user }) {
    const mine = await partnershipsInScope(db, tenantId, user.scopePartnershipIds, user.scopeOrganisationIds);
    return listPanel({
      key: 'partnerships',
      heading: 'Your partnerships',
      all: mine,
      summary: `You may change ${counted(mine.length, 'partnership')}`,
      empty: 'You have not been given any partnerships to change. Ask an administrator.',
      more: { href: '/partnerships', text: 'All partnerships' },
      item: (p) => ({
        text: p.name,
        href: `/partnerships/${p.id}`,
        tag: p.publicationState === 'published' ? undefined : { text: p.publicationState === 'draft' ? 'Draft' : 'Withdrawn', colour: 'grey' },
      }),
    });
  },
};

/** The panels of a person's start page, in page order. */
export async function startPanels(db: Queryable, tenantId: string, user: StartUser, today: string): Promise<Panel[]> {
  const s = sources(db, tenantId, user, today);
  const ctx = { db, tenantId, user, today };
  let keys = panelsFor(user.roles);
  // Someone the directory does not know gets one notice in place of the panels that need their entry.
  if (keys.some((k) => PERSONAL.includes(k)) && !(await s.people()).length) {
    const at = keys.findIndex((k) => PERSONAL.includes(k));
    keys = keys.filter((k) => !PERSONAL.includes(k));
    const panels = await Promise.all(keys.map((key) => BUILDERS[key](s, ctx)));
    panels.splice(at, 0, {
      key: 'notLinked',
      heading: 'Your committees, papers and actions',
      count: null,
      summary: '',
      items: [],
      empty: NOT_LINKED(user.email),
    });
    return panels;
  }
  return Promise.all(keys.map((key) => BUILDERS[key](s, ctx)));
}
