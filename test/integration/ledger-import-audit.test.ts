// The ledger import writes set-wise and is audited as one event (issue 15/19), through the HTTP layer: a 2,000-row
// import writes one audit row, which names the file and its row count and holds every month and budget written with
// its value before (none: new) and after; a re-import that changes one month writes one event holding just that
// month's before and after, so a value's history is still recoverable; the data version (the public page cache's key)
// moves with each import; the per-row trigger writes nothing for the import's months.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dataVersion } from '../../src/db/data-version.ts';
import { type Agent, buildTestApp, signIn, type TestApp } from '../helper.ts';
import { redirectedTo } from '../pages.ts';

const YEAR = 2020;
const LINES = 167;
const ROWS = 2_000;

interface ImportEvent {
  actor: string;
  entityId: string | null;
  after: {
    name: string;
    financial_year: number;
    filename: string;
    rows: number;
    skipped: number;
    months_written: number;
    budgets_written: number;
    month_columns: string[];
    months: [string, number, number | null, number | null, number | null, number | null][];
    budgets: [string, number | null, number][];
  };
}

/** Line k (1-based) in period p: actual k×10+p pounds, forecast k×100; period 1 gives the budget, k×1,000. */
function ledgerCsv(change?: { line: number; period: number; actual: number }) {
  const rows = ['Line code,Period,Budget,Actual,Forecast'];
  for (let n = 0; n < ROWS; n++) {
    const k = Math.floor(n / 12) + 1;
    const p = (n % 12) + 1;
    const actual = change && change.line === k && change.period === p ? change.actual : k * 10 + p;
    rows.push(`LA${String(k).padStart(4, '0')},${p},${p === 1 ? k * 1000 : ''},${actual},${k * 100}`);
  }
  return { field: 'file', filename: 'ledger-2020-21.csv', data: Buffer.from(rows.join('\r\n')), type: 'text/csv' };
}

describe('finance: the ledger import audited as one event', () => {
  let t: TestApp;
  let officer: Agent;
  const auditRows = async () => (await t.db.query<{ n: number }>('select count(*)::int as n from audit_log'))[0]!.n;
  const events = () =>
    t.db.query<ImportEvent>(`select actor, entity_id as "entityId", after from audit_log where tenant_id = $1 and entity_type = 'ledger_imports' order by id`, [
      t.tenantId,
    ]);
  const lineId = async (k: number) =>
    (await t.db.query<{ id: string }>('select id from budget_lines where tenant_id = $1 and code = $2', [t.tenantId, `LA${String(k).padStart(4, '0')}`]))[0]!
      .id;

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'finance_officer');
    const [directorate] = await t.db.query<{ id: string }>(
      `insert into finance_directorates (tenant_id, name, kind, position) values ($1, 'Audit test directorate', 'service', 99) returning id`,
      [t.tenantId],
    );
    await t.db.query(
      `insert into budget_lines (tenant_id, directorate_id, code, name, position)
       select $1, $2, 'LA' || lpad(g::text, 4, '0'), 'Audit test line ' || g, 1000 + g from generate_series(1, $3::int) g`,
      [t.tenantId, directorate!.id, LINES],
    );
  });
  after(async () => t?.close());

  it('writes a 2,000-row import as one audit event with the file, its row count and every value written', async () => {
    const auditBefore = await auditRows();
    const versionBefore = await dataVersion(t.db);
    redirectedTo(await officer.postMultipart('/finance/import', { year: '2020-21' }, ledgerCsv()), /\/finance\?year=2020-21&done=imported$/);
    const [months] = await t.db.query<{ n: number }>('select count(*)::int as n from budget_line_months where tenant_id = $1 and financial_year = $2', [
      t.tenantId,
      YEAR,
    ]);
    assert.equal(months!.n, ROWS);
    assert.equal(await auditRows(), auditBefore + 1, 'one audit row for the whole import');
    assert.notEqual(await dataVersion(t.db), versionBefore, 'the data version moves, so cached public pages are drawn again');
    const [event, ...more] = await events();
    assert.equal(more.length, 0);
    assert.match(event!.actor, /^finance\.officer/);
    assert.equal(event!.entityId, null, 'a clean file is not kept: the event holds its name, hash and every value');
    assert.equal(event!.after.name, 'Ledger import: ledger-2020-21.csv');
    assert.equal(event!.after.rows, ROWS);
    assert.equal(event!.after.skipped, 0);
    assert.equal(event!.after.months_written, ROWS);
    assert.equal(event!.after.months.length, ROWS);
    assert.equal(event!.after.budgets_written, LINES);
    // Line 5, period 3: new, so nothing before; 53 pounds actual and 500 forecast after, in pence.
    const five = await lineId(5);
    assert.deepEqual(
      event!.after.months.find(([line, period]) => line === five && period === 3),
      [five, 3, null, null, 5_300, 50_000],
    );
    assert.deepEqual(
      event!.after.budgets.find(([line]) => line === five),
      [five, null, 500_000],
    );
  });

  it('writes a re-import that changes one month as one event holding that month before and after', async () => {
    const versionBefore = await dataVersion(t.db);
    redirectedTo(
      await officer.postMultipart('/finance/import', { year: '2020-21' }, ledgerCsv({ line: 7, period: 4, actual: 999 })),
      /\/finance\?year=2020-21&done=imported$/,
    );
    assert.notEqual(await dataVersion(t.db), versionBefore);
    const seven = await lineId(7);
    const [, second] = await events();
    assert.equal(second!.after.rows, ROWS);
    assert.equal(second!.after.months_written, 1, 'months the file repeats unchanged are not written');
    assert.equal(second!.after.budgets_written, 0);
    assert.deepEqual(second!.after.months, [[seven, 4, 7_400, 70_000, 99_900, 70_000]]);
    const [stored] = await t.db.query<{ actual: string }>(
      'select actual_pence::text as actual from budget_line_months where tenant_id = $1 and line_id = $2 and financial_year = $3 and period = 4',
      [t.tenantId, seven, YEAR],
    );
    assert.equal(stored!.actual, '99900');
    // The history of that value, from the trail alone: every import event that wrote it, in order.
    const history = (await events()).flatMap((e) => e.after.months.filter(([line, period]) => line === seven && period === 4).map((m) => [m[2], m[4]]));
    assert.deepEqual(history, [
      [null, 7_400],
      [7_400, 99_900],
    ]);
    const [rowEvents] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where tenant_id = $1 and entity_type in ('budget_line_months', 'budget_line_years') and after->>'financial_year' = $2`,
      [t.tenantId, String(YEAR)],
    );
    assert.equal(rowEvents!.n, 0, 'the row trigger is skipped for the import');
  });

  it('still audits a month saved by hand after an import, row by row', async () => {
    const seven = await lineId(7);
    const res = await officer.post(`/finance/lines/${seven}/month`, { year: '2020-21', period: '5', actual: '1', forecast: '2' });
    assert.ok(res.statusCode < 400, `saving a month by hand: ${res.statusCode}`);
    const [rowEvents] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where tenant_id = $1 and entity_type = 'budget_line_months' and after->>'line_id' = $2`,
      [t.tenantId, seven],
    );
    assert.equal(rowEvents!.n, 1);
  });
});
