// The public calendar of meetings (/calendar, past meetings, by committee), the committees and boards
// (/committees, /committees/:id); their feeds are src/follow's. Only public meetings of published bodies.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { addDays } from '../calendar/working-days.ts';
import { NotFoundError } from '../web/errors.ts';
import { labelFor } from '../web/labels.ts';
import { isUuid } from '../web/schema.ts';
import * as repo from './meetings.repository.ts';
import * as service from './meetings.service.ts';
import { publicMeetingStatus } from './public-status.ts';
import { page, idParam, queryText, type PageRequest } from '../web/page.ts';
import { listPlans } from '../plans/index.ts';
import { formatLongDate, formatMonth, formatTime } from '../calendar/format.ts';
import { paragraphs } from '../documents/text.ts';
import { paginationOf } from '../web/pagination.ts';

const PAGE_SIZE = 50;
const PAST_ON_BODY_PAGE = 10;
/** How many past meetings stand in when none are arranged. */
const RECENT = 10;
const MONTH = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;

/** The month after (or before) a 'YYYY-MM' month. */
const shiftMonth = (month: string, by: number) => {
  const n = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};
const nextMonth = (month: string) => shiftMonth(month, 1);
const previousMonth = (month: string) => shiftMonth(month, -1);

const q = queryText;

// ---- Formatting ---------------------------------------------------------------------------------

const longDate = (iso: string | null | undefined) => (iso ? formatLongDate(iso) : '');
const monthLabel = formatMonth;

const MEMBER_ROLE_ORDER = ['chair', 'vice_chair', 'member', 'substitute', 'observer', 'co_opted'];

type MeetingListRow = repo.MeetingRow & { items: number };

/** What a row in a list of meetings shows. */
function meetingSummary(m: MeetingListRow) {
  return {
    id: m.id,
    href: `/calendar/${m.id}`,
    date: m.meetingDate,
    longDate: longDate(m.meetingDate),
    time: formatTime(m.startTime),
    // The kind shows as a tag beside the name, so the name carries only the meeting's own title.
    label: m.kind === 'formal' || !m.title ? m.bodyName : `${m.bodyName}: ${m.title}`,
    bodyId: m.bodyId,
    bodyName: m.bodyName,
    venue: m.venue,
    kind: m.kind,
    status: m.status,
    kindLabel: labelFor('meetingKind', m.kind),
  };
}

/** Meetings grouped by the month they fall in, in the order given. */
function byMonth<T extends { date: string }>(rows: T[]) {
  const groups: { label: string; key: string; meetings: T[] }[] = [];
  for (const r of rows) {
    const key = r.date.slice(0, 7);
    const last = groups[groups.length - 1];
    if (last?.key === key) last.meetings.push(r);
    else groups.push({ key, label: monthLabel(r.date), meetings: [r] });
  }
  return groups;
}

