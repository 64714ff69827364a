// The DELETE of a record that leaves a tombstone: the caller names it by id and sends the version it read,
// so a record someone changed since is kept (409), as is one that something still refers to (422).
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { RequestContext } from '../web/context.ts';
import { version } from '../web/schema.ts';
import { defineOperation, type Operation } from './operations.ts';
import { idParams } from './schemas.ts';

type Described = Pick<Operation, 'operationId' | 'path' | 'tag' | 'access' | 'scopeParam' | 'summary' | 'description'>;

/** An operation for `DELETE {path}?version=n`, `path` ending in `/{id}`, that calls remove and answers 204. */
export function tombstoneDelete(op: Described, remove: (db: Database, ctx: RequestContext, id: string, version: number) => Promise<unknown>) {
  return defineOperation({
    ...op,
    method: 'DELETE',
    params: idParams,
    query: z.object({ version }),
    problems: [404, 409, 422],
    response: { status: 204, description: 'Deleted' },
    async handler({ params, query, ctx, request }) {
      await remove(request.server.db, ctx, params.id, query.version);
    },
  });
}
