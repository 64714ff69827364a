// A long values import shows its progress (issue 19). With IMPORT_WAIT_SECONDS=0 the form never waits: it sends
// the officer to the import's own page, which shows how far the import has got while it runs and, once it has
// ended, what the form would have shown (the count imported, or the problems and the token to import the rest).
// On PostgreSQL the test holds the indicator's row locked, so the import waits at its first write while the
// page is read from another connection; on PGlite, whose one connection the import holds, the page answers
// once the import has ended.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { type ConfigData, HtmlValidate } from 'html-validate';
import { buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { testIndicator } from '../indicators.ts';
import { toCsvText } from '../../src/performance/values-io.ts';
import { VALUE_COLUMNS } from '../../src/performance/values-validation.ts';
import { IMPORT_FAILED, IMPORT_STOPPED } from '../../src/performance/values-io.routes.ts';
import { holdLocked } from '../locks.ts';
import { errorSummaryOf, mainTextOf, redirectedTo } from '../pages.ts';

const validator = new HtmlValidate(JSON.parse(readFileSync(new URL('../../.htmlvalidaterc.json', import.meta.url), 'utf8')) as ConfigData);
const csv = (rows: string[][]) => Buffer.from(toCsvText([[...VALUE_COLUMNS], ...rows]));
const monthly = (count: number, from = 2010) =>
  Array.from({ length: count }, (_, k) => {
    const year = from + Math.floor(k / 12);
    return ['PG 1', 'Progress test count', `${year}-${String((k % 12) + 1).padStart(2, '0')}`, String(100 + (k % 7)), '', '', 'final', '', '', '', '', ''];
  });
const upload = (data: Buffer, filename = 'values.csv') => ({ field: 'file', filename, data, type: 'text/csv' });
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('performance import: the progress page', () => {
  let t: TestApp;
  let officer: Agent;
  let indicator: string;
  const values = async () =>
    (await t.db.query<{ n: number }>('select count(*)::int as n from indicator_values where indicator_id = $1 and deleted_at is null', [indicator]))[0]!.n;

  /** Reads the import's page until it is no longer the progress page (an import ends in seconds here). */
  async function ended(url: string) {
    for (let tries = 0; tries < 200; tries++) {
      const res = await officer.get(url);
      if (res.statusCode !== 200 || !res.body.includes('data-import-progress')) return res;
      await wait(50);
    }
    assert.fail(`${url} still shows the import running`);
  }

  before(async () => {
    t = await buildTestApp({ env: { IMPORT_WAIT_SECONDS: '0' } });
    officer = await signIn(t.app, 'performance_officer');
    indicator = await testIndicator(t.db, t.tenantId, { code: 'PG 1', title: 'Progress test count' });
  });
  after(async () => t?.close());

  it('sends the form to the import page, which ends in the count imported; the import page lists it', async () => {
    const posted = await officer.postMultipart('/performance/import', {}, upload(csv(monthly(24)), 'two-years.csv'));
    const page = redirectedTo(posted, /^\/performance\/imports\/[0-9a-f-]{36}$/);
    const done = await ended(page);
    redirectedTo(done, /^\/performance\?done=imported&count=24$/);
    assert.equal(await values(), 24);
    const list = mainTextOf((await officer.get('/performance/import')).body);
    assert.match(list, /Imports in the last week/);
    assert.match(list, /two-years\.csv .* by performance\.officer@example\.org 24 rows imported/);
  });

  it('ends a file with a problem in the problems and the token, and the confirmed import of the rest goes the same way', async () => {
    const rows = monthly(12, 2014);
    rows[4]![3] = 'lots';
    const page = redirectedTo(await officer.postMultipart('/performance/import', {}, upload(csv(rows), 'one-bad.csv')), /^\/performance\/imports\//);
    const shown = await ended(page);
    assert.equal(shown.statusCode, 200);
    assert.match(errorSummaryOf(shown.body), /The file has 1 problem\. Nothing has been imported/);
    assert.match(mainTextOf(shown.body), /1 problem in 12 rows/);
    const token = /name="token" value="([^"]+)"/.exec(shown.body)?.[1];
    assert.ok(token, 'the page offers to import the rows without problems');
    assert.equal(await values(), 24);
    const confirmed = redirectedTo(await officer.post('/performance/import', { confirmed: 'yes', token }), /^\/performance\/imports\//);
    redirectedTo(await ended(confirmed), /count=11$/);
    assert.equal(await values(), 35);
    // A token used once is refused at once, without an import being started.
    const again = await officer.post('/performance/import', { confirmed: 'yes', token });
    assert.equal(again.statusCode, 400);
    assert.match(errorSummaryOf(again.body), /no longer available/);
  });

  it('shows how far a running import has got, in valid HTML, while the import waits (PostgreSQL)', async (ctx) => {
    if (t.db.engine !== 'postgres') return ctx.skip('PGlite has one connection, which the import holds');
    // Another session holds the indicator's row: the import's first write waits for it, as behind a long edit.
    const lock = await holdLocked(t.db, 'select id from indicators where id = $1', [indicator]);
    try {
      const page = redirectedTo(
        await officer.postMultipart('/performance/import', {}, upload(csv(monthly(36, 2030)), 'three-years.csv')),
        /^\/performance\/imports\//,
      );
      // The page at once, then again until the import has read the file and waits at its write.
      let running = await officer.get(page);
      assert.match(mainTextOf(running.body), /\d+ of about 36 rows read and checked/);
      for (let tries = 0; tries < 100 && !mainTextOf(running.body).includes('36 of about'); tries++, await wait(50)) running = await officer.get(page);
      assert.equal(running.statusCode, 200);
      assert.equal(running.headers['cache-control'], 'no-store');
      const text = mainTextOf(running.body);
      assert.match(text, /Importing indicator values/);
      assert.match(text, /From three-years\.csv, started .* by performance\.officer@example\.org/);
      assert.match(text, /36 of about 36 rows read and checked/);
      assert.match(running.body, /<progress class="app-progress" max="100" value="99"/);
      const report = await validator.validateString(running.body);
      assert.ok(report.valid, JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))));
      // The running instance writes its progress for the others within a few seconds.
      let stored = 0;
      for (let tries = 0; tries < 50 && stored === 0; tries++, await wait(100))
        stored = (await t.db.query<{ n: number }>('select rows_done as n from value_imports where id = $1', [page.split('/').pop()]))[0]!.n;
      assert.equal(stored, 36);
      assert.match(mainTextOf((await officer.get('/performance/import')).body), /three-years\.csv .* Running: 36 of about 36 rows read and checked/);
      assert.equal(await values(), 35, 'nothing is imported while it runs');
      await lock.release();
      redirectedTo(await ended(page), /count=36$/);
      assert.equal(await values(), 71);
    } finally {
      await lock.release();
    }
  });

  it("says an import stopped when its instance stopped, and shows a server fault's message, never a 500", async () => {
    const [stopped, failed] = ['9b7f1c52-0c5e-4d55-8f55-5a4a8d3f0a01', '9b7f1c52-0c5e-4d55-8f55-5a4a8d3f0a02'];
    await t.db.query(
      `insert into value_imports (tenant_id, id, filename, started_by, heartbeat_at) values ($1, $2, 'stopped.csv', 'someone', clock_timestamp() - interval '5 minutes')`,
      [t.tenantId, stopped],
    );
    await t.db.query(
      `insert into value_imports (tenant_id, id, filename, started_by, state, outcome, ended_at) values ($1, $2, 'failed.csv', 'someone', 'failed', '{"kind":"failed"}', clock_timestamp())`,
      [t.tenantId, failed],
    );
    for (const [id, message] of [
      [stopped, IMPORT_STOPPED],
      [failed, IMPORT_FAILED],
    ] as const) {
      const res = await officer.get(`/performance/imports/${id}`);
      assert.equal(res.statusCode, 200);
      assert.equal(errorSummaryOf(res.body).trim(), `There is a problem ${message}`);
    }
    const list = mainTextOf((await officer.get('/performance/import')).body);
    assert.match(list, /stopped\.csv .* Not imported: stopped before it ended/);
    assert.match(list, /failed\.csv .* Not imported: a fault on the server/);
  });

  it('shows a file name with markup in it as text, on the import page', async () => {
    const page = redirectedTo(
      await officer.postMultipart('/performance/import', {}, upload(csv(monthly(1, 2040)), '<script>alert(1)</script>.csv')),
      /^\/performance\/imports\//,
    );
    await ended(page);
    const list = (await officer.get('/performance/import')).body;
    assert.ok(!list.includes('<script>alert(1)'), 'the name is escaped');
    // The name is cut at its last slash, as every upload's is: what is left is shown, and one row is "1 row".
    assert.match(mainTextOf(list), /script\.csv .* 1 row imported /);
  });

  it('answers 404 for an import that is not there, and only to those who may import', async () => {
    assert.equal((await officer.get('/performance/imports/9b7f1c52-0c5e-4d55-8f55-5a4a8d3f0aff')).statusCode, 404);
    assert.equal((await officer.get('/performance/imports/not-an-id')).statusCode, 404);
    const [row] = await t.db.query<{ id: string }>(`select id from value_imports limit 1`);
    const councillor = await signIn(t.app, 'councillor');
    assert.equal((await councillor.get(`/performance/imports/${row!.id}`)).statusCode, 403);
  });
});
