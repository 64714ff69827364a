// Every PDF the product generates is tagged and embeds its fonts (issue 17), checked through the HTTP
// layer on the demo's documents and read back with pdf.js and pdf-lib's parser: the Finance and
// Performance Report (with its chart as a figure with alternative text), the agenda pack of 31 May
// 2018 (its front sheet and generated papers tagged, the page numbers artifacts), the minutes of
// 17 April 2018 and the committee's action log, the quarterly update to Cabinet and the annual review.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { anonymousAgent, type Agent, buildTestApp, signIn, type TestApp } from '../helper.ts';
import { readTags, rolesOf, type TagReport } from '../unit/pdf-tags-reader.ts';

const BODY = 'Communities and Partnership Committee';

describe('generated PDFs are tagged, titled, in English and embed every font', () => {
  let t: TestApp;
  let councillor: Agent;
  let officer: Agent;
  const one = async (sql: string, params: unknown[] = []) => (await t.db.query<{ id: string }>(sql, params))[0]!.id;

  before(async () => {
    t = await buildTestApp();
    councillor = await signIn(t.app, 'councillor');
    officer = await signIn(t.app, 'partnership_officer');
  });
  after(async () => t?.close());

  const download = async (agent: Agent, url: string): Promise<TagReport> => {
    const res = await agent.get(url);
    assert.equal(res.statusCode, 200, url);
    assert.equal(res.headers['content-type'], 'application/pdf', url);
    return readTags(res.rawPayload);
  };

  /** What every document the product lays out itself must have. */
  const assertTagged = (r: TagReport, title: RegExp) => {
    assert.equal(r.marked, true, 'marked as tagged');
    assert.match(r.title ?? '', title);
    assert.equal(r.lang, 'en-GB');
    assert.equal(r.displayDocTitle, true, 'viewers show the title, not the file name');
    assert.deepEqual(r.unembeddedFonts, [], 'every font embedded');
    assert.deepEqual(r.unmarkedText, [], 'every piece of text is content in the tree or an artifact');
    assert.equal(rolesOf(r, 'H1').length >= 1, true, 'a top-level heading');
    assert.equal(r.headerCells.scoped, r.headerCells.total, 'every header cell says which cells it heads');
    assert.ok(
      r.artifactText.some((s) => /^Page \d+ of \d+$/.test(s)),
      'page numbers are artifacts',
    );
    assert.ok(!r.elements.some((e) => /\bPage \d+ of \d+\b/.test(e.text)), 'page numbers are not content');
  };

  it('the Finance and Performance Report: headings, tables with header cells, and the variance chart as a figure with alt text', async () => {
    const id = await one('select id from finance_reports where period = 13 and deleted_at is null order by created limit 1');
    const r = await download(councillor, `/finance/reports/${id}/report.pdf`);
    assertTagged(r, /Finance and Performance Report/);
    assert.deepEqual(
      rolesOf(r, 'H1').map((e) => e.text),
      ['Finance and Performance Report – Outturn 2017-18'],
    );
    assert.ok(rolesOf(r, 'H2').some((e) => e.text === 'Appendix 2 – Commentary'));
    assert.ok(rolesOf(r, 'TH').length > 10);
    assert.ok(rolesOf(r, 'TH').some((e) => /Budget|Outturn|Service/i.test(e.text)));
    const [figure] = rolesOf(r, 'Figure');
    assert.match(figure?.alt ?? '', /^Bar chart of the forecast variance by directorate\. .* is forecast (underspent|overspent) by £[\d,]+k\./);
  });

  it('the public agenda pack of 31 May 2018: the front sheet lists the items, and generated papers keep their tags', async () => {
    const bodyId = await one('select id from bodies where name = $1', [BODY]);
    const meetingId = await one(`select id from meetings where body_id = $1 and meeting_date = '2018-05-31' and kind = 'formal'`, [bodyId]);
    const r = await download(anonymousAgent(t.app), `/calendar/${meetingId}/agenda.pdf`);
    assert.equal(r.marked, true);
    assert.match(r.title ?? '', /Communities and Partnership Committee, 31 May 2018: agenda pack/);
    assert.equal(r.lang, 'en-GB');
    assert.deepEqual(r.unembeddedFonts, [], 'every font embedded, the page numbers included');
    assert.equal(rolesOf(r, 'H1')[0]?.text, 'COMMUNITIES AND PARTNERSHIP COMMITTEE');
    assert.equal(rolesOf(r, 'H1')[0]?.page, 1);
    // The agenda items are a list: number as label, title in the body.
    const labels = rolesOf(r, 'Lbl').filter((e) => e.page === 1);
    assert.deepEqual(
      labels.slice(0, 3).map((e) => e.text),
      ['1.', '2.', '3.'],
    );
    // The generated F&P report (item 9's paper) is tagged inside the pack, its chart a figure.
    assert.ok(rolesOf(r, 'H1').some((e) => e.text === 'Finance and Performance Report – Outturn 2017-18' && e.page > 1));
    assert.ok(rolesOf(r, 'Figure').some((e) => /forecast variance by directorate/.test(e.alt ?? '')));
    assert.ok(
      r.artifactText.some((s) => /^Page \d+ of \d+$/.test(s)),
      'the stamped page numbers are artifacts',
    );
    assert.ok(!r.elements.some((e) => /\bPage \d+ of \d+\b/.test(e.text)));
  });

  it('the minutes of 17 April 2018 and the action log', async () => {
    const bodyId = await one('select id from bodies where name = $1', [BODY]);
    const april = await one(`select id from meetings where body_id = $1 and meeting_date = '2018-04-17' and kind = 'formal'`, [bodyId]);
    const minutes = await download(councillor, `/meetings/${april}/minutes.pdf`);
    assertTagged(minutes, /Communities and Partnership Committee/);
    assert.match(rolesOf(minutes, 'H1')[0]?.text ?? '', /COMMUNITIES AND PARTNERSHIP COMMITTEE: (DRAFT )?MINUTES/);
    assert.ok(rolesOf(minutes, 'H2').some((e) => /^56\.? ?Committee Agenda Plan and Appointments/i.test(e.text)));
    assert.ok(
      rolesOf(minutes, 'Lbl').some((e) => e.text === 'a)'),
      'lettered resolutions are list items',
    );

    const log = await download(councillor, `/bodies/${bodyId}/actions.pdf`);
    assertTagged(log, /action log/);
    assert.ok(rolesOf(log, 'TH').length >= 4);
  });

  it('the quarterly update to Cabinet and the annual review', async () => {
    const quarterly = await download(officer, '/quarterly-updates/report.pdf?quarter=2009-04-01&date=2009-07-07');
    assertTagged(quarterly, /.+/);
    assert.equal(rolesOf(quarterly, 'H1')[0]?.text, 'QUARTERLY UPDATE REPORT ON KEY PARTNERSHIPS');
    assert.ok(rolesOf(quarterly, 'H2').some((e) => /^A\) /.test(e.text)));
    assert.ok(rolesOf(quarterly, 'H3').some((e) => e.text === 'SUMMARY OF ACTIVITY'));
    assert.ok(rolesOf(quarterly, 'Lbl').some((e) => e.text === '1.1'));

    const reviewId = await one('select id from annual_reviews');
    const annual = await download(councillor, `/annual-reviews/${reviewId}/review.pdf`);
    assertTagged(annual, /.+/);
    assert.ok(rolesOf(annual, 'H2').some((e) => e.text === '1. Executive summary'));
    assert.ok(rolesOf(annual, 'H3').length > 0);
  });

  it('a PDF that is not there is a 404, not a 500', async () => {
    assert.equal((await councillor.get('/annual-reviews/00000000-0000-4000-8000-000000000000/review.pdf')).statusCode, 404);
    assert.equal((await councillor.get('/finance/reports/not-a-uuid/report.pdf')).statusCode, 404);
  });
});
