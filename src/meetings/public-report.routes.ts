// The public page of a report written in the council's template (issue 17: "papers as HTML first"): once its
// agenda is published and the report is, the report is a page at /calendar/:meetingId/items/:itemId/report, with
// its PDF (/calendar/:meetingId/papers/:itemId) as the printable version. An exempt item's page says only that it
// is exempt and which paragraph of Schedule 12A applies; a draft, a withdrawn report or an unpublished agenda is a
// 404 (staff preview drafts in the back office). An uploaded paper has no page: its address leads to its file.
import type { FastifyInstance } from 'fastify';
import { access } from '../access/route-access.ts';
import { formatLongDate } from '../calendar/format.ts';
import type { Database } from '../db/database.ts';
import { textBlocks } from '../documents/text.ts';
import { exemptNotice } from '../publication/exempt.ts';
import { NotFoundError } from '../web/errors.ts';
import { idParam, page } from '../web/page.ts';
import * as repo from './meetings.repository.ts';
import { meetingLabel } from './meetings.service.ts';
import { hasPublicPaper, paperFacts, publicMeeting } from './public-papers.ts';
import { reportPage } from './public-report.ts';

export function registerPublicReportPage(app: FastifyInstance, db: Database) {
  app.get(
    '/calendar/:meetingId/items/:itemId/report',
    access('public.view'),
    page(async (req, reply) => {
      const meetingId = idParam(req, 'meetingId');
      const itemId = idParam(req, 'itemId');
      const tenantId = req.ctx.tenantId;
      const meeting = await publicMeeting(db, tenantId, meetingId);
      if (!meeting || meeting.agendaPublishedOn === null) throw new NotFoundError('report');
      const item = await repo.getItem(db, tenantId, meetingId, itemId);
      if (!item) throw new NotFoundError('report');
      const label = meetingLabel(meeting);
      const longDate = formatLongDate(meeting.meetingDate);
      const common = {
        meeting,
        caption: `${label}, ${longDate}`,
        breadcrumbs: [
          { text: 'Meetings calendar', href: '/calendar' },
          { text: meeting.bodyName, href: `/committees/${meeting.bodyId}` },
          { text: longDate, href: `/calendar/${meetingId}` },
        ],
      };
      if (item.exemptParagraph !== null) {
        // The public learn only that the item exists and which paragraph applies: never its title or text.
        return reply.view('meetings/views/public-report.njk', {
          ...common,
          pageTitle: `Item ${item.position}: exempt item`,
          itemNumber: item.position,
          exemptNotice: exemptNotice(item.exemptParagraph),
        });
      }
      if (!hasPublicPaper(item)) throw new NotFoundError('report');
      if (item.reportKind !== 'template') return reply.redirect(`/calendar/${meetingId}/papers/${itemId}`, 303);
      const report = await repo.getReport(db, tenantId, itemId);
      if (!report?.document || report.status !== 'published') throw new NotFoundError('report');
      const content = reportPage(report.document, { bodyName: meeting.bodyName, meetingDate: meeting.meetingDate, itemNumber: item.position });
      const facts = await paperFacts(db, tenantId, meeting, item);
      return reply.view('meetings/views/public-report.njk', {
        ...common,
        pageTitle: content.title,
        report: content,
        printable: { href: `/calendar/${meetingId}/papers/${itemId}`, text: facts.text },
        textBlocks,
      });
    }),
  );
}
