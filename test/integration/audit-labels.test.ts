// The audit trail's filter names every kind of record it holds: each table the audit trigger watches (read
// from the catalogue, so a new table fails here until it has a label) and each import audited as one event.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../src/db/database.ts';
import { LABELS } from '../../src/web/labels.ts';
import { freshDatabase } from '../helper.ts';

/** Events written by set-based imports instead of the row trigger (migration 0031). */
const IMPORT_EVENTS = ['ledger_imports'];

describe('audit trail labels', () => {
  let db: Database;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await freshDatabase({ from: 'migrated' }));
  });
  after(async () => {
    await drop();
  });

  it('labels every audited table and every import event', async () => {
    const rows = await db.query<{ table: string }>(
      `select distinct c.relname as "table" from pg_trigger t
         join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
        where p.proname = 'audit_row' and not t.tgisinternal order by 1`,
    );
    assert.ok(rows.length > 50, `expected the audit trigger on most tables, found ${rows.length}`);
    const missing = [...rows.map((r) => r.table), ...IMPORT_EVENTS].filter((t) => !LABELS.entityType?.[t]);
    assert.deepEqual(missing, [], `add these to LABELS.entityType in src/web/labels.ts: ${missing.join(', ')}`);
  });
});
