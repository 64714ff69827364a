// Importing indicator values through the import page: a file with problems imports nothing and
// lists every problem by row and column; the officer may then import only the rows without
// problems; a corrected file updates what is there without duplicating it; Excel works as CSV
// does; only those who may edit performance can import; a file that is not a spreadsheet is
// refused with a message. Exports read back in.
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, countRows, signIn, type Agent, type TestApp } from '../helper.ts';
import { importedChanges } from '../../src/performance/values.repository.ts';
import { createIndicator } from '../../src/performance/performance.service.ts';
import { readValueRows, toCsvText, toXlsx } from '../../src/performance/values-io.ts';
import { VALUE_COLUMNS } from '../../src/performance/values-validation.ts';

const csv = (rows: string[][]) => Buffer.from(toCsvText([[...VALUE_COLUMNS], ...rows]));
/** Code, name, period, value, numerator, denominator, status, target, stat neighbours, England, commentary, corrective action. */
const GOOD = [
  ['T 16', 'Test serious acquisitive crime rate', '2007/08', '12.53', '7,390', '589,784', 'final', '', '', '', 'Baseline year', ''],
  ['T 16', 'Test serious acquisitive crime rate', '2008/09', '13.1', '', '', 'provisional', '12.5', '11.9', '13.4', 'Rose by 5%', 'Robbery action plan'],
  ['T 16', 'Test serious acquisitive crime rate', '2010/11', '', '', '', '', '12.2', '', '', '', ''],
  ['', 'Test persistent absence', 'February 2018', '11.2%', '', '', 'final', '10', '', '10.8', '', ''],
  ['', 'Test persistent absence', 'March 2018', '10.9', '', '', 'final', '10', '', '10.8', '', ''],
  ['', 'Test persistent absence', '2018-04-01', '10.4', '', '', 'final', '', '', '', '', ''],
];
const BAD_VALUE = ['T 16', 'Test serious acquisitive crime rate', '2009/10', '12.9', '7390', '589784', 'final', '', '', '', '', ''];
const BAD_PERIOD = ['', 'Test persistent absence', '2018-05-15', '10.1', '', '', 'final', '', '', '', '', ''];
const FIXED_VALUE = ['T 16', 'Test serious acquisitive crime rate', '2009/10', '12.53', '7390', '589784', 'final', '', '', '', '', ''];
const FIXED_PERIOD = ['', 'Test persistent absence', 'May 2018', '10.1', '', '', 'final', '', '', '', '', ''];

