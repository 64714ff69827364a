// GET /api/v1/budget-lines through the HTTP layer, checked strictly (Ajv) against the published OpenAPI
// document: seed 004's 70 lines at the outturn in pence, the rule's verdict and the commentary; paging;
// bad queries as problems; token holders only.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { financeOperations } from '../../src/finance/finance.api.ts';
import { documentedBy, problemOf } from '../api-support.ts';
import { apiToken, buildTestApp, type TestApp } from '../helper.ts';

describe('finance JSON API', () => {
  let t: TestApp;
  let token = '';
  before(async () => {
    t = await buildTestApp();
    token = await apiToken(t, 'councillor');
  });
  after(async () => t?.close());
  const get = (url: string, auth = true) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: auth ? { authorization: `Bearer ${token}` } : {} });

  it('lists the lines of 2017-18 at the outturn, in pence, with the commentary rule and the commentary', async () => {
    const body = documentedBy(financeOperations, await get('/budget-lines?financialYear=2017-18&period=outturn&limit=500'), 'listBudgetLines');
    assert.equal(body.pagination.total, 70);
    assert.equal(body.data.length, 70);
    const sma = body.data.find((l: { name: string }) => l.name === 'Strategic Management - Adults');
    assert.equal(sma.directorate, 'Adults & Safeguarding');
    assert.equal(sma.budget, -888_000_000);
    assert.equal(sma.actual, -1_381_450_100);
    assert.equal(sma.variance, sma.forecast - sma.budget);
    assert.equal(sma.commentaryRequired, true);
    assert.match(sma.commentary, /underspent by £4,935k/);
    const ld = body.data.find((l: { name: string }) => l.name === 'LD Head of Service');
    assert.match(ld.commentary, /^LD – Overall LDP Position: /);
    const pd = body.data.find((l: { name: string }) => l.name === 'Physical Disabilities');
    assert.equal(pd.commentaryRequired, false);
    assert.ok(pd.commentary);
    assert.equal(body.data.filter((l: { commentaryRequired: boolean }) => l.commentaryRequired).length, 34);
    for (const l of body.data) for (const k of ['budget', 'actual', 'forecast', 'variance']) assert.ok(Number.isSafeInteger(l[k]), `${l.name} ${k}`);
  });

  it('pages like the other lists, and gives February when asked', async () => {
    const page = documentedBy(financeOperations, await get('/budget-lines?financialYear=2017-18&period=11&limit=10&offset=60'), 'listBudgetLines');
    assert.deepEqual(page.pagination, { total: 70, limit: 10, offset: 60 });
    assert.equal(page.data.length, 10);
    assert.equal(page.data[0].periodLabel, 'February 2018');
    assert.equal(page.data[0].actual, null);
  });

  it('refuses a bad financial year or period, and callers without a token', async () => {
    problemOf(await get('/budget-lines?financialYear=2017'), 400);
    problemOf(await get('/budget-lines?financialYear=2017-18&period=Smarch'), 400);
    assert.ok([401, 403].includes((await get('/budget-lines?financialYear=2017-18', false)).statusCode));
  });
});
