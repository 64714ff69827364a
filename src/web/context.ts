// What every request carries: its tenant, who is acting, and the request id for the audit trail.
import type { ChangeContext, Database } from '../db/database.ts';

export interface RequestContext {
  tenantId: string;
  actor: string;
  requestId: string;
}

export function changeContext(ctx: RequestContext): ChangeContext {
  return { actor: ctx.actor, requestId: ctx.requestId };
}

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyReply {
    /** Renders a page template with the layout's shared context. */
    view(template: string, context?: Record<string, unknown>): Promise<FastifyReply>;
  }
}
