// Agenda packs: which papers a pack holds, and the current pack of a meeting, rebuilt when a paper,
// an item or the meeting has changed since it was last built. Building a pack of many papers takes
// seconds, so it is done in the background when a paper changes (the job queue, db/jobs.ts), and a
// request that finds the build under way is given the last good pack rather than waiting for it.
import { createHash } from 'node:crypto';
import type { Database, Queryable } from '../../db/database.ts';
import { claimJob, completeJob, failJob, jobRunning, type Job } from '../../db/jobs.ts';
import { PACK_JOB, packJobKey } from './pack-jobs.ts';
import { todayInEngland } from '../../calendar/today.ts';
import { exemptNotice } from '../../publication/exempt.ts';
import { changeContext, type RequestContext } from '../../web/context.ts';
import { NotFoundError, ValidationError } from '../../web/errors.ts';
import * as repo from '../meetings.repository.ts';
import { membershipLines, reportPdf } from '../meetings.service.ts';
import { assemblePack, PaperError, type PackItem } from './agenda-pack.ts';
import type { PackAudience, PackKind, PaperSource } from './paper-source.ts';

export type { PackAudience, PackKind, PaperSource };

/** Which papers a pack holds: published papers; exempt ones only for members; late papers in the supplement. */
export function papersFor(meeting: Pick<repo.MeetingRow, 'agendaPublishedOn'>, items: repo.ItemRow[], kind: PackKind, audience: PackAudience) {
  const isLatePaper = (i: repo.ItemRow) =>
    i.isLate || (meeting.agendaPublishedOn !== null && i.reportPublishedAt !== null && todayInEngland(i.reportPublishedAt) > meeting.agendaPublishedOn);
  const shown = (i: repo.ItemRow) => i.reportStatus === 'published' && (audience === 'members' || i.exemptParagraph === null);
  if (kind === 'main') return { listed: items.filter((i) => !i.isLate), withPaper: new Set(items.filter((i) => shown(i) && !isLatePaper(i)).map((i) => i.id)) };
  const late = items.filter((i) => shown(i) && isLatePaper(i));
  return { listed: late, withPaper: new Set(late.map((i) => i.id)) };
}

