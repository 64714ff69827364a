// One small interface over the two PostgreSQL engines we run on: PGlite (embedded, in DATA_DIR)
// and a PostgreSQL server through `pg`. Everything above this file speaks plain PostgreSQL SQL.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** Who is making a change, recorded by the audit trigger for every row it touches. */
export interface ChangeContext {
  actor: string;
  requestId?: string;
}

export interface Database extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs fn in one transaction; every change in it is audited as made by ctx.actor. */
  transaction<T>(ctx: ChangeContext, fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// Dates stay as 'YYYY-MM-DD' strings (a date has no time zone); bigint money fits a JS number.
const DATE_OID = 1082;
const INT8_OID = 20;
const parseInt8 = (value: string) => Number(value);

async function setChangeContext(tx: Queryable, ctx: ChangeContext) {
  await tx.query(`select set_config('app.actor', $1, true), set_config('app.request_id', $2, true)`, [ctx.actor, ctx.requestId ?? '']);
}

/** loadDataDir starts the database from a dump made by dumpDataDir() (the tests' template databases). */
export async function openPglite(dataDir: string | null, opts: { loadDataDir?: Blob } = {}): Promise<Database & { dumpDataDir(): Promise<Blob> }> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir ?? 'memory://', {
    parsers: { [DATE_OID]: (v: string) => v, [INT8_OID]: parseInt8 },
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      return (await q.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const base = wrap(db);
  return {
    engine: 'pglite',
    ...base,
    async transaction(ctx, fn) {
      return db.transaction(async (t) => {
        const tx = wrap(t);
        await setChangeContext(tx, ctx);
        return fn(tx);
      });
    },
    async close() {
      await db.close();
    },
    async dumpDataDir() {
      return db.dumpDataDir('none');
    },
  };
}

const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `s${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
    if (statementNames.size < 10_000) statementNames.set(sql, name);
  }
  return name;
}

export async function openPostgres(connectionString: string): Promise<Database> {
  const typeParsers = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === DATE_OID) return (v: string) => v;
      if (oid === INT8_OID) return parseInt8;
      return pg.types.getTypeParser(oid, format);
    },
  } as pg.CustomTypesConfig;
  const pool = new pg.Pool({ connectionString, types: typeParsers, max: 10 });
  // An idle connection the server drops (restart, failover) must not bring the process down;
  // the pool replaces it on the next query.
  pool.on('error', (err) => process.emitWarning(`PostgreSQL connection lost: ${err.message}`));
  // Fail at start-up, with the server's own message, rather than on the first request.
  const probe = await pool.connect();
  probe.release();
  const wrap = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      // Named statements are parsed and planned once per connection, then reused.
      return (await c.query({ text: sql, values: params as unknown[], name: statementName(sql) })).rows as T[];
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  return {
    engine: 'postgres',
    ...wrap(pool),
    async transaction(ctx, fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const tx = wrap(client);
        await setChangeContext(tx, ctx);
        const result = await fn(tx);
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string | null }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}
