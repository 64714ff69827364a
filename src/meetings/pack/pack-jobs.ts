// The background job that keeps a meeting's agenda packs up to date (built by packs.ts): asked for
// whenever a change could alter a pack, in the same transaction as the change.
import type { Queryable } from '../../db/database.ts';
import { enqueueJob } from '../../db/jobs.ts';
import type { PackAudience, PackKind } from './paper-source.ts';

export const PACK_JOB = 'meetings.pack';
const PACK_KINDS: readonly PackKind[] = ['main', 'supplement'];
const PACK_AUDIENCES: readonly PackAudience[] = ['public', 'members'];

export const packJobKey = (meetingId: string, kind: PackKind, audience: PackAudience) => `${meetingId}:${kind}:${audience}`;

/** Asks for a meeting's packs to be brought up to date in the background. */
export async function requestPackBuilds(db: Queryable, tenantId: string, meetingId: string) {
  for (const kind of PACK_KINDS)
    for (const audience of PACK_AUDIENCES) await enqueueJob(db, tenantId, PACK_JOB, packJobKey(meetingId, kind, audience), { meetingId, kind, audience });
}
