// The data version: a short string that changes whenever anything the public could see may have
// changed, read cheaply on every anonymous page so rendered pages can be cached by it (web/public-cache.ts).
//
// Every change to a record writes the audit trail in the same transaction (migration 0001's trigger,
// set-wise for imported values), so the trail's id sequence moves with every change. We read the
// sequence, not max(id): max(id) must step back over rows a long import has not committed yet, and
// ids are not committed in order, so a page read between two commits could be kept under a version
// that never moves again. Hence also the snapshot's in-progress transactions, read after the sequence:
// a transaction that took its ids before we looked is either visible to the render or still listed,
// and leaves that list when it commits. The tenants row (the amber tolerance) has no audit trigger,
// so its text is part of the version too. The version holds nothing but these numbers and a hash.
//
// On a read replica (a hot standby, DATABASE_READ_URL) the sequence does not serve: PostgreSQL logs a
// sequence 32 values ahead, so the standby's copy moves once in 32 changes (measured: it stayed at 34
// while the primary went from 2 to 5). There the version is the largest audit id the standby can see,
// with the same in-progress list (a standby's snapshot lists the transactions its replay has met and
// not yet seen commit). That is as sound, because the audit row follows its change: a transaction's
// first change reaches the WAL before it takes an audit id, so a transaction that took a smaller id
// than the largest one seen was already replayed in part, and is listed until its commit is. A
// transaction not yet met takes a larger id, which moves the largest id when it commits. (The WAL
// position replayed would be sound too, but it moves with every write in the whole cluster, sessions
// and rate limits included, and measured on the shared test server no page was kept long enough to be
// asked for twice.)
import { createHash } from 'node:crypto';
import type { Queryable } from './database.ts';

export async function dataVersion(db: Queryable): Promise<string> {
  const [seq] = await db.query<{ last: string; tenants: string | null }>(
    `select case when pg_is_in_recovery() then 'standby:' || coalesce((select max(id) from audit_log)::text, '')
        else (select last_value::text || ':' || is_called::text from audit_log_id_seq) end as last,
      (select md5(string_agg(t::text, ',' order by t.id)) from tenants t) as tenants`,
  );
  const [snap] = await db.query<{ running: string }>(`select pg_current_snapshot()::text as running`);
  // xmin:xmax:xip — only the in-progress list matters; xmax moves with every write anywhere.
  const running = snap?.running.split(':')[2] ?? '';
  return createHash('sha1').update(`${seq?.last}|${seq?.tenants}|${running}`).digest('base64url').slice(0, 16);
}

/**
 * The data version for many requests at once. Requests that arrive in the same turn of the event loop share
 * one reading, taken after the last of them arrived (on the next turn), so each still sees every change
 * committed before it came: what a change shows "at once" means. Under 50 connections this asks the
 * database once per turn instead of once per request; a request arriving once the reading has been asked
 * for waits for the next one.
 */
export function sharedDataVersion(db: Queryable): () => Promise<string> {
  let next: Promise<string> | null = null;
  return () => {
    next ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      next = null;
      return dataVersion(db);
    });
    return next;
  };
}
