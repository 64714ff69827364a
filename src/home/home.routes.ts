// The home page (/). Every read is a public one (publicOnly, public_* view functions), so nothing
// draft, private, exempt or unpublished can reach it; the reads are in home.service.ts.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { todayInEngland } from '../calendar/today.ts';
import { page } from '../web/page.ts';
import { homePage } from './home.service.ts';

export async function registerHomePage(app: FastifyInstance, db: Database) {
  app.get(
    '/',
    access('public.view'),
    page(async (req, reply) => reply.view('home/views/home.njk', { pageTitle: 'Home', ...(await homePage(db, req.ctx.tenantId, todayInEngland())) })),
  );
}
