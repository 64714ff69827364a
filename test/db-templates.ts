// The databases tests start from, made once rather than for every test app: a blank database, one
// migrated (with the default tenant), and one migrated with the demo data and demo users loaded, each
// exactly as startServices leaves it. Each test database is a copy: on PostgreSQL made with
// CREATE DATABASE … TEMPLATE, on PGlite loaded from a dumpDataDir() file.
//
// scripts/run-tests.ts makes them once per run (createTemplates) and names them to the test processes
// in the environment (TEMPLATE_ENV); a test file run on its own makes them itself, once per process.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { openPglite, openPostgres, type Database } from '../src/db/database.ts';
import { startServices } from '../src/server.ts';

/** blank: nothing in it; migrated: migrations and the default tenant; demo: that and the demo data and users. */
export type TemplateKind = 'blank' | 'migrated' | 'demo';
const KINDS: TemplateKind[] = ['blank', 'migrated', 'demo'];

/** Environment variables naming each template: a database name on PostgreSQL, a dump file on PGlite. */
export const TEMPLATE_ENV: Record<TemplateKind, string> = {
  blank: 'TEST_DB_TEMPLATE_BLANK',
  migrated: 'TEST_DB_TEMPLATE_MIGRATED',
  demo: 'TEST_DB_TEMPLATE_DEMO',
};

/** The council the test apps are built for: the default tenant's name in the templates. */
export const TEST_COUNCIL_NAME = 'Cambridge City Council';

/** Brings a blank or migrated database on to the next state, through startServices as a test app would. */
async function advance(db: Database, demo: boolean): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: demo ? 'true' : 'false', COUNCIL_NAME: TEST_COUNCIL_NAME });
  const { app } = await startServices(config, { db, logger: false });
  await app.close(); // db is ours: startServices leaves it open
}

// ---- PostgreSQL ----

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs statements on the server's own database (CREATE/DROP DATABASE cannot run in a pool's transaction). */
export async function onServer(serverUrl: string, ...statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

export const newDatabaseName = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

/** Makes the migrated and demo template databases on the server; blank needs none (template1 is blank). */
async function createPostgresTemplates(serverUrl: string): Promise<Record<TemplateKind, string>> {
  const migrated = newDatabaseName('ph_template_migrated');
  const demo = newDatabaseName('ph_template_demo');
  const build = async (name: string, from: string | null, withDemo: boolean) => {
    await onServer(serverUrl, `create database ${name}${from ? ` template ${from}` : ''}`);
    const db = await openPostgres(databaseUrl(serverUrl, name));
    try {
      await advance(db, withDemo);
    } finally {
      await db.close(); // a template may have no one connected while it is copied
    }
  };
  try {
    await build(migrated, null, false);
    await build(demo, migrated, true);
  } catch (err) {
    await dropPostgresTemplates(serverUrl, { blank: '', migrated, demo }).catch(() => undefined);
    throw err;
  }
  return { blank: '', migrated, demo };
}

async function dropPostgresTemplates(serverUrl: string, names: Record<TemplateKind, string>): Promise<void> {
  await onServer(
    serverUrl,
    ...Object.values(names)
      .filter(Boolean)
      .map((name) => `drop database if exists ${name} with (force)`),
  );
}

// ---- PGlite ----

/** The three states as dumpDataDir() tarballs, made on one PGlite database in turn. */
async function dumpPgliteTemplates(): Promise<Record<TemplateKind, Blob>> {
  const db = await openPglite(null);
  try {
    const dump = () => db.dumpDataDir();
    const blank = await dump();
    await advance(db, false);
    const migrated = await dump();
    await advance(db, true);
    const demo = await dump();
    return { blank, migrated, demo };
  } finally {
    await db.close();
  }
}

// ---- Once per run (scripts/run-tests.ts) ----

export interface Templates {
  /** The environment variables that hand the templates to the test processes. */
  env: Record<string, string>;
  remove(): Promise<void>;
}

/** Makes the templates for a run: databases on the server with DATABASE_URL, dump files in a temporary folder without. */
export async function createTemplates(serverUrl = process.env.DATABASE_URL): Promise<Templates> {
  const env = (values: Record<TemplateKind, string>) => Object.fromEntries(KINDS.map((k) => [TEMPLATE_ENV[k], values[k]]));
  if (serverUrl) {
    const names = await createPostgresTemplates(serverUrl);
    return { env: env(names), remove: () => dropPostgresTemplates(serverUrl, names) };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'ph-test-templates-'));
  try {
    const dumps = await dumpPgliteTemplates();
    const files = {} as Record<TemplateKind, string>;
    for (const kind of KINDS) {
      files[kind] = path.join(dir, `${kind}.tar`);
      await writeFile(files[kind], Buffer.from(await dumps[kind].arrayBuffer()));
    }
    return { env: env(files), remove: () => rm(dir, { recursive: true, force: true }) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

// ---- In a test process ----

let pgliteDumps: Promise<Record<TemplateKind, Blob>> | null = null;
const pgliteFiles = new Map<string, Promise<Blob>>();

/** The dump a PGlite test database of this kind starts from: the run's file, or made here once. */
export function pgliteTemplate(kind: TemplateKind): Promise<Blob> {
  const file = process.env[TEMPLATE_ENV[kind]];
  if (file) {
    let blob = pgliteFiles.get(file);
    if (!blob) {
      blob = readFile(file).then((data) => new Blob([data]));
      pgliteFiles.set(file, blob);
    }
    return blob;
  }
  pgliteDumps ??= dumpPgliteTemplates();
  return pgliteDumps.then((dumps) => dumps[kind]);
}

let ownPostgresTemplates: Promise<Record<TemplateKind, string>> | null = null;

/** The database a PostgreSQL test database of this kind is created from ('' for blank): the run's, or made here once. */
export async function postgresTemplate(serverUrl: string, kind: TemplateKind): Promise<string> {
  if (kind === 'blank') return '';
  const named = process.env[TEMPLATE_ENV[kind]];
  if (named) return named;
  if (!ownPostgresTemplates) {
    ownPostgresTemplates = createPostgresTemplates(serverUrl);
    const names = await ownPostgresTemplates;
    // Dropped when the test file is done (the event loop empties after the last test).
    let dropped = false;
    process.on('beforeExit', () => {
      if (dropped) return;
      dropped = true;
      void dropPostgresTemplates(serverUrl, names).catch((err) => process.emitWarning(`Could not drop the test templates: ${err}`));
    });
  }
  return (await ownPostgresTemplates)[kind];
}
