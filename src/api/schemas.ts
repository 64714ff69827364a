// Zod schemas every API capability shares: ids in paths, pages, timestamps and tombstones.
import { z } from 'zod';

export const uuidParam = z.uuid({ error: 'must be a UUID' });
export const idParams = z.object({ id: uuidParam });
export const pagination = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int() });
export const isoDateOut = z.iso.date();
/** Created, modified and version of a live record (deleted: false, as OParl marks it). */
export const timestampsOut = { created: z.iso.datetime(), modified: z.iso.datetime(), version: z.number().int(), deleted: z.literal(false) };

/** What a sync list says of a record that is gone, or that the caller may no longer see. */
export const tombstoneOut = (type?: string) =>
  z.object({ id: z.uuid(), type: type ? z.literal(type) : z.string(), deleted: z.literal(true), modified: z.iso.datetime() });