function packSignature(meeting: repo.MeetingRow, listed: repo.ItemRow[], withPaper: Set<string>, members: string[], body: repo.BodyRow, council: string) {
  const parts = [
    council,
    meeting.id,
    meeting.version,
    body.version,
    members.join('|'),
    ...listed.map((i) => `${i.id}:${i.version}:${withPaper.has(i.id) ? `${i.reportId}:${i.reportVersion}` : '-'}`),
  ];
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/** The background job: builds one pack if it is out of date (a meeting with nothing to pack is done at once). */
export function packJobHandler(council: (db: Queryable, tenantId: string) => Promise<string>, sources: readonly PaperSource[]) {
  return async (db: Database, job: Job) => {
    const { meetingId, kind, audience } = job.payload as { meetingId: string; kind: PackKind; audience: PackAudience };
    // The public pack is built once the agenda is published; a meeting removed since is nothing to do.
    const meeting = await repo.getMeeting(db, job.tenantId, meetingId);
    if (!meeting || (audience === 'public' && meeting.agendaPublishedOn === null)) return;
    const ctx = { tenantId: job.tenantId, actor: 'system', requestId: `job-${job.id}` };
    await refreshPack(db, ctx, meetingId, kind, audience, await council(db, job.tenantId), sources, { claimed: true });
  };
}

/**
 * The current pack for a meeting. When a paper, an item or the meeting has changed since it was built, the
 * request builds it, unless another request or the background job is building it already: then the last
 * good pack is served meanwhile (and the first pack of all is built here, as there is nothing else to serve).
 */
export async function currentPack(
  db: Database,
  ctx: RequestContext,
  meetingId: string,
  kind: PackKind,
  audience: PackAudience,
  council: string,
  sources: readonly PaperSource[],
) {
  return refreshPack(db, ctx, meetingId, kind, audience, council, sources, { claimed: false });
}

async function refreshPack(
  db: Database,
  ctx: RequestContext,
  meetingId: string,
  kind: PackKind,
  audience: PackAudience,
  council: string,
  sources: readonly PaperSource[],
  opts: { claimed: boolean },
) {
  const meeting = await repo.getMeeting(db, ctx.tenantId, meetingId);
  if (!meeting) throw new NotFoundError('meeting');
  const [items, body, members] = await Promise.all([
    repo.listItems(db, ctx.tenantId, meetingId),
    repo.getBody(db, ctx.tenantId, meeting.bodyId),
    repo.listMembers(db, ctx.tenantId, meeting.bodyId),
  ]);
  const { listed, withPaper } = papersFor(meeting, items, kind, audience);
  if (listed.length === 0) return null;
  const membership = membershipLines(members, meeting.meetingDate);
  // An item without a report of its own may carry a paper from another capability, such as an earlier
  // meeting's minutes with the action log (seed 004, item 3).
  const suppliedPapers = new Map<string, { source: PaperSource; fingerprint: string }>();
  for (const item of listed) {
    if (withPaper.has(item.id) || item.withdrawn) continue;
    for (const source of sources) {
      const fingerprint = await source.fingerprint(db, ctx.tenantId, item, audience);
      if (fingerprint) {
        suppliedPapers.set(item.id, { source, fingerprint });
        break;
      }
    }
  }
  const signature = packSignature(meeting, listed, withPaper, [...membership, ...[...suppliedPapers.values()].map((m) => m.fingerprint)], body!, council);
  const existing = await repo.getPack(db, ctx.tenantId, meetingId, kind, audience);
  const lastGood = async (stale: boolean) => (existing ? { pack: existing, content: await repo.packContent(db, ctx.tenantId, existing.id), stale } : null);
  if (existing?.signature === signature) return lastGood(false);
  const plan: PackPlan = { meeting, body: body!, listed, withPaper, membership, suppliedPapers, signature, kind, audience, council };
  const key = packJobKey(meetingId, kind, audience);
  if (opts.claimed) return buildPack(db, ctx, plan);
  if (existing && (await jobRunning(db, ctx.tenantId, PACK_JOB, key))) return lastGood(true);
  const job = await claimJob(db, ctx.tenantId, PACK_JOB, key, { meetingId, kind, audience });
  if (!job && existing) return lastGood(true);
  try {
    const built = await buildPack(db, ctx, plan);
    if (job) await completeJob(db, job);
    return built;
  } catch (err) {
    if (job) await failJob(db, job, err);
    throw err;
  }
}

interface PackPlan {
  meeting: repo.MeetingRow;
  body: repo.BodyRow;
  listed: repo.ItemRow[];
  withPaper: Set<string>;
  membership: string[];
  suppliedPapers: Map<string, { source: PaperSource; fingerprint: string }>;
  signature: string;
  kind: PackKind;
  audience: PackAudience;
  council: string;
}

async function buildPack(db: Database, ctx: RequestContext, plan: PackPlan) {
  const { meeting, body, listed, withPaper, membership, suppliedPapers, signature, kind, audience, council } = plan;
  const meetingId = meeting.id;
  const separateDownloads: { number: number; filename: string; reason: string }[] = [];
  const packItems: PackItem[] = [];
  for (const item of listed) {
    let paper: PackItem['paper'] = null;
    let separate: PackItem['separateDownload'] = null;
    if (withPaper.has(item.id)) {
      if (item.reportKind === 'upload' && item.contentType !== 'application/pdf') {
        separate = { filename: item.filename ?? 'report', reason: 'Word and OpenDocument papers are not converted to PDF; download the paper separately' };
        separateDownloads.push({ number: item.position, ...separate });
      } else {
        const pdf = await reportPdf(db, ctx.tenantId, meeting, item);
        if (pdf) paper = { title: item.reportTitle ?? item.title, pdf };
      }
    }
    const supplied = suppliedPapers.get(item.id);
    // A supplied paper is as at the agenda's publication (or today, before it is published).
    if (supplied)
      paper = {
        title: item.title,
        pdf: await supplied.source.render(db, ctx.tenantId, item, meeting, { council, asAt: meeting.agendaPublishedOn ?? todayInEngland(), audience }),
      };
    const toFollow = !withPaper.has(item.id) && item.reportId && !(audience === 'public' && item.exemptParagraph);
    packItems.push({
      // The public learn only that an exempt item exists and which paragraph applies.
      number: item.position,
      section: item.section,
      title: audience === 'public' && item.exemptParagraph ? 'Exempt item' : item.title,
      description: audience === 'public' && item.exemptParagraph ? '' : [item.description, toFollow ? 'Report to follow.' : ''].filter(Boolean).join('\n\n'),
      exemptNotice: item.exemptParagraph ? exemptNotice(item.exemptParagraph) : null,
      paper,
      separateDownload: separate,
    });
  }
  let result: Awaited<ReturnType<typeof assemblePack>>;
  try {
    result = await assemblePack({
      council,
      bodyName: meeting.bodyName,
      meetingDate: meeting.meetingDate,
      startTime: meeting.startTime,
      venue: meeting.venue,
      heading: kind === 'main' ? 'AGENDA' : 'SUPPLEMENTARY AGENDA',
      openToPublic: meeting.isPublic,
      membership,
      clerk: body?.clerkName ? { name: body.clerkName, phone: body.clerkPhone ?? '', email: body.clerkEmail ?? '' } : null,
      notes: body?.publicNotes ?? [],
      items: packItems,
    });
  } catch (err) {
    if (err instanceof PaperError) throw new ValidationError({ _: err.message }, err.message);
    throw err;
  }
  const id = await db.transaction(changeContext(ctx), (tx) =>
    repo.savePack(tx, ctx.tenantId, {
      meetingId,
      kind,
      audience,
      signature,
      pageCount: result.pageCount,
      pageRanges: result.items,
      separateDownloads,
      content: result.bytes,
    }),
  );
  return {
    pack: { id, signature, pageCount: result.pageCount, pageRanges: result.items, separateDownloads, created: new Date() },
    content: result.bytes,
    stale: false,
  };
}
