// SQL for personal API tokens. Only a token's hash and its first characters are stored (api-tokens.ts).
import type { Queryable } from '../db/database.ts';
import type { Role } from '../access/permissions.ts';

export interface ApiTokenRow {
  id: string;
  name: string;
  prefix: string;
  created: Date;
  lastUsed: Date | null;
  revokedAt: Date | null;
}

export async function insertApiToken(tx: Queryable, t: { tenantId: string; userId: string; name: string; tokenHash: string; prefix: string }) {
  await tx.query<never>(`insert into api_tokens (tenant_id, user_id, name, token_hash, prefix) values ($1, $2, $3, $4, $5)`, [
    t.tenantId,
    t.userId,
    t.name,
    t.tokenHash,
    t.prefix,
  ]);
}

export async function listApiTokens(db: Queryable, userId: string) {
  return db.query<ApiTokenRow>(
    `select id, name, prefix, created, last_used as "lastUsed", revoked_at as "revokedAt"
    from api_tokens where user_id = $1 and deleted_at is null order by created desc`,
    [userId],
  );
}

export async function revokeApiToken(tx: Queryable, userId: string, tokenId: string) {
  const rows = await tx.query<{ id: string }>(
    `update api_tokens set revoked_at = clock_timestamp() where id = $1 and user_id = $2 and revoked_at is null returning id`,
    [tokenId, userId],
  );
  return rows.length === 1;
}

/** Revokes a user's live tokens that start with a prefix (the command line's `token revoke`); returns how many. */
export async function revokeApiTokensByPrefix(tx: Queryable, userId: string, prefix: string) {
  const rows = await tx.query<{ id: string }>(
    `update api_tokens set revoked_at = clock_timestamp() where user_id = $1 and prefix = $2 and revoked_at is null returning id`,
    [userId, prefix],
  );
  return rows.length;
}

/** The live token with this hash and its user, and whether its last use is over a minute old. */
export async function findApiTokenUser(db: Queryable, tokenHash: string) {
  const rows = await db.query<{
    tokenId: string;
    userId: string;
    tenantId: string;
    email: string;
    name: string;
    roles: Role[];
    scopePartnershipIds: string[];
    scopeOrganisationIds: string[];
    prefix: string;
    stale: boolean;
  }>(
    `select t.id as "tokenId", u.id as "userId", u.tenant_id as "tenantId", u.email, u.name, u.roles, t.prefix,
       u.scope_partnership_ids as "scopePartnershipIds", u.scope_organisation_ids as "scopeOrganisationIds",
       (t.last_used is null or t.last_used < clock_timestamp() - interval '1 minute') as stale
     from api_tokens t join users u on u.id = t.user_id and u.deleted_at is null
     where t.token_hash = $1 and t.revoked_at is null and t.deleted_at is null`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

export async function touchApiToken(tx: Queryable, tokenId: string) {
  await tx.query<never>(`update api_tokens set last_used = clock_timestamp() where id = $1`, [tokenId]);
}
