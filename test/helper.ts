// Builds the real application for a test: its own database (PGlite in memory, or a fresh
// database on the PostgreSQL server when DATABASE_URL is set), migrated, with the demo data
// loaded unless asked not to. Close it after the test.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../src/config.ts';
import { openPglite, openPostgres, type Database } from '../src/db/database.ts';
import { startServices } from '../src/server.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  tenantId: string;
  close(): Promise<void>;
}

/** A fresh, empty database: in memory, or created on the PostgreSQL server for this test. */
export async function freshDatabase(): Promise<{ db: Database; drop(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const db = await openPglite(null);
    return { db, drop: () => db.close() };
  }
  const name = `ph_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await openPostgres(url.toString());
  return {
    db,
    async drop() {
      await db.close();
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    },
  };
}

export async function buildTestApp({ demo = true, env = {} as Record<string, string>, beforeReady = (_app: FastifyInstance) => {} } = {}): Promise<TestApp> {
  const { db, drop } = await freshDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: demo ? 'true' : 'false', COUNCIL_NAME: 'Cambridge City Council', ...env });
  const { app, tenantId } = await startServices(config, { db, logger: false });
  beforeReady(app);
  await app.ready();
  return {
    app, db, tenantId,
    async close() {
      await app.close();
      await drop();
    },
  };
}

/** Sends a urlencoded form the way a browser does. */
export function postForm(app: FastifyInstance, url: string, fields: Record<string, string | string[]>, opts: Partial<InjectOptions> = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
  return app.inject({ method: 'POST', url, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, ...opts });
}

export const json = <T = any>(res: LightMyRequestResponse): T => JSON.parse(res.body) as T;

/** The ids of the demo partnerships, by name. */
export async function partnershipIds(t: TestApp): Promise<Map<string, string>> {
  const rows = await t.db.query<{ id: string; name: string }>('select id, name from partnerships where tenant_id = $1', [t.tenantId]);
  return new Map(rows.map((r) => [r.name, r.id]));
}

export async function countRows(db: Database, table: string): Promise<number> {
  const rows = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return rows[0]!.n;
}

/** Sends a multipart form with one file, the way a browser uploads. */
export function postMultipart(app: FastifyInstance, url: string, fields: Record<string, string>, file?: { field: string; filename: string; data: Buffer; type?: string }) {
  const boundary = `----partnershiphub${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\n` +
      `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`), file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return app.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
}
