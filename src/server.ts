// Starting the service: open the database, migrate, make sure the tenant exists, load demo
// data on an empty database if asked, then build the app. Used by main.ts, tests and benches.
import type { FastifyServerOptions } from 'fastify';
import { CAPABILITIES, createApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { ensureDefaultTenant, migrate } from './db/migrate.ts';
import { isEmpty, loadDemoData } from './demo/demo.ts';
import { buildAssets } from './web/assets.ts';
import { createDemoUsers } from './accounts/index.ts';
import { startOutboxSender } from './mail/sender.ts';

export async function startServices(config: Config, opts: { db?: Database; logger?: FastifyServerOptions['logger'] } = {}) {
  await buildAssets();
  const db = opts.db ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  // A refused migration (MigrationChangedError) stops start-up: close the database we opened and let the caller show why.
  await migrate(db).catch(async (err: unknown) => {
    if (!opts.db) await db.close().catch(() => {});
    throw err;
  });
  const tenantId = await ensureDefaultTenant(db, config.COUNCIL_NAME);
  let demoLoaded = false;
  if (config.DEMO_DATA && (await isEmpty(db, tenantId))) {
    await loadDemoData(db, tenantId);
    demoLoaded = true;
  }
  if (config.DEMO_DATA) await createDemoUsers(db, tenantId);
  const app = await createApp({ config, db, tenantId, logger: opts.logger });
  // With SMTP_URL the outbox is delivered in the background; without it, administrators read it.
  const sender = config.SMTP_URL
    ? startOutboxSender(db, { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, log: (msg, err) => app.log.warn({ err }, msg) })
    : null;
  // Each capability's hourly work: owners of actions, indicators and plan actions are reminded before and after
  // their dates, each reminder sent once.
  const remind = () =>
    Promise.all(CAPABILITIES.map((c) => c.hourly?.(db, tenantId, config.PUBLIC_URL ?? ''))).catch((err) => app.log.warn({ err }, 'reminders failed'));
  const reminders = config.NODE_ENV === 'test' ? null : setInterval(remind, 60 * 60 * 1000);
  reminders?.unref();
  if (reminders) setTimeout(remind, 10_000).unref();
  app.addHook('onClose', async () => {
    if (reminders) clearInterval(reminders);
    await sender?.stop();
    if (!opts.db) await db.close();
  });
  return { app, db, tenantId, demoLoaded };
}
