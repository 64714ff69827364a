// SQL for an import file kept between its check and the officer's confirmation: a row of the files table whose
// name starts with what it was kept for ('ledger 2017-18: '), so that a token only ever reaches a file kept for
// the same import, never another upload (a terms of reference, a paper) or another year's import.
import type { Queryable } from '../db/database.ts';

/** The kept file, if it is still there and was kept for this purpose. */
export async function keptFile(db: Queryable, tenantId: string, id: string, prefix: string) {
  const rows = await db.query<{ filename: string; content: Buffer }>(
    `select filename, content from files where tenant_id = $1 and id = $2 and deleted_at is null and starts_with(filename, $3)`,
    [tenantId, id, prefix],
  );
  return rows[0] ?? null;
}

/** Marks the kept file used (a tombstone, audited), so a confirmation imports once; false when it had gone. */
export async function useKeptFile(tx: Queryable, tenantId: string, id: string, prefix: string) {
  const rows = await tx.query<{ id: string }>(
    `update files set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and deleted_at is null and starts_with(filename, $3) returning id`,
    [tenantId, id, prefix],
  );
  return rows.length > 0;
}
