// The front door of accounts: sign-in, sessions, API tokens and the users' pages.
import type { Capability } from '../capability.ts';
import { registerAccountPages } from './accounts.routes.ts';

export const accounts: Capability = {
  name: 'accounts',
  routes: (app, { db, config, tenantId }) => registerAccountPages(app, db, config, tenantId),
};

export { registerAuth, startSession } from './auth.ts';
export { registerOidcRoutes } from './oidc.ts';
export { findUserByEmail } from './users.repository.ts';
export { createDemoUsers, inviteUser } from './accounts.service.ts';
export { createApiToken } from './api-tokens.ts';
export { revokeApiTokensByPrefix } from './api-tokens.repository.ts';
export { newSecret } from './secrets.ts';
