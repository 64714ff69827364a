// The finance appendices through the HTTP layer, on the demo's seed 004 figures: the savings tracker with its
// derived totals and chart, grant income, reserves and the capital programme; a finance officer adds, changes
// and deletes rows (every error at once, stale versions refused, audited); councillors read but cannot change;
// the tracker imports (nothing stored until the file is clean) and exports with real number cells; the JSON API
// answers as its OpenAPI document says.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import ExcelJS from 'exceljs';
import { API_OPERATIONS } from '../../src/app.ts';
import { buildOpenApi, registerOperations } from '../../src/api/operations.ts';
import { loadConfig } from '../../src/config.ts';
import { appendixOperations, appendixRoutes } from '../../src/finance/appendices/index.ts';
import { savingColumns } from '../../src/finance/appendices/savings-io.ts';
import { toCsv } from '../../src/documents/csv.ts';
import { apiToken, buildTestApp, json, signIn, type Agent, type TestApp } from '../helper.ts';

const YEAR = '2017-18';
const NEXT = '2018-19';
const decode = (html: string) =>
  html
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const csvFile = (rows: string[][]) => ({ field: 'file', filename: 'tracker.csv', data: Buffer.from(toCsv([savingColumns(NEXT), ...rows])), type: 'text/csv' });
type Extra = Partial<Record<'kind' | 'complete' | 'rag' | 'direction' | 'total', string>>;
/** A saving row in the tracker's columns (amounts in £000). */
const row = (reference: string, planned: string[], forecast: string[], extra: Extra = {}) => [
  reference,
  `Test saving ${reference}`,
  'A saving made in a test',
  'Communities and Partnership Committee',
  'Commissioning',
  extra.kind ?? 'BP Saving',
  '10',
  ...planned,
  extra.total ?? '',
  ...forecast,
  '',
  '',
  extra.complete ?? 'No',
  extra.rag ?? 'Amber',
  extra.direction ?? '↔',
  'Commentary',
  '0',
];

