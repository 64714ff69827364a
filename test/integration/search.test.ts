// Site search through HTTP: English stemming, filters, paging, extracts escaped before they are
// highlighted, an uploaded paper's own words, bad input answered with a message, and the public
// never finding a draft, private or exempt record's words, which staff find marked.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { runDueJobs } from '../../src/db/job-worker.ts';
import { search } from '../../src/search/index.ts';
import { loadConfig } from '../../src/config.ts';
import { buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { wordDocument } from '../documents.ts';
import { buildConfidentialSet, type ConfidentialSet } from '../leak-fixtures.ts';
import { errorSummaryOf, textOf } from '../pages.ts';

describe('site search', () => {
  let t: TestApp;
  let staff: Agent;
  let confidential: ConfidentialSet;
  let bodyId: string;
  let meeting: string;
  const q = <T = { id: string }>(sql: string, params: unknown[] = []) => t.db.query<T>(sql, params);
  const one = async (sql: string, params: unknown[] = []) => (await q(sql, params))[0]!.id;
  const publicSearch = async (query: string) => {
    const res = await t.app.inject(`/search?${query}`);
    assert.equal(res.statusCode, 200, `/search?${query}: ${res.statusCode}`);
    return res.body;
  };
  const resultCount = (html: string) => Number(/(\d+) results?/.exec(textOf(html))?.[1] ?? -1);

  const upload = async (itemId: string, filename: string, contentType: string, data: Uint8Array) => {
    const file = await one(`insert into files (tenant_id, filename, content_type, size_bytes, sha256, content) values ($1, $2, $3, $4, $5, $6) returning id`, [
      t.tenantId,
      filename,
      contentType,
      data.length,
      createHash('sha256').update(data).digest('hex'),
      Buffer.from(data),
    ]);
    await q(
      `insert into reports (tenant_id, agenda_item_id, kind, file_id, status, published_at) values ($1, $2, 'upload', $3, 'published', clock_timestamp())`,
      [t.tenantId, itemId, file],
    );
  };

  before(async () => {
    t = await buildTestApp();
    const tenant = t.tenantId;
    await q(`insert into partnerships (tenant_id, name, kind, purpose, publication_state) values ($1, $2, 'forum', $3, 'published')`, [
      tenant,
      'Zyxwv Flooding Partnership',
      'Quarrying <img src=x onerror=alert(1)> and <script>alert(2)</script> quarries & more',
    ]);
    for (let n = 1; n <= 25; n++) {
      await q(`insert into partnerships (tenant_id, name, kind, purpose, publication_state) values ($1, $2, 'forum', 'Pelicans', 'published')`, [
        tenant,
        `Pelican Forum ${String(n).padStart(2, '0')}`,
      ]);
    }
    bodyId = await one(`insert into bodies (tenant_id, name, kind, publication_state) values ($1, 'Zyxwv Board', 'board', 'published') returning id`, [tenant]);
    meeting = await one(
      `insert into meetings (tenant_id, body_id, meeting_date, is_public, agenda_published_on) values ($1, $2, '2024-03-01', true, '2024-02-20') returning id`,
      [tenant, bodyId],
    );
    const item = async (position: number, title: string) =>
      one(`insert into agenda_items (tenant_id, meeting_id, position, title) values ($1, $2, $3, $4) returning id`, [tenant, meeting, position, title]);
    await item(1, 'Flood defences review');
    // Uploaded papers: their own words are read by the background job the upload asks for.
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage().drawText('The quokka habitat corridor is extended to Wyvern Lane.', { x: 50, y: 700, font, size: 12 });
    await upload(await item(2, 'Habitat paper'), 'habitat.pdf', 'application/pdf', await pdf.save());
    await upload(
      await item(3, 'Word paper'),
      'wombat.docx',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      wordDocument('The wombat crossing is funded.'),
    );
    const handlers = search.jobs!({ db: t.db, config: loadConfig({ NODE_ENV: 'test' }), tenantId: tenant });
    assert.ok((await runDueJobs(t.db, handlers)) >= 2);
    confidential = await buildConfidentialSet(t);
    await runDueJobs(t.db, handlers);
    staff = await signIn(t.app, 'democratic_services');
  });
  after(() => t?.close());

  it('finds words by their English stem: "flooded partnerships" finds the Flooding Partnership', async () => {
    const html = await publicSearch('q=flooded+partnerships');
    assert.match(html, /<a class="govuk-link" href="\/register\/[0-9a-f-]+">Zyxwv <mark>Flooding<\/mark> <mark>Partnership<\/mark><\/a>/);
  });

  it('is a page of the public site: a visitor gets the public navigation, not the back office’s', async () => {
    const res = await t.app.inject('/search?q=partnership');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /href="\/register"[^>]*>\s*Partnerships/);
    assert.doesNotMatch(res.body, /href="\/people"/);
    assert.doesNotMatch(res.body, /href="\/finance"/);
  });

  it('escapes the record text before highlighting the matches', async () => {
    const html = await publicSearch('q=quarry');
    assert.match(html, /<mark>Quarrying<\/mark>/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(html, /<img src=x|<script>alert/);
    assert.match(html, /&amp; more/);
  });

  it('filters by kind, committee and date', async () => {
    const base = `q=flood&committee=${bodyId}`;
    assert.equal(resultCount(await publicSearch(base)), 1);
    assert.match(await publicSearch(`${base}&type=agenda_item`), /<mark>Flood<\/mark> defences review/);
    assert.equal(resultCount(await publicSearch(`${base}&type=partnership`)), 0);
    assert.equal(resultCount(await publicSearch('q=flood&type=partnership')), 1);
    assert.equal(resultCount(await publicSearch(`${base}&from-day=1&from-month=1&from-year=2024&to-day=31&to-month=3&to-year=2024`)), 1);
    assert.equal(resultCount(await publicSearch(`${base}&to-day=29&to-month=2&to-year=2024`)), 0);
  });

  it('pages the results, 20 at a time', async () => {
    const first = await publicSearch('q=pelican');
    assert.match(textOf(first), /25 results \(page 1 of 2\)/);
    assert.equal((first.match(/>Pelican<\/mark> Forum \d\d</g) ?? []).length, 20);
    assert.match(first, /href="\/search\?q=pelican&amp;page=2"/);
    const second = await publicSearch('q=pelican&page=2');
    assert.equal((second.match(/>Pelican<\/mark> Forum \d\d</g) ?? []).length, 5);
    assert.match(textOf(await publicSearch('q=pelican&page=9')), /25 results \(page 1 of 2\)/);
  });

  it('finds the words inside uploaded PDF and Word papers', async () => {
    const pdfHits = await publicSearch('q=%22quokka+habitat+corridor%22');
    assert.equal(resultCount(pdfHits), 1);
    assert.match(pdfHits, /<mark>quokka<\/mark> <mark>habitat<\/mark> <mark>corridor<\/mark>/);
    assert.match(await publicSearch('q=wombat'), /Word paper/);
  });

  it('reads, in the hourly run, a paper uploaded before search could ask for it', async () => {
    const item = await one(`insert into agenda_items (tenant_id, meeting_id, position, title) values ($1, $2, 4, 'Older paper') returning id`, [
      t.tenantId,
      meeting,
    ]);
    await upload(item, 'older.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', wordDocument('The numbat survey.'));
    await q(`delete from jobs where kind = 'search.extract-text'`);
    assert.equal(resultCount(await publicSearch('q=numbat')), 0);
    assert.equal(await search.hourly!(t.db, t.tenantId, ''), 1);
    assert.match(await publicSearch('q=numbat'), /Older paper/);
  });

  it('answers bad input with a message, never an error', async () => {
    const cases: [string, RegExp][] = [
      ['q=', /Enter what you are looking for/],
      ['q=+++', /Enter what you are looking for/],
      [`q=${'a'.repeat(201)}`, /200 characters or fewer/],
      ['q=the+and', /more specific word/],
      ['q=flood&type=nonsense', /Select the kinds of record/],
      ['q=flood&committee=not-a-uuid', /Select a committee or board/],
      ['q=flood&from-day=32&from-month=13&from-year=2024', /Date from/],
      ['q=flood&q=again', /Enter what you are looking for/],
      ['q=%22unclosed+-+%7C+(&page=abc', /^$/],
    ];
    for (const [query, message] of cases) {
      const html = await publicSearch(query);
      assert.match(errorSummaryOf(html), message, query);
    }
    assert.doesNotMatch(await publicSearch(''), /There is a problem/);
  });

  it('never lets the public find a draft, private or exempt record, and shows staff each one marked', async () => {
    for (const [marker, what] of confidential.markers) {
      const html = await publicSearch(`q=${marker}`);
      assert.equal(resultCount(html), 0, `the public found the ${what}`);
    }
    const staffFinds = async (marker: string, tag: RegExp) => {
      const res = await staff.get(`/search?q=${marker}`);
      assert.equal(res.statusCode, 200);
      assert.ok(resultCount(res.body) >= 1, `staff did not find ${confidential.markers.get(marker)}`);
      assert.match(textOf(res.body), tag, confidential.markers.get(marker));
    };
    const markerOf = (what: string) => [...confidential.markers].find(([, w]) => w === what)![0];
    await staffFinds(markerOf('draft partnership name'), /Draft/);
    await staffFinds(markerOf('exempt item title'), /Exempt: not published/);
    await staffFinds(markerOf('draft report purpose'), /Draft/);
    await staffFinds(markerOf('private meeting resolution'), /Not published|Draft/);
    await staffFinds(markerOf('draft indicator definition'), /Draft/);
    // A published record is not marked for staff.
    assert.doesNotMatch((await staff.get('/search?q=flooded')).body, /govuk-tag--yellow/);
  });
});
