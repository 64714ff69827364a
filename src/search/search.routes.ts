// The search page, for the public and for staff alike: who is asking decides what is searched.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { isStaff } from '../access/permissions.ts';
import { asBody, errorSummary } from '../web/forms.ts';
import { page } from '../web/page.ts';
import { runSearch } from './search.service.ts';

export async function registerSearchPage(app: FastifyInstance, db: Database) {
  app.get(
    '/search',
    access('public.view'),
    page(async (req, reply) => {
      const staff = isStaff(req);
      const result = await runSearch(db, req.ctx.tenantId, asBody(req.query), staff);
      return reply.view('search/views/search.njk', {
        pageTitle: result.searched ? `Search results for ‘${result.q.trim()}’` : 'Search',
        staff,
        errorList: errorSummary(result.errors, { from: 'from-day', to: 'to-day', type: 'type' }),
        ...result,
      });
    }),
  );
}
