// Anonymous public reads from a read replica (issue 19), against a real hot standby of the test
// server that this file starts itself (test/hot-standby.ts) and removes afterwards: two instances of
// the application on one database, one on the primary alone and one with DATABASE_READ_URL to the
// standby. What staff publish on the primary shows on the replica's public pages within the
// replication lag; staff on the replica instance read their own writes at once; anonymous forms work.
//
// PostgreSQL only (the embedded database has no replica), and only where a standby can be made here;
// otherwise the tests are skipped with the reason.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { readFromReplica, runInReadScope } from '../../src/db/read-replica.ts';
import { startServices } from '../../src/server.ts';
import { databaseUrl, newDatabaseName, onServer, postgresTemplate, TEST_COUNCIL_NAME } from '../db-templates.ts';
import { anonymousAgent, signIn } from '../helper.ts';
import { type HotStandby, standbyImpossible, startHotStandby } from '../hot-standby.ts';

const serverUrl = process.env.DATABASE_URL;
const skip = serverUrl ? await standbyImpossible(serverUrl) : 'PostgreSQL only: set DATABASE_URL (the embedded database has no read replica)';
if (skip) console.log(`# read replica tests skipped: ${skip}`);

/** A statement on the test server (any database: the WAL is the whole cluster's). */
async function primarySql(sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const idIn = (location: unknown) => /\/partnerships\/([0-9a-f-]{36})/.exec(String(location))?.[1];

let standby: HotStandby | undefined;

/** Polls until check() is true; the time it took, in ms. */
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<number> {
  const t0 = performance.now();
  while (!(await check())) {
    if (performance.now() - t0 > timeoutMs) assert.fail(`${what}: not within ${timeoutMs / 1000} s\nstandby log:\n${await standby?.logTail()}`);
    await sleep(20);
  }
  return Math.round(performance.now() - t0);
}

describe('anonymous public reads from a hot standby (DATABASE_READ_URL)', { skip: skip ?? false }, () => {
  const name = newDatabaseName('ph_sreplica');
  let standbySql: pg.Client | undefined;
  let primaryApp: FastifyInstance | undefined;
  let replicaApp: FastifyInstance | undefined;
  let replicaDb: Database;
  let created = false;

  before(async () => {
    const template = await postgresTemplate(serverUrl!, 'demo');
    await onServer(serverUrl!, `create database ${name} template ${template}`);
    created = true;
    const primaryUrl = databaseUrl(serverUrl!, name);
    standby = await startHotStandby(primaryUrl);
    console.log(
      `# standby by ${standby.method}: base backup of the whole cluster (${(standby.clusterBytes / 1024 / 1024).toFixed(0)} MB) in ${(standby.backupMs / 1000).toFixed(1)} s`,
    );
    standbySql = new pg.Client({ connectionString: standby.url });
    await standbySql.connect();
    // Open for reads once consistent; then catching up with what the primary wrote during the copy.
    const [{ lsn }] = (await primarySql(`select pg_current_wal_lsn()::text as lsn`)) as [{ lsn: string }];
    const caughtUp = await waitFor(
      'the standby catching up',
      async () => (await standbySql!.query<{ behind: boolean }>(`select pg_last_wal_replay_lsn() < $1::pg_lsn as behind`, [lsn])).rows[0]!.behind === false,
      120_000,
    );
    console.log(`# standby caught up with the primary in ${(caughtUp / 1000).toFixed(1)} s`);
    const settings = { NODE_ENV: 'test', LOG_LEVEL: 'silent', DEMO_DATA: 'true', COUNCIL_NAME: TEST_COUNCIL_NAME, DATABASE_URL: primaryUrl };
    primaryApp = (await startServices(loadConfig(settings), { logger: false })).app;
    const replicaSide = await startServices(loadConfig({ ...settings, DATABASE_READ_URL: standby.url }), { logger: false });
    replicaApp = replicaSide.app;
    replicaDb = replicaSide.db;
    await Promise.all([primaryApp.ready(), replicaApp.ready()]);
  });

  // Always, and each step whatever the one before did: no standby left running, no folder, no database.
  after(async () => {
    await standbySql?.query('select pg_wal_replay_resume()').catch(() => undefined);
    await standbySql?.end().catch(() => undefined);
    await replicaApp?.close().catch(() => undefined);
    await primaryApp?.close().catch(() => undefined);
    await standby?.stop().catch((err) => console.log(`# could not stop the standby: ${err}`));
    if (created) await onServer(serverUrl!, `drop database if exists ${name} with (force)`).catch(() => undefined);
  });

  it('sends an anonymous read to the standby and everything else to the primary', async () => {
    const inRecovery = async () => (await replicaDb.query<{ standby: boolean }>('select pg_is_in_recovery() as standby'))[0]!.standby;
    assert.equal(await inRecovery(), false, 'outside a request: the primary');
    assert.equal(await runInReadScope(inRecovery), false, 'a request starts on the primary');
    assert.equal(
      await runInReadScope(async () => {
        readFromReplica();
        return inRecovery();
      }),
      true,
      'an anonymous read: the standby',
    );
    // A write in a read scope is refused by the standby and runs on the primary, and the rest of the request stays there.
    const [afterWrite, id] = await runInReadScope(async () => {
      readFromReplica();
      // nextval writes: the standby refuses it (SQLSTATE 25006) and it runs again on the primary.
      const [taken] = await replicaDb.query<{ id: number }>(`select nextval('audit_log_id_seq')::int as id`);
      return [await inRecovery(), taken!.id] as const;
    });
    assert.ok(id > 0);
    assert.equal(afterWrite, false, 'after a write, the request reads its own writes on the primary');
  });

  it('shows on the replica instance what staff publish on the primary instance, within the replication lag', async () => {
    const officer = await signIn(primaryApp!, 'partnership_officer');
    const created = await officer.post('/partnerships', { name: 'Sreplica Lag Test Board', kind: 'joint_committee', purpose: 'Measure the lag.' });
    const id = idIn(created.headers.location);
    assert.ok(id, `created: ${created.statusCode}`);
    // The public search, kept in the replica instance's page cache before the board is published.
    const search = '/register?q=Sreplica';
    const beforeList = await replicaApp!.inject({ url: search });
    assert.equal(beforeList.statusCode, 200);
    assert.doesNotMatch(beforeList.body, /Sreplica Lag Test Board/, 'a draft is not public anywhere');
    assert.ok(beforeList.headers.etag, 'the page is kept');
    // Asked again: 304 from the replica's data version. (Any transaction running anywhere on the shared server
    // at that instant also moves the version, as it does on the primary: hence a few tries.)
    let etag = String(beforeList.headers.etag);
    let notModified = false;
    for (let i = 0; i < 10 && !notModified; i++) {
      const again = await replicaApp!.inject({ url: search, headers: { 'if-none-match': etag } });
      notModified = again.statusCode === 304;
      etag = String(again.headers.etag ?? etag);
    }
    assert.ok(notModified, 'the search page is answered 304 from the replica instance');
    assert.equal((await officer.post(`/partnerships/${id}/publish`)).statusCode, 303);
    const published = performance.now();
    await waitFor(
      'the publication replayed on the standby',
      async () => (await standbySql!.query(`select 1 from partnerships where id = $1 and publication_state = 'published'`, [id])).rows.length === 1,
    );
    const replayed = Math.round(performance.now() - published);
    await waitFor('the published board on the replica instance', async () => (await replicaApp!.inject({ url: `/register/${id}` })).statusCode === 200);
    const shown = Math.round(performance.now() - published);
    // The replayed WAL moves the replica's data version: the kept page is drawn again.
    await waitFor('the published board in the kept search page', async () => /Sreplica Lag Test Board/.test((await replicaApp!.inject({ url: search })).body));
    console.log(
      `# published on the primary: replayed on the standby after ${replayed} ms; the public page on the replica instance after ${shown} ms; the kept search page after ${Math.round(performance.now() - published)} ms`,
    );
    assert.equal((await primaryApp!.inject({ url: `/register/${id}` })).statusCode, 200, 'the primary instance shows it');
    const api = await replicaApp!.inject({ url: `/api/v1/partnerships/${id}` });
    assert.equal(api.statusCode, 200, 'the public JSON API too');
  });

  describe('while the standby has stopped replaying (a lag as long as we like)', () => {
    before(async () => {
      await standbySql!.query('select pg_wal_replay_pause()');
      await waitFor(
        'replay paused',
        async () => (await standbySql!.query<{ s: string }>('select pg_get_wal_replay_pause_state() as s')).rows[0]!.s === 'paused',
      );
    });
    after(async () => {
      await standbySql!.query('select pg_wal_replay_resume()');
    });

    let boardId: string;
    it('lets staff on the replica instance read their own writes at once, from the primary', async () => {
      // Signing in writes a session (and counts the attempt): on the primary, although the standby is frozen.
      const officer = await signIn(replicaApp!, 'partnership_officer');
      const created = await officer.post('/partnerships', { name: 'Sreplica Paused Replay Board', kind: 'joint_committee', purpose: 'Read your writes.' });
      boardId = idIn(created.headers.location)!;
      assert.ok(boardId, `created: ${created.statusCode}`);
      const own = await officer.get(`/register/${boardId}`);
      assert.equal(own.statusCode, 200, 'staff see their draft at once');
      assert.match(own.body, /Sreplica Paused Replay Board/);
      assert.equal((await officer.post(`/partnerships/${boardId}/publish`)).statusCode, 303);
      const page = await officer.get(`/register/${boardId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Sreplica Paused Replay Board/);
      // The public on the replica instance read the frozen standby: not there yet. On the primary instance: there.
      assert.equal((await replicaApp!.inject({ url: `/register/${boardId}` })).statusCode, 404, 'anonymous reads come from the standby');
      assert.equal((await primaryApp!.inject({ url: `/register/${boardId}` })).statusCode, 200);
    });

    it('takes an anonymous form (an alert sign-up) on the replica instance, writing to the primary', async () => {
      const [body] = (await standbySql!.query<{ id: string }>(`select id from bodies where name = 'Communities and Partnership Committee'`)).rows;
      const visitor = anonymousAgent(replicaApp!);
      const email = `sreplica-${Date.now()}@example.net`;
      const res = await visitor.post('/alerts', { email, list: `/decisions?committee=${body!.id}` });
      assert.equal(res.statusCode, 200, /<main[\s\S]*<\/main>/.exec(res.body)?.[0].slice(0, 1500));
      assert.match(res.body, /Check your e-mail/);
      const primary = new pg.Client({ connectionString: databaseUrl(serverUrl!, name) });
      await primary.connect();
      try {
        const rows = (await primary.query('select 1 from alerts where email = $1', [email])).rows;
        assert.equal(rows.length, 1, 'the alert is kept on the primary');
      } finally {
        await primary.end();
      }
      const failed = await visitor.post('/sign-in', { email: 'nobody@example.org', password: 'not the password' });
      assert.equal(failed.statusCode, 400, 'a failed sign-in is counted on the primary and answered, not a 500');
      assert.match(failed.body, /There is a problem/);
    });

    it('shows the publication to the public once the standby replays again', async () => {
      await standbySql!.query('select pg_wal_replay_resume()');
      const lag = await waitFor('the board after replay resumed', async () => (await replicaApp!.inject({ url: `/register/${boardId}` })).statusCode === 200);
      console.log(`# after replay resumed: public on the replica instance in ${lag} ms`);
    });
  });
});

describe('DATABASE_READ_URL configuration', () => {
  it('needs DATABASE_URL, and a postgres:// address', () => {
    assert.throws(() => loadConfig({ DATABASE_READ_URL: 'postgres://replica/db' }), /DATABASE_READ_URL: a read replica needs its primary/);
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'postgres://primary/db', DATABASE_READ_URL: 'mysql://replica/db' }),
      /DATABASE_READ_URL: must start with postgres:\/\//,
    );
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://primary/db', DATABASE_READ_URL: 'postgres://replica/db' }).DATABASE_READ_URL, 'postgres://replica/db');
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://primary/db', DATABASE_READ_URL: '' }).DATABASE_READ_URL, undefined);
  });
});
