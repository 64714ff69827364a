// Keys ready for distribution by tenant_id (issue 19), read from the catalogue of whichever database the
// suite runs on (PGlite, or PostgreSQL with DATABASE_URL). Every table in public either has tenant_id and
// keeps it in every key, or is on the allow-list below with the reason it holds no council's rows.
// The rule, for each tenant table (see migrations/0030_tenant_keys.sql and docs/scaling.md):
//   - tenant_id is not null, and the primary key includes it (last: (id, tenant_id));
//   - every unique constraint, unique index and exclusion constraint includes it;
//   - every foreign key to another tenant table pairs tenant_id with tenant_id, and ON DELETE SET NULL or
//     SET DEFAULT names its columns, so tenant_id is never nulled;
//   - a foreign key to a table without tenant_id goes only to tenants, the reference table.
// And no allow-listed table points at a tenant table.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../src/db/database.ts';
import { readMigrations } from '../../src/db/migrate.ts';
import { freshDatabase } from '../helper.ts';

/** The tables without tenant_id, each with why it holds no council's rows. */
const WITHOUT_TENANT: Record<string, string> = {
  tenants:
    'the councils themselves: a few rows that every request reads. Under Citus a reference table, copied to every node, so that distributed tables may keep their foreign keys to it',
  schema_migrations: "the migrator's record of which migrations this database has had: per installation, kept on the coordinator (a local table under Citus)",
  instance_secrets:
    'secrets the application instances share (cookie and token signing keys): per installation, not council data; a local table on the coordinator',
  rate_limits:
    'request counters keyed by route and client address, shared by every council the instance serves: per-instance infrastructure, short-lived, a local table on the coordinator',
};

interface TableRow {
  name: string;
  tenantAttnum: number | null;
  tenantNotNull: boolean | null;
}
interface KeyRow {
  table: string;
  name: string;
  kind: string;
  def: string;
  hasTenant: boolean;
}
interface ForeignKeyRow {
  table: string;
  name: string;
  target: string;
  def: string;
  /** tenant_id of the table is paired with tenant_id of the target, at the same place in both column lists. */
  paired: boolean;
  sourceHasTenant: boolean;
  targetHasTenant: boolean;
}

async function tables(db: Database): Promise<TableRow[]> {
  return db.query<TableRow>(
    `select c.relname as name, a.attnum::int as "tenantAttnum", a.attnotnull as "tenantNotNull"
     from pg_class c
     left join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
     where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
     order by 1`,
  );
}

/** Primary keys, unique and exclusion constraints, and unique indexes that no constraint stands behind. */
async function keys(db: Database): Promise<KeyRow[]> {
  return db.query<KeyRow>(
    `select c.relname as table, con.conname as name, con.contype::text as kind, pg_get_constraintdef(con.oid) as def,
       coalesce(a.attnum = any (con.conkey), false) as "hasTenant"
     from pg_constraint con
     join pg_class c on c.oid = con.conrelid
     left join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
     where c.relnamespace = 'public'::regnamespace and con.contype in ('p', 'u', 'x')
     union all
     select c.relname, ic.relname, 'unique index', pg_get_indexdef(i.indexrelid), coalesce(a.attnum = any (i.indkey::int2[]), false)
     from pg_index i
     join pg_class c on c.oid = i.indrelid
     join pg_class ic on ic.oid = i.indexrelid
     left join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
     where c.relnamespace = 'public'::regnamespace and i.indisunique
       and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid and k.contype in ('p', 'u', 'x'))
     order by 1, 2`,
  );
}

async function foreignKeys(db: Database): Promise<ForeignKeyRow[]> {
  return db.query<ForeignKeyRow>(
    `select c.relname as table, con.conname as name, t.relname as target, pg_get_constraintdef(con.oid) as def,
       coalesce(array_position(con.conkey, sa.attnum) = array_position(con.confkey, ta.attnum), false) as paired,
       sa.attnum is not null as "sourceHasTenant", ta.attnum is not null as "targetHasTenant"
     from pg_constraint con
     join pg_class c on c.oid = con.conrelid
     join pg_class t on t.oid = con.confrelid
     left join pg_attribute sa on sa.attrelid = c.oid and sa.attname = 'tenant_id' and not sa.attisdropped
     left join pg_attribute ta on ta.attrelid = t.oid and ta.attname = 'tenant_id' and not ta.attisdropped
     where c.relnamespace = 'public'::regnamespace and con.contype = 'f'
     order by 1, 2`,
  );
}

