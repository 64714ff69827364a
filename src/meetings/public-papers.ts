// What the public pages say about a paper: the public meeting it belongs to, and its type, size and pages for the
// GOV.UK attachment pattern ("PDF, 123 KB, 7 pages"). An uploaded paper's size and pages are stored with its file
// (migration 0037); a report written in the template is rendered to learn them, once per version of the report
// and of what its header shows, and kept in a bounded in-memory cache (a second instance simply renders again).
import type { Queryable } from '../db/database.ts';
import { attachmentText, pdfPages } from '../files/index.ts';
import * as repo from './meetings.repository.ts';
import * as service from './meetings.service.ts';

/** A meeting the public may see: its body published, the meeting open to the public; else null. */
export async function publicMeeting(db: Queryable, tenantId: string, id: string) {
  const meeting = await repo.getMeeting(db, tenantId, id);
  return meeting?.bodyPublished && meeting.isPublic ? meeting : null;
}

export interface PaperFacts {
  /** 'PDF', 'Word', ... */
  type: string;
  sizeBytes: number | null;
  pageCount: number | null;
  /** 'PDF, 123 KB, 7 pages' (what is not known is left out). */
  text: string;
}

const generated = new Map<string, { sizeBytes: number; pageCount: number | null }>();
const MAX_CACHED = 2000;
const generatedKey = (meeting: repo.MeetingRow, item: repo.ItemRow) =>
  [item.reportId, item.reportVersion, meeting.bodyName, meeting.meetingDate, item.position].join('\0');

/** The rendered PDF of a template report, measured (cached by the report's version and its header). */
async function measureGenerated(db: Queryable, tenantId: string, meeting: repo.MeetingRow, item: repo.ItemRow) {
  const key = generatedKey(meeting, item);
  const known = generated.get(key);
  if (known) return known;
  try {
    const pdf = await service.reportPdf(db, tenantId, meeting, item);
    if (!pdf) return null;
    const facts = { sizeBytes: pdf.byteLength, pageCount: await pdfPages(pdf) };
    if (generated.size >= MAX_CACHED) generated.delete(generated.keys().next().value!);
    generated.set(key, facts);
    return facts;
  } catch {
    return null; // The size is a courtesy: a paper that cannot be rendered is reported when downloaded.
  }
}

/** Type, size and pages of an item's published paper (the item must have one). */
export async function paperFacts(db: Queryable, tenantId: string, meeting: repo.MeetingRow, item: repo.ItemRow): Promise<PaperFacts> {
  if (item.reportKind === 'upload') {
    const type = attachmentText({ type: item.contentType ?? '' });
    return { type, sizeBytes: item.sizeBytes, pageCount: item.pageCount, text: attachmentText({ type, sizeBytes: item.sizeBytes, pageCount: item.pageCount }) };
  }
  const measured = await measureGenerated(db, tenantId, meeting, item);
  const facts = { type: 'PDF', sizeBytes: measured?.sizeBytes ?? null, pageCount: measured?.pageCount ?? null };
  return { ...facts, text: attachmentText(facts) };
}

/** An item whose paper the public may see: on a published agenda, not exempt, its report published. */
export const hasPublicPaper = (item: repo.ItemRow) => item.exemptParagraph === null && item.reportStatus === 'published' && item.reportId !== null;
