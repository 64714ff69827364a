// Database sessions. The cookie holds a random secret; the database holds its hash. A session
// ends after SESSION_IDLE_MINUTES without use, or SESSION_ABSOLUTE_HOURS after sign-in, whichever
// comes first. Signing in always starts a new session (no fixation).
import type { Queryable } from '../db/database.ts';
import type { Actor, Role } from '../access/permissions.ts';
import { newSecret, sha256 } from './secrets.ts';

export const SESSION_COOKIE = 'ph_session';

export interface SessionUser extends Actor {
  sessionId: string;
  tenantId: string;
  email: string;
  name: string;
}

export async function createSession(db: Queryable, tenantId: string, userId: string, opts: { absoluteHours: number; userAgent?: string }) {
  const secret = newSecret();
  await db.query(
    `insert into sessions (id, tenant_id, user_id, expires_at, user_agent)
     values ($1, $2, $3, clock_timestamp() + make_interval(hours => $4), $5)`,
    [sha256(secret), tenantId, userId, opts.absoluteHours, (opts.userAgent ?? '').slice(0, 300)]);
  return secret;
}

/** The signed-in user for a cookie secret, or null (and the session removed) if it has ended. */
export async function loadSession(db: Queryable, secret: string, idleMinutes: number): Promise<SessionUser | null> {
  const id = sha256(secret);
  const rows = await db.query<{ userId: string; tenantId: string; email: string; name: string; roles: Role[];
    scopePartnershipIds: string[]; scopeOrganisationIds: string[]; live: boolean; stale: boolean }>(
    `select u.id as "userId", u.tenant_id as "tenantId", u.email, u.name, u.roles,
       u.scope_partnership_ids as "scopePartnershipIds", u.scope_organisation_ids as "scopeOrganisationIds",
       (s.expires_at > clock_timestamp() and s.last_seen > clock_timestamp() - make_interval(mins => $2)) as live,
       s.last_seen < clock_timestamp() - interval '1 minute' as stale
     from sessions s join users u on u.id = s.user_id and u.deleted_at is null where s.id = $1`, [id, idleMinutes]);
  const row = rows[0];
  if (!row) return null;
  if (!row.live) {
    await db.query('delete from sessions where id = $1', [id]);
    return null;
  }
  // Record use at most once a minute, not on every request.
  if (row.stale) await db.query('update sessions set last_seen = clock_timestamp() where id = $1', [id]);
  const { live: _l, stale: _s, ...user } = row;
  return { ...user, sessionId: id };
}

export async function destroySession(db: Queryable, secret: string) {
  await db.query('delete from sessions where id = $1', [sha256(secret)]);
}

export async function destroyUserSessions(db: Queryable, userId: string) {
  await db.query('delete from sessions where user_id = $1', [userId]);
}
