// The minutes of an earlier meeting, followed by the body's action log, as the paper of the agenda
// item that presents them (seed 004, item 3): a paper source for the meetings capability's packs.
import { PDFDocument } from 'pdf-lib';
import type { Queryable } from '../db/database.ts';
import { appendPages } from '../documents/pdf-layout.ts';
import type { MeetingRow, PaperSource, PackAudience } from '../meetings/index.ts';
import { renderActionLogPdf } from './documents/action-log-pdf.ts';
import { renderMinutesPdf } from './documents/minutes-pdf.ts';
import { actionLogDocument } from './actions.service.ts';
import { minutesDocument, publicMinutesDocument } from './minutes.service.ts';
import * as repo from './minutes.repository.ts';

/** What the minutes paper depends on; null when the minutes cannot go in this pack (not started, or not public for a public pack). */
async function minutesFingerprint(db: Queryable, tenantId: string, meetingId: string, audience: PackAudience): Promise<string | null> {
  const row = await repo.minutesPaperStamp(db, tenantId, meetingId);
  if (!row || row.state === 'none') return null;
  if (audience === 'public' && (!row.isPublic || !['published', 'approved'].includes(row.state))) return null;
  return `minutes:${meetingId}:${row.state}:${row.stamp}`;
}

/** The minutes of a meeting followed by the body's action log, as one paper. */
async function minutesWithActionLog(
  db: Queryable,
  tenantId: string,
  minutesMeetingId: string,
  meeting: MeetingRow,
  council: string,
  asAt: string,
  audience: PackAudience,
) {
  const [minutes, log] = await Promise.all([
    (audience === 'public' ? publicMinutesDocument : minutesDocument)(db, tenantId, minutesMeetingId, council).then((doc) =>
      renderMinutesPdf(doc, { pageNumbers: false }),
    ),
    actionLogDocument(db, tenantId, meeting.bodyId, council, asAt, meeting.meetingDate).then((doc) =>
      doc.groups.length ? renderActionLogPdf(doc, { pageNumbers: false }) : null,
    ),
  ]);
  if (!log) return minutes;
  const merged = await PDFDocument.create();
  for (const bytes of [minutes, log]) await appendPages(merged, await PDFDocument.load(bytes)); // tags kept
  return merged.save();
}

export const minutesPaperSource: PaperSource = {
  fingerprint: (db, tenantId, item, audience) =>
    item.minutesOfMeetingId ? minutesFingerprint(db, tenantId, item.minutesOfMeetingId, audience) : Promise.resolve(null),
  render: (db, tenantId, item, meeting, { council, asAt, audience }) =>
    minutesWithActionLog(db, tenantId, item.minutesOfMeetingId!, meeting, council, asAt, audience),
};
