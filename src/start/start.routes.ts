// The start page, where signing in leads: each role's own work, with links to the full lists.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { ROLE_LABELS } from '../access/permissions.ts';
import { todayInEngland } from '../calendar/today.ts';
import { formatLongDate } from '../calendar/format.ts';
import { page } from '../web/page.ts';
import { startPanels } from './start.service.ts';

export async function registerStartPage(app: FastifyInstance, db: Database) {
  app.get(
    '/start',
    access('manage.view'),
    page(async (req, reply) => {
      // manage.view has let only a signed-in user through.
      const user = req.user!;
      const today = todayInEngland();
      const panels = await startPanels(db, req.ctx.tenantId, user, today);
      return reply.view('start/views/start.njk', {
        pageTitle: 'Your work',
        panels,
        today: formatLongDate(today),
        roleNames: user.roles.map((r) => ROLE_LABELS[r]).join(', '),
      });
    }),
  );
}
