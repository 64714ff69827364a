// The GOV.UK error pages, rendered the same way from every route.
import type { FastifyReply } from 'fastify';

export function errorPage(reply: FastifyReply, status: number, pageTitle: string, message?: string) {
  return reply.code(status).view('web/views/errors/error.njk', { pageTitle, status, ...(message ? { message } : {}) });
}

export const notFoundPage = (reply: FastifyReply) => errorPage(reply, 404, 'Page not found');
