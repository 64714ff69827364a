// SQL for e-mail alerts (migrations/0025_alerts.sql): only the address, the followed list and times.
import type { Queryable } from '../db/database.ts';

export interface AlertRow {
  id: string;
  email: string;
  list: string;
  created: Date;
  confirmedAt: Date | null;
  lastDigestAt: Date | null;
  lastDigestOn: string | null;
}

const COLUMNS = `id, email, list, created, confirmed_at as "confirmedAt", last_digest_at as "lastDigestAt", to_char(last_digest_on, 'YYYY-MM-DD') as "lastDigestOn"`;

/** The alert of this address for this list, made if new; `made` says whether it was. */
export async function findOrCreateAlert(tx: Queryable, tenantId: string, email: string, list: string): Promise<{ alert: AlertRow; made: boolean }> {
  const made = await tx.query<AlertRow>(
    `insert into alerts (tenant_id, email, list) values ($1, $2, $3) on conflict (tenant_id, lower(email), list) do nothing returning ${COLUMNS}`,
    [tenantId, email, list],
  );
  if (made[0]) return { alert: made[0], made: true };
  const found = await tx.query<AlertRow>(`select ${COLUMNS} from alerts where tenant_id = $1 and lower(email) = lower($2) and list = $3`, [
    tenantId,
    email,
    list,
  ]);
  return { alert: found[0]!, made: false };
}

export async function countAlertsOf(db: Queryable, tenantId: string, email: string): Promise<number> {
  const rows = await db.query<{ n: number }>('select count(*)::int as n from alerts where tenant_id = $1 and lower(email) = lower($2)', [tenantId, email]);
  return rows[0]?.n ?? 0;
}

export async function getAlert(db: Queryable, tenantId: string, id: string): Promise<AlertRow | null> {
  const rows = await db.query<AlertRow>(`select ${COLUMNS} from alerts where tenant_id = $1 and id = $2`, [tenantId, id]);
  return rows[0] ?? null;
}

/** Every alert of the address an alert belongs to, oldest first. */
export async function alertsOfSameAddress(db: Queryable, tenantId: string, id: string): Promise<AlertRow[]> {
  return db.query<AlertRow>(
    `select ${COLUMNS} from alerts where tenant_id = $1 and lower(email) = (select lower(email) from alerts where tenant_id = $1 and id = $2)
     order by created, id`,
    [tenantId, id],
  );
}

/** Confirms an alert: changes from now on go in its digests. False when it was confirmed already. */
export async function confirmAlert(tx: Queryable, tenantId: string, id: string): Promise<boolean> {
  const rows = await tx.query<{ id: string }>(
    `update alerts set confirmed_at = clock_timestamp(), last_digest_at = clock_timestamp() where tenant_id = $1 and id = $2 and confirmed_at is null returning id`,
    [tenantId, id],
  );
  return rows.length > 0;
}

export async function deleteAlert(tx: Queryable, tenantId: string, id: string): Promise<boolean> {
  return (await tx.query<{ id: string }>('delete from alerts where tenant_id = $1 and id = $2 returning id', [tenantId, id])).length > 0;
}

/** Confirmed alerts with no digest run today (England's date), locked so another instance takes others. */
export async function claimDueAlerts(tx: Queryable, tenantId: string, today: string, limit: number): Promise<AlertRow[]> {
  return tx.query<AlertRow>(
    `select ${COLUMNS} from alerts where tenant_id = $1 and confirmed_at is not null and (last_digest_on is null or last_digest_on < $2::date)
     order by last_digest_on nulls first, id limit $3 for update skip locked`,
    [tenantId, today, limit],
  );
}

export async function markDigested(tx: Queryable, tenantId: string, id: string, at: Date, today: string): Promise<void> {
  await tx.query('update alerts set last_digest_at = $3, last_digest_on = $4::date where tenant_id = $1 and id = $2', [tenantId, id, at, today]);
}

/** Alerts never confirmed within a week are forgotten. */
export async function deleteUnconfirmed(db: Queryable, tenantId: string, before: Date): Promise<number> {
  return (await db.query<{ id: string }>('delete from alerts where tenant_id = $1 and confirmed_at is null and created < $2 returning id', [tenantId, before]))
    .length;
}
