// The service's own pages (the home page is src/home/): accessibility statement, privacy notice, health check.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';

export async function registerServicePages(app: FastifyInstance, db: Database) {
  app.get('/accessibility', access('public.view'), async (_req, reply) =>
    reply.view('web/views/pages/accessibility.njk', { pageTitle: 'Accessibility statement' }),
  );
  app.get('/privacy', access('public.view'), async (_req, reply) => reply.view('web/views/pages/privacy.njk', { pageTitle: 'Privacy notice' }));
  app.get('/health', access('public.view'), async (_req, reply) => {
    try {
      await db.query('select 1');
      return reply.send({ status: 'ok', database: db.engine });
    } catch {
      return reply.code(503).send({ status: 'unavailable', database: db.engine });
    }
  });
}
