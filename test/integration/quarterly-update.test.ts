// The quarterly update to Cabinet (seed 001) through the pages, on the demo data: the quarter's partnerships
// with their summaries of activity; the report regenerates seed 001's contents, contact table and six sections
// with their indicators; an officer writes a summary (every error at once, nothing saved, Post/Redirect/Get,
// audited) and the lead member approves it; the PDF and Word downloads open and the contents' page ranges fit
// the PDF.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { errorSummaryOf, okPage, redirectedTo, textOf } from '../pages.ts';

const Q = '2009-04-01';
const SEED_ORDER = [
  'Cambridgeshire Together',
  'Children and Young People Steering Group',
  'Cambridgeshire Care Partnership',
  'Cambridgeshire Horizons',
  'Community Safety Strategic Partnership Board',
  'Greater Cambridge Partnership',
];

describe('Quarterly update to Cabinet', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  const idOf = async (name: string) => (await t.db.query<{ id: string }>('select id from partnerships where name = $1 and deleted_at is null', [name]))[0]!.id;

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'partnership_officer');
    councillor = await signIn(t.app, 'councillor');
  });
  after(async () => t?.close());

  it("lists the quarter's partnerships with the state of their summaries of activity", async () => {
    const text = textOf(await okPage(officer, `/quarterly-updates?quarter=${Q}`));
    assert.match(text, /Quarter 1 2009\/10 \(April to June 2009\)/);
    assert.match(text, /Cambridgeshire Together Approved by Cllr Jill Tuck on 1 July 2009/);
    assert.match(text, /Fenland Local Strategic Partnership Not yet written/);
  });

  it("regenerates seed 001's contents, contact table and six sections with their indicators", async () => {
    const html = await okPage(officer, `/quarterly-updates/report?quarter=${Q}&date=2009-07-07`);
    const text = textOf(html);
    assert.match(text, /Date 7 July 2009/);
    assert.match(text, /the following six partnerships:/);
    const letters = SEED_ORDER.map((name, i) => text.indexOf(`${String.fromCharCode(65 + i)}) ${name} (page`));
    assert.ok(
      letters.every((at) => at > 0),
      `every partnership is in the contents, lettered in the seed order: ${letters} ${text.slice(text.indexOf('Purpose'), text.indexOf('Recommendation'))}`,
    );
    assert.deepEqual(
      [...letters].sort((a, b) => a - b),
      letters,
    );
    // The contact table as at the report's date (seed 001, page 1).
    assert.match(text, /Cambridgeshire Together Adrian Smith .*Head of Corporate Development.*Jill Tuck/);
    assert.match(text, /Mary Whitehand/);
    assert.match(text, /Gaynor Mears/);
    // Sections: responsibilities, the approved summary of activity, indicators and funding.
    assert.match(
      text,
      /A\) Cambridgeshire Together .*Summary of activity The Cambridgeshire Together Board endorsed the creation of the Cambridgeshire Public Service Board/,
    );
    assert.match(text, /C\) Cambridgeshire Care Partnership .*There has been no meeting since the 24 March 2009/);
    assert.match(text, /Indicator Baseline Target Actual/);
    // Seed 001's figures: NI 32's 25% repeat rate for 2008/09 against 28%; NI 16 from 12.53 to 12.2 per 1,000.
    assert.match(text, /NI 32 Reducing repeat domestic violence incidents [^–]*– 28% 25% \(2008\/09\)/);
    assert.match(text, /NI 16 Serious acquisitive crime rate 12\.53 per 1,000 12\.20 per 1,000/);
    // The exception report for NI 8 (seed 001, 6.6) is in the Greater Cambridge Partnership's section.
    assert.match(
      text,
      /F\) Greater Cambridge Partnership .*Exception report: Adult participation in sport and active recreation Concern was expressed about the crudeness of the indicator/,
    );
    assert.match(text, /Implications .*Statutory duties requirements and partnership working/);
    // Another partnership chosen on its own is the only section.
    const one = textOf(await okPage(officer, `/quarterly-updates/report?quarter=${Q}&p=${await idOf('Cambridgeshire Horizons')}`));
    assert.match(one, /the following one partnership:/);
    assert.match(one, /A\) Cambridgeshire Horizons \(page/);
    assert.doesNotMatch(one, /B\) /);
  });

  it('the PDF and Word downloads open, and the contents page ranges fit the PDF', async () => {
    const pdf = await officer.get(`/quarterly-updates/report.pdf?quarter=${Q}&date=2009-07-07`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const doc = await PDFDocument.load(pdf.rawPayload);
    const html = await okPage(officer, `/quarterly-updates/report?quarter=${Q}&date=2009-07-07`);
    const ranges = [...textOf(html).matchAll(/\) [^()]+ \(pages? (\d+)(?:-(\d+))?\)/g)].map((m) => [Number(m[1]), Number(m[2] ?? m[1])] as const);
    assert.equal(ranges.length, 6);
    let previous = 1;
    for (const [first, last] of ranges) {
      assert.ok(first >= previous && last >= first && last <= doc.getPageCount(), `pages ${first}-${last} of ${doc.getPageCount()}`);
      previous = first;
    }
    assert.ok(ranges[0]![0] >= 2, 'the first section starts after the front page');
    const docx = await officer.get(`/quarterly-updates/report.docx?quarter=${Q}&date=2009-07-07`);
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
  });

  it('an officer writes a summary (every error at once, nothing saved), the lead member approves it, and both are audited', async () => {
    const id = await idOf('Fenland Local Strategic Partnership');
    const edit = textOf(await okPage(officer, `/quarterly-updates/${id}?quarter=${Q}`));
    assert.match(edit, /Not yet written/);
    assert.match(edit, /Draft from the record/);

    const bad = await officer.post(`/quarterly-updates/${id}`, { quarter: Q, summary: '   ' });
    assert.equal(bad.statusCode, 400);
    assert.match(errorSummaryOf(bad.body), /Enter the summary of activity/);
    assert.equal((await t.db.query('select 1 from activity_updates where partnership_id = $1', [id])).length, 0);
    // A councillor may approve but not write.
    assert.equal((await councillor.post(`/quarterly-updates/${id}`, { quarter: Q, summary: 'x' })).statusCode, 403);

    const ok = await officer.post(`/quarterly-updates/${id}`, {
      quarter: Q,
      summary: 'The Fenland LSP met on 3 June.\n\nIt agreed its worklessness action plan.',
    });
    redirectedTo(ok, new RegExp(`/quarterly-updates/${id}\\?quarter=${Q}&done=saved`));
    const saved = textOf(await okPage(councillor, ok.headers.location as string));
    assert.match(saved, /Draft: not yet submitted to the lead member/);
    // The officer submits it; the demo councillor is made Fenland's lead member (its member contact) to approve.
    const [draft] = await t.db.query<{ version: number }>('select version from activity_updates where partnership_id = $1', [id]);
    redirectedTo(await officer.post(`/quarterly-updates/${id}/submit`, { quarter: Q, version: String(draft!.version) }), /done=submitted/);
    const [person] = await t.db.query<{ id: string }>(
      `insert into people (tenant_id, kind, name, email) values ($1, 'councillor', 'Connie Councillor', 'councillor@example.org') returning id`,
      [t.tenantId],
    );
    await t.db.query(`insert into memberships (tenant_id, partnership_id, person_id, role) values ($1, $2, $3, 'member_contact')`, [
      t.tenantId,
      id,
      person!.id,
    ]);
    const [row] = await t.db.query<{ version: number }>('select version from activity_updates where partnership_id = $1', [id]);

    const approved = await councillor.post(`/quarterly-updates/${id}/approve`, { quarter: Q, version: String(row!.version) });
    redirectedTo(approved, /done=approved/);
    assert.match(textOf(await okPage(councillor, approved.headers.location as string)), /Approved by .+ on /);
    // A stale approval (an old version) changes nothing.
    const again = await councillor.post(`/quarterly-updates/${id}/approve`, { quarter: Q, version: String(row!.version) });
    assert.equal(again.statusCode, 400);
    assert.match(errorSummaryOf(again.body), /This summary of activity is already approved/);

    const report = textOf(await okPage(officer, `/quarterly-updates/report?quarter=${Q}&p=${id}`));
    assert.match(report, /It agreed its worklessness action plan\./);
    const audit = await t.db.query(
      `select 1 from audit_log where entity_type = 'activity_updates' and entity_id = (select id from activity_updates where partnership_id = $1)`,
      [id],
    );
    assert.equal(audit.length, 3, 'written, submitted and approved');
  });

  it('an unknown partnership is a 404 and a quarter that is not one falls back to the last complete quarter', async () => {
    assert.equal((await officer.get(`/quarterly-updates/00000000-0000-4000-8000-000000000000?quarter=${Q}`)).statusCode, 404);
    assert.equal((await officer.get('/quarterly-updates?quarter=2009-05-01')).statusCode, 200);
  });
});
