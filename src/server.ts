// Starting the service: open the database, migrate, make sure the tenant exists, load demo
// data on an empty database if asked, then build the app. Used by main.ts, tests and benches.
import type { FastifyServerOptions } from 'fastify';
import { CAPABILITIES, createApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, openPostgres, type Database } from './db/database.ts';
import { withReadReplica } from './db/read-replica.ts';
import { ensureDefaultTenant, migrate } from './db/migrate.ts';
import { isEmpty, loadDemoData } from './demo/demo.ts';
import { buildAssets } from './web/assets.ts';
import { createDemoUsers } from './accounts/index.ts';
import { startOutboxSender } from './mail/sender.ts';
import { startJobWorker, type JobHandler } from './db/job-worker.ts';
import { enqueueJob, pruneJobs, type Job } from './db/jobs.ts';

export async function startServices(config: Config, opts: { db?: Database; logger?: FastifyServerOptions['logger'] } = {}) {
  await buildAssets();
  const primary = opts.db ?? (await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR }));
  // With DATABASE_READ_URL, anonymous public reads go to the replica and everything else to the primary
  // (db/read-replica.ts, web/read-replica.ts); start-up, jobs and the outbox always use the primary.
  const replica = config.DATABASE_READ_URL
    ? await openPostgres(config.DATABASE_READ_URL).catch(async (err: unknown) => {
        if (!opts.db) await primary.close().catch(() => {});
        throw err;
      })
    : null;
  const db = replica ? withReadReplica(primary, replica) : primary;
  // A refused migration (MigrationChangedError) stops start-up: close the database we opened and let the caller show why.
  await migrate(primary).catch(async (err: unknown) => {
    await replica?.close().catch(() => {});
    if (!opts.db) await primary.close().catch(() => {});
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
    ? startOutboxSender(primary, { smtpUrl: config.SMTP_URL, from: config.MAIL_FROM, log: (msg, err) => app.log.warn({ err }, msg) })
    : null;
  // Background work runs from the shared job queue (db/jobs.ts): each capability's jobs, such as agenda
  // packs rebuilt after a paper changes, and the hourly work, which every instance asks for each hour but
  // only the first to ask runs: owners of actions, indicators and plan actions are reminded before and
  // after their dates, each reminder sent once.
  const options = { db, config, tenantId };
  const handlers: Record<string, JobHandler> = Object.assign(
    {
      hourly: async (jobDb: Database, job: Job) => {
        await Promise.all(CAPABILITIES.map((c) => c.hourly?.(jobDb, job.tenantId, config.PUBLIC_URL ?? '')));
        await pruneJobs(jobDb);
      },
    },
    ...CAPABILITIES.map((c) => c.jobs?.(options) ?? {}),
  );
  const background = config.NODE_ENV !== 'test';
  const worker = background
    ? startJobWorker(primary, handlers, {
        pollMs: 3000,
        onError: (job, err) => app.log.warn({ err, job: job && `${job.kind} ${job.key}` }, 'background job failed'),
      })
    : null;
  const askForHourlyRun = () =>
    enqueueJob(db, tenantId, 'hourly', new Date().toISOString().slice(0, 13), {}, { once: true })
      .then(() => worker?.wake())
      .catch((err) => app.log.warn({ err }, 'could not ask for the hourly run'));
  const hourlyTimer = background ? setInterval(askForHourlyRun, 5 * 60 * 1000) : null;
  hourlyTimer?.unref();
  if (background) setTimeout(askForHourlyRun, 10_000).unref();
  app.addHook('onClose', async () => {
    if (hourlyTimer) clearInterval(hourlyTimer);
    await worker?.stop();
    await sender?.stop();
    await replica?.close();
    if (!opts.db) await primary.close();
  });
  return { app, db, tenantId, demoLoaded, jobHandlers: handlers };
}
