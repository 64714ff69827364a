// Which requests read from the replica (DATABASE_READ_URL, issue 19), decided once for every route:
// an anonymous GET or HEAD, after sign-in is resolved: the public pages, their feeds and downloads,
// the public JSON API and OParl read by clients without a token. Everything else (any signed-in
// request or API token, any form or other write, sign-in, sessions, rate limits, CSRF) stays on the
// primary, so staff always read their own writes. db/read-replica.ts does the routing, and sends a
// request back to the primary for good the moment it writes.
//
// Register it after sign-in (registerAuth: the session is read in onRequest, on the primary) and
// before the public page cache, so that the data version a cached page is kept under is read from
// the same database as the page.
import type { FastifyInstance } from 'fastify';
import { readFromReplica, runInReadScope } from '../db/read-replica.ts';

export function registerReadReplicaRouting(app: FastifyInstance): void {
  // The scope must enclose every later hook and the handler: run the rest of the request inside it.
  app.addHook('onRequest', (_request, _reply, done) => {
    runInReadScope(done);
  });
  // In preHandler, not onRequest: a route's own onRequest hooks (its rate limit's counter) run first, on the primary.
  app.addHook('preHandler', async (request) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && !request.user) readFromReplica();
  });
}
