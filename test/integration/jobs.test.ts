// The shared job queue (src/db/jobs.ts) and what runs on it: agenda packs rebuilt in the background
// when a paper changes, with the last good pack served while a build is under way.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CAPABILITIES } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { openPostgres } from '../../src/db/database.ts';
import { runDueJobs, type JobHandler } from '../../src/db/job-worker.ts';
import { claimJob, claimNextJob, completeJob, enqueueJob, failJob, jobRunning, listJobs, MAX_ATTEMPTS } from '../../src/db/jobs.ts';
import { setReportPublished } from '../../src/meetings/meetings.service.ts';
import { anonymousAgent, buildTestApp, freshDatabase, type TestApp } from '../helper.ts';
import { pdfPageTexts } from '../pdf-text.ts';
import { databaseUrl } from '../db-templates.ts';

describe('the job queue', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  let tenantId: string;
  before(async () => {
    db = await freshDatabase({ from: 'migrated' });
    tenantId = (await db.db.query<{ id: string }>('select id from tenants limit 1'))[0]!.id;
  });
  after(() => db.drop());
  const waiting = async (kind: string) => (await listJobs(db.db, tenantId)).filter((j) => j.kind === kind && j.waiting);

  it('asking twice for a waiting job makes one job; a claimed job is not claimed again', async () => {
    await enqueueJob(db.db, tenantId, 'test.twice', 'a', { n: 1 });
    await enqueueJob(db.db, tenantId, 'test.twice', 'a', { n: 2 });
    assert.equal((await waiting('test.twice')).length, 1);
    const job = await claimNextJob(db.db, ['test.twice']);
    assert.equal(job?.key, 'a');
    assert.equal(await claimNextJob(db.db, ['test.twice']), null, 'claimed by us, so not offered again');
    assert.equal(await jobRunning(db.db, tenantId, 'test.twice', 'a'), true);
    await completeJob(db.db, job!);
    assert.equal((await waiting('test.twice')).length, 0);
  });

  it('a job asked for again while it runs runs once more after it finishes', async () => {
    await enqueueJob(db.db, tenantId, 'test.again', 'a');
    const first = await claimNextJob(db.db, ['test.again']);
    await enqueueJob(db.db, tenantId, 'test.again', 'a');
    assert.equal(await claimJob(db.db, tenantId, 'test.again', 'a'), null, 'a request does not take a job another is running');
    await completeJob(db.db, first!);
    assert.equal((await waiting('test.again')).length, 1, 'the newer request is still waiting');
    const second = await claimNextJob(db.db, ['test.again']);
    assert.ok(second);
    await completeJob(db.db, second);
    assert.equal((await waiting('test.again')).length, 0);
  });

  it('a job asked for once (the hourly run) is not run a second time for the same key', async () => {
    await enqueueJob(db.db, tenantId, 'test.hourly', '2026-12-06T10', {}, { once: true });
    const job = await claimNextJob(db.db, ['test.hourly']);
    await completeJob(db.db, job!);
    await enqueueJob(db.db, tenantId, 'test.hourly', '2026-12-06T10', {}, { once: true });
    assert.equal(await claimNextJob(db.db, ['test.hourly']), null);
  });

  it('a failed job keeps its error, waits before it is tried again, and stops after the last attempt', async () => {
    await enqueueJob(db.db, tenantId, 'test.fail', 'a');
    const job = await claimNextJob(db.db, ['test.fail']);
    await failJob(db.db, job!, new Error('the paper could not be read'));
    const [state] = await waiting('test.fail');
    assert.equal(state?.lastError, 'the paper could not be read');
    assert.equal(await claimNextJob(db.db, ['test.fail']), null, 'not tried again at once');
    await db.db.query(`update jobs set run_after = now() - interval '1 second', attempts = $1 where kind = 'test.fail'`, [MAX_ATTEMPTS]);
    assert.equal(await claimNextJob(db.db, ['test.fail']), null, 'given up after the last attempt');
    await enqueueJob(db.db, tenantId, 'test.fail', 'a');
    assert.ok(await claimNextJob(db.db, ['test.fail']), 'asked for again, it is tried afresh');
  });

  it('runDueJobs runs each due job with its handler and records a failure without stopping', async () => {
    const seen: string[] = [];
    const handlers: Record<string, JobHandler> = {
      'test.run': async (_db, job) => {
        seen.push(job.key);
        if (job.key === 'bad') throw new Error('broken');
      },
    };
    for (const key of ['one', 'bad', 'two']) await enqueueJob(db.db, tenantId, 'test.run', key);
    assert.equal(await runDueJobs(db.db, handlers), 3);
    assert.deepEqual(seen.sort(), ['bad', 'one', 'two']);
    assert.deepEqual(
      (await waiting('test.run')).map((j) => [j.key, j.lastError]),
      [['bad', 'broken']],
    );
  });

  it('two instances never claim the same job (FOR UPDATE SKIP LOCKED, on PostgreSQL)', {
    skip: !process.env.DATABASE_URL && 'one connection on PGlite',
  }, async () => {
    // A second connection to the same database, as a second instance of the application would have.
    const name = (await db.db.query<{ name: string }>('select current_database() as name'))[0]!.name;
    const other = await openPostgres(databaseUrl(process.env.DATABASE_URL!, name));
    try {
      for (const key of ['first', 'second']) await enqueueJob(db.db, tenantId, 'test.skip', key);
      await db.db.transaction({ actor: 'test' }, async (tx) => {
        // This instance is part way through claiming the first job: its row is locked.
        await tx.query(`select id from jobs where kind = 'test.skip' and key = 'first' for update`);
        const claimed = await claimNextJob(other, ['test.skip']);
        assert.equal(claimed?.key, 'second', 'the other instance skips the locked job rather than waiting for it');
      });
    } finally {
      await other.close();
    }
  });
});

