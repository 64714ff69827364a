// Personal API tokens: shown once when created, stored as a hash, revocable.
import type { Database, Queryable } from '../db/database.ts';
import type { Role } from '../access/permissions.ts';
import { newSecret, sha256 } from './secrets.ts';
import type { SessionUser } from './sessions.ts';

export interface ApiTokenRow { id: string; name: string; prefix: string; created: Date; lastUsed: Date | null; revokedAt: Date | null }

/** Creates a token for a user; returns the token itself, which is never stored or shown again. */
export async function createApiToken(tx: Queryable, tenantId: string, userId: string, name: string) {
  const token = `ph_${newSecret(30)}`;
  await tx.query(`insert into api_tokens (tenant_id, user_id, name, token_hash, prefix) values ($1, $2, $3, $4, $5)`,
    [tenantId, userId, name, sha256(token), token.slice(0, 10)]);
  return token;
}

export async function listApiTokens(db: Queryable, userId: string) {
  return db.query<ApiTokenRow>(`select id, name, prefix, created, last_used as "lastUsed", revoked_at as "revokedAt"
    from api_tokens where user_id = $1 and deleted_at is null order by created desc`, [userId]);
}

export async function revokeApiToken(tx: Queryable, userId: string, tokenId: string) {
  const rows = await tx.query(`update api_tokens set revoked_at = clock_timestamp() where id = $1 and user_id = $2 and revoked_at is null returning id`,
    [tokenId, userId]);
  return rows.length === 1;
}

/** The user a token belongs to, if it is live. Marks its use at most once a minute. */
export async function userForApiToken(db: Database, token: string): Promise<SessionUser | null> {
  const rows = await db.query<{ tokenId: string; userId: string; tenantId: string; email: string; name: string; roles: Role[];
    scopePartnershipIds: string[]; scopeOrganisationIds: string[]; prefix: string; stale: boolean }>(
    `select t.id as "tokenId", u.id as "userId", u.tenant_id as "tenantId", u.email, u.name, u.roles, t.prefix,
       u.scope_partnership_ids as "scopePartnershipIds", u.scope_organisation_ids as "scopeOrganisationIds",
       (t.last_used is null or t.last_used < clock_timestamp() - interval '1 minute') as stale
     from api_tokens t join users u on u.id = t.user_id and u.deleted_at is null
     where t.token_hash = $1 and t.revoked_at is null and t.deleted_at is null`, [sha256(token)]);
  const row = rows[0];
  if (!row) return null;
  if (row.stale) {
    await db.transaction({ actor: `${row.email} (API token)` }, (tx) =>
      tx.query(`update api_tokens set last_used = clock_timestamp() where id = $1`, [row.tokenId]));
  }
  return { userId: row.userId, tenantId: row.tenantId, email: row.email, name: `${row.name} (token ${row.prefix}…)`, roles: row.roles,
    scopePartnershipIds: row.scopePartnershipIds, scopeOrganisationIds: row.scopeOrganisationIds, sessionId: `token:${row.tokenId}` };
}
