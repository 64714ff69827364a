// SQL for signing in: the failure count and lockout per address typed (kept as a hash of the address),
// and the one-time links that reset a password or accept an invitation (kept as a hash of the token).
import type { Queryable } from '../db/database.ts';

/**
 * Claims one attempt to sign in as the address, in one statement, before the password is checked, so
 * that concurrent attempts cannot each be checked: returns the attempt's number since the last success
 * (starting again after an hour without one), or null while the address is locked.
 */
export async function claimAttempt(db: Queryable, tenantId: string, emailHash: string) {
  const rows = await db.query<{ attempt: number; locked: boolean }>(
    `insert into sign_in_throttle as t (tenant_id, email_hash, failures, last_failure) values ($1, $2, 1, clock_timestamp())
     on conflict (tenant_id, email_hash) do update set
       failures = case when t.locked_until > clock_timestamp() then t.failures
         when t.last_failure < clock_timestamp() - interval '1 hour' then 1 else t.failures + 1 end,
       last_failure = case when t.locked_until > clock_timestamp() then t.last_failure else clock_timestamp() end
     returning failures as attempt, coalesce(locked_until > clock_timestamp(), false) as locked`,
    [tenantId, emailHash],
  );
  const row = rows[0]!;
  return row.locked ? null : row.attempt;
}

export async function lockAddress(db: Queryable, tenantId: string, emailHash: string, minutes: number) {
  await db.query<never>(
    `update sign_in_throttle set locked_until = clock_timestamp() + make_interval(mins => $3), failures = 0
    where tenant_id = $1 and email_hash = $2`,
    [tenantId, emailHash, minutes],
  );
}

export async function clearFailures(db: Queryable, tenantId: string, emailHash: string) {
  await db.query<never>(`delete from sign_in_throttle where tenant_id = $1 and email_hash = $2`, [tenantId, emailHash]);
}

export async function insertOneTimeToken(
  tx: Queryable,
  t: { tenantId: string; userId: string; purpose: 'reset' | 'invite'; tokenHash: string; hours: number },
) {
  await tx.query<never>(
    `insert into one_time_tokens (tenant_id, user_id, purpose, token_hash, expires_at)
    values ($1, $2, $3, $4, clock_timestamp() + make_interval(hours => $5))`,
    [t.tenantId, t.userId, t.purpose, t.tokenHash, t.hours],
  );
}

/** The user of a one-time token that is unused and unexpired, or null. */
export async function findOneTimeTokenHolder(db: Queryable, tokenHash: string) {
  const rows = await db.query<{ userId: string; tenantId: string; purpose: 'reset' | 'invite'; email: string; name: string }>(
    `select t.user_id as "userId", t.tenant_id as "tenantId", t.purpose, u.email, u.name from one_time_tokens t join users u on u.id = t.user_id
     where t.token_hash = $1 and t.used_at is null and t.expires_at > clock_timestamp() and u.deleted_at is null`,
    [tokenHash],
  );
  return rows[0] ?? null;
}

/** Marks the token used; false when it already was (another request spent it first). */
export async function spendOneTimeToken(tx: Queryable, tokenHash: string) {
  const rows = await tx.query<{ id: string }>(`update one_time_tokens set used_at = clock_timestamp() where token_hash = $1 and used_at is null returning id`, [
    tokenHash,
  ]);
  return rows.length === 1;
}
