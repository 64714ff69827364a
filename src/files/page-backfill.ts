// Files stored before pages were counted (migration 0037) are counted in the hourly run, a few at a time, so that
// no request waits for it and a large store is caught up over a few hours. Until then their links show type and
// size only. A file that does not say how many pages it has is marked 0, so it is read once.
import type { Database } from '../db/database.ts';
import { filesWithoutPageCount, setPageCount } from './files.repository.ts';
import { countPages } from './page-count.ts';

export async function countMissingPages(db: Database, tenantId: string, limit = 25): Promise<number> {
  const files = await filesWithoutPageCount(db, tenantId, limit);
  for (const file of files) {
    const pages = (await countPages(file.contentType, file.content)) ?? 0;
    await db.transaction({ actor: 'system' }, (tx) => setPageCount(tx, tenantId, file.id, pages));
  }
  return files.length;
}
