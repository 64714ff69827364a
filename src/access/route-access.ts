// How a route declares who may use it. Every route carries `config.access`; a route without one
// stops the app from starting (see auth.ts), so no route can be added without a decision.
import type { Action } from './permissions.ts';

export interface RouteAccess {
  access: Action;
  /** For scoped actions: the route parameter holding the partnership's id. */
  scopeParam?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Action;
    scopeParam?: string;
  }
}

/** Route options declaring the action a route needs: `app.get(url, access('manage.view'), handler)`. */
export function access(action: Action, scopeParam?: string): { config: RouteAccess } {
  return { config: scopeParam ? { access: action, scopeParam } : { access: action } };
}
