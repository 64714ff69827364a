// A partnership's money through the HTTP layer: contributions proposed, agreed or paid, in cash or in kind;
// pooled budgets with each partner's share; external funding; loans with a repayment schedule. Every error
// at once and nothing changed; Post/Redirect/Get; audited; the public page shows only what the public view allows.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { partnershipOperations } from '../../src/partnerships/partnerships.api.ts';
import { documentedBy } from '../api-support.ts';
import { anonymousAgent, apiToken, buildTestApp, countRows, partnershipIds, signIn, type Agent, type TestApp } from '../helper.ts';

describe('partnership money', () => {
  let t: TestApp;
  let admin: Agent;
  let id = '';
  let council = '';
  let pct = '';
  before(async () => {
    t = await buildTestApp();
    admin = await signIn(t.app, 'administrator');
    id = (await partnershipIds(t)).get('Greater Cambridge Greater Peterborough Local Enterprise Partnership')!;
    const org = async (name: string) => (await t.db.query<{ id: string }>(`select id from organisations where name = $1`, [name]))[0]!.id;
    council = await org('Cambridge City Council');
    pct = await org('South Cambridgeshire District Council');
  });
  after(async () => t?.close());
  const visitor = () => anonymousAgent(t.app);

  it('records a contribution in kind that is proposed, keeps it off the public page and out of the total', async () => {
    const bad = await admin.post(`/partnerships/${id}/contributions`, {
      organisationId: council,
      financialYear: '2012',
      amount: '2,500',
      kind: 'in_kind',
      status: 'paid',
      'agreedOn-day': '1',
      'agreedOn-month': '6',
      'agreedOn-year': '2012',
      'paidOn-day': '1',
      'paidOn-month': '5',
      'paidOn-year': '2012',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /Describe what is given in kind/);
    assert.match(bad.body, /Date paid must be the same as or after the date agreed/);
    const before = await countRows(t.db, 'contributions');
    const noDate = await admin.post(`/partnerships/${id}/contributions`, { organisationId: council, financialYear: '2012', amount: '10', status: 'paid' });
    assert.match(noDate.body, /Enter the date it was paid/);
    assert.equal(await countRows(t.db, 'contributions'), before, 'a refused form changes nothing');

    const ok = await admin.post(`/partnerships/${id}/contributions`, {
      organisationId: council,
      financialYear: '2012',
      amount: '2,500',
      kind: 'in_kind',
      inKindDescription: 'Office space at the Guildhall',
      status: 'proposed',
    });
    assert.equal(ok.statusCode, 303);
    const staff = await admin.get(`/partnerships/${id}`);
    assert.match(staff.body, /In kind: Office space at the Guildhall/);
    assert.match(staff.body, /proposed, not yet agreed/);
    assert.match(staff.body, /Proposed, not in the total/);
    const pub = await visitor().get(`/register/${id}`);
    assert.equal(pub.statusCode, 200);
    assert.doesNotMatch(pub.body, /Office space at the Guildhall/);
    const audit = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where entity_type = 'contributions' and action = 'insert' and after->>'in_kind_description' = 'Office space at the Guildhall' and actor <> 'system'`,
    );
    assert.ok(audit[0]!.n > 0, 'the audit trail records the contribution');
  });

  it('adds a pooled budget and partners’ shares with derived percentages that add to 100%', async () => {
    const bad = await admin.post(`/partnerships/${id}/pooled-budgets`, { name: '', financialYear: 'soon', hostOrganisationId: 'nonsense' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Enter the name of the pooled budget/);
    assert.match(bad.body, /Enter the financial year/);
    assert.match(bad.body, /Select the host organisation from the list/);
    const ok = await admin.post(`/partnerships/${id}/pooled-budgets`, {
      name: 'Test pool',
      financialYear: '2012',
      hostOrganisationId: council,
      legalBasis: 'Section 75 of the National Health Service Act 2006',
      purposes: 'Learning disability services\nMental health services',
    });
    assert.equal(ok.statusCode, 303);
    assert.match(String(ok.headers.location), /done=pool/);
    const pool = (await t.db.query<{ id: string }>(`select id from pooled_budgets where name = 'Test pool'`))[0]!.id;
    for (const [org, amount] of [
      [council, '1,000'],
      [pct, '2,000'],
    ] as const) {
      const share = await admin.post(`/partnerships/${id}/pooled-budgets/${pool}/shares`, { organisationId: org, amount });
      assert.equal(share.statusCode, 303);
    }
    const dup = await admin.post(`/partnerships/${id}/pooled-budgets/${pool}/shares`, { organisationId: pct, amount: '5' });
    assert.equal(dup.statusCode, 400);
    assert.match(dup.body, /already has a share of this pooled budget/);
    const page = await admin.get(`/partnerships/${id}`);
    assert.match(page.body, /Test pool, 2012\/13/);
    assert.match(page.body, /Section 75 of the National Health Service Act 2006/);
    assert.match(page.body, /33\.3%/);
    assert.match(page.body, /66\.7%/);
    assert.match(page.body, /£3,000/);
    const pub = await visitor().get(`/register/${id}`);
    assert.match(pub.body, /Test pool/);
  });

  it('keeps exempt funding off the public page, and shows the rest with its total', async () => {
    const bad = await admin.post(`/partnerships/${id}/funding`, {
      funder: '',
      title: '',
      amount: 'x',
      'startDate-day': '1',
      'startDate-month': '4',
      'startDate-year': '2012',
      'endDate-day': '1',
      'endDate-month': '4',
      'endDate-year': '2011',
    });
    assert.equal(bad.statusCode, 400);
    for (const m of [
      /Select whether it is a grant/,
      /Enter who gives the funding/,
      /Enter what the funding is/,
      /Amount must be an amount of money/,
      /End date must be/,
    ]) {
      assert.match(bad.body, m);
    }
    const post = (title: string, exemptParagraph: string) =>
      admin.post(`/partnerships/${id}/funding`, {
        kind: 'grant',
        funder: 'Test funder',
        title,
        amount: '163,000',
        exemptParagraph,
        conditions: 'Spent by March',
      });
    assert.equal((await post('Open grant', '')).statusCode, 303);
    assert.equal((await post('Commercial grant', '3')).statusCode, 303);
    const staff = await admin.get(`/partnerships/${id}`);
    assert.match(staff.body, /Commercial grant/);
    assert.match(staff.body, /Exempt: paragraph 3/);
    const pub = await visitor().get(`/register/${id}`);
    assert.match(pub.body, /Open grant/);
    assert.doesNotMatch(pub.body, /Commercial grant/);
  });

  it('records a loan and its repayment schedule, and derives what is outstanding today', async () => {
    const bad = await admin.post(`/partnerships/${id}/investments`, { kind: 'bond', counterparty: '', amount: '' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Select a loan or an equity investment/);
    assert.match(bad.body, /Enter who the loan or investment was made to/);
    const ok = await admin.post(`/partnerships/${id}/investments`, {
      kind: 'loan',
      counterparty: 'Test developer',
      amount: '1,000,000',
      'madeOn-day': '1',
      'madeOn-month': '4',
      'madeOn-year': '2011',
    });
    assert.equal(ok.statusCode, 303);
    const loan = (await t.db.query<{ id: string }>(`select id from partnership_investments where counterparty = 'Test developer'`))[0]!.id;
    const noDate = await admin.post(`/partnerships/${id}/investments/${loan}/repayments`, { amount: '0' });
    assert.equal(noDate.statusCode, 400);
    assert.match(noDate.body, /Date due/);
    assert.match(noDate.body, /Amount must be more than £0/);
    const repay = (year: string, amount: string) =>
      admin.post(`/partnerships/${id}/investments/${loan}/repayments`, { 'dueOn-day': '31', 'dueOn-month': '3', 'dueOn-year': year, amount });
    assert.equal((await repay('2015', '400,000')).statusCode, 303);
    assert.equal((await repay('2099', '600,000')).statusCode, 303);
    const page = await admin.get(`/partnerships/${id}`);
    assert.match(page.body, /Test developer/);
    assert.match(page.body, /£600,000/, 'the £1m loan less the £400,000 due in 2015');
    assert.match(page.body, /2 repayments to 31 March 2099/);
    const missing = await admin.get(`/partnerships/${id}/investments/00000000-0000-4000-8000-000000000000/repayments/new`);
    assert.equal(missing.statusCode, 404);
    const removed = await admin.post(`/partnerships/${id}/investments/${loan}/delete`);
    assert.equal(removed.statusCode, 303);
    assert.doesNotMatch((await admin.get(`/partnerships/${id}`)).body, /Test developer/);
  });

  it('gives the money in the API as documented: staff see exempt and proposed records, the public do not', async () => {
    const token = await apiToken(t, 'partnership_officer');
    const get = (auth: boolean) =>
      t.app.inject({ method: 'GET', url: `/api/v1/partnerships/${id}`, headers: auth ? { authorization: `Bearer ${token}` } : {} });
    const staff = documentedBy(partnershipOperations, await get(true), 'getPartnership');
    assert.ok(staff.money.funding.some((f: { title: string }) => f.title === 'Commercial grant'));
    assert.ok(staff.contributions.some((c: { status: string; kind: string }) => c.status === 'proposed' && c.kind === 'in_kind'));
    const pool = staff.money.pooledBudgets.find((p: { name: string }) => p.name === 'Test pool');
    assert.equal(pool.totalPence, 300000);
    assert.deepEqual(pool.shares.map((s: { percentTenths: number }) => s.percentTenths).sort(), [333, 667]);
    const pub = documentedBy(partnershipOperations, await get(false), 'getPartnership');
    assert.ok(pub.money.funding.some((f: { title: string }) => f.title === 'Open grant'));
    assert.ok(!pub.money.funding.some((f: { title: string }) => f.title === 'Commercial grant'));
    assert.ok(!pub.contributions.some((c: { status: string }) => c.status === 'proposed'));
  });

  it("shows seeds 001 and 002's partnership money on the public register, with no judgement or seed on the page", async () => {
    const ids = await partnershipIds(t);
    const horizons = await visitor().get(`/register/${ids.get('Cambridgeshire Horizons')}`);
    assert.equal(horizons.statusCode, 200);
    assert.match(horizons.body, /Housing Growth Fund allocation over 2 years/);
    assert.match(horizons.body, /£27,000,000/);
    assert.match(horizons.body, /Transition Funding over two years/);
    assert.match(horizons.body, /£163,000/);
    assert.match(horizons.body, /£20,500,000/);
    assert.match(horizons.body, /1 repayment to 10 October 2024/);
    const ccp = await visitor().get(`/register/${ids.get('Cambridgeshire Care Partnership')}`);
    assert.match(ccp.body, /Cambridgeshire Care Partnership pooled budgets, 2008\/09/);
    assert.match(ccp.body, /Section 75 of the National Health Service Act 2006/);
    const together = await visitor().get(`/register/${ids.get('Cambridgeshire Together')}`);
    assert.match(together.body, /Improvement East/);
    assert.match(together.body, /£300,000/);
    for (const page of [horizons, ccp, together]) assert.doesNotMatch(page.body, /\bseed\b|Inferred/i);
  });

  it('refuses the money forms to the public and to a role without the contribution permission', async () => {
    const anon = await visitor().get(`/partnerships/${id}/funding/new`);
    assert.notEqual(anon.statusCode, 200);
    const councillor = await signIn(t.app, 'councillor');
    const res = await councillor.post(`/partnerships/${id}/funding`, { kind: 'grant', funder: 'X', title: 'Y', amount: '1' });
    assert.equal(res.statusCode, 403);
  });
});