/** The pages; their Atom and iCalendar feeds (/calendar.ics, /committees/:id/calendar.ics) are served by src/follow. */
export function registerPublicCalendarPages(app: FastifyInstance, db: Database) {
  // ---- The calendar ---------------------------------------------------------------------------------------
  app.get(
    '/calendar',
    access('public.view'),
    page(async (req, reply) => {
      const today = service.todayInEngland();
      const tenantId = req.ctx.tenantId;
      const past = q(req, 'when') === 'past';
      const bodyId = isUuid(q(req, 'body')) ? q(req, 'body').toLowerCase() : '';
      const [body, bodies] = await Promise.all([
        bodyId ? repo.getBody(db, tenantId, bodyId, { includeDrafts: false }) : null,
        repo.listBodies(db, tenantId, { includeDrafts: false }),
      ]);
      // A month view (?month=2018-05) lists that month's meetings, past and future alike.
      const monthText = q(req, 'month');
      const month = MONTH.test(monthText) ? monthText : null;
      const monthError = monthText && !month ? 'Enter a month as a year and month, for example 2018-05' : null;
      const pageNo = Math.min(Math.max(1, Number.parseInt(q(req, 'page') || '1', 10) || 1), 10_000);
      const range = month
        ? { from: `${month}-01`, to: addDays(`${nextMonth(month)}-01`, -1), order: 'asc' as const }
        : past
          ? { to: addDays(today, -1), order: 'desc' as const }
          : { from: today, order: 'asc' as const };
      const { rows, total } = await repo.listMeetings(db, tenantId, {
        publicOnly: true,
        bodyId: body?.id,
        ...range,
        limit: PAGE_SIZE,
        offset: (pageNo - 1) * PAGE_SIZE,
      });
      // Nothing arranged: the most recent meetings stand in, so the calendar never opens on an empty page.
      const recent =
        !month && !past && total === 0
          ? (await repo.listMeetings(db, tenantId, { publicOnly: true, bodyId: body?.id, to: addDays(today, -1), order: 'desc', limit: RECENT })).rows
          : [];
      const shown = [...rows, ...recent];
      const minutes = await repo.minutesStatesOf(
        db,
        tenantId,
        shown.map((m) => m.id),
      );
      const summarise = (m: MeetingListRow) => ({
        ...meetingSummary(m),
        public: publicMeetingStatus({ ...m, minutesState: minutes.get(m.id) ?? 'none' }, today),
        minutesHref: `/calendar/${m.id}/minutes`,
      });
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const bodyParam = body ? [['body', body.id]] : [];
      const params = new URLSearchParams([...(month ? [['month', month]] : past ? [['when', 'past']] : []), ...bodyParam]);
      const pageHref = (n: number) => `/calendar?${new URLSearchParams([...params, ['page', String(n)]])}`;
      const hrefWith = (extra: string[][]) => {
        const p = new URLSearchParams([...extra, ...bodyParam]);
        return `/calendar${p.size ? `?${p}` : ''}`;
      };
      const shownMonth = month ?? today.slice(0, 7);
      const title = `${month ? `Meetings in ${monthLabel(`${month}-01`)}` : past ? 'Past meetings' : 'Meetings calendar'}${body ? `: ${body.name}` : ''}`;
      return reply.view('meetings/views/public-calendar.njk', {
        pageTitle: title,
        past,
        month: month ? { label: monthLabel(`${month}-01`) } : null,
        monthError,
        body,
        bodyOptions: [{ value: '', text: 'All committees and boards' }, ...bodies.map((b) => ({ value: b.id, text: b.name, selected: b.id === body?.id }))],
        monthValue: month ?? '',
        pastValue: past,
        total,
        pageNo,
        pages,
        months: byMonth(rows.map(summarise)),
        recent: byMonth(recent.map(summarise)),
        upcomingHref: hrefWith([]),
        pastHref: hrefWith([['when', 'past']]),
        monthHref: hrefWith([['month', shownMonth]]),
        previousMonthHref: hrefWith([['month', previousMonth(shownMonth)]]),
        nextMonthHref: hrefWith([['month', nextMonth(shownMonth)]]),
        previousMonthLabel: monthLabel(`${previousMonth(shownMonth)}-01`),
        nextMonthLabel: monthLabel(`${nextMonth(shownMonth)}-01`),
        feedHref: body ? `/committees/${body.id}/calendar.ics` : '/calendar.ics',
        pagination: paginationOf(pageNo, pages, pageHref),
        breadcrumbs: body
          ? [
              { text: 'Committees', href: '/committees' },
              { text: body.name, href: `/committees/${body.id}` },
            ]
          : past || month
            ? [{ text: 'Meetings calendar', href: '/calendar' }]
            : undefined,
      });
    }),
  );

  // ---- Committees ------------------------------------------------------------------------------------------
  /** The published committee or board the address names (:id): 404 for a draft one, or none. */
  const publishedBody = async (req: PageRequest) => {
    const body = await repo.getBody(db, req.ctx.tenantId, idParam(req, 'id'), { includeDrafts: false });
    if (!body) throw new NotFoundError('committee or board');
    return body;
  };

  app.get(
    '/committees',
    access('public.view'),
    page(async (req, reply) => {
      const bodies = await repo.listBodies(db, req.ctx.tenantId, { includeDrafts: false });
      return reply.view('meetings/views/public-bodies.njk', {
        pageTitle: 'Committees and boards',
        bodies: bodies.map((b) => ({
          id: b.id,
          name: b.name,
          kindLabel: labelFor('bodyKind', b.kind),
          organisationName: b.organisationName,
          nextMeeting: longDate(b.nextMeeting),
        })),
      });
    }),
  );

  app.get(
    '/committees/:id',
    access('public.view'),
    page(async (req, reply) => {
      const body = await publishedBody(req);
      const id = body.id;
      const today = service.todayInEngland();
      const [members, roles, upcoming, past, partnership] = await Promise.all([
        repo.listMembers(db, req.ctx.tenantId, id),
        repo.listRoles(db, req.ctx.tenantId, id),
        repo.listMeetings(db, req.ctx.tenantId, { bodyId: id, publicOnly: true, from: today, order: 'asc', limit: 100 }),
        repo.listMeetings(db, req.ctx.tenantId, { bodyId: id, publicOnly: true, to: addDays(today, -1), order: 'desc', limit: PAST_ON_BODY_PAGE }),
        repo.publishedPartnership(db, req.ctx.tenantId, body.partnershipId),
      ]);
      const ownedPlans = await listPlans(db, req.ctx.tenantId, { bodyId: id, publicOnly: true });
      const current = service.membershipOn(members, today).sort((a, b) => MEMBER_ROLE_ORDER.indexOf(a.role) - MEMBER_ROLE_ORDER.indexOf(b.role));
      const roleGroups: { title: string; roles: { area: string; person: string | null; note: string | null }[] }[] = [];
      for (const r of service.membershipOn(roles, today)) {
        let group = roleGroups.find((g) => g.title === r.title);
        if (!group) {
          group = { title: r.title, roles: [] };
          roleGroups.push(group);
        }
        group.roles.push({ area: r.areaName ?? '', person: r.personName, note: r.note });
      }
      return reply.view('meetings/views/public-body.njk', {
        pageTitle: body.name,
        body,
        partnership,
        kindLabel: labelFor('bodyKind', body.kind),
        ownedPlans,
        plansBase: '/delivery-plans',
        termsOfReference: paragraphs(body.termsOfReference),
        members: current.map((m) => ({
          name: `${m.honorificPrefix ? `${m.honorificPrefix} ` : ''}${m.personName}`,
          role: labelFor('bodyRole', m.role),
          politicalGroup: m.politicalGroup,
        })),
        roleGroups,
        upcoming: upcoming.rows.map(meetingSummary),
        past: past.rows.map(meetingSummary),
        morePast: past.total > past.rows.length,
        breadcrumbs: [{ text: 'Committees', href: '/committees' }],
      });
    }),
  );
}
