// SQL for database sessions. A session's id is the hash of the secret in the cookie (sessions.ts).
import type { Queryable } from '../db/database.ts';
import type { Role } from '../access/permissions.ts';

export async function insertSession(db: Queryable, s: { id: string; tenantId: string; userId: string; absoluteHours: number; userAgent: string }) {
  await db.query<never>(
    `insert into sessions (id, tenant_id, user_id, expires_at, user_agent)
     values ($1, $2, $3, clock_timestamp() + make_interval(hours => $4), $5)`,
    [s.id, s.tenantId, s.userId, s.absoluteHours, s.userAgent],
  );
}

/** The session's user, whether the session is still live, and whether its last use is over a minute old. */
export async function findSession(db: Queryable, id: string, idleMinutes: number) {
  const rows = await db.query<{
    userId: string;
    tenantId: string;
    email: string;
    name: string;
    roles: Role[];
    scopePartnershipIds: string[];
    scopeOrganisationIds: string[];
    live: boolean;
    stale: boolean;
  }>(
    `select u.id as "userId", u.tenant_id as "tenantId", u.email, u.name, u.roles,
       u.scope_partnership_ids as "scopePartnershipIds", u.scope_organisation_ids as "scopeOrganisationIds",
       (s.expires_at > clock_timestamp() and s.last_seen > clock_timestamp() - make_interval(mins => $2)) as live,
       s.last_seen < clock_timestamp() - interval '1 minute' as stale
     from sessions s join users u on u.id = s.user_id and u.deleted_at is null where s.id = $1`,
    [id, idleMinutes],
  );
  return rows[0] ?? null;
}

export async function touchSession(db: Queryable, id: string) {
  await db.query<never>('update sessions set last_seen = clock_timestamp() where id = $1', [id]);
}

export async function deleteSession(db: Queryable, id: string) {
  await db.query<never>('delete from sessions where id = $1', [id]);
}

/** Ends every session of a user (after a password change). */
export async function deleteUserSessions(db: Queryable, userId: string) {
  await db.query<never>('delete from sessions where user_id = $1', [userId]);
}
