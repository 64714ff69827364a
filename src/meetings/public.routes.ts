// The public side of meetings: the meetings calendar (/calendar), each committee's page
// (/committees/:id), each meeting's page with its agenda and papers, the agenda packs and the
// iCalendar feeds. Only meetings of published bodies that are open to the public are shown; an
// exempt item shows only its number and the Schedule 12A paragraph; drafts never appear. The pages are in
// public-calendar.routes.ts (calendar, committees, feeds) and public-meeting.routes.ts (a meeting, packs, papers) and public-report.routes.ts (a report written in the template, as a page).
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import * as service from './meetings.service.ts';
import type { ItemOutcomeSource } from './item-outcomes.ts';
import type { PaperSource } from './pack/packs.ts';
import { registerPublicCalendarPages } from './public-calendar.routes.ts';
import { registerPublicMeetingPage } from './public-meeting.routes.ts';
import { registerPublicReportPage } from './public-report.routes.ts';

/**
 * opts.councilName names the council on agenda packs and feeds (config.COUNCIL_NAME; without it, the
 * tenant's name); opts.publicUrl is kept for the feeds, which src/follow now serves (config.PUBLIC_URL;
 * without it, the address the request came to).
 */
export async function registerPublicMeetingPages(
  app: FastifyInstance,
  db: Database,
  opts: { councilName?: string; publicUrl?: string; paperSources?: readonly PaperSource[]; itemOutcomes?: ItemOutcomeSource } = {},
) {
  /** The council's name for the agenda pack's front sheet: from config when given, else the tenant's. */
  const councilName = (tenantId: string) => service.councilName(db, tenantId, opts.councilName);

  registerPublicCalendarPages(app, db);
  registerPublicMeetingPage(app, db, { councilName, paperSources: opts.paperSources, itemOutcomes: opts.itemOutcomes });
  registerPublicReportPage(app, db);
}