describe('agenda packs in the background', () => {
  let t: TestApp;
  let handlers: Record<string, JobHandler>;
  let meetingId: string;
  let itemIds: string[];
  const ctx = () => ({ tenantId: t.tenantId, actor: 'test', requestId: 'jobs-test' });
  const packText = async () => {
    const res = await anonymousAgent(t.app).get(`/calendar/${meetingId}/agenda.pdf`);
    assert.equal(res.statusCode, 200);
    return (await pdfPageTexts(res.rawPayload)).join(' ');
  };
  const packRow = async () =>
    (
      await t.db.query<{ id: string; signature: string }>(
        `select id, signature from agenda_packs where meeting_id = $1 and kind = 'main' and audience = 'public' and deleted_at is null`,
        [meetingId],
      )
    )[0];

  before(async () => {
    t = await buildTestApp();
    const config = loadConfig({ NODE_ENV: 'test', COUNCIL_NAME: 'Cambridge City Council' });
    handlers = Object.assign({}, ...CAPABILITIES.map((c) => c.jobs?.({ db: t.db, config, tenantId: t.tenantId }) ?? {}));
    // The 31 May 2018 meeting's agenda is published with its papers; take the last two published.
    const rows = await t.db.query<{ meetingId: string; itemId: string }>(
      `select m.id as "meetingId", i.id as "itemId" from meetings m join agenda_items i on i.meeting_id = m.id and i.deleted_at is null
       join reports r on r.agenda_item_id = i.id and r.deleted_at is null and r.status = 'published'
       where m.meeting_date = '2018-05-31' and m.agenda_published_on is not null and i.exempt_paragraph is null
       order by i.position desc limit 2`,
    );
    assert.equal(rows.length, 2, 'the demo has a published agenda with published papers');
    meetingId = rows[0]!.meetingId;
    itemIds = rows.map((r) => r.itemId);
  });
  after(() => t.close());

  // Withdrawing a paper changes the pack (publishing one now would put it in the supplementary pack instead).
  const unpublish = async (itemId: string) => {
    const report = (await t.db.query<{ version: number }>(`select version from reports where agenda_item_id = $1 and deleted_at is null`, [itemId]))[0]!;
    await setReportPublished(t.db, ctx(), meetingId, itemId, report.version, false);
  };

  it('the demo’s published agendas have their packs asked for, to be built after start', async () => {
    const keys = (await listJobs(t.db, t.tenantId)).filter((j) => j.kind === 'meetings.pack' && j.waiting).map((j) => j.key);
    assert.ok(keys.includes(`${meetingId}:main:public`), keys.join(', '));
  });

  it('a change to a paper asks for the packs to be rebuilt; the job builds the public pack before anyone asks', async () => {
    const before = await packText();
    const built = await packRow();
    await unpublish(itemIds[0]!);
    const asked = (await listJobs(t.db, t.tenantId)).filter((j) => j.kind === 'meetings.pack' && j.waiting && j.key.startsWith(meetingId));
    assert.deepEqual(asked.map((j) => j.key.slice(meetingId.length + 1)).sort(), ['main:members', 'main:public', 'supplement:members', 'supplement:public']);
    assert.ok((await runDueJobs(t.db, handlers)) >= 4);
    const rebuilt = await packRow();
    assert.notEqual(rebuilt?.signature, built?.signature, 'the worker rebuilt the pack');
    const after = await packText();
    assert.ok(after !== before);
    assert.equal((await packRow())?.id, rebuilt?.id, 'the request served the pack the worker built, without building again');
  });

  it('while another instance is building, a request gets the last good pack; with no one building, the request builds it', async () => {
    const lastGood = await packText();
    await unpublish(itemIds[1]!);
    const elsewhere = await claimJob(t.db, t.tenantId, 'meetings.pack', `${meetingId}:main:public`);
    assert.ok(elsewhere, 'another instance has taken the build');
    assert.ok((await packText()) === lastGood, 'the last good pack is served meanwhile');
    await failJob(t.db, elsewhere, new Error('that instance stopped'));
    const fresh = await packText();
    assert.ok(fresh !== lastGood, 'no one is building now, so the request builds the pack itself');
  });
});
