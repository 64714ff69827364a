// Downloading uploaded files, with the type we checked on upload and a safe file name.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { contentDisposition } from '../documents/file-types.ts';
import { getPublishedFile } from './files.repository.ts';
import { access } from '../access/route-access.ts';
import { isUuid } from '../web/schema.ts';
import { can } from '../access/permissions.ts';
import { notFoundPage } from '../web/error-pages.ts';

export async function registerFileRoutes(app: FastifyInstance, db: Database) {
  app.get<{ Params: { id: string; name?: string } }>('/files/:id/:name', access('public.view'), async (req, reply) => {
    const file = isUuid(req.params.id) ? await getPublishedFile(db, req.ctx.tenantId, req.params.id, can(req.user, 'manage.view')) : null;
    if (!file) return notFoundPage(reply);
    return reply
      .type(file.contentType)
      .header('content-disposition', contentDisposition(file.filename, file.contentType === 'application/pdf'))
      .header('cache-control', 'private, max-age=300')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(file.content);
  });
}
