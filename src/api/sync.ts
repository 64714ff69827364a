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
