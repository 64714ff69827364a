// A partnership's quarterly summary of activity (issue 16) through the pages, on the demo data with seed 001's
// meetings of the quarter (the Children and Young People Steering Group on 20 May 2009, given a decision here; the
// Care Partnership's last meeting on 24 March and its next on 30 July, all in the demo): "Draft
// from the record" fills an empty text box, or shows the draft beside the officer's text until they confirm;
// it lists its sources; the officer saves and submits; only the partnership's lead member approves (another
// councillor is refused); an approved update is what the report prints, and editing it returns it to draft.
// Bad input never gives a 500 and changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { errorSummaryOf, okPage, redirectedTo, textOf } from '../pages.ts';

const Q = '2009-04-01';

describe('Activity updates: drafting from the record and the lead member approval', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  const idOf = async (name: string) => (await t.db.query<{ id: string }>('select id from partnerships where name = $1 and deleted_at is null', [name]))[0]!.id;
  let cyp: string;
  let care: string;
  const one = async <T>(sql: string, params: unknown[]) => (await t.db.query<T>(sql, params))[0]!;

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'partnership_officer');
    councillor = await signIn(t.app, 'councillor');
    cyp = await idOf('Children and Young People Steering Group');
    care = await idOf('Cambridgeshire Care Partnership');
    // The demo's 20 May 2009 meeting of the Steering Group, given a decision for the test.
    const m = await one<{ id: string; bodyId: string }>(
      `select m.id, m.body_id as "bodyId" from meetings m join bodies b on b.id = m.body_id
        where b.name = 'Children and Young People Steering Group' and m.meeting_date = '2009-05-20'`,
      [],
    );
    const minute = await one<{ id: string }>(
      `insert into minutes (tenant_id, body_id, meeting_id, number, title) values ($1, $2, $3, 14, 'Joint commissioning') returning id`,
      [t.tenantId, m.bodyId, m.id],
    );
    await t.db.query(`insert into resolutions (tenant_id, minute_id, position, text, outcome) values ($1, $2, 1, $3, 'unanimous')`, [
      t.tenantId,
      minute.id,
      'agree a jointly funded joint commissioning post with NHS Cambridgeshire',
    ]);
  });
  after(async () => t?.close());

  const draftOf = (agent: Agent, id: string, fields: Record<string, string>) => agent.post(`/quarterly-updates/${id}/draft`, { quarter: Q, ...fields });

  it("'Draft from the record' fills an empty text box with the quarter's meetings and decisions, and lists its sources", async () => {
    const page = await okPage(officer, `/quarterly-updates/${cyp}?quarter=${Q}`);
    assert.match(page, /Draft from the record/);
    const res = await draftOf(officer, cyp, { summary: '', version: '' });
    assert.equal(res.statusCode, 200);
    const text = textOf(res.body);
    assert.match(res.body, /Between 1 April 2009 and 30 June 2009, the Children and Young People Steering Group met on 20 May\./);
    assert.match(
      res.body,
      /At its meeting on 20 May the Children and Young People Steering Group agreed:\n- Agree a jointly funded joint commissioning post with NHS Cambridgeshire\. \(minute 14a\)/,
    );
    assert.match(text, /The draft from the record is in the text box below/);
    assert.match(text, /Records the draft used/);
    assert.match(res.body, /href="\/meetings\/[0-9a-f-]{36}\/minutes"/);
    // Nothing is saved until the officer saves (the demo's approved update is untouched).
    const [u] = await t.db.query<{ state: string }>('select state from activity_updates where partnership_id = $1', [cyp]);
    assert.equal(u!.state, 'approved');
  });

  it("never overwrites the officer's text silently: the draft is shown beside it until they confirm replacing", async () => {
    const res = await draftOf(officer, cyp, { summary: 'My own words about May.', version: '1' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<textarea[^>]*>My own words about May\.<\/textarea>/);
    assert.match(textOf(res.body), /Your text is kept\. .*Replace my text with this draft/);
    const replaced = await draftOf(officer, cyp, { summary: 'My own words about May.', version: '1', replace: 'yes' });
    assert.match(replaced.body, /<textarea[^>]*>Between 1 April 2009/);
  });

  it('a quarter with no activity says so, naming the last meeting and the next (seed 001, 3.3)', async () => {
    const res = await draftOf(officer, care, { summary: '' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /There has been no meeting since the 24 March 2009\./);
    assert.match(res.body, /The next meeting of the Cambridgeshire Care Partnership is to be held on 30 July 2009\./);
  });

  it('the officer saves and submits; a councillor who is not the lead member is refused with a message; the lead member approves; editing returns it to draft', async () => {
    const id = await idOf('Fenland Local Strategic Partnership');
    // Fenland's lead member is the demo councillor's entry in the directory.
    const person = await one<{ id: string }>(
      `insert into people (tenant_id, kind, name, email) values ($1, 'councillor', 'Connie Councillor', 'councillor@example.org') returning id`,
      [t.tenantId],
    );
    await t.db.query(`insert into memberships (tenant_id, partnership_id, person_id, role) values ($1, $2, $3, 'member_contact')`, [t.tenantId, id, person.id]);
    const other = await signIn(t.app, 'administrator');

    redirectedTo(await officer.post(`/quarterly-updates/${id}`, { quarter: Q, summary: 'The Fenland LSP met on 3 June.' }), /done=saved/);
    const v = async () => String((await one<{ version: number }>('select version from activity_updates where partnership_id = $1', [id])).version);
    // Not yet submitted: the lead member cannot approve a draft.
    const early = await councillor.post(`/quarterly-updates/${id}/approve`, { quarter: Q, version: await v() });
    assert.equal(early.statusCode, 400);
    assert.match(errorSummaryOf(early.body), /must submit the summary of activity before it can be approved/);

    const submitted = await officer.post(`/quarterly-updates/${id}/submit`, { quarter: Q, version: await v() });
    redirectedTo(submitted, /done=submitted/);
    assert.match(textOf(await okPage(officer, submitted.headers.location as string)), /Submitted to the lead member on .*: not yet approved/);
    // A councillor may not submit.
    assert.equal((await councillor.post(`/quarterly-updates/${id}/submit`, { quarter: Q, version: await v() })).statusCode, 403);

    // Someone who may approve but is not this partnership's lead member is refused, and nothing changes.
    const refused = await other.post(`/quarterly-updates/${id}/approve`, { quarter: Q, version: await v() });
    assert.equal(refused.statusCode, 400);
    assert.match(errorSummaryOf(refused.body), /Only the partnership&#39;s lead member can approve|Only the partnership's lead member can approve/);
    // The demo councillor is not Cambridgeshire Together's lead member (Jill Tuck is).
    const ct = await idOf('Cambridgeshire Together');
    const notLead = await councillor.post(`/quarterly-updates/${ct}/approve`, { quarter: Q, version: '1' });
    assert.equal(notLead.statusCode, 400);
    assert.match(errorSummaryOf(notLead.body), /lead member can approve/);
    assert.equal((await one<{ state: string }>('select state from activity_updates where partnership_id = $1', [id])).state, 'submitted');

    const page = textOf(await okPage(councillor, `/quarterly-updates/${id}?quarter=${Q}`));
    assert.match(page, /Lead member Connie Councillor/);
    assert.match(page, /Approve as lead member/);
    const approved = await councillor.post(`/quarterly-updates/${id}/approve`, { quarter: Q, version: await v() });
    redirectedTo(approved, /done=approved/);
    assert.match(textOf(await okPage(officer, `/quarterly-updates/report?quarter=${Q}&p=${id}`)), /The Fenland LSP met on 3 June\./);

    // Editing an approved update returns it to draft, and the report then says it is not approved.
    redirectedTo(
      await officer.post(`/quarterly-updates/${id}`, { quarter: Q, summary: 'The Fenland LSP met on 3 June and 24 June.', version: await v() }),
      /done=saved/,
    );
    const row = await one<{ state: string; approved_on: string | null; submitted_on: string | null }>(
      'select state, approved_on, submitted_on from activity_updates where partnership_id = $1',
      [id],
    );
    assert.deepEqual([row.state, row.approved_on, row.submitted_on], ['draft', null, null]);
    assert.match(textOf(await okPage(officer, `/quarterly-updates/report?quarter=${Q}&p=${id}`)), /has not yet been approved by the lead member/);
    const audit = await t.db.query(
      `select 1 from audit_log where entity_type = 'activity_updates' and entity_id = (select id from activity_updates where partnership_id = $1)`,
      [id],
    );
    assert.equal(audit.length, 4, 'written, submitted, approved and edited');
  });

  it('an indicator result for the quarter with its RAG, and money agreed and paid, come into the draft with their sources', async () => {
    const csp = await idOf('Community Safety Strategic Partnership Board');
    const ni32 = await one<{ id: string }>(
      `select i.id from indicators i join indicator_assignments a on a.indicator_id = i.id and a.deleted_at is null
       where i.code = 'NI 32' and a.partnership_id = $1`,
      [csp],
    );
    await t.db.query(`insert into indicator_values (tenant_id, indicator_id, period_start, value) values ($1, $2, '2009-04-01', 27)`, [t.tenantId, ni32.id]);
    const org = await one<{ id: string }>(
      `insert into organisations (tenant_id, name, kind) values ($1, 'Activity Test Police Authority', 'police') returning id`,
      [t.tenantId],
    );
    await t.db.query(
      `insert into contributions (tenant_id, partnership_id, organisation_id, financial_year, amount_pence, status, agreed_on, paid_on)
       values ($1, $2, $3, 2009, 1234500, 'paid', '2009-04-15', '2009-05-01')`,
      [t.tenantId, csp, org.id],
    );
    const res = await draftOf(officer, csp, { summary: '' });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /- NI 32 [^\n]*\([^)]*\): 27(\.0+)?%[^\n]*, (on target|off target|within [0-9.]+%|no target)/i);
    assert.match(res.body, /- Activity Test Police Authority agreed a contribution of £12,345 for 2009\/10 on 15 April 2009/);
    assert.match(res.body, /- Activity Test Police Authority paid its contribution of £12,345 for 2009\/10 on 1 May 2009/);
    assert.match(res.body, new RegExp(`href="/performance/indicators/${ni32.id}"`));
    assert.match(res.body, new RegExp(`href="/partnerships/${csp}"`));
  });

  it('bad input gets a clear message or a 404, never a 500, and changes nothing', async () => {
    const before = await t.db.query('select id, state, version, summary from activity_updates order by id');
    const cases: [string, Record<string, unknown>][] = [
      [`/quarterly-updates/${cyp}/draft`, { quarter: 'nonsense', summary: ['a', 'b'], replace: 'maybe' }],
      [`/quarterly-updates/${cyp}/draft`, { quarter: '2009-05-01', version: 'x'.repeat(500) }],
      ['/quarterly-updates/not-a-uuid/draft', { quarter: Q }],
      ['/quarterly-updates/00000000-0000-4000-8000-000000000000/draft', { quarter: Q }],
      [`/quarterly-updates/${cyp}/submit`, { quarter: Q, version: 'abc' }],
      [`/quarterly-updates/${cyp}/submit`, { quarter: Q }],
      ['/quarterly-updates/00000000-0000-4000-8000-000000000000/submit', { quarter: Q, version: '1' }],
      [`/quarterly-updates/${care}/submit`, { quarter: Q, version: '-1' }],
    ];
    for (const [url, body] of cases) {
      const res = await officer.post(url, body as Record<string, string>);
      assert.ok([200, 400, 404, 409].includes(res.statusCode), `${url} ${JSON.stringify(body)} gave ${res.statusCode}`);
    }
    for (const [url, body] of [
      [`/quarterly-updates/${cyp}/approve`, { quarter: Q, version: 'zz' }],
      ['/quarterly-updates/00000000-0000-4000-8000-000000000000/approve', { quarter: Q, version: '1' }],
    ] as const) {
      const res = await councillor.post(url, body);
      assert.ok([400, 404, 409].includes(res.statusCode), `${url} gave ${res.statusCode}`);
    }
    assert.deepEqual(await t.db.query('select id, state, version, summary from activity_updates order by id'), before);
  });
});
