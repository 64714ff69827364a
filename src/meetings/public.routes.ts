// The public side of meetings: the meetings calendar (/calendar), each committee's page
// (/committees/:id), each meeting's page with its agenda and papers, the agenda packs and the
// iCalendar feeds. Only meetings of published bodies that are open to the public are shown; an
// exempt item shows only its number and the Schedule 12A paragraph; drafts never appear.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database, Queryable } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { buildCalendar, type CalendarEvent } from '../calendar/icalendar.ts';
import { addDays } from '../calendar/working-days.ts';
import { fileTypeLabel } from '../documents/file-types.ts';
import { exemptNotice } from '../publication/exempt.ts';
import { errorPage } from '../web/error-pages.ts';
import { NotFoundError, ValidationError } from '../web/errors.ts';
import { labelFor } from '../web/labels.ts';
import { isUniqueViolation, isUuid } from '../web/schema.ts';
import * as repo from './meetings.repository.ts';
import * as service from './meetings.service.ts';
import { currentPack, papersFor, type PaperSource } from './pack/packs.ts';
import { page, idParam, queryText } from '../web/page.ts';
import { listPlans } from '../plans/index.ts';
import { formatBytes } from '../web/format.ts';
import { formatLongDate, formatMonth, formatTime } from '../calendar/format.ts';
import { paragraphs, slugify } from '../documents/text.ts';
import { paginationOf } from '../web/pagination.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';

const PAGE_SIZE = 50;
/** The all-meetings feed reaches back a year, so a subscriber still sees recent meetings. */
const FEED_DAYS_BACK = 365;
const PAST_ON_BODY_PAGE = 10;

const q = queryText;

// ---- Formatting ---------------------------------------------------------------------------------

const longDate = (iso: string | null | undefined) => (iso ? formatLongDate(iso) : '');
const monthLabel = formatMonth;

const MEMBER_ROLE_ORDER = ['chair', 'vice_chair', 'member', 'substitute', 'observer', 'co_opted'];

// ---- Reading public records ------------------------------------------------------------------------

/** A meeting the public may see: its body published, the meeting open to the public; else null. */
async function publicMeeting(db: Queryable, tenantId: string, id: string) {
  const meeting = await repo.getMeeting(db, tenantId, id);
  return meeting?.bodyPublished && meeting.isPublic ? meeting : null;
}

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

// ---- Sizes of generated papers -------------------------------------------------------------------------

/** Sizes of rendered report PDFs, so a meeting page can say how large each paper is without rendering it every time. */
const generatedSizes = new Map<string, number>();
const MAX_CACHED_SIZES = 2000;
const sizeKey = (meeting: repo.MeetingRow, item: repo.ItemRow) =>
  [item.reportId, item.reportVersion, meeting.bodyName, meeting.meetingDate, item.position].join('\0');

async function paperSize(db: Queryable, tenantId: string, meeting: repo.MeetingRow, item: repo.ItemRow): Promise<number | null> {
  if (item.reportKind === 'upload') return item.sizeBytes;
  const key = sizeKey(meeting, item);
  const known = generatedSizes.get(key);
  if (known !== undefined) return known;
  try {
    const pdf = await service.reportPdf(db, tenantId, meeting, item);
    if (!pdf) return null;
    if (generatedSizes.size >= MAX_CACHED_SIZES) generatedSizes.delete(generatedSizes.keys().next().value!);
    generatedSizes.set(key, pdf.byteLength);
    return pdf.byteLength;
  } catch {
    return null; // The size is a courtesy: a paper that cannot be rendered is reported when downloaded.
  }
}

// ---- iCalendar ---------------------------------------------------------------------------------------------

