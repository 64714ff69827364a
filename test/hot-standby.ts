// A real PostgreSQL hot standby of the test server, started by a test (issue 19's read replica) and
// removed after it. It copies the WHOLE cluster the server runs, so it is only as quick as that is small.
//
// Two ways to make it, tried in order:
//   1. streaming: `pg_basebackup -R -X stream` over a replication connection, then the standby streams
//      the WAL from the primary, as a production replica does. Needs a "replication" line in pg_hba.conf
//      and wal_level replica or logical.
//   2. log shipping: when pg_hba.conf refuses replication connections (the test does not change the
//      server's configuration; .ci/run allows them before the tests, so CI streams), the low-level backup API
//      (pg_backup_start/pg_backup_stop) and a copy of the data directory, read on this machine, then a
//      standby whose restore_command copies each WAL segment from the primary's pg_wal, again and again as
//      it fills (a record is replayed once it is whole: WAL records carry a CRC). Needs the server on this
//      machine, its data directory readable, and wal_level replica or logical.
// The standby runs as the `postgres` OS user when the test runs as root (postgres refuses root), in a
// temporary folder, on a free port. It is a standby either way: read-only, replaying the primary's WAL.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface HotStandby {
  /** postgres://… of the standby, for the same database name as the primary URL given. */
  url: string;
  method: 'streaming' | 'log shipping';
  /** How long the base backup took, and the size of the cluster it copied. */
  backupMs: number;
  clusterBytes: number;
  /** The end of the standby's log, to show when something went wrong. */
  logTail(): Promise<string>;
  stop(): Promise<void>;
}

const BIN_DIRS = ['/usr/local/bin', '/usr/lib/postgresql/15/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/17/bin', '/usr/bin'];
const findBin = (name: string) => BIN_DIRS.map((d) => path.join(d, name)).find((p) => existsSync(p));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Why a standby cannot be made here, or null when it can be tried. */
export async function standbyImpossible(primaryUrl: string): Promise<string | null> {
  if (!findBin('pg_ctl') || !findBin('postgres')) return 'no pg_ctl/postgres binaries on this machine';
  const host = new URL(primaryUrl).hostname;
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host)) return `the PostgreSQL server (${host}) is not on this machine`;
  if (process.getuid?.() === 0) {
    try {
      await run('id', ['-u', 'postgres']);
    } catch {
      return 'running as root and there is no postgres OS user to run the standby as';
    }
  }
  const client = new pg.Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    const [s] = (
      await client.query<{ wal_level: string; superuser: string }>(
        `select current_setting('wal_level') as wal_level, current_setting('is_superuser') as superuser`,
      )
    ).rows;
    if (s?.superuser !== 'on') return 'the test connects as a user who is not a superuser (the base backup needs one)';
    if (s?.wal_level === 'minimal') return 'the server runs with wal_level = minimal: its WAL cannot feed a standby';
  } finally {
    await client.end();
  }
  return null;
}

/** Runs a command as the postgres OS user when we are root, else as ourselves. */
function asPostgres(cmd: string, args: string[], opts: { timeout?: number } = {}) {
  const root = process.getuid?.() === 0;
  return run(root ? 'runuser' : cmd, root ? ['-u', 'postgres', '--', cmd, ...args] : args, { timeout: opts.timeout ?? 120_000, maxBuffer: 16 * 1024 * 1024 });
}

