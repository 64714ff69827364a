import { onServer, newDatabaseName } from '../db-templates.ts';
const { createTemplates } = await import('../db-templates.ts');
const url = process.env.DATABASE_URL!;
const tpl = await createTemplates();
const demo = tpl.env.TEST_DB_TEMPLATE_DEMO!;
for (const strategy of ['wal_log', 'file_copy']) {
  for (let i = 0; i < 3; i++) {
    const name = newDatabaseName('zz_agent');
    let t = performance.now();
    await onServer(url, `create database ${name} template ${demo} strategy ${strategy}`);
    const c = performance.now() - t; t = performance.now();
    await onServer(url, `drop database ${name} with (force)`);
    console.log(strategy, 'create', Math.round(c), 'drop', Math.round(performance.now() - t));
  }
}
await tpl.remove();
