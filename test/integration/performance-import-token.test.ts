// The performance values import's confirmation token reaches only a file kept for that import, once: another
// record's upload (a paper on an agenda item, a file kept for the ledger import) posted as the token is refused
// with a clear message, imports nothing and the file is still there; a used token cannot be used again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, signIn, type Agent, type TestApp } from '../helper.ts';
import { createIndicator } from '../../src/performance/performance.service.ts';
import { toCsvText } from '../../src/performance/values-io.ts';
import { VALUE_COLUMNS } from '../../src/performance/values-validation.ts';
import { errorSummaryOf } from '../pages.ts';
import { insertFile } from '../../src/files/index.ts';

const GONE = /The file to import is no longer available: upload it again/;
const csv = (rows: string[][]) => Buffer.from(toCsvText([[...VALUE_COLUMNS], ...rows]));
const row = (period: string, value: string) => ['TK 1', 'Token test rate', period, value, '', '', 'final', '', '', '', '', ''];
const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1] ?? null;

describe('performance import: the confirmation token', () => {
  let t: TestApp;
  let officer: Agent;
  let indicator: string;
  const live = async (id: string) =>
    (await t.db.query<{ n: number }>('select count(*)::int as n from files where id = $1 and deleted_at is null', [id]))[0]!.n === 1;
  const values = async () =>
    (await t.db.query<{ n: number }>('select count(*)::int as n from indicator_values where indicator_id = $1 and deleted_at is null', [indicator]))[0]!.n;

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'performance_officer');
    const none = { tolerancePercent: null, baselineValue: null, baselineNumerator: null, baselineDenominator: null, finalTargetValue: null };
    indicator = await createIndicator(
      t.db,
      { tenantId: t.tenantId, actor: 'test', requestId: 'test' },
      {
        code: 'TK 1',
        title: 'Token test rate',
        unit: 'rate_per_1000',
        polarity: 'lower_is_better',
        frequency: 'annual',
        decimals: 2,
        ...none,
      },
    );
  });
  after(async () => t?.close());

  it("refuses a paper's file id as the token: nothing imported, the paper still there", async () => {
    // A spreadsheet uploaded as the paper of an agenda item that has none yet (a CSV or Excel file, as the import reads).
    const fileId = await insertFile(t.db, t.tenantId, { filename: 'budget-appendix.csv', contentType: 'text/csv', data: csv([row('2016/17', '9')]) });
    const [paper] = await t.db.query<{ id: string }>(
      `insert into reports (tenant_id, agenda_item_id, kind, file_id)
       select $1, i.id, 'upload', $2 from agenda_items i where i.tenant_id = $1 and i.deleted_at is null
         and not exists (select 1 from reports r where r.agenda_item_id = i.id and r.deleted_at is null)
       limit 1 returning file_id as id`,
      [t.tenantId, fileId],
    );
    assert.ok(paper, 'the demo has a paper uploaded to an agenda item');
    const res = await officer.post('/performance/import', { confirmed: 'yes', token: paper.id });
    assert.equal(res.statusCode, 400);
    assert.match(errorSummaryOf(res.body), GONE);
    assert.ok(await live(paper.id), 'the paper is still there');
    assert.equal(await values(), 0);
  });

  it("refuses a file kept for another import (the ledger's) as the token", async () => {
    const finance = await signIn(t.app, 'finance_officer');
    const kept = await finance.postMultipart(
      '/finance/import',
      { year: '2017-18' },
      { field: 'file', filename: 'ledger.csv', data: Buffer.from('Line code,Period,Budget,Actual,Forecast\r\nAS01,2,,5,5\r\nNOPE,2,,5,5'), type: 'text/csv' },
    );
    const token = tokenOf(kept.body);
    assert.ok(token, 'the ledger import kept its file');
    const res = await officer.post('/performance/import', { confirmed: 'yes', token });
    assert.equal(res.statusCode, 400);
    assert.match(errorSummaryOf(res.body), GONE);
    assert.ok(await live(token), 'the ledger file is still kept for its own confirmation');
  });

  it('uses its own token once: a used token cannot be reused', async () => {
    const first = await officer.postMultipart(
      '/performance/import',
      {},
      { field: 'file', filename: 'values.csv', data: csv([row('2016/17', '10.5'), row('2017/18', 'ten')]), type: 'text/csv' },
    );
    assert.equal(first.statusCode, 400);
    const token = tokenOf(first.body);
    assert.ok(token);
    const res = await officer.post('/performance/import', { confirmed: 'yes', token });
    assert.equal(res.statusCode, 303);
    assert.equal(await values(), 1);
    assert.equal(await live(token), false, 'the kept file is used');
    const again = await officer.post('/performance/import', { confirmed: 'yes', token });
    assert.equal(again.statusCode, 400);
    assert.match(errorSummaryOf(again.body), GONE);
    assert.equal(await values(), 1);
  });
});
