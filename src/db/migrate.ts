// Forward-only, versioned SQL migrations from ./migrations, applied at start-up in order.
// An advisory lock makes concurrent start-ups of several instances safe on PostgreSQL.
// A released migration is immutable: the sha256 of each file is recorded when it is applied,
// and start-up is refused if an applied file has changed since.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from './database.ts';

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');
const LOCK_KEY = 4242_0001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    files.map(async (file) => ({
      version: Number(file.slice(0, 4)),
      name: file.slice(5, -4),
      sql: await readFile(path.join(dir, file), 'utf8'),
    })),
  );
}

/** The sha256 of a migration's SQL, as recorded in schema_migrations.checksum. */
export const migrationChecksum = (sql: string): string => createHash('sha256').update(sql, 'utf8').digest('hex');

export const migrationFileName = (m: Pick<Migration, 'version' | 'name'>): string => `${String(m.version).padStart(4, '0')}_${m.name}.sql`;

export interface ChangedMigration {
  file: string;
  /** The checksum recorded when it was applied. */
  applied: string;
  /** The checksum of the file now. */
  current: string;
}

/** Start-up refused: a migration already applied to this database has been edited since. */
export class MigrationChangedError extends Error {
  readonly changed: ChangedMigration[];
  constructor(changed: ChangedMigration[]) {
    super(
      `${changed
        .map(
          (c) =>
            `Migration ${c.file} has changed since it was applied to this database ` + `(checksum ${c.applied.slice(0, 12)}, now ${c.current.slice(0, 12)}).`,
        )
        .join(' ')} Released migrations must not be edited: add a new migration instead.`,
    );
    this.name = 'MigrationChangedError';
    this.changed = changed;
  }
}

/**
 * Compares the applied migrations with their files. Rows applied before checksums were recorded
 * have none: they take the checksum of the current file, once. Throws MigrationChangedError.
 */
async function checkAppliedMigrations(tx: Queryable, all: Migration[]): Promise<void> {
  const files = new Map(all.map((m) => [m.version, m]));
  const rows = await tx.query<{ version: number; checksum: string | null }>('select version, checksum from schema_migrations order by version');
  const changed: ChangedMigration[] = [];
  for (const row of rows) {
    const file = files.get(Number(row.version));
    if (!file) continue; // applied by a newer release of the code: nothing here to compare it with
    const current = migrationChecksum(file.sql);
    if (row.checksum === null) await tx.query('update schema_migrations set checksum = $2 where version = $1', [row.version, current]);
    else if (row.checksum !== current) changed.push({ file: migrationFileName(file), applied: row.checksum, current });
  }
  if (changed.length > 0) throw new MigrationChangedError(changed);
}

/**
 * Applies every migration not yet applied; returns the versions it applied. Throws
 * MigrationChangedError, having applied nothing, if an applied migration's file has changed.
 */
export async function migrate(db: Database, migrations?: Migration[]): Promise<number[]> {
  const all = migrations ?? (await readMigrations());
  const applied: number[] = [];
  await db.transaction({ actor: 'system:migrate' }, async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
    // checksum was added later: databases made before have the table without it.
    await tx.exec(`create table if not exists schema_migrations (
      version integer primary key, name text not null, applied_at timestamptz not null default now(), checksum text);
      alter table schema_migrations add column if not exists checksum text`);
    await checkAppliedMigrations(tx, all);
  });
  for (const migration of all) {
    await db.transaction({ actor: 'system:migrate' }, async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
      const done = await tx.query('select 1 from schema_migrations where version = $1', [migration.version]);
      if (done.length > 0) return;
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [
        migration.version,
        migration.name,
        migrationChecksum(migration.sql),
      ]);
      applied.push(migration.version);
    });
  }
  return applied;
}

export async function ensureDefaultTenant(db: Database, name: string): Promise<string> {
  const rows = await db.transaction({ actor: 'system' }, (tx) =>
    tx.query<{ id: string }>(
      `insert into tenants (slug, name) values ('default', $1)
       on conflict (slug) do update set slug = excluded.slug returning id`,
      [name],
    ),
  );
  return rows[0]!.id;
}
