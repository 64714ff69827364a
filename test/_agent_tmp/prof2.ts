import { openPglite } from '../../src/db/database.ts';
import { pgliteTemplate } from '../db-templates.ts';
const t0 = performance.now();
const lap = (s: string) => console.log(s, Math.round(performance.now() - t0));
const blob = await pgliteTemplate('demo');
lap('template (in-process)');
for (let i = 0; i < 3; i++) { const db = await openPglite(null, { loadDataDir: blob }); lap('open from blob'); await db.close(); lap('close'); }
const { PGlite } = await import('@electric-sql/pglite');
const p = await PGlite.create({ loadDataDir: blob }); lap('raw');
const gz = await p.dumpDataDir('gzip'); lap('gz dump ' + gz.size);
for (let i = 0; i < 2; i++) { const db = await openPglite(null, { loadDataDir: gz }); lap('open from gz'); await db.close(); }
const { loadConfig } = await import('../../src/config.ts');
const { startServices } = await import('../../src/server.ts');
const db = await openPglite(null, { loadDataDir: blob }); lap('open');
const { app } = await startServices(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', COUNCIL_NAME: 'Cambridge City Council' }), { db, logger: false }); lap('startServices');
await app.ready(); lap('ready');
await app.close(); await db.close();
const db2 = await openPglite(null, { loadDataDir: blob }); lap('open');
const { app: app2 } = await startServices(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', COUNCIL_NAME: 'Cambridge City Council' }), { db: db2, logger: false }); lap('startServices');
await app2.ready(); lap('ready');
await app2.close(); await db2.close(); await p.close();