function calendarEvent(origin: string, m: repo.MeetingRow): CalendarEvent {
  const url = `${origin}/calendar/${m.id}`;
  const reserve = m.kind === 'reserve';
  const description = [
    m.status === 'cancelled' ? 'This meeting has been cancelled.' : '',
    reserve ? 'Reserve date: the meeting will take place only if it is needed.' : '',
    `Agenda and papers: ${url}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    uid: `meeting-${m.id}@partnership-hub`,
    date: m.meetingDate,
    startTime: m.startTime,
    endTime: m.endTime,
    summary: `${service.meetingLabel(m)}${m.status === 'cancelled' ? ' (cancelled)' : ''}`,
    description,
    location: m.venue,
    url,
    status: m.status === 'cancelled' ? 'CANCELLED' : reserve ? 'TENTATIVE' : 'CONFIRMED',
    lastModified: m.modified instanceof Date ? m.modified : new Date(m.modified),
  };
}

const sendCalendar = (reply: FastifyReply, filename: string, text: string) =>
  sendDocument(reply, { filename, content: text, contentType: MEDIA_TYPES.ics, caching: 'public', inline: false });

const sendPaper = (reply: FastifyReply, filename: string, content: Uint8Array, contentType: string = MEDIA_TYPES.pdf) =>
  sendDocument(reply, { filename, content, contentType });

// ---- Routes --------------------------------------------------------------------------------------------------

/**
 * opts.councilName names the council on agenda packs and feeds (config.COUNCIL_NAME; without it, the
 * tenant's name); opts.publicUrl is the site's address for links in calendar feeds (config.PUBLIC_URL;
 * without it, the address the request came to).
 */
export async function registerPublicMeetingPages(
  app: FastifyInstance,
  db: Database,
  opts: { councilName?: string; publicUrl?: string; paperSources?: readonly PaperSource[] } = {},
) {
  const origin = (req: FastifyRequest) => (opts.publicUrl ? opts.publicUrl.replace(/\/+$/, '') : `${req.protocol}://${req.host}`);
  /** The council's name for the agenda pack's front sheet: from config when given, else the tenant's. */
  const councilName = (tenantId: string) => service.councilName(db, tenantId, opts.councilName);

  // ---- The calendar ---------------------------------------------------------------------------------------
  app.get(
    '/calendar',
    access('public.view'),
    page(async (req, reply) => {
      const today = service.todayInEngland();
      const past = q(req, 'when') === 'past';
      const bodyId = isUuid(q(req, 'body')) ? q(req, 'body').toLowerCase() : '';
      const body = bodyId ? await repo.getBody(db, req.ctx.tenantId, bodyId, { includeDrafts: false }) : null;
      const pageNo = Math.min(Math.max(1, Number.parseInt(q(req, 'page') || '1', 10) || 1), 10_000);
      const { rows, total } = await repo.listMeetings(db, req.ctx.tenantId, {
        publicOnly: true,
        bodyId: body?.id,
        ...(past ? { to: addDays(today, -1), order: 'desc' as const } : { from: today, order: 'asc' as const }),
        limit: PAGE_SIZE,
        offset: (pageNo - 1) * PAGE_SIZE,
      });
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const params = new URLSearchParams([...(past ? [['when', 'past']] : []), ...(body ? [['body', body.id]] : [])]);
      const pageHref = (n: number) => `/calendar?${new URLSearchParams([...params, ['page', String(n)]])}`;
      const otherParams = new URLSearchParams([...(past ? [] : [['when', 'past']]), ...(body ? [['body', body.id]] : [])]);
      const title = `${past ? 'Past meetings' : 'Meetings calendar'}${body ? `: ${body.name}` : ''}`;
      return reply.view('meetings/views/public-calendar.njk', {
        pageTitle: title,
        past,
        body,
        total,
        pageNo,
        pages,
        months: byMonth(rows.map(meetingSummary)),
        otherHref: `/calendar${otherParams.size ? `?${otherParams}` : ''}`,
        feedHref: body ? `/committees/${body.id}/calendar.ics` : '/calendar.ics',
        pagination: paginationOf(pageNo, pages, pageHref),
        breadcrumbs: body
          ? [
              { text: 'Committees', href: '/committees' },
              { text: body.name, href: `/committees/${body.id}` },
            ]
          : past
            ? [{ text: 'Meetings calendar', href: '/calendar' }]
            : undefined,
      });
    }),
  );

  app.get(
    '/calendar.ics',
    access('public.view'),
    page(async (req, reply) => {
      const from = addDays(service.todayInEngland(), -FEED_DAYS_BACK);
      const { rows } = await repo.listMeetings(db, req.ctx.tenantId, { publicOnly: true, from, limit: 10_000 });
      const name = `${await councilName(req.ctx.tenantId)} meetings`;
      return sendCalendar(reply, 'meetings.ics', buildCalendar({ name, events: rows.map((m) => calendarEvent(origin(req), m)) }));
    }),
  );

  // ---- Committees ------------------------------------------------------------------------------------------
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
      const id = idParam(req, 'id');
      const body = await repo.getBody(db, req.ctx.tenantId, id, { includeDrafts: false });
      if (!body) throw new NotFoundError('committee or board');
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

  app.get(
    '/committees/:id/calendar.ics',
    access('public.view'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      const body = await repo.getBody(db, req.ctx.tenantId, id, { includeDrafts: false });
      if (!body) throw new NotFoundError('committee or board');
      const from = addDays(service.todayInEngland(), -FEED_DAYS_BACK);
      const { rows } = await repo.listMeetings(db, req.ctx.tenantId, { bodyId: id, publicOnly: true, from, limit: 10_000 });
      return sendCalendar(
        reply,
        `${slugify(body.name)}.ics`,
        buildCalendar({ name: `${body.name} meetings`, events: rows.map((m) => calendarEvent(origin(req), m)) }),
      );
    }),
  );

  // ---- A meeting ---------------------------------------------------------------------------------------------
  app.get(
    '/calendar/:meetingId',
    access('public.view'),
    page(async (req, reply) => {
      const id = idParam(req, 'meetingId');
      const meeting = await publicMeeting(db, req.ctx.tenantId, id);
      if (!meeting) throw new NotFoundError('meeting');
      const tenantId = req.ctx.tenantId;
      const today = service.todayInEngland();
      const published = meeting.agendaPublishedOn !== null;
      const [body, items, calendar, minutesState] = await Promise.all([
        repo.getBody(db, tenantId, meeting.bodyId, { includeDrafts: false }),
        published ? repo.listItems(db, tenantId, id) : Promise.resolve([] as repo.ItemRow[]),
        service.holidays(db, tenantId),
        repo.minutesStateOf(db, tenantId, id),
      ]);
      const { dates } = service.scheduleOf(meeting, [], calendar);

      const agenda = [];
      let lastSection: string | null = null;
      for (const item of items) {
        // A section heading (such as 'Decisions') is shown where it first applies.
        const sectionHeading = item.section && item.section !== lastSection ? item.section : null;
        lastSection = item.section ?? lastSection;
        if (item.exemptParagraph) {
          // The public learn only that the item exists and which paragraph of Schedule 12A applies.
          agenda.push({
            number: item.position,
            sectionHeading,
            heading: lastSection ? 'h4' : 'h3',
            exempt: true,
            exemptNotice: exemptNotice(item.exemptParagraph),
          });
          continue;
        }
        const hasPaper = item.reportStatus === 'published' && item.reportId !== null;
        const size = hasPaper ? await paperSize(db, tenantId, meeting, item) : null;
        agenda.push({
          number: item.position,
          sectionHeading,
          heading: lastSection ? 'h4' : 'h3',
          exempt: false,
          title: item.title,
          isLate: item.isLate,
          purpose: labelFor('itemPurpose', item.purpose),
          leadOfficers: item.leadOfficers,
          keyDecisionRef: item.keyDecisionRef,
          description: paragraphs(item.description),
          startTime: formatTime(item.startTime),
          paper: hasPaper
            ? {
                href: `/calendar/${id}/papers/${item.id}`,
                title: item.reportTitle ?? item.title,
                type: item.reportKind === 'upload' ? fileTypeLabel(item.contentType ?? '') : 'PDF',
                size: size === null ? '' : formatBytes(size),
              }
            : null,
        });
      }
      const hasSupplement = published && papersFor(meeting, items, 'supplement', 'public').listed.length > 0;
      const hasPack = published && papersFor(meeting, items, 'main', 'public').listed.length > 0;
      const upcoming = meeting.meetingDate >= today;
      return reply.view('meetings/views/public-meeting.njk', {
        pageTitle: `${service.meetingLabel(meeting)}, ${longDate(meeting.meetingDate)}`,
        meeting,
        body,
        label: service.meetingLabel(meeting),
        kindLabel: labelFor('meetingKind', meeting.kind),
        longDate: longDate(meeting.meetingDate),
        startTime: formatTime(meeting.startTime),
        endTime: formatTime(meeting.endTime),
        published,
        upcoming,
        cancelled: meeting.status === 'cancelled',
        agendaDue: longDate(dates.agendaDespatch),
        speakingDeadline:
          upcoming && meeting.status !== 'cancelled'
            ? { time: formatTime(dates.publicSpeakingDeadline.time), date: longDate(dates.publicSpeakingDeadline.date) }
            : null,
        agenda,
        anyExempt: agenda.some((i) => i.exempt),
        agendaPublishedOn: longDate(meeting.agendaPublishedOn),
        packHref: hasPack ? `/calendar/${id}/agenda.pdf` : null,
        supplementHref: hasSupplement ? `/calendar/${id}/supplement.pdf` : null,
        publicNotes: body?.publicNotes ?? [],
        // Published (draft) or approved minutes are public: src/minutes/public.routes.ts.
        minutes:
          minutesState?.state === 'published' || minutesState?.state === 'approved'
            ? { href: `/calendar/${id}/minutes`, draft: minutesState.state === 'published' }
            : null,
        breadcrumbs: [
          { text: 'Meetings calendar', href: '/calendar' },
          { text: meeting.bodyName, href: `/committees/${meeting.bodyId}` },
        ],
      });
    }),
  );

  // ---- Agenda packs ------------------------------------------------------------------------------------------
  for (const [path, kind, suffix] of [
    ['agenda.pdf', 'main', 'agenda'],
    ['supplement.pdf', 'supplement', 'supplementary-agenda'],
  ] as const) {
    app.get(
      `/calendar/:meetingId/${path}`,
      access('public.view'),
      page(async (req, reply) => {
        const id = idParam(req, 'meetingId');
        const meeting = await publicMeeting(db, req.ctx.tenantId, id);
        if (!meeting || meeting.agendaPublishedOn === null) throw new NotFoundError('agenda');
        const council = await councilName(req.ctx.tenantId);
        let built: Awaited<ReturnType<typeof currentPack>>;
        try {
          built = await currentPack(db, req.ctx, id, kind, 'public', council, opts.paperSources ?? []).catch((err: unknown) => {
            // Two visitors asking at once may both build the pack; the second to save loses the race
            // and reads the first's.
            if (isUniqueViolation(err)) return currentPack(db, req.ctx, id, kind, 'public', council, opts.paperSources ?? []);
            throw err;
          });
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          req.log.error({ err }, 'the public agenda pack could not be built');
          return errorPage(
            reply,
            503,
            'The agenda pack is not available',
            'The agenda pack cannot be made at the moment. Try again later, or contact the clerk to the meeting',
          );
        }
        if (!built?.content) throw new NotFoundError('agenda');
        return sendPaper(reply, `${slugify(meeting.bodyName)}-${meeting.meetingDate}-${suffix}.pdf`, built.content);
      }),
    );
  }

  // ---- Papers ---------------------------------------------------------------------------------------------------
  app.get(
    '/calendar/:meetingId/papers/:itemId',
    access('public.view'),
    page(async (req, reply) => {
      const meetingId = idParam(req, 'meetingId');
      const itemId = idParam(req, 'itemId');
      const meeting = await publicMeeting(db, req.ctx.tenantId, meetingId);
      if (!meeting || meeting.agendaPublishedOn === null) throw new NotFoundError('paper');
      const item = await repo.getItem(db, req.ctx.tenantId, meetingId, itemId);
      if (!item || item.exemptParagraph !== null || item.reportStatus !== 'published' || !item.reportId) throw new NotFoundError('paper');
      const base = `${slugify(meeting.bodyName)}-${meeting.meetingDate}-item-${item.position}`;
      if (item.reportKind === 'upload') {
        if (!item.fileId) throw new NotFoundError('paper');
        const file = await repo.getLiveFile(db, req.ctx.tenantId, item.fileId);
        if (!file) throw new NotFoundError('paper');
        return sendPaper(reply, file.filename || `${base}.pdf`, file.content, file.contentType);
      }
      const pdf = await service.reportPdf(db, req.ctx.tenantId, meeting, item);
      if (!pdf) throw new NotFoundError('paper');
      return sendPaper(reply, `${base}.pdf`, pdf);
    }),
  );
}
