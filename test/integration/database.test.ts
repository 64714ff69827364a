// Migrations and the audit trail, on PGlite or (with DATABASE_URL) a real PostgreSQL server.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureDefaultTenant, migrate, migrationChecksum, MigrationChangedError, readMigrations, type Migration } from '../../src/db/migrate.ts';
import { freshDatabase } from '../helper.ts';
import type { Database } from '../../src/db/database.ts';

describe('migrations and audit trail', () => {
  // The audit tests share a migrated database with its tenant; the first two make their own from nothing.
  let db: Database;
  let drop: () => Promise<void>;
  let tenantId: string;
  before(async () => {
    ({ db, drop } = await freshDatabase({ from: 'migrated' }));
    tenantId = await ensureDefaultTenant(db, 'Cambridge City Council');
  });
  after(async () => drop());

  /** Runs fn on a database of its own with nothing in it, not even the migrations. */
  const onBlankDatabase = async (fn: (blank: Database) => Promise<void>) => {
    const fresh = await freshDatabase();
    try {
      await fn(fresh.db);
    } finally {
      await fresh.drop();
    }
  };

  it('applies every migration once, in order, and is a no-op the second time', () =>
    onBlankDatabase(async (blank) => {
      const all = await readMigrations();
      assert.deepEqual(
        await migrate(blank),
        all.map((m) => m.version),
      );
      assert.deepEqual(await migrate(blank), []);
      const rows = await blank.query<{ version: number }>('select version from schema_migrations order by version');
      assert.deepEqual(
        rows.map((r) => r.version),
        all.map((m) => m.version),
      );
    }));

  it('creates the default tenant once', () =>
    onBlankDatabase(async (blank) => {
      await migrate(blank);
      assert.equal((await blank.query('select * from tenants')).length, 0);
      const id = await ensureDefaultTenant(blank, 'Cambridge City Council');
      assert.equal(await ensureDefaultTenant(blank, 'Cambridge City Council'), id);
      assert.equal((await blank.query('select * from tenants')).length, 1);
    }));

  it('records actor, action, before and after for every change, with the request id', async () => {
    const id = await db.transaction({ actor: 'demo', requestId: 'req-1' }, async (tx) => {
      const rows = await tx.query<{ id: string }>(
        `insert into organisations (tenant_id, name, kind) values ($1, 'Cambridge City Council', 'district_council') returning id`,
        [tenantId],
      );
      return rows[0]!.id;
    });
    await db.transaction({ actor: 'officer@example.org', requestId: 'req-2' }, (tx) =>
      tx.query(`update organisations set short_name = 'CCC' where id = $1`, [id]),
    );
    await db.transaction({ actor: 'officer@example.org' }, (tx) => tx.query(`update organisations set deleted_at = now() where id = $1`, [id]));
    const audit = await db.query<{ actor: string; action: string; before: any; after: any; request_id: string | null; entity_type: string }>(
      `select actor, action, before, after, request_id, entity_type from audit_log where entity_id = $1 order by id`,
      [id],
    );
    assert.deepEqual(
      audit.map((a) => [a.actor, a.action, a.request_id]),
      [
        ['demo', 'insert', 'req-1'],
        ['officer@example.org', 'update', 'req-2'],
        ['officer@example.org', 'delete', null],
      ],
    );
    assert.equal(audit[0]!.entity_type, 'organisations');
    assert.equal(audit[0]!.before, null);
    assert.equal(audit[1]!.before.short_name, null);
    assert.equal(audit[1]!.after.short_name, 'CCC');
    assert.equal(audit[1]!.after.version, 2, 'the version is bumped by the database on every update');
  });

  it('never copies password hashes, token hashes or file bytes into the trail', async () => {
    await db.transaction({ actor: 'demo' }, async (tx) => {
      const user = await tx.query<{ id: string }>(
        `insert into users (tenant_id, email, name, password_hash) values ($1, 'a@example.org', 'A', 'secret-hash') returning id`,
        [tenantId],
      );
      await tx.query(`insert into api_tokens (tenant_id, user_id, name, token_hash, prefix) values ($1, $2, 'x', 'token-hash', 'ph_x')`, [
        tenantId,
        user[0]!.id,
      ]);
      await tx.query(
        `insert into files (tenant_id, filename, content_type, size_bytes, sha256, content) values ($1, 'a.pdf', 'application/pdf', 3, 'h', '\\x414243')`,
        [tenantId],
      );
    });
    const rows = await db.query<{ after: string }>(`select after::text as after from audit_log where entity_type in ('users', 'api_tokens', 'files')`);
    assert.equal(rows.length, 3);
    for (const row of rows) assert.doesNotMatch(row.after, /secret-hash|token-hash|password_hash|token_hash|"content"/);
  });

  it('records nothing for an update that changes nothing', async () => {
    const before = (await db.query<{ n: number }>('select count(*)::int as n from audit_log'))[0]!.n;
    await db.transaction({ actor: 'demo' }, (tx) => tx.query(`update organisations set name = name`));
    const afterCount = (await db.query<{ n: number }>('select count(*)::int as n from audit_log'))[0]!.n;
    assert.equal(afterCount, before);
  });

  it('refuses to edit or delete audit rows', async () => {
    await assert.rejects(
      db.transaction({ actor: 'x' }, (tx) => tx.query(`update audit_log set actor = 'someone else'`)),
      /cannot be changed/,
    );
    await assert.rejects(
      db.transaction({ actor: 'x' }, (tx) => tx.query(`delete from audit_log`)),
      /cannot be changed/,
    );
  });

  it('rolls back every change of a failed transaction, audit rows included', async () => {
    const count = async () => (await db.query<{ n: number }>('select count(*)::int as n from audit_log'))[0]!.n;
    const before = await count();
    await assert.rejects(
      db.transaction({ actor: 'demo' }, async (tx) => {
        await tx.query(`insert into organisations (tenant_id, name, kind) values ($1, 'Half saved', 'other')`, [tenantId]);
        await tx.query(`insert into organisations (tenant_id, name, kind) values ($1, 'Bad kind', 'not-a-kind')`, [tenantId]);
      }),
    );
    assert.equal(await count(), before);
    assert.equal((await db.query(`select 1 from organisations where name = 'Half saved'`)).length, 0);
  });

  it('keeps money exact in bigint pence', async () => {
    const rows = await db.query<{ v: number }>(`select 2347050::bigint as v`);
    assert.equal(rows[0]!.v, 2347050);
    const dates = await db.query<{ d: string }>(`select '2011-09-30'::date as d`);
    assert.equal(dates[0]!.d, '2011-09-30', 'dates come back as plain strings, free of time zones');
  });
});

