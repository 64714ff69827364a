// The public page of a meeting (/calendar/:meetingId) with its agenda, and its agenda packs and papers.
// An exempt item shows only its number and the Schedule 12A paragraph; drafts never appear.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { attachmentText } from '../files/index.ts';
import { exemptNotice } from '../publication/exempt.ts';
import { errorPage } from '../web/error-pages.ts';
import { NotFoundError, ValidationError } from '../web/errors.ts';
import { labelFor } from '../web/labels.ts';
import { isUniqueViolation } from '../web/schema.ts';
import * as repo from './meetings.repository.ts';
import * as service from './meetings.service.ts';
import { publicMeetingStatus } from './public-status.ts';
import { currentPack, papersFor, type PaperSource } from './pack/packs.ts';
import type { ItemOutcome, ItemOutcomeSource } from './item-outcomes.ts';
import { page, idParam } from '../web/page.ts';
import { hasPublicPaper, paperFacts, publicMeeting } from './public-papers.ts';
import { publicPackFacts } from './public-papers.repository.ts';
import { formatLongDate, formatTime } from '../calendar/format.ts';
import { paragraphs, slugify } from '../documents/text.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';

const longDate = (iso: string | null | undefined) => (iso ? formatLongDate(iso) : '');

const packText = (facts: { pageCount: number; sizeBytes: number } | null) =>
  attachmentText({ type: 'PDF', sizeBytes: facts?.sizeBytes ?? null, pageCount: facts?.pageCount ?? null });

const sendPaper = (reply: FastifyReply, filename: string, content: Uint8Array, contentType: string = MEDIA_TYPES.pdf) =>
  sendDocument(reply, { filename, content, contentType });

/**
 * councilName names the council on agenda packs; paperSources supply papers for agenda items (such as minutes);
 * itemOutcomes supplies each item's public minute and decisions once the meeting's minutes are published.
 */
export function registerPublicMeetingPage(
  app: FastifyInstance,
  db: Database,
  {
    councilName,
    paperSources,
    itemOutcomes,
  }: { councilName: (tenantId: string) => Promise<string>; paperSources?: readonly PaperSource[]; itemOutcomes?: ItemOutcomeSource },
) {
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
      // Only public minutes: the source asks the public view functions, so a draft or exempt minute is never named.
      const minutesPublic = minutesState?.state === 'published' || minutesState?.state === 'approved';
      const outcomes: ReadonlyMap<string, ItemOutcome> =
        published && minutesPublic && itemOutcomes ? await itemOutcomes.publicOutcomes(db, tenantId, id) : new Map();

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
        const hasPaper = hasPublicPaper(item);
        const facts = hasPaper ? await paperFacts(db, tenantId, meeting, item) : null;
        const fileHref = `/calendar/${id}/papers/${item.id}`;
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
          // A report written in the template is a page first, with its PDF as the printable copy; an uploaded
          // paper is its own file, with its type, size and pages (GOV.UK's attachment pattern).
          paper: facts
            ? item.reportKind === 'template'
              ? { href: `/calendar/${id}/items/${item.id}/report`, title: item.reportTitle ?? item.title, printable: { href: fileHref, text: facts.text } }
              : { href: fileHref, title: item.reportTitle ?? item.title, attachment: facts.text }
            : null,
          outcome: outcomes.get(item.id) ?? null,
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
        // Held, cancelled, minutes to follow or did not take place, as the day it is read.
        status: publicMeetingStatus({ ...meeting, minutesState: minutesState?.state ?? 'none' }, today),
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
        // The last pack built (rebuilt in the background when a paper changes): type, size and pages.
        packText: packText(hasPack ? await publicPackFacts(db, tenantId, id, 'main') : null),
        supplementText: packText(hasSupplement ? await publicPackFacts(db, tenantId, id, 'supplement') : null),
        publicNotes: body?.publicNotes ?? [],
        // Published (draft) or approved minutes are public: src/minutes/public.routes.ts.
        minutes: minutesPublic ? { href: `/calendar/${id}/minutes`, draft: minutesState?.state === 'published' } : null,
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
          built = await currentPack(db, req.ctx, id, kind, 'public', council, paperSources ?? []).catch((err: unknown) => {
            // Two visitors asking at once may both build the pack; the second to save loses the race
            // and reads the first's.
            if (isUniqueViolation(err)) return currentPack(db, req.ctx, id, kind, 'public', council, paperSources ?? []);
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
