// Personal API tokens: shown once when created, stored as a hash, revocable.
import type { Database, Queryable } from '../db/database.ts';
import * as repo from './api-tokens.repository.ts';
import { newSecret, sha256 } from './secrets.ts';
import type { SessionUser } from './sessions.ts';

/** Creates a token for a user; returns the token itself, which is never stored or shown again. */
export async function createApiToken(tx: Queryable, tenantId: string, userId: string, name: string) {
  const token = `ph_${newSecret(30)}`;
  await repo.insertApiToken(tx, { tenantId, userId, name, tokenHash: sha256(token), prefix: token.slice(0, 10) });
  return token;
}

/** The user a token belongs to, if it is live. Marks its use at most once a minute. */
export async function userForApiToken(db: Database, token: string): Promise<SessionUser | null> {
  const row = await repo.findApiTokenUser(db, sha256(token));
  if (!row) return null;
  if (row.stale) {
    await db.transaction({ actor: `${row.email} (API token)` }, (tx) => repo.touchApiToken(tx, row.tokenId));
  }
  return {
    userId: row.userId,
    tenantId: row.tenantId,
    email: row.email,
    name: `${row.name} (token ${row.prefix}…)`,
    roles: row.roles,
    scopePartnershipIds: row.scopePartnershipIds,
    scopeOrganisationIds: row.scopeOrganisationIds,
    sessionId: `token:${row.tokenId}`,
  };
}
