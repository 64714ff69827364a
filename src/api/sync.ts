// OParl's sync conventions, shared by every list: stable ids, created/modified times,
// modifiedSince for incremental sync, and tombstones for deleted objects.
import { z } from 'zod';
import { isoDateTime } from '../web/schema.ts';

export const syncListQuery = z.object({
  modifiedSince: isoDateTime('modifiedSince').optional(),
  limit: z.coerce.number({ error: 'must be a number' }).int().min(1).max(500).default(100),
  offset: z.coerce.number({ error: 'must be a number' }).int().min(0).max(1_000_000).default(0),
});

export function tombstone(type: string, row: { id: string; modified: Date }) {
  return { id: row.id, type, deleted: true as const, modified: row.modified.toISOString() };
}

/**
 * One page of a sync list. A row that is deleted, or that this caller may not see (a draft to the
 * public), is a tombstone, so a client that synced it before learns to drop it; the rest are shaped.
 */
export async function syncPage<R extends { id: string; modified: Date; deletedAt?: Date | null }, T>(
  rows: readonly R[],
  query: { limit: number; offset: number },
  options: { type: string; visible: (row: R) => boolean; shape: (row: R) => T | Promise<T>; total?: number },
) {
  const page = options.total === undefined ? rows.slice(query.offset, query.offset + query.limit) : rows;
  const data = await Promise.all(page.map((r) => (r.deletedAt || !options.visible(r) ? tombstone(options.type, r) : options.shape(r))));
  return { data, pagination: { total: options.total ?? rows.length, limit: query.limit, offset: query.offset } };
}
