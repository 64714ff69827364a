// Command line for administrators: `npm run cli -- <command>`.
//   user create <email> --name "Full Name" --role administrator   invites a user (prints the link)
//   token create <email> [--name "What uses it"]                   creates an API token (prints it once)
//   token revoke <email> <token-prefix>                           revokes a user's token
//   reminders send                                                queues today's action, plan action and indicator reminders (the server also does this hourly)
import { parseArgs } from 'node:util';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { ensureDefaultTenant, migrate, MigrationChangedError } from './db/migrate.ts';
import { createApiToken, findUserByEmail, inviteUser, revokeApiTokensByPrefix } from './accounts/index.ts';
import { ROLES, type Role } from './access/permissions.ts';
import { ValidationError } from './web/errors.ts';
import { sendActionReminders } from './minutes/index.ts';
import { sendIndicatorReminders } from './performance/index.ts';
import { sendPlanReminders } from './plans/index.ts';

const USAGE = `Usage:
  npm run cli -- user create <email> --name "Full Name" --role <role> [--role <role>]
  npm run cli -- token create <email> [--name "What uses it"]
  npm run cli -- token revoke <email> <token-prefix>
  npm run cli -- reminders send
Roles: ${ROLES.join(', ')}`;

export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
    },
  });
  const [noun, verb, email, extra] = positionals;
  if (!noun || !verb || (!email && noun !== 'reminders')) {
    out(USAGE);
    return 64;
  }
  const config = loadConfig(process.env);
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrate(db);
    const tenantId = await ensureDefaultTenant(db, config.COUNCIL_NAME);
    if (noun === 'reminders' && verb === 'send') {
      const queued =
        (await sendActionReminders(db, tenantId, undefined, config.PUBLIC_URL ?? '')) +
        (await sendIndicatorReminders(db, tenantId, undefined, config.PUBLIC_URL ?? '')) +
        (await sendPlanReminders(db, tenantId, undefined, config.PUBLIC_URL ?? ''));
      out(`${queued} reminder${queued === 1 ? '' : 's'} queued in the outbox`);
      return 0;
    }
    if (!email) {
      out(USAGE);
      return 64;
    }
    if (noun === 'user' && verb === 'create') {
      const roles = (values.role ?? []) as Role[];
      const { url } = await inviteUser(db, config, tenantId, 'cli', { email, name: values.name ?? '', roles });
      out(`Invited ${email}. They choose a password at:\n${url}`);
      return 0;
    }
    const user = await findUserByEmail(db, tenantId, email);
    if (!user) {
      out(`There is no user with the email address ${email}`);
      return 1;
    }
    if (noun === 'token' && verb === 'create') {
      const token = await db.transaction({ actor: 'cli' }, (tx) => createApiToken(tx, tenantId, user.id, values.name ?? 'Created on the command line'));
      out(token);
      return 0;
    }
    if (noun === 'token' && verb === 'revoke' && extra) {
      const revoked = await db.transaction({ actor: 'cli' }, (tx) => revokeApiTokensByPrefix(tx, user.id, extra));
      out(revoked ? `Revoked ${revoked} token(s) starting ${extra}` : `No live token starting ${extra}`);
      return revoked ? 0 : 1;
    }
    out(USAGE);
    return 64;
  } catch (err) {
    if (err instanceof ValidationError) {
      out(Object.values(err.fieldErrors).join('\n'));
      return 1;
    }
    if (err instanceof MigrationChangedError) {
      out(err.message);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runCli(process.argv.slice(2));
}
