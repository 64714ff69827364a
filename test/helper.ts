// Builds the real application for a test: its own database (PGlite in memory, or a fresh
// database on the PostgreSQL server when DATABASE_URL is set), migrated, with the demo data
// loaded unless asked not to. Close it after the test.
//
// The database is a copy of a template already in that state (see db-templates.ts), so the
// migrations and the demo data are not run again for every app; startServices finds them done.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig } from '../src/config.ts';
import { openPglite, openPostgres, type Database } from '../src/db/database.ts';
import { startServices } from '../src/server.ts';
import { databaseUrl, newDatabaseName, onServer, pgliteTemplate, postgresTemplate, TEST_COUNCIL_NAME, type TemplateKind } from './db-templates.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  tenantId: string;
  close(): Promise<void>;
}

/**
 * A fresh database of its own for a test: in memory, or created on the PostgreSQL server. Blank
 * (not even migrated) unless `from` names the state to copy: 'migrated' or 'demo'.
 */
export async function freshDatabase({ from = 'blank' as TemplateKind } = {}): Promise<{ db: Database; drop(): Promise<void> }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const db = await openPglite(null, { loadDataDir: await pgliteTemplate(from) });
    return { db, drop: () => db.close() };
  }
  const template = await postgresTemplate(serverUrl, from);
  const name = newDatabaseName('ph_test');
  await onServer(serverUrl, `create database ${name}${template ? ` template ${template}` : ''}`);
  const db = await openPostgres(databaseUrl(serverUrl, name));
  return {
    db,
    async drop() {
      await db.close();
      await onServer(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

export async function buildTestApp({ demo = true, env = {} as Record<string, string>, beforeReady = (_app: FastifyInstance) => {} } = {}): Promise<TestApp> {
  const settings = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: demo ? 'true' : 'false', COUNCIL_NAME: TEST_COUNCIL_NAME, ...env };
  // The templates hold the test council's tenant: another name, or other demo settings, start from a blank database.
  const fromTemplate = settings.COUNCIL_NAME === TEST_COUNCIL_NAME && settings.DEMO_DATA === (demo ? 'true' : 'false');
  const { db, drop } = await freshDatabase({ from: fromTemplate ? (demo ? 'demo' : 'migrated') : 'blank' });
  const config = loadConfig(settings);
  const { app, tenantId } = await startServices(config, { db, logger: false });
  beforeReady(app);
  await app.ready();
  return {
    app,
    db,
    tenantId,
    async close() {
      await app.close();
      await drop();
    },
  };
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

/** A signed-in browser: keeps cookies and sends the CSRF token with every form, as a real one does. */
export interface Agent {
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, fields?: Record<string, string | string[]>): Promise<LightMyRequestResponse>;
  postMultipart(
    url: string,
    fields: Record<string, string>,
    file?: { field: string; filename: string; data: Buffer; type?: string },
  ): Promise<LightMyRequestResponse>;
  cookies: Record<string, string>;
  csrf(): Promise<string>;
}

export const DEMO_PASSWORD = 'demo-partnership-hub';
export const DEMO_EMAIL: Record<string, string> = {
  administrator: 'administrator@example.org',
  democratic_services: 'democratic.services@example.org',
  partnership_officer: 'partnership.officer@example.org',
  performance_officer: 'performance.officer@example.org',
  finance_officer: 'finance.officer@example.org',
  councillor: 'councillor@example.org',
  partner_editor: 'partner.editor@example.org',
};

export function anonymousAgent(app: FastifyInstance): Agent {
  const cookies: Record<string, string> = {};
  const cookieHeader = () =>
    Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  const remember = (res: LightMyRequestResponse) => {
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) delete cookies[c.name];
      else cookies[c.name] = c.value;
    }
    return res;
  };
  const agent: Agent = {
    cookies,
    async get(url) {
      return remember(await app.inject({ method: 'GET', url, headers: { cookie: cookieHeader() } }));
    },
    async csrf() {
      const page = await agent.get('/forgot-password');
      return /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    },
    async post(url, fields = {}) {
      const token = await agent.csrf();
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries({ _csrf: token, ...fields })) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
      return remember(
        await app.inject({
          method: 'POST',
          url,
          payload: body.toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader() },
        }),
      );
    },
    async postMultipart(url, fields, file) {
      const token = await agent.csrf();
      const boundary = `----partnershiphub${Math.random().toString(16).slice(2)}`;
      const parts: Buffer[] = [];
      for (const [name, value] of Object.entries({ _csrf: token, ...fields })) {
        parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
      }
      if (file) {
        parts.push(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.filename}"\r\n` +
              `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
          ),
          file.data,
          Buffer.from('\r\n'),
        );
      }
      parts.push(Buffer.from(`--${boundary}--\r\n`));
      return remember(
        await app.inject({
          method: 'POST',
          url,
          payload: Buffer.concat(parts),
          headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: cookieHeader() },
        }),
      );
    },
  };
  return agent;
}

/** Signs in as a demo user of the given role (or any email/password) and returns the browser. */
export async function signIn(app: FastifyInstance, role: string, password = DEMO_PASSWORD): Promise<Agent> {
  const agent = anonymousAgent(app);
  const res = await agent.post('/sign-in', { email: DEMO_EMAIL[role] ?? role, password });
  if (res.statusCode !== 303) throw new Error(`Could not sign in as ${role}: ${res.statusCode}`);
  return agent;
}

/** An API token for a demo user, made directly in the database. */
export async function apiToken(t: TestApp, role: string): Promise<string> {
  const { createApiToken } = await import('../src/accounts/api-tokens.ts');
  const user = (await t.db.query<{ id: string }>('select id from users where email = $1', [DEMO_EMAIL[role] ?? role]))[0]!;
  return t.db.transaction({ actor: 'test' }, (tx) => createApiToken(tx, t.tenantId, user.id, `test ${role}`));
}
