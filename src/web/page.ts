// Running a page handler: an address whose id is not a UUID, or a record that is not there, gives
// the 404 page rather than an error. Shared by the pages of each capability.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFoundPage } from './error-pages.ts';
import { NotFoundError } from './errors.ts';
import { isUuid } from './schema.ts';

export type PageRequest = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string | string[]> }>;

export const page =
  <R extends FastifyRequest = PageRequest>(handler: (req: R, reply: FastifyReply) => Promise<unknown>) =>
  async (req: R, reply: FastifyReply) => {
    try {
      for (const value of Object.values((req.params ?? {}) as Record<string, string>)) if (!isUuid(value)) return notFoundPage(reply);
      return await handler(req, reply);
    } catch (err) {
      if (err instanceof NotFoundError) return notFoundPage(reply);
      throw err;
    }
  };

/** A single query-string value, trimmed; empty when absent or given twice. */
export const queryText = (req: PageRequest, key: string) => {
  const v = req.query[key];
  return typeof v === 'string' ? v.trim() : '';
};

/** A route parameter known to be a UUID (page() has checked), lower-cased. */
export function idParam(req: PageRequest, name: string): string {
  const value = req.params[name] ?? '';
  if (!isUuid(value)) throw new NotFoundError('page');
  return value.toLowerCase();
}

/** The confirmation banner a page shows after a form redirected to it with `?done=<what>`, from the page's own messages. */
export const flashFrom = (messages: Readonly<Record<string, string>>) => (req: PageRequest) => messages[queryText(req, 'done')];