describe('released migrations are immutable', () => {
  const open: (() => Promise<void>)[] = [];
  const migrated = async () => {
    const { db, drop } = await freshDatabase();
    open.push(drop);
    await migrate(db);
    return db;
  };
  after(async () => {
    for (const drop of open) await drop();
  });
  const checksums = async (db: Database) =>
    (await db.query<{ version: number; checksum: string | null }>('select version, checksum from schema_migrations order by version')).map((r) => [
      r.version,
      r.checksum,
    ]);
  const edited = (all: Migration[], version: number): Migration[] =>
    all.map((m) => (m.version === version ? { ...m, sql: `${m.sql}\n-- edited after release\n` } : m));
  const extra: Migration = { version: 9999, name: 'later_change', sql: 'create table later_change (id integer primary key)' };

  it("records each migration's sha256 as it is applied", async () => {
    const db = await migrated();
    const all = await readMigrations();
    assert.deepEqual(
      await checksums(db),
      all.map((m) => [m.version, migrationChecksum(m.sql)]),
    );
    assert.match(migrationChecksum(all[0]!.sql), /^[0-9a-f]{64}$/);
  });

  it('refuses to start, naming the file, when an applied migration has changed, and applies nothing', async () => {
    const db = await migrated();
    const all = await readMigrations();
    const before = await checksums(db);
    const changed = edited(all, 3);
    const err = await migrate(db, [...changed, extra]).then(
      () => assert.fail('migrate should refuse'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof MigrationChangedError);
    assert.match(
      err.message,
      /^Migration 0003_files\.sql has changed since it was applied to this database \(checksum [0-9a-f]{12}, now [0-9a-f]{12}\)\. Released migrations must not be edited: add a new migration instead\.$/,
    );
    assert.deepEqual(
      err.changed.map((c) => c.file),
      ['0003_files.sql'],
    );
    assert.equal(err.changed[0]!.applied, migrationChecksum(all.find((m) => m.version === 3)!.sql));
    assert.equal(err.changed[0]!.current, migrationChecksum(changed.find((m) => m.version === 3)!.sql));
    assert.deepEqual(await checksums(db), before, 'nothing was recorded');
    assert.equal((await db.query(`select 1 from pg_tables where tablename = 'later_change'`)).length, 0, 'the new migration was not applied');
    // With the file as it was, the new migration goes in.
    assert.deepEqual(await migrate(db, [...all, extra]), [9999]);
  });

  it('backfills the checksums of a database migrated before they were recorded, then checks them', async () => {
    const db = await migrated();
    const all = await readMigrations();
    await db.exec('alter table schema_migrations drop column checksum'); // as databases made before were
    assert.deepEqual(await migrate(db), [], 'nothing to apply');
    assert.deepEqual(
      await checksums(db),
      all.map((m) => [m.version, migrationChecksum(m.sql)]),
    );
    assert.deepEqual(await migrate(db), [], 'and it passes the check from then on');
    await assert.rejects(
      migrate(db, edited(all, 5)),
      (e: unknown) => e instanceof MigrationChangedError && /Migration 0005_meetings\.sql has changed/.test(e.message),
    );
  });
});