/** What breaks the rule in the database's catalogue, one line per table and constraint; empty when it holds. */
async function breaches(db: Database): Promise<string[]> {
  const problems: string[] = [];
  const all = await tables(db);
  const tenantTables = new Set(all.filter((t) => t.tenantAttnum !== null).map((t) => t.name));
  for (const t of all) {
    if (t.tenantAttnum === null && !WITHOUT_TENANT[t.name]) {
      problems.push(`${t.name}: has no tenant_id and is not on the allow-list (add tenant_id, or list it with the reason it holds no council's rows)`);
    }
    if (t.tenantAttnum !== null && !t.tenantNotNull) problems.push(`${t.name}: tenant_id may be null`);
  }
  for (const name of Object.keys(WITHOUT_TENANT)) {
    if (!all.some((t) => t.name === name)) problems.push(`${name}: on the allow-list but no such table`);
    if (tenantTables.has(name)) problems.push(`${name}: on the allow-list but has tenant_id (take it off the list)`);
  }
  const found = await keys(db);
  for (const table of tenantTables) {
    if (!found.some((k) => k.table === table && k.kind === 'p')) problems.push(`${table}: no primary key`);
  }
  for (const k of found) {
    if (tenantTables.has(k.table) && !k.hasTenant) problems.push(`${k.table}.${k.name}: ${k.def} does not include tenant_id`);
  }
  for (const fk of await foreignKeys(db)) {
    const where = `${fk.table}.${fk.name}: ${fk.def}`;
    if (!fk.sourceHasTenant) {
      if (fk.targetHasTenant) problems.push(`${where}: a table without tenant_id points at a tenant table`);
      continue;
    }
    if (!fk.targetHasTenant) {
      if (fk.target !== 'tenants') problems.push(`${where}: a tenant table points at a table without tenant_id other than tenants`);
      continue;
    }
    if (!fk.paired) problems.push(`${where}: does not pair tenant_id with tenant_id`);
    if (/ON DELETE SET (NULL|DEFAULT)(?! \()/.test(fk.def)) problems.push(`${where}: would set tenant_id too (name the columns: SET NULL (x_id))`);
  }
  return problems;
}

describe('keys ready for distribution by tenant_id', () => {
  let db: Database;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await freshDatabase({ from: 'migrated' }));
  });
  after(async () => drop());

  it('every table has tenant_id in every key, or is on the allow-list with a reason', async () => {
    const problems = await breaches(db);
    assert.deepEqual(problems, [], `Tables that break the tenant-key rule:\n${problems.join('\n')}`);
  });

  it('reads the whole schema: the tenant tables and their keys are all there', async () => {
    const all = await tables(db);
    const tenantTables = all.filter((t) => t.tenantAttnum !== null).map((t) => t.name);
    assert.ok(tenantTables.length >= 90, `only ${tenantTables.length} tenant tables`);
    for (const t of ['partnerships', 'minutes', 'indicator_values', 'budget_lines', 'audit_log', 'bank_holiday_uploads'])
      assert.ok(tenantTables.includes(t), t);
    const pk = (await keys(db)).find((k) => k.table === 'partnerships' && k.kind === 'p');
    assert.equal(pk?.def, 'PRIMARY KEY (id, tenant_id)');
    // tenant_id last: a lookup by id alone, or by a token's hash, still has an index that starts with it.
    const token = (await keys(db)).find((k) => k.table === 'api_tokens' && k.kind === 'u');
    assert.equal(token?.def, 'UNIQUE (token_hash, tenant_id)');
    const fk = (await foreignKeys(db)).find((f) => f.table === 'minutes' && f.target === 'bodies');
    assert.equal(fk?.def, 'FOREIGN KEY (tenant_id, body_id) REFERENCES bodies(tenant_id, id)');
  });

  it("refuses a row that points at another council's row", async () => {
    const [a, b] = await db.transaction({ actor: 'test' }, async (tx) => {
      const rows = await tx.query<{ id: string }>(`insert into tenants (slug, name) values ('keys-a', 'Council A'), ('keys-b', 'Council B') returning id`);
      return rows.map((r) => r.id);
    });
    const partnership = await db.transaction({ actor: 'test' }, async (tx) => {
      const rows = await tx.query<{ id: string }>(
        `insert into partnerships (tenant_id, name, kind) values ($1, 'Keys Partnership', 'statutory_board') returning id`,
        [a],
      );
      return rows[0]!.id;
    });
    const update = (tenant: string) =>
      db.transaction({ actor: 'test' }, (tx) =>
        tx.query(`insert into activity_updates (tenant_id, partnership_id, quarter_start, summary) values ($1, $2, '2009-04-01', 'Met twice.')`, [
          tenant,
          partnership,
        ]),
      );
    await assert.rejects(update(b!), (err: Error & { code?: string }) => err.code === '23503' && /activity_updates_partnership_id_fkey/.test(err.message));
    await update(a!);
    // Unique per council: council B may use the name council A uses.
    await db.transaction({ actor: 'test' }, (tx) =>
      tx.query(`insert into partnerships (tenant_id, name, kind) values ($1, 'Keys Partnership', 'statutory_board')`, [b]),
    );
  });
});

