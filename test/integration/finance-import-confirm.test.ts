// "Import the valid rows after confirmation" (issue 15) for the money imports, through the HTTP layer: a file with
// some bad rows is refused with its problems by row and column and nothing stored, and the page offers to import the
// valid rows and skip the others; confirming (with the kept file's token, not a new upload) stores exactly the valid
// rows, audited, once; a stale, garbled, used or other import's token is a clear message that changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { toCsv } from '../../src/documents/csv.ts';
import { savingColumns } from '../../src/finance/appendices/savings-io.ts';
import { type Agent, buildTestApp, countRows, signIn, type TestApp } from '../helper.ts';
import { errorSummaryOf, redirectedTo, textOf } from '../pages.ts';

const tokenOf = (html: string) => /name="token" value="([^"]+)"/.exec(html)?.[1] ?? null;

describe('finance: importing the valid rows after confirmation', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;
  const months = () => countRows(t.db, 'budget_line_months');
  const keptFiles = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from files where deleted_at is null'))[0]!.n;
  const ledger = (rows: string[]) => ({
    field: 'file',
    filename: 'ledger.csv',
    data: Buffer.from(['Line code,Period,Budget,Actual,Forecast', ...rows].join('\r\n')),
    type: 'text/csv',
  });
  // Three good rows (AS01 and AS02 in May, AS03 in June) and two bad ones (an unknown code, an amount that is not one).
  const mixed = ledger(['AS01,2,,-1000000,-9000000', 'NOPE,2,,5,5', 'AS02,May,,"120,000.50",1300000', 'AS04,3,,five,5', 'AS03,3,,1000,2000']);

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'finance_officer');
    councillor = await signIn(t.app, 'councillor');
  });
  after(async () => t?.close());

  it('refuses a mixed ledger with its problems listed, stores nothing, and offers to import the valid rows', async () => {
    const before = await months();
    const res = await officer.postMultipart('/finance/import', { year: '2017-18' }, mixed);
    assert.equal(res.statusCode, 400);
    const text = textOf(res.body);
    assert.match(errorSummaryOf(res.body), /The file has 2 problems\. Nothing has been imported/);
    assert.match(text, /3 Line code There is no budget line with the code NOPE/);
    assert.match(text, /5 Actual Actual must be an amount in pounds/);
    assert.match(text, /Import the 3 valid rows and skip the 2 rows with problems/);
    assert.ok(tokenOf(res.body));
    assert.equal(await months(), before);
  });

  it('stores exactly the valid rows on confirmation, audited, and only once', async () => {
    const res = await officer.postMultipart('/finance/import', { year: '2017-18' }, mixed);
    const token = tokenOf(res.body)!;
    const before = await months();
    const files = await keptFiles();
    // A councillor may not confirm.
    assert.equal((await councillor.post('/finance/import', { confirmed: 'yes', token, year: '2017-18' })).statusCode, 403);
    redirectedTo(await officer.post('/finance/import', { confirmed: 'yes', token, year: '2017-18' }), /\/finance\?year=2017-18&done=importedValid/);
    assert.equal(await months(), before + 3);
    const stored = await t.db.query<{ code: string; period: number; actual: number | null }>(
      `select l.code, m.period, m.actual_pence as actual from budget_line_months m join budget_lines l on l.id = m.line_id
       where m.financial_year = 2017 and m.period in (2, 3) order by l.code, m.period`,
    );
    assert.deepEqual(
      stored.map((r) => [r.code, r.period, Number(r.actual)]),
      [
        ['AS01', 2, -100_000_000],
        ['AS02', 2, 12_000_050],
        ['AS03', 3, 100_000],
      ],
    );
    // One event for the import, holding the three months it wrote (each with its value before: none, they are new).
    const audit = await t.db.query<{ months: number; written: number; fileId: string }>(
      `select jsonb_array_length(after->'months') as months, (after->>'months_written')::int as written, entity_id as "fileId" from audit_log
       where entity_type = 'ledger_imports' and actor like 'finance.officer%'`,
    );
    assert.deepEqual(audit, [{ months: 3, written: 3, fileId: token }]);
    // The kept file is used: it is gone from the store, and a second confirmation is a clear message that changes nothing.
    assert.equal(await keptFiles(), files - 1);
    const again = await officer.post('/finance/import', { confirmed: 'yes', token, year: '2017-18' });
    assert.equal(again.statusCode, 400);
    assert.match(errorSummaryOf(again.body), /The file to import is no longer available: upload it again/);
    assert.equal(await months(), before + 3);
  });

  it('answers a garbled, unknown or other-year token with a clear message, not a 500', async () => {
    const before = await months();
    for (const token of ['', 'garbled', '00000000-0000-4000-8000-000000000000', "'; drop table files; --"]) {
      const res = await officer.post('/finance/import', { confirmed: 'yes', token, year: '2017-18' });
      assert.equal(res.statusCode, 400, token);
      assert.match(errorSummaryOf(res.body), /no longer available/, token);
    }
    // A token kept for 2017-18 does not import into 2018-19; and the year must still be a year.
    const token = tokenOf((await officer.postMultipart('/finance/import', { year: '2017-18' }, mixed)).body)!;
    const other = await officer.post('/finance/import', { confirmed: 'yes', token, year: '2018-19' });
    assert.equal(other.statusCode, 400);
    assert.match(errorSummaryOf(other.body), /no longer available/);
    const noYear = await officer.post('/finance/import', { confirmed: 'yes', token, year: 'soon' });
    assert.equal(noYear.statusCode, 400);
    assert.match(errorSummaryOf(noYear.body), /Enter the financial year/);
    // An uploaded document's id is not a token: it is not a file kept for this import.
    const [doc] = await t.db.query<{ id: string }>('select id from files where deleted_at is null and filename not like $1 limit 1', ['ledger 2017-18: %']);
    if (doc) assert.equal((await officer.post('/finance/import', { confirmed: 'yes', token: doc.id, year: '2017-18' })).statusCode, 400);
    assert.equal(await months(), before);
  });

  it('offers no confirmation when no row is valid', async () => {
    const res = await officer.postMultipart('/finance/import', { year: '2017-18' }, ledger(['NOPE,2,,5,5']));
    assert.equal(res.statusCode, 400);
    assert.equal(tokenOf(res.body), null);
    assert.doesNotMatch(textOf(res.body), /valid row/);
  });

  it('imports the savings without problems from a mixed tracker once confirmed', async () => {
    const year = '2019-20';
    const url = `/finance/appendices/savings/import?year=${year}`;
    const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from finance_savings where financial_year = $1', [year]))[0]!.n;
    const saving = (reference: string, kind = 'BP Saving') => [
      reference,
      `Test saving ${reference}`,
      '',
      '',
      '',
      kind,
      '0',
      '-1',
      '-1',
      '0',
      '0',
      '',
      '-1',
      '-1',
      '0',
      '0',
      '',
      '',
      'No',
      'Green',
      '↔',
      '',
      '',
    ];
    const file = {
      field: 'file',
      filename: 'tracker.csv',
      data: Buffer.from(toCsv([savingColumns(year), saving('K.1'), saving('K.2', 'Maybe'), saving('K.3')])),
      type: 'text/csv',
    };
    const res = await officer.postMultipart(url, {}, file);
    assert.equal(res.statusCode, 400);
    assert.match(textOf(res.body), /3 BP Saving or Funnel\? Write BP Saving or Funnel/);
    assert.match(textOf(res.body), /Import the 2 valid rows and skip the 1 row with problems/);
    assert.equal(await count(), 0);
    const token = tokenOf(res.body)!;
    // A ledger confirmation's token is not a savings tracker's.
    const ledgerToken = tokenOf((await officer.postMultipart('/finance/import', { year: '2017-18' }, mixed)).body)!;
    assert.equal((await officer.post(url, { confirmed: 'yes', token: ledgerToken })).statusCode, 400);
    redirectedTo(await officer.post(url, { confirmed: 'yes', token }), /done=importedValid/);
    const stored = await t.db.query<{ reference: string }>('select reference from finance_savings where financial_year = $1 order by reference', [year]);
    assert.deepEqual(
      stored.map((r) => r.reference),
      ['K.1', 'K.3'],
    );
    const again = await officer.post(url, { confirmed: 'yes', token });
    assert.equal(again.statusCode, 400);
    assert.match(errorSummaryOf(again.body), /no longer available/);
    assert.equal(await count(), 2);
  });
});
