import { openPglite } from '../../src/db/database.ts';
import { pgliteTemplate } from '../db-templates.ts';
const blobs = { blank: await pgliteTemplate('blank'), migrated: await pgliteTemplate('migrated'), demo: await pgliteTemplate('demo') };
for (const [k, b] of Object.entries(blobs)) console.log(k, b.size);
for (let r = 0; r < 2; r++) for (const [k, b] of Object.entries(blobs)) {
  const t = performance.now(); const db = await openPglite(null, { loadDataDir: b }); const o = performance.now() - t;
  await db.close(); console.log(k, Math.round(o));
}
