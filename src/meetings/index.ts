// The front door of meetings: bodies, meetings, agendas, reports, packs, deadlines and the public calendar.
import type { Capability } from '../capability.ts';
import { meetingOperations } from './meetings.api.ts';
import { registerMeetingPages } from './meetings.routes.ts';
import type { ItemOutcomeSource } from './item-outcomes.ts';
import type { PaperSource } from './pack/paper-source.ts';
import { registerPublicMeetingPages } from './public.routes.ts';
import { PACK_JOB } from './pack/pack-jobs.ts';
import { packJobHandler } from './pack/packs.ts';
import { councilName } from './meetings.service.ts';
import { registerImplicationSettings } from './implications.routes.ts';

/**
 * Meetings, with the sources of papers other capabilities supply for agenda items (such as minutes), and
 * of each held meeting's item outcomes (its minutes and decisions) for the public meeting page.
 */
export function meetings({ paperSources, itemOutcomes }: { paperSources: readonly PaperSource[]; itemOutcomes?: ItemOutcomeSource }): Capability {
  return {
    name: 'meetings',
    routes: async (app, { db, config }) => {
      await registerMeetingPages(app, db, config.COUNCIL_NAME, paperSources);
      await registerImplicationSettings(app, db);
      await registerPublicMeetingPages(app, db, { councilName: config.COUNCIL_NAME, publicUrl: config.PUBLIC_URL, paperSources, itemOutcomes });
    },
    operations: meetingOperations,
    jobs: ({ config }) => ({ [PACK_JOB]: packJobHandler((db, tenantId) => councilName(db, tenantId, config.COUNCIL_NAME), paperSources) }),
  };
}

export { getBody, getItem, getMeeting, listBodies, listItems, listMeetings, listMembers, minutesStateOf } from './meetings.repository.ts';
export { councilName, meetingLabel, membershipOn } from './meetings.service.ts';
export { requestPackBuilds } from './pack/pack-jobs.ts';
export { deadlineDashboard } from './plan.service.ts';
export { itemsOfMeetings } from './meetings.repository.ts';
export type { BodyRow, ItemRow, MeetingRow, MemberRow } from './meetings.repository.ts';
export type { PackAudience, PaperSource } from './pack/paper-source.ts';
export type { ItemDecision, ItemOutcome, ItemOutcomeSource } from './item-outcomes.ts';
export { normaliseParagraph } from './report-form.ts';
export type { ReportContent } from './report-template.ts';
export { bodiesWithTermsOfReference, partnershipMeetings } from './health-facts.repository.ts';
export { holidays } from './meetings.service.ts';
export { latestPublicPapers, minutesStatesOf } from './meetings.repository.ts';
export { publicMeetingStatus } from './public-status.ts';
export { deriveMeetingDates } from './deadlines.ts';
export type { DeadlineRules, MeetingDates } from './deadlines.ts';
export { implicationSections } from './implications.service.ts';
export { DEFAULT_SECTIONS as DEFAULT_IMPLICATION_SECTIONS } from './implications.ts';
export type { ImplicationSection, ReportType as ImplicationReportType } from './implications.ts';