const decode = (html: string) =>
  html
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('importing indicator values', () => {
  let t: TestApp;
  let officer: Agent;
  let ni16: string;
  let absence: string;
  /** Live rows of the two test indicators (the demo data has its own). */
  const mine = async (table: 'indicator_values' | 'indicator_targets') =>
    (
      await t.db.query<{ n: number }>(`select count(*)::int as n from ${table} where indicator_id = any($1::uuid[]) and deleted_at is null`, [[ni16, absence]])
    )[0]!.n;
  const values = async () =>
    t.db.query<{ period: string; value: string | null; published: boolean; status: string }>(
      `select period_start as period, trim_scale(value)::text as value, published, status from indicator_values where indicator_id = $1 and deleted_at is null
     order by period_start`,
      [ni16],
    );

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'performance_officer');
    const ctx = { tenantId: t.tenantId, actor: 'test', requestId: 'test' };
    // (The schema wants its number fields present, if only as null.)
    const none = { tolerancePercent: null, baselineValue: null, baselineNumerator: null, baselineDenominator: null, finalTargetValue: null };
    ni16 = await createIndicator(t.db, ctx, {
      code: 'T 16',
      title: 'Test serious acquisitive crime rate',
      unit: 'rate_per_1000',
      polarity: 'lower_is_better',
      frequency: 'annual',
      decimals: 2,
      ...none,
    });
    absence = await createIndicator(t.db, ctx, {
      title: 'Test persistent absence',
      unit: 'percentage',
      polarity: 'lower_is_better',
      frequency: 'monthly',
      decimals: 1,
      ...none,
    });
  });
  after(async () => t.close());

  it('refuses a file with two bad rows, listing both problems by row and column, and imports nothing', async () => {
    const files = await countRows(t.db, 'files');
    const res = await officer.postMultipart(
      '/performance/import',
      {},
      { field: 'file', filename: 'values.csv', data: csv([...GOOD.slice(0, 3), BAD_VALUE, ...GOOD.slice(3), BAD_PERIOD]) },
    );
    assert.equal(res.statusCode, 400);
    const page = decode(res.body);
    assert.match(page, /The file has 2 problems. Nothing has been imported/);
    const problems = [
      ...page.matchAll(
        /<tr class="govuk-table__row"><td class="govuk-table__cell">(\d+)<\/td><td class="govuk-table__cell">([^<]*)<\/td><td class="govuk-table__cell">([^<]*)<\/td>/g,
      ),
    ].map((m) => [Number(m[1]), m[2], m[3]]);
    assert.deepEqual(problems, [
      [5, 'Value', 'The value 12.9 does not match the numerator and denominator, which give 12.53'],
      [9, 'Period', '‘2018-05-15’ is not the first day of a month: for this monthly indicator write May 2018'],
    ]);
    assert.match(page, /Or import only the 6 rows without problems/);
    assert.equal(await mine('indicator_values'), 0);
    assert.equal(await mine('indicator_targets'), 0);
    assert.equal(await countRows(t.db, 'files'), files + 1, 'the upload is kept for the confirmation, in the database');
  });

  it('imports only the rows without problems when the officer confirms, once', async () => {
    const first = await officer.postMultipart(
      '/performance/import',
      {},
      { field: 'file', filename: 'values.csv', data: csv([...GOOD.slice(0, 3), BAD_VALUE, ...GOOD.slice(3), BAD_PERIOD]) },
    );
    const token = /name="token" value="([0-9a-f-]+)"/.exec(first.body)?.[1];
    assert.ok(token, 'the problems page carries the token of the kept file');
    const res = await officer.post('/performance/import', { confirmed: 'yes', token });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/performance?done=imported&count=6');
    // Five values (the 2010/11 row only sets a target) and four targets.
    assert.equal(await mine('indicator_values'), 5);
    assert.equal(await mine('indicator_targets'), 4);
    assert.deepEqual(await values(), [
      { period: '2007-04-01', value: '12.53', published: false, status: 'final' },
      { period: '2008-04-01', value: '13.1', published: false, status: 'provisional' },
    ]);
    // The import is audited as one event (its parts under the same id), holding every value and target written.
    const audit = await t.db.query<{ actor: string; events: number; importId: string }>(
      `select actor, count(distinct entity_id)::int as events, min(entity_id::text) as "importId"
       from audit_log where entity_type = 'indicator_value_imports' and actor <> 'demo' group by actor`,
    );
    const changes = await importedChanges(t.db, t.tenantId, audit[0]!.importId);
    assert.deepEqual(
      audit.map((a) => ({
        actor: a.actor,
        events: a.events,
        values: changes.filter((c) => c.kind === 'value').length,
        targets: changes.filter((c) => c.kind === 'target').length,
      })),
      [{ actor: 'performance.officer@example.org', events: 1, values: 5, targets: 4 }],
      'the audit trail says who imported every value and target',
    );
    const rowAudit = await t.db.query(`select 1 from audit_log where entity_type in ('indicator_values', 'indicator_targets') and actor <> 'demo'`);
    assert.equal(rowAudit.length, 0, 'no row-by-row audit besides the event');
    const again = await officer.post('/performance/import', { confirmed: 'yes', token });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /The file to import is no longer available: upload it again/);
    assert.equal(await mine('indicator_values'), 5);
  });

  it('imports a corrected file whole, updating what is there without duplicating it; unchanged values stay published', async () => {
    await t.db.query(`update indicator_values set published = true where indicator_id = any($1::uuid[])`, [[ni16, absence]]);
    const corrected = GOOD.map((r) => (r[2] === 'March 2018' ? [...r.slice(0, 3), '10.7', ...r.slice(4)] : r));
    const res = await officer.postMultipart(
      '/performance/import',
      {},
      { field: 'file', filename: 'values.csv', data: csv([...corrected.slice(0, 3), FIXED_VALUE, ...corrected.slice(3), FIXED_PERIOD]) },
    );
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/performance?done=imported&count=8');
    assert.equal(await mine('indicator_values'), 7);
    assert.equal(await mine('indicator_targets'), 4);
    assert.deepEqual(await values(), [
      { period: '2007-04-01', value: '12.53', published: true, status: 'final' },
      { period: '2008-04-01', value: '13.1', published: true, status: 'provisional' },
      { period: '2009-04-01', value: '12.53', published: false, status: 'final' },
    ]);
    const march = await t.db.query<{ value: string; published: boolean; version: number }>(
      `select trim_scale(value)::text as value, published, version from indicator_values where indicator_id = $1 and period_start = '2018-03-01'`,
      [absence],
    );
    assert.deepEqual(
      march,
      [{ value: '10.7', published: false, version: 3 }],
      'a changed value is updated in place (published, then imported) and unpublished',
    );
  });

  it('imports an Excel workbook, and the export reads back in without changing anything', async () => {
    const xlsx = Buffer.from(
      await toXlsx([[...VALUE_COLUMNS], ['', 'Test persistent absence', 'June 2018', '9.8', '', '', 'provisional', '9.5', '', '', '', '']]),
    );
    const res = await officer.postMultipart('/performance/import', {}, { field: 'file', filename: 'Values June.xlsx', data: xlsx });
    assert.equal(res.statusCode, 303);
    assert.equal(await mine('indicator_values'), 8);

    const exported = await officer.get('/performance/values.csv');
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-type']), /^text\/csv/);
    const lines = exported.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], VALUE_COLUMNS.join(','));
    assert.ok(lines.includes('T 16,Test serious acquisitive crime rate,2010/11,,,,,12.2,,,,'), 'a target without a value is exported');
    assert.ok(lines.includes(',Test persistent absence,June 2018,9.8,,,provisional,9.5,,,,'));
    assert.equal(lines.filter((l) => /^(T 16,Test serious|,Test persistent)/.test(l)).length, 9);
    // Our rows of the export read back in as they are. (The whole export is not used: the demo data
    // has rates with a numerator but no denominator, which the import refuses as the form does.)
    const ours = [lines[0]!, ...lines.filter((l) => /^(T 16,Test serious|,Test persistent)/.test(l))];
    const versions = await t.db.query<{ sum: number }>('select sum(version)::int as sum from indicator_values');
    const back = await officer.postMultipart(
      '/performance/import',
      {},
      { field: 'file', filename: 'indicator-values.csv', data: Buffer.from(`${ours.join('\r\n')}\r\n`) },
    );
    assert.equal(back.statusCode, 303);
    assert.equal(back.headers.location, '/performance?done=imported&count=9');
    assert.deepEqual(await t.db.query('select sum(version)::int as sum from indicator_values'), versions, 'nothing changed, so nothing was written');

    const workbook = await officer.get('/performance/values.xlsx');
    assert.equal(workbook.statusCode, 200);
    const pad = (rows: string[][]) => rows.map((r) => VALUE_COLUMNS.map((_, k) => r[k] ?? ''));
    assert.deepEqual(
      pad(await readValueRows(workbook.rawPayload, 'indicator-values.xlsx')),
      pad(await readValueRows(exported.rawPayload, 'indicator-values.csv')),
      'the workbook holds what the CSV holds',
    );
    // Values are numbers in Excel, so a column sums.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(workbook.rawPayload as unknown as ArrayBuffer);
    const values = book.worksheets[0]!.getColumn(4).values.slice(2);
    assert.ok(values.length > 0 && values.every((v) => v === undefined || v === null || typeof v === 'number'), 'every value is a number');
    assert.ok(values.some((v) => typeof v === 'number'));
  });

  it('lets only those who may edit performance import', async () => {
    const councillor = await signIn(t.app, 'councillor');
    const res = await councillor.postMultipart('/performance/import', {}, { field: 'file', filename: 'values.csv', data: csv(GOOD) });
    assert.equal(res.statusCode, 403);
    assert.equal((await councillor.get('/performance/import')).statusCode, 403);
  });

  it('refuses a file that is not a spreadsheet, or no file, with a message and no change', async () => {
    const before = await mine('indicator_values');
    const garbage = await officer.postMultipart(
      '/performance/import',
      {},
      { field: 'file', filename: 'values.xlsx', data: Buffer.from('\u0089PNG not a workbook at all') },
    );
    assert.equal(garbage.statusCode, 400);
    assert.match(garbage.body, /this file is named .xlsx but is not an Excel workbook/);
    const pdf = await officer.postMultipart('/performance/import', {}, { field: 'file', filename: 'values.pdf', data: Buffer.from('%PDF-1.4') });
    assert.equal(pdf.statusCode, 400);
    assert.match(pdf.body, /The file must be a CSV or an Excel workbook \(.xlsx\)/);
    const none = await officer.postMultipart('/performance/import', {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /Select a CSV or Excel file of values/);
    const headerOnly = await officer.postMultipart('/performance/import', {}, { field: 'file', filename: 'values.csv', data: csv([]) });
    assert.equal(headerOnly.statusCode, 400);
    assert.match(headerOnly.body, /The file has no rows of values under its header/);
    const forged = await officer.post('/performance/import', { confirmed: 'yes', token: 'not-a-token' });
    assert.equal(forged.statusCode, 400);
    assert.equal(await mine('indicator_values'), before);
  });
});
