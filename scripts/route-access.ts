// Writes test/integration/route-access.json: every route and the action it needs. The
// permission test compares the running app with this file, so adding a route, or changing who
// may use one, is a reviewed change to this file. Run: npx tsx scripts/route-access.ts
import { writeFile } from 'node:fs/promises';
import { loadConfig } from '../src/config.ts';
import { openPglite } from '../src/db/database.ts';
import { startServices } from '../src/server.ts';

const db = await openPglite(null);
const { app } = await startServices(loadConfig({ LOG_LEVEL: 'silent', DEMO_DATA: 'false' }), { db, logger: false });
await app.ready();
const entries: [string, string][] = app.routeDecisions.map((r) => [`${r.method} ${r.url}`, r.scopeParam ? `${r.access} (${r.scopeParam})` : r.access]);
const table = Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
await writeFile(new URL('../test/integration/route-access.json', import.meta.url), `${JSON.stringify(table, null, 2)}\n`);
console.log(`${Object.keys(table).length} routes written to test/integration/route-access.json`);
await app.close();
await db.close();
