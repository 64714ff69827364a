// SQL for what the public meeting page says about its agenda packs: the pages and size of the last pack built.
import type { Queryable } from '../db/database.ts';

/** The last public pack built for a meeting: its pages and size (the pack is rebuilt in the background when a paper changes). */
export async function publicPackFacts(db: Queryable, tenantId: string, meetingId: string, kind: 'main' | 'supplement') {
  const rows = await db.query<{ pageCount: number; sizeBytes: number }>(
    `select page_count as "pageCount", octet_length(content) as "sizeBytes" from agenda_packs
     where tenant_id = $1 and meeting_id = $2 and kind = $3 and audience = 'public' and deleted_at is null`,
    [tenantId, meetingId, kind],
  );
  return rows[0] ?? null;
}
