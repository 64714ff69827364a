// One page of a list query, with the number of rows in the whole list counted by the same statement.
import type { Queryable } from './database.ts';

/**
 * Runs `select` (ending in its `order by`) for one page: the page's limit and offset are added as the last two
 * parameters. The select must return `count(*) over ()::int as total`, which is taken off each row.
 */
export async function queryPage<Row>(
  db: Queryable,
  select: string,
  params: unknown[],
  page: { limit: number; offset: number },
): Promise<{ rows: Row[]; total: number }> {
  const all = [...params, page.limit, page.offset];
  const rows = await db.query<Row & { total: number }>(`${select} limit $${all.length - 1} offset $${all.length}`, all);
  return { rows: rows.map(({ total: _t, ...r }) => r as Row), total: rows[0]?.total ?? 0 };
}