export async function startHotStandby(primaryUrl: string): Promise<HotStandby> {
  const primary = new URL(primaryUrl);
  const pgCtl = findBin('pg_ctl')!;
  const dir = await mkdtemp('/tmp/ph-sreplica-');
  const data = path.join(dir, 'data');
  const root = process.getuid?.() === 0;
  const { uid, gid } = root ? await postgresIds() : { uid: -1, gid: -1 };
  if (root) await chown(dir, uid, gid);
  let started = false;
  const stop = async () => {
    if (started) await asPostgres(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop'], { timeout: 60_000 }).catch(() => undefined);
    started = false;
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const client = new pg.Client({ connectionString: primaryUrl });
    await client.connect();
    let settings: Record<string, string>;
    let clusterBytes: number;
    let primaryData: string;
    try {
      const rows = (
        await client.query<{ name: string; setting: string }>(
          `select name, setting from pg_settings where name in ('max_connections', 'max_worker_processes', 'max_wal_senders',
             'max_prepared_transactions', 'max_locks_per_transaction', 'data_directory')`,
        )
      ).rows;
      settings = Object.fromEntries(rows.map((r) => [r.name, r.setting]));
      primaryData = settings.data_directory ?? '';
      const [size] = (await client.query<{ bytes: string }>(`select sum(pg_database_size(datname))::text as bytes from pg_database`)).rows;
      clusterBytes = Number(size?.bytes ?? 0);
    } finally {
      await client.end();
    }

    const t0 = performance.now();
    let method: HotStandby['method'] = 'streaming';
    const basebackup = findBin('pg_basebackup');
    const replicationRefused = basebackup
      ? await asPostgres(basebackup, [
          '-h',
          primary.hostname,
          '-p',
          primary.port || '5432',
          '-U',
          decodeURIComponent(primary.username || 'postgres'),
          '-D',
          data,
          '-R',
          '-X',
          'stream',
          '-c',
          'fast',
          '-w',
        ]).then(
          () => null,
          (err: { stderr?: string; message: string }) => err.stderr || err.message,
        )
      : 'no pg_basebackup';
    if (replicationRefused) {
      await rm(data, { recursive: true, force: true });
      if (!primaryData || !existsSync(path.join(primaryData, 'PG_VERSION'))) {
        throw new StandbyImpossible(`replication connections are refused (${replicationRefused.trim()}) and the server's data directory is not readable here`);
      }
      method = 'log shipping';
      await copyWithBackupApi(primaryUrl, primaryData, data);
    }
    const backupMs = Math.round(performance.now() - t0);

    const port = await freePort();
    const conf = [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      `hot_standby = on`,
      `shared_buffers = 16MB`,
      `fsync = off`,
      `autovacuum = off`,
      // Not less than the primary's, or the standby refuses to replay.
      ...['max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction'].map(
        (n) => `${n} = ${settings[n]}`,
      ),
      `wal_retrieve_retry_interval = '100ms'`,
      `hot_standby_feedback = on`,
      ...(method === 'log shipping' ? [`restore_command = 'cp "${primaryData}/pg_wal/%f" "%p"'`] : []),
    ];
    // The primary's own configuration lives elsewhere (Debian keeps it in /etc): the standby has its own.
    await writeFile(path.join(data, 'postgresql.conf'), `${conf.join('\n')}\n`);
    await writeFile(path.join(data, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
    await writeFile(path.join(data, 'pg_ident.conf'), '');
    await writeFile(path.join(data, 'standby.signal'), '');
    for (const f of ['postgresql.conf', 'pg_hba.conf', 'pg_ident.conf', 'standby.signal']) {
      if (root) await chown(path.join(data, f), uid, gid);
    }
    await chmod(data, 0o700);
    started = true;
    // -w: returns once the standby accepts connections (it has replayed to a consistent state).
    await asPostgres(pgCtl, ['-D', data, '-l', path.join(dir, 'standby.log'), '-w', '-t', '120', 'start'], { timeout: 150_000 });
    const url = new URL(primaryUrl);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    const logTail = () =>
      readFile(path.join(dir, 'standby.log'), 'utf8').then(
        (l) => l.slice(-3000),
        () => '(no log)',
      );
    return { url: url.toString(), method, backupMs, clusterBytes, logTail, stop };
  } catch (err) {
    const log = await readFile(path.join(dir, 'standby.log'), 'utf8').catch(() => '');
    await stop();
    if (log && err instanceof Error) err.message += `\nstandby log:\n${log.slice(-3000)}`;
    throw err;
  }
}

export class StandbyImpossible extends Error {}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  return { uid, gid };
}

/** The low-level backup: start, copy the data directory as it is (without its WAL), stop, write backup_label. */
async function copyWithBackupApi(primaryUrl: string, primaryData: string, data: string): Promise<void> {
  const client = new pg.Client({ connectionString: primaryUrl });
  await client.connect();
  try {
    // The backup must start and stop in the same session (non-exclusive backup, PostgreSQL 15's names).
    await client.query(`select pg_backup_start('partnership-hub read-replica test', true)`);
    // rsync rather than cp: files come and go while the server runs; 24 is "some files vanished", which is fine.
    await asPostgres('rsync', [
      '-a',
      '--exclude=/pg_wal/*',
      '--exclude=/postmaster.pid',
      '--exclude=/postmaster.opts',
      '--exclude=/pg_replslot/*',
      '--exclude=/pg_stat_tmp/*',
      '--exclude=/backup_label*',
      `${primaryData}/`,
      `${data}/`,
    ]).catch((err: { code?: number }) => {
      if (err.code !== 24) throw err;
    });
    const [stopped] = (await client.query<{ labelfile: string; spcmapfile: string }>(`select labelfile, spcmapfile from pg_backup_stop(false)`)).rows;
    await writeFile(path.join(data, 'backup_label'), stopped!.labelfile);
    if (stopped!.spcmapfile) await writeFile(path.join(data, 'tablespace_map'), stopped!.spcmapfile);
    if (process.getuid?.() === 0) {
      const { uid, gid } = await postgresIds();
      await chown(path.join(data, 'backup_label'), uid, gid);
      if (stopped!.spcmapfile) await chown(path.join(data, 'tablespace_map'), uid, gid);
    }
  } finally {
    await client.end();
  }
}