describe('migration 0030 brings a table into line', () => {
  let db: Database;
  let drop: () => Promise<void>;
  before(async () => {
    ({ db, drop } = await freshDatabase({ from: 'migrated' }));
  });
  after(async () => drop());

  it('rewrites keys, set-null foreign keys, self-references and partial unique indexes, keeping names and deferrability, and changes nothing the second time', async () => {
    await db.exec(`
      create table keys_parents (id uuid primary key default gen_random_uuid(), tenant_id uuid not null references tenants (id), code text unique);
      create table keys_children (
        id uuid primary key default gen_random_uuid(),
        tenant_id uuid not null references tenants (id),
        parent_id uuid references keys_parents (id) on delete set null deferrable initially deferred,
        code text references keys_parents (code) on delete cascade,
        up_id uuid references keys_children (id),
        deleted_at timestamptz
      );
      create unique index keys_children_one on keys_children (lower(code)) where deleted_at is null;`);
    await db.exec('create table keys_loose (id integer primary key, keys_parent_id uuid)');
    const before = await breaches(db);
    for (const named of [
      "keys_loose: has no tenant_id and is not on the allow-list (add tenant_id, or list it with the reason it holds no council's rows)",
      'keys_parents.keys_parents_pkey: PRIMARY KEY (id) does not include tenant_id',
      'keys_parents.keys_parents_code_key: UNIQUE (code) does not include tenant_id',
      'keys_children.keys_children_one: CREATE UNIQUE INDEX keys_children_one ON public.keys_children USING btree (lower(code)) WHERE (deleted_at IS NULL) does not include tenant_id',
      'keys_children.keys_children_parent_id_fkey: FOREIGN KEY (parent_id) REFERENCES keys_parents(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED: does not pair tenant_id with tenant_id',
      'keys_children.keys_children_parent_id_fkey: FOREIGN KEY (parent_id) REFERENCES keys_parents(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED: would set tenant_id too (name the columns: SET NULL (x_id))',
    ]) {
      assert.ok(before.includes(named), `${named}\nnot in\n${before.join('\n')}`);
    }
    await db.exec('drop table keys_loose');
    const migration = (await readMigrations()).find((m) => m.version === 30);
    assert.ok(migration, 'migrations/0030_tenant_keys.sql');
    await db.exec(migration.sql);
    assert.deepEqual(await breaches(db), []);
    const defs = async () =>
      (await keys(db))
        .concat((await foreignKeys(db)) as never)
        .filter((k) => k.table.startsWith('keys_'))
        .map((k) => `${k.name}: ${k.def}`)
        .sort();
    const after = await defs();
    assert.deepEqual(after, [
      'keys_children_code_fkey: FOREIGN KEY (tenant_id, code) REFERENCES keys_parents(tenant_id, code) ON DELETE CASCADE',
      'keys_children_one: CREATE UNIQUE INDEX keys_children_one ON public.keys_children USING btree (lower(code), tenant_id) WHERE (deleted_at IS NULL)',
      'keys_children_parent_id_fkey: FOREIGN KEY (tenant_id, parent_id) REFERENCES keys_parents(tenant_id, id) ON DELETE SET NULL (parent_id) DEFERRABLE INITIALLY DEFERRED',
      'keys_children_pkey: PRIMARY KEY (id, tenant_id)',
      'keys_children_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id)',
      'keys_children_up_id_fkey: FOREIGN KEY (tenant_id, up_id) REFERENCES keys_children(tenant_id, id)',
      'keys_parents_code_key: UNIQUE (code, tenant_id)',
      'keys_parents_pkey: PRIMARY KEY (id, tenant_id)',
      'keys_parents_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id)',
    ]);
    await db.exec(migration.sql);
    assert.deepEqual(await defs(), after);
  });
});
