// Database sessions. The cookie holds a random secret; the database holds its hash. A session
// ends after SESSION_IDLE_MINUTES without use, or SESSION_ABSOLUTE_HOURS after sign-in, whichever
// comes first. Signing in always starts a new session (no fixation).
import type { Queryable } from '../db/database.ts';
import type { Actor } from '../access/permissions.ts';
import { newSecret, sha256 } from './secrets.ts';
import * as repo from './sessions.repository.ts';

export const SESSION_COOKIE = 'ph_session';

export interface SessionUser extends Actor {
  sessionId: string;
  tenantId: string;
  email: string;
  name: string;
}

export async function createSession(db: Queryable, tenantId: string, userId: string, opts: { absoluteHours: number; userAgent?: string }) {
  const secret = newSecret();
  await repo.insertSession(db, { id: sha256(secret), tenantId, userId, absoluteHours: opts.absoluteHours, userAgent: (opts.userAgent ?? '').slice(0, 300) });
  return secret;
}

/** The signed-in user for a cookie secret, or null (and the session removed) if it has ended. */
export async function loadSession(db: Queryable, secret: string, idleMinutes: number): Promise<SessionUser | null> {
  const id = sha256(secret);
  const row = await repo.findSession(db, id, idleMinutes);
  if (!row) return null;
  if (!row.live) {
    await repo.deleteSession(db, id);
    return null;
  }
  // Record use at most once a minute, not on every request.
  if (row.stale) await repo.touchSession(db, id);
  const { live: _l, stale: _s, ...user } = row;
  return { ...user, sessionId: id };
}

export async function destroySession(db: Queryable, secret: string) {
  await repo.deleteSession(db, sha256(secret));
}
