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
import { createHash } from 'node:crypto';
import type { Queryable } from './database.ts';

export async function dataVersion(db: Queryable): Promise<string> {
  const [seq] = await db.query<{ last: string; tenants: string | null }>(
    `select (select last_value::text || ':' || is_called::text from audit_log_id_seq) as last,
      (select md5(string_agg(t::text, ',' order by t.id)) from tenants t) as tenants`,
  );
  const [snap] = await db.query<{ running: string }>(`select pg_current_snapshot()::text as running`);
  // xmin:xmax:xip — only the in-progress list matters; xmax moves with every write anywhere.
  const running = snap?.running.split(':')[2] ?? '';
  return createHash('sha1').update(`${seq?.last}|${seq?.tenants}|${running}`).digest('base64url').slice(0, 16);
}