describe('finance appendices', () => {
  let t: TestApp;
  let officer: Agent;
  let councillor: Agent;

  before(async () => {
    t = await buildTestApp({
      beforeReady: (app) => {
        // Until the finance capability registers them, the test does.
        if (API_OPERATIONS.some((o) => o.operationId === 'listSavings')) return;
        void app.register(appendixRoutes, { db: app.db, config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), tenantId: '' });
        registerOperations(app, appendixOperations);
      },
    });
    officer = await signIn(t.app, 'finance_officer');
    councillor = await signIn(t.app, 'councillor');
  });
  after(() => t.close());

  it("shows seed 004's savings tracker with the printed totals derived from its rows, and the chart beside its table", async () => {
    const res = await councillor.get(`/finance/appendices/savings?year=${YEAR}`);
    assert.equal(res.statusCode, 200);
    const html = decode(res.body);
    assert.match(html, /Savings tracker 2017-18 \(74 savings\)/);
    // Investment, planned by quarter and in total, forecast by quarter and in total, variance from plan.
    for (const total of ['8,429', '-13,297', '-3,784', '-3,785', '-3,491', '-24,357', '-6,828', '-2,344', '-3,969', '-3,683', '-16,824', '7,533']) {
      assert.ok(html.includes(`<strong>${total}</strong>`), total);
    }
    assert.match(html, /<svg[^>]+role="img"/);
    assert.match(html, /id="quarters"/);
    assert.match(html, /A\/R\.6\.101/);
    assert.doesNotMatch(html, /Add a saving/, 'a councillor reads but does not change');
  });

  it('shows grant income, reserves and the capital programme with derived totals', async () => {
    const grants = decode((await councillor.get(`/finance/appendices/grants?year=${YEAR}`)).body);
    assert.ok(grants.includes('<strong>32,504</strong>') && grants.includes('<strong>73,022</strong>'));
    const reserves = decode((await councillor.get(`/finance/appendices/reserves?year=${YEAR}`)).body);
    // Opening and movements as printed; the balance at close is opening + movement (the seed prints -6,161: see the notes).
    for (const total of ['2,096', '-8,256', '-6,160', '-6,161', '46,320', '778']) assert.ok(reserves.includes(`<strong>${total}</strong>`), total);
    const schemes = decode((await councillor.get(`/finance/appendices/capital-schemes?year=${YEAR}`)).body);
    for (const total of ['10,022', '14,326', '576,016']) assert.ok(schemes.includes(`<strong>${total}</strong>`), total);
    const funding = decode((await councillor.get(`/finance/appendices/capital-funding?year=${YEAR}`)).body);
    for (const total of ['85,463', '10,021']) assert.ok(funding.includes(`<strong>${total}</strong>`), total);
    const overview = await councillor.get('/finance/appendices');
    assert.equal(overview.statusCode, 200);
    assert.match(overview.body, /Finance appendices 2017-18/);
    assert.equal((await councillor.get('/finance/appendices/grants?year=2017-19')).statusCode, 400);
  });

  it('a finance officer adds a grant: every error at once and nothing saved, then saved, audited, and in the total', async () => {
    const form = await officer.get(`/finance/appendices/grants/new?year=${YEAR}`);
    assert.equal(form.statusCode, 200);
    const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from finance_grants'))[0]!.n;
    const before = await count();
    const bad = await officer.post(`/finance/appendices/grants/new?year=${YEAR}`, { name: '', kind: 'other', amount: 'lots' });
    assert.equal(bad.statusCode, 400);
    const html = decode(bad.body);
    assert.match(html, /There is a problem/);
    for (const message of ['Enter grant', 'Choose kind of grant from the list', 'Expected amount must be an amount'])
      assert.ok(html.includes(message), message);
    assert.equal(await count(), before);
    const good = await officer.post(`/finance/appendices/grants/new?year=${YEAR}`, {
      name: 'Test Skills Grant',
      awardingBody: 'Test Agency',
      kind: 'non_baselined',
      amount: '£1,000,000',
    });
    assert.equal(good.statusCode, 303);
    assert.equal(good.headers.location, `/finance/appendices/grants?year=${YEAR}&done=added`);
    const page = decode((await officer.get(String(good.headers.location))).body);
    assert.match(page, /The row has been added/);
    assert.ok(page.includes('<strong>33,504</strong>') && page.includes('<strong>74,022</strong>'));
    const audit = await t.db.query<{ actor: string; action: string }>(
      "select actor, action from audit_log where entity_type = 'finance_grants' and after->>'name' = 'Test Skills Grant'",
    );
    assert.deepEqual(audit, [{ actor: 'finance.officer@example.org', action: 'insert' }]);
  });

  it('changes a reserve from the version read, refuses a stale version, and deletes it', async () => {
    const [reserve] = await t.db.query<{ id: string; version: number }>("select id, version from finance_reserves where name = 'Hunts Mental Health'");
    const edit = await officer.get(`/finance/appendices/reserves/${reserve!.id}/edit`);
    assert.equal(edit.statusCode, 200);
    assert.match(edit.body, /value="200000"/);
    const fields = {
      name: 'Hunts Mental Health',
      kind: 'revenue',
      section: 'Other Earmarked Reserves',
      serviceGroup: 'Adults & Safeguarding',
      opening: '200000',
      movement: '-50,000',
      yearEnd: '150000',
      notes: 'Part settled',
    };
    const saved = await officer.post(`/finance/appendices/reserves/${reserve!.id}/edit`, { ...fields, version: String(reserve!.version) });
    assert.equal(saved.statusCode, 303);
    const stale = await officer.post(`/finance/appendices/reserves/${reserve!.id}/edit`, { ...fields, movement: '0', version: String(reserve!.version) });
    assert.equal(stale.statusCode, 409);
    assert.match(decode(stale.body), /Someone else changed this record/);
    const [now] = await t.db.query<{ movement: number; version: number }>('select movement_pence as movement, version from finance_reserves where id = $1', [
      reserve!.id,
    ]);
    assert.equal(now!.movement, -5_000_000);
    const gone = await officer.post(`/finance/appendices/reserves/${reserve!.id}/delete`, { version: String(now!.version) });
    assert.equal(gone.statusCode, 303);
    assert.equal((await officer.get(`/finance/appendices/reserves/${reserve!.id}/edit`)).statusCode, 404);
  });

  it('councillors may not change the figures', async () => {
    assert.equal((await councillor.get(`/finance/appendices/grants/new?year=${YEAR}`)).statusCode, 403);
    const [grant] = await t.db.query<{ id: string }>("select id from finance_grants where name = 'Staying Put'");
    assert.equal((await councillor.post(`/finance/appendices/grants/${grant!.id}/delete`, { version: '1' })).statusCode, 403);
  });

  it('imports a savings tracker only when every row is clean, reporting problems by row and column', async () => {
    const url = `/finance/appendices/savings/import?year=${NEXT}`;
    const count = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from finance_savings where financial_year = $1', [NEXT]))[0]!.n;
    const bad = await officer.postMultipart(
      url,
      {},
      csvFile([
        row('T.1', ['-10', '-10', '-10', '-10'], ['-5', '-5', '-5', '-5'], { total: '-50' }),
        row('T.2', ['-1', 'x', '0', '0'], ['0', '0', '0', '0'], { kind: 'Maybe', rag: 'Purple' }),
        row('T.1', ['0', '0', '0', '0'], ['0', '0', '0', '0']),
      ]),
    );
    assert.equal(bad.statusCode, 400);
    const html = decode(bad.body);
    assert.match(html, /Nothing has been imported/);
    for (const [r, column] of [
      ['2', 'Original Saving 18-19'],
      ['3', 'BP Saving or Funnel\\?'],
      ['3', 'Original Phasing - Q2'],
      ['3', 'RAG'],
      ['4', 'Reference'],
    ]) {
      assert.match(html, new RegExp(`<td class="govuk-table__cell">${r}</td><td class="govuk-table__cell">${column}</td>`), `${r} ${column}`);
    }
    assert.equal(await count(), 0);
    const good = await officer.postMultipart(
      url,
      {},
      csvFile([
        row('T.1', ['-10', '-10', '-10', '-10'], ['-5', '-5', '-5', '-5'], { total: '-40' }),
        row('T.2', ['-1', '-2', '0', '0'], ['0', '0', '0', '-2.5'], { kind: 'Funnel', rag: '0', direction: '' }),
      ]),
    );
    assert.equal(good.statusCode, 303, good.body);
    assert.equal(await count(), 2);
    const [linked] = await t.db.query<{ body: string | null; q4: number }>(
      "select body_id::text as body, forecast_q4_pence as q4 from finance_savings where reference = 'T.2' and financial_year = $1",
      [NEXT],
    );
    assert.ok(linked!.body, 'the committee is linked to the body of that name');
    assert.equal(linked!.q4, -250_000);
    // The same reference again updates rather than duplicates.
    const again = await officer.postMultipart(url, {}, csvFile([row('T.1', ['-20', '-10', '-10', '-10'], ['-5', '-5', '-5', '-5'])]));
    assert.equal(again.statusCode, 303);
    assert.equal(await count(), 2);
    const notSheet = await officer.postMultipart(url, {}, { field: 'file', filename: 'tracker.txt', data: Buffer.from('hello') });
    assert.equal(notSheet.statusCode, 400);
    assert.match(decode(notSheet.body), /must be a CSV or an Excel workbook/);
  });

  it('exports the tracker as XLSX with real number cells, and as CSV, in the import columns', async () => {
    const xlsx = await officer.get(`/finance/appendices/savings.xlsx?year=${YEAR}`);
    assert.equal(xlsx.statusCode, 200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    assert.deepEqual((sheet.getRow(1).values as unknown[]).slice(1), savingColumns(YEAR));
    const dp = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'A/R.6.101')!;
    assert.equal(dp.getCell(7).value, 87);
    assert.equal(dp.getCell(12).value, -395);
    assert.equal(dp.getCell(17).value, -176);
    assert.equal(dp.getCell(18).value, 219);
    const csv = await officer.get(`/finance/appendices/savings.csv?year=${YEAR}`);
    assert.match(csv.body, /A\/R\.6\.101,.*,87,-98,-99,-99,-99,-395,0,0,0,-176,-176,219,No,Red,↑/);
  });

  it('the JSON API lists each appendix for a year, paged, as its OpenAPI document says', async () => {
    const token = await apiToken(t, 'councillor');
    const doc = buildOpenApi(appendixOperations, { title: 'test', version: '1' }) as unknown as {
      paths: Record<
        string,
        Record<string, { operationId: string; tags: string[]; responses: Record<string, { content?: Record<string, { schema: object }> }> }>
      >;
      components: object;
    };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    (addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
    ajv.addSchema({ $id: 'openapi', components: doc.components });
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    for (const [path, methods] of Object.entries(doc.paths)) {
      const op = methods.get!;
      assert.deepEqual(op.tags, ['Finance']);
      const res = await get(`/api/v1${path}?financialYear=${YEAR}&limit=5`);
      assert.equal(res.statusCode, 200, res.body);
      const schema = JSON.stringify(op.responses['200']!.content!['application/json']!.schema).replaceAll('"#/components/', '"openapi#/components/');
      const validate = ajv.compile(JSON.parse(schema));
      assert.ok(validate(json(res)), `${op.operationId}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
      assert.ok(json(res).data.length <= 5);
    }
    const savings = json(await get(`/api/v1/finance/savings?financialYear=${YEAR}&limit=500`));
    assert.equal(savings.pagination.total, 74);
    assert.deepEqual(savings.totals, {
      investment: 842_900_000,
      planned: [-1_329_700_000, -378_400_000, -378_500_000, -349_100_000],
      plannedTotal: -2_435_700_000,
      forecast: [-682_800_000, -234_400_000, -396_900_000, -368_300_000],
      forecastTotal: -1_682_400_000,
      variance: 753_300_000,
    });
    const dp = savings.data.find((s: { reference: string }) => s.reference === 'A/R.6.101');
    assert.equal(dp.variance, 21_900_000);
    const second = json(await get(`/api/v1/finance/savings?financialYear=${YEAR}&limit=10&offset=10`));
    assert.equal(second.data[0].reference, savings.data[10].reference);
    const missing = await get('/api/v1/finance/grants');
    assert.equal(missing.statusCode, 400);
    assert.match(json(missing).detail, /financialYear/);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/finance/grants?financialYear=${YEAR}` })).statusCode, 401);
  });
});
