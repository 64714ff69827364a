// What the partnership register's pages share: the request type, reading a record's id from the address,
// and running a page handler so that a missing record shows the 404 page.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFoundPage } from '../web/error-pages.ts';
import { NotFoundError } from '../web/errors.ts';
import { isUuid } from '../web/schema.ts';

export type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string | string[]> }>;

export function idParam(req: Req, name = 'id'): string {
  const value = req.params[name] ?? '';
  if (!isUuid(value)) throw new NotFoundError('page');
  return value.toLowerCase();
}

/** Runs a page handler; a missing record becomes the 404 page rather than an error. */
export const page = (handler: (req: Req, reply: FastifyReply) => Promise<unknown>) => async (req: Req, reply: FastifyReply) => {
  try {
    return await handler(req, reply);
  } catch (err) {
    if (err instanceof NotFoundError) return notFoundPage(reply);
    throw err;
  }
};
