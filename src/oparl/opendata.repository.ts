// What the sitemap lists beyond the fixed pages: each public partnership, committee and meeting, read
// through the public view (migration 0010), with when each last changed.
import type { Queryable } from '../db/database.ts';

export interface SitemapRow {
  path: string;
  modified: Date | null;
}

/** Public partnerships, committees and meetings, newest change first, at most `limit`. */
export async function publicPages(db: Queryable, tenantId: string, limit: number): Promise<SitemapRow[]> {
  return db.query<SitemapRow>(
    `select * from (
       select '/register/' || p.id as path, p.modified from partnerships p
         where p.tenant_id = $1 and p.deleted_at is null and public_partnership(p.id)
       union all
       select '/committees/' || b.id, b.modified from bodies b
         where b.tenant_id = $1 and b.deleted_at is null and public_body(b.id)
       union all
       select '/calendar/' || m.id, m.modified from meetings m
         where m.tenant_id = $1 and m.deleted_at is null and public_meeting(m.id)
     ) x order by x.path limit $2`,
    [tenantId, limit],
  );
}
