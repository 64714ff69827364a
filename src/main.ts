// Entry point: `npm start` (add `-- --no-demo` to start with an empty register).
import { ConfigError, loadConfig } from './config.ts';
import { MigrationChangedError } from './db/migrate.ts';
import { startServices } from './server.ts';

try {
  const config = loadConfig(process.env, process.argv.slice(2));
  const { app, db, demoLoaded } = await startServices(config);
  if (demoLoaded) app.log.info('Loaded the demo data set built from the seed papers');
  const close = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(
    `Partnership Hub is serving on http://localhost:${config.PORT} (database: ${db.engine === 'pglite' ? `embedded, in ${config.DATA_DIR}` : 'PostgreSQL'})`,
  );
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78);
  }
  if (err instanceof MigrationChangedError) {
    console.error(`Partnership Hub will not start: ${err.message}`);
    process.exit(1);
  }
  console.error('Partnership Hub could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
}
