// The annual review of strategic partnerships (seed 002) through the pages, on the demo data: the demo review
// regenerates the seed's landscape changes from the register (Cambridgeshire Together, the Safer and Stronger
// Communities and Environmental Sustainability Partnerships decommissioned, Horizons replaced by the LEP, the
// GCP wound up, the Children's Trust restructured, the Community Wellbeing Board to be replaced), its six
// partnerships with sub-groups, contributions (the LEP's £8,000) and health checks, and recommendations a)-c);
// an officer starts and edits a review (every error at once, nothing saved, Post/Redirect/Get, audited, a
// stale version refused); councillors read but may not edit; the public see nothing; PDF and Word open.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { anonymousAgent, buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { errorSummaryOf, okPage, redirectedTo, textOf } from '../pages.ts';

describe('Annual review of strategic partnerships', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  let demoId: string;
  const idOf = async (name: string) => (await t.db.query<{ id: string }>('select id from partnerships where name = $1 and deleted_at is null', [name]))[0]!.id;
  const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from annual_reviews'))[0]!.n;

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'partnership_officer');
    councillor = await signIn(t.app, 'councillor');
    demoId = (await t.db.query<{ id: string }>('select id from annual_reviews'))[0]!.id;
  });
  after(async () => t?.close());

  it("lists the demo review and regenerates seed 002's landscape changes from the register", async () => {
    const list = textOf(await okPage(councillor, '/annual-reviews'));
    assert.match(list, /Annual Review of Strategic Partnerships 1 October 2010 to 30 September 2011 10 October 2011/);
    assert.doesNotMatch(list, /Start an annual review/, 'a councillor reads but does not start reviews');

    const text = textOf(await okPage(councillor, `/annual-reviews/${demoId}`));
    const section = (from: string, to: string) => text.slice(text.indexOf(from), text.indexOf(to, text.indexOf(from)));
    const changes = section('3. Changes to the partnership landscape', '4. Community Wellbeing Board');
    const decommissioned = section('Decommissioned', 'Wound up');
    for (const name of [
      /Cambridgeshire Together, 23 November 2010/,
      /Safer and Stronger Communities Partnership, 23 November 2010/,
      /Environmental Sustainability Partnership, 23 November 2010/,
      /Community Safety Strategic Partnership Board, (1 )?May 2011/,
      /Joint Accountability Committee, (1 January )?2011/,
    ])
      assert.match(decommissioned, name);
    assert.match(section('Replaced', 'Decommissioned'), /Cambridgeshire Together \(by Cambridgeshire Leaders and Chief Executives meeting\), 23 November 2010/);
    assert.match(
      section('Replaced', 'Decommissioned'),
      /Cambridgeshire Horizons \(by Greater Cambridge Greater Peterborough Local Enterprise Partnership\), 30 September 2011/,
    );
    assert.match(section('Wound up', 'Restructured'), /Greater Cambridge Partnership, 30 September 2011/);
    assert.match(section('Restructured', 'Expected after'), /Cambridgeshire Children's Trust, April 2011/);
    assert.match(section('Established', 'Replaced'), /Cleantech sub-group, 15 September 2011/);
    // Changes outside the period are not in it; those recorded for after it are expected.
    assert.doesNotMatch(section('Established', 'Replaced'), /Greater Cambridge Greater Peterborough Local Enterprise Partnership, 1 September 2010/);
    assert.match(changes, /Expected after the review period .*Replaced: Community Wellbeing Board \(by Cambridgeshire Health and Wellbeing Board\), 2013/);
    assert.match(changes, /Established: Cambridgeshire Shadow Health and Wellbeing Board, (1 )?October 2011/);
    assert.doesNotMatch(changes, /Merged/);

    // Recommendations lettered as the seed's, the partnerships in its order with sub-groups, money and health checks.
    assert.match(
      text,
      /a\) Agree that Executive Members provide more detailed reports .* b\) Agree that £8,000 is provided .* c\) Agree that the Council's "Principles of Partnership Working" are revised/,
    );
    const order = [
      '4. Community Wellbeing Board',
      "5. Cambridgeshire Children's Trust",
      '6. Greater Cambridge Greater Peterborough Local Enterprise Partnership',
      '7. Cambridgeshire Horizons (no longer active)',
      '8. Greater Cambridge Partnership (no longer active)',
      '9. Cambridge and South Cambridgeshire Local Strategic Partnership',
    ];
    const at = order.map((h) => text.indexOf(h));
    assert.ok(
      at.every((a, i) => a > 0 && (i === 0 || a > at[i - 1]!)),
      `sections in the seed's order: ${at}`,
    );
    const lep = section(order[2]!, order[3]!);
    assert.match(lep, /Sub-groups .*Cleantech sub-group .*Greater Cambridge sub-group \(expected from 2012\)/);
    assert.match(lep, /2011\/12 \(agreed or paid: £8,000\) Cambridge City Council: £8,000 \(agreed\)/);
    assert.match(lep, /Health check 2011\/12: \d+ green, \d+ amber, \d+ red, \d+ not assessed/);
    assert.match(section(order[0]!, order[1]!), /Sub-groups .*Joint Workstreams Group/);
    assert.match(section(order[3]!, order[4]!), /2010\/11 .*Cambridge City Council: £23,470/);
    assert.match(text, /10\. Implications .*\(a\) Financial Implications Some of the partnerships .*\(b\) Staffing Implications None\./);
    assert.match(
      text,
      /11\. Background papers .*i\) Proposals for a new model .* ii\) Establishing a Health and Wellbeing Board .* iii\) Allocation of the remainder/,
    );
  });

  it('the PDF and Word downloads open', async () => {
    const pdf = await councillor.get(`/annual-reviews/${demoId}/review.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.ok((await PDFDocument.load(pdf.rawPayload)).getPageCount() >= 3);
    const docx = await councillor.get(`/annual-reviews/${demoId}/review.docx`);
    assert.equal(docx.statusCode, 200);
    assert.equal(docx.rawPayload.subarray(0, 2).toString(), 'PK');
  });

  it('an officer starts a review: every error at once and nothing saved, then Post/Redirect/Get and audited', async () => {
    assert.match(textOf(await okPage(officer, '/annual-reviews/new')), /Start an annual review/);
    const before = await count();
    const bad = await officer.post('/annual-reviews', { title: '', periodStart: '2011-02-30', periodEnd: '2010-01-01', reportDate: 'soon', p: 'not-an-id' });
    assert.equal(bad.statusCode, 400);
    const errors = errorSummaryOf(bad.body);
    for (const m of [
      /Enter the title of the review/,
      /first day of the review period as a real date/,
      /date of the report as a real date/,
      /Select partnerships from the list/,
    ])
      assert.match(errors, m);
    const reversed = await officer.post('/annual-reviews', { title: 'x', periodStart: '2011-10-01', periodEnd: '2011-09-30', reportDate: '2011-10-10' });
    assert.equal(reversed.statusCode, 400);
    assert.match(errorSummaryOf(reversed.body), /The last day of the review period must be on or after its first day.*Select at least one partnership/s);
    assert.equal(await count(), before);

    const lep = await idOf('Greater Cambridge Greater Peterborough Local Enterprise Partnership');
    const trust = await idOf("Cambridgeshire Children's Trust");
    const made = await officer.post('/annual-reviews', {
      title: 'Annual review 2012',
      periodStart: '2011-10-01',
      periodEnd: '2012-09-30',
      reportDate: '2012-10-08',
      p: [lep, trust],
      [`order-${lep}`]: '2',
      [`order-${trust}`]: '1',
      [`direction-${lep}`]: 'The LEP settles into its sub-groups.',
      recommendations: 'Note the report\nAgree the contribution',
    });
    redirectedTo(made, /\/annual-reviews\/[0-9a-f-]{36}\?done=created/);
    const id = /annual-reviews\/([0-9a-f-]{36})/.exec(made.headers.location as string)![1]!;
    const text = textOf(await okPage(officer, made.headers.location as string));
    assert.match(text, /The annual review was started/);
    assert.match(
      text,
      /4\. Cambridgeshire Children's Trust .* 5\. Greater Cambridge Greater Peterborough Local Enterprise Partnership .*The LEP settles into its sub-groups\./,
    );
    assert.match(text, /a\) Note the report b\) Agree the contribution/);
    // The LEP's sub-group for Greater Cambridge was established by then.
    assert.match(text, /Greater Cambridge sub-group(?! \(expected)/);
    const audit = await t.db.query(`select 1 from audit_log where entity_type = 'annual_reviews' and entity_id = $1`, [id]);
    assert.equal(audit.length, 1);

    // Editing: a stale version is refused, the right one saves; a partnership dropped leaves the review.
    const edit = textOf(await okPage(officer, `/annual-reviews/${id}/edit`));
    assert.match(edit, /Edit the review/);
    const [{ version }] = (await t.db.query<{ version: number }>('select version from annual_reviews where id = $1', [id])) as [{ version: number }];
    const fields = { title: 'Annual review 2012', periodStart: '2011-10-01', periodEnd: '2012-09-30', reportDate: '2012-10-08', p: [lep] };
    const stale = await officer.post(`/annual-reviews/${id}`, { ...fields, version: String(version + 5) });
    assert.equal(stale.statusCode, 409);
    const bogus = await officer.post(`/annual-reviews/${id}`, { ...fields, version: 'abc' });
    assert.equal(bogus.statusCode, 409);
    const saved = await officer.post(`/annual-reviews/${id}`, { ...fields, version: String(version), summary: 'A quieter year.' });
    redirectedTo(saved, /done=saved/);
    const after = textOf(await okPage(officer, saved.headers.location as string));
    assert.match(after, /A quieter year\./);
    assert.doesNotMatch(after, /Children's Trust/);
    const badOrder = await officer.post(`/annual-reviews/${id}`, { ...fields, version: String(version + 1), [`order-${lep}`]: 'first' });
    assert.equal(badOrder.statusCode, 400);
    assert.match(errorSummaryOf(badOrder.body), /Enter the order of Greater Cambridge Greater Peterborough Local Enterprise Partnership as a whole number/);
  });

  it('markup and absurd values in every field are a page saying what is wrong, never a server error, and are not echoed as markup', async () => {
    const SCRIPT = '<script>alert(1)</script>';
    const before = await count();
    const bodies: Record<string, string | string[]>[] = [
      {},
      {
        title: SCRIPT,
        periodStart: SCRIPT,
        periodEnd: '99999-01-01',
        reportDate: '0000-00-00',
        author: SCRIPT.repeat(100),
        summary: SCRIPT,
        recommendations: SCRIPT,
        p: SCRIPT,
        version: SCRIPT,
      },
      { title: 'x'.repeat(301), periodStart: '2010-10-01', periodEnd: '2011-09-30', reportDate: '2011-10-10', p: ['', SCRIPT], summary: 'y'.repeat(20001) },
    ];
    for (const body of bodies) {
      const res = await officer.post('/annual-reviews', body);
      assert.equal(res.statusCode, 400, JSON.stringify(body).slice(0, 80));
      assert.ok(!res.body.includes(SCRIPT), 'markup is escaped');
      const edit = await officer.post(`/annual-reviews/${demoId}`, body);
      assert.ok([400, 409].includes(edit.statusCode), `edit: ${edit.statusCode}`);
      assert.ok(!edit.body.includes(SCRIPT));
    }
    assert.equal(await count(), before);
    assert.match(textOf(await okPage(officer, `/annual-reviews/${demoId}`)), /Annual Review of Strategic Partnerships/, 'the demo review is unchanged');
  });

  it('councillors read but may not edit; the public see nothing; unknown reviews are 404', async () => {
    assert.equal((await councillor.get(`/annual-reviews/${demoId}/edit`)).statusCode, 403);
    assert.equal((await councillor.get('/annual-reviews/new')).statusCode, 403);
    assert.equal((await councillor.post(`/annual-reviews/${demoId}`, { title: 'x' })).statusCode, 403);
    const anonymous = anonymousAgent(t.app);
    for (const url of ['/annual-reviews', `/annual-reviews/${demoId}`, `/annual-reviews/${demoId}/review.pdf`]) {
      const res = await anonymous.get(url);
      assert.ok([302, 303, 401, 403].includes(res.statusCode), `${url}: ${res.statusCode}`);
    }
    const missing = '00000000-0000-4000-8000-000000000000';
    assert.equal((await officer.get(`/annual-reviews/${missing}`)).statusCode, 404);
    assert.equal((await officer.get(`/annual-reviews/${missing}/review.docx`)).statusCode, 404);
    assert.equal((await officer.get('/annual-reviews/not-a-review')).statusCode, 404);
    assert.equal((await officer.post(`/annual-reviews/${missing}`, { title: 'x' })).statusCode, 404);
  });
});
