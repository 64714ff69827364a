// The values import is audited as one event (issue 19), as the ledger import is: through the HTTP layer, a
// 1,200-row import writes no audit row per value or target, but one event of entity type 'indicator_value_imports'
// naming the file (name, SHA-256, row count) with the values and targets written, before (none: new) and after,
// in parts under the event's id; a re-import that changes one value holds just that value's before and after, so
// a value's history is recovered from the trail alone; the data version moves with each import. The triggers
// skipped for an import (migration 0039's WHEN clauses) still audit every other change, row by row, and a
// table name merely containing 'indicator_values' does not skip them.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { dataVersion } from '../../src/db/data-version.ts';
import { createIndicator } from '../../src/performance/performance.service.ts';
import { VALUE_COLUMNS } from '../../src/performance/values-validation.ts';
import { importedChanges } from '../../src/performance/values.repository.ts';
import { type Agent, buildTestApp, signIn, type TestApp } from '../helper.ts';

const MONTHS = 600;
type Change = [string, string, unknown[] | null, unknown[]];
interface Event {
  entityId: string;
  after: {
    name: string;
    filename?: string;
    sha256?: string;
    rows?: number;
    skipped?: number;
    values_written?: number;
    targets_written?: number;
    parts?: number;
    part?: number;
    fields?: string[];
    values?: Change[];
    new_values?: Record<string, string>;
    new_targets?: Record<string, string>;
    new_columns?: string[];
    targets?: [string, string, string | number | null, string | number][];
  };
}

/** Two monthly indicators × 600 months from April 1970: value k/10 (k the row), a target on every 12th month. */
function valuesFile(change?: { row: number; value: string }) {
  const lines = [VALUE_COLUMNS.join(',')];
  for (let k = 0; k < 2 * MONTHS; k++) {
    const m = k % MONTHS;
    const period = `${1970 + Math.floor((m + 3) / 12)}-${String(((m + 3) % 12) + 1).padStart(2, '0')}-01`;
    const value = change?.row === k ? change.value : String(k / 10);
    lines.push(`${k < MONTHS ? 'VA 1' : 'VA 2'},,${period},${value},,,final,${m % 12 === 0 ? '50' : ''},,,,`);
  }
  const data = Buffer.from(lines.join('\r\n'));
  return { field: 'file', filename: 'values-audit.csv', data, type: 'text/csv' };
}

describe('performance: the values import audited as one event', () => {
  let t: TestApp;
  let officer: Agent;
  let va1: string;
  const ctx = () => ({ tenantId: t.tenantId, actor: 'test@example.org', requestId: 'test' });
  const events = () =>
    t.db.query<Event>(`select entity_id as "entityId", after from audit_log where tenant_id = $1 and entity_type = 'indicator_value_imports' order by id`, [
      t.tenantId,
    ]);
  const rowEvents = async () =>
    (
      await t.db.query<{ n: number }>(
        `select count(*)::int as n from audit_log where tenant_id = $1 and entity_type in ('indicator_values', 'indicator_targets')`,
        [t.tenantId],
      )
    )[0]!.n;

  before(async () => {
    t = await buildTestApp();
    officer = await signIn(t.app, 'performance_officer');
    const none = { tolerancePercent: null, baselineValue: null, baselineNumerator: null, baselineDenominator: null, finalTargetValue: null };
    const indicator = (code: string) =>
      createIndicator(t.db, ctx(), {
        code,
        title: `Audit test ${code}`,
        unit: 'count',
        polarity: 'higher_is_better',
        frequency: 'monthly',
        decimals: 1,
        ...none,
      });
    va1 = await indicator('VA 1');
    await indicator('VA 2');
  });
  after(async () => t?.close());

  it('writes a 1,200-row import as one event with the file, its row count, and every value and target written', async () => {
    const before = await rowEvents();
    const versionBefore = await dataVersion(t.db);
    const file = valuesFile();
    const res = await officer.postMultipart('/performance/import', {}, file);
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    assert.equal(res.headers.location, `/performance?done=imported&count=${2 * MONTHS}`);
    assert.equal(await rowEvents(), before, 'no audit row per value or target');
    assert.notEqual(await dataVersion(t.db), versionBefore, 'the data version moves, so cached public pages are drawn again');
    const all = await events();
    const head = all.at(-1)!;
    assert.equal(head.after.name, 'Values import: values-audit.csv');
    assert.equal(head.after.sha256, createHash('sha256').update(file.data).digest('hex'));
    assert.equal(head.after.rows, 2 * MONTHS);
    assert.equal(head.after.skipped, 0);
    assert.equal(head.after.values_written, 2 * MONTHS);
    assert.equal(head.after.targets_written, 100);
    const parts = all.filter((e) => e.entityId === head.entityId && e !== head);
    assert.equal(parts.length, head.after.parts, 'the event names how many parts hold its values');
    assert.ok(
      all.every((e) => e.entityId === head.entityId),
      'one import: every row under its id',
    );
    assert.ok(
      parts.every((p) => p.after.new_values || p.after.new_targets),
      'every value and target is new: each part holds its batch as written, nothing before',
    );
    const changes = await importedChanges(t.db, t.tenantId, head.entityId);
    const values = changes.filter((c) => c.kind === 'value');
    assert.equal(values.length, 2 * MONTHS);
    // Row 12 of VA 1 (April 1971): new, so nothing before; 1.2 after, final, not published.
    const april71 = values.find((c) => c.indicatorId === va1 && c.periodStart === '1971-04-01')!;
    assert.equal(april71.before, null);
    assert.deepEqual(parts[0]!.after.new_columns, [
      'indicator_id',
      'period_start',
      'value',
      'numerator',
      'denominator',
      'status',
      'commentary',
      'corrective_action',
      'stat_neighbours',
      'england',
    ]);
    assert.deepEqual(april71.after, [1.2, null, null, 'final', '', '', null, null, false]);
    const targets = changes.filter((c) => c.kind === 'target');
    assert.equal(targets.length, 100);
    const target = targets.find((c) => c.indicatorId === va1 && c.periodStart === '1971-04-01')!;
    assert.deepEqual([target.before, target.after], [null, 50]);
    // The stored values are what the event says was written.
    const stored = await t.db.query<{ value: string }>(
      `select value::float8 as value from indicator_values where indicator_id = $1 and period_start = '1971-04-01'`,
      [va1],
    );
    assert.equal(Number(stored[0]!.value), 1.2);
  });

  it('writes a re-import that changes one value as one event holding that value before and after', async () => {
    const before = await rowEvents();
    const res = await officer.postMultipart('/performance/import', {}, valuesFile({ row: 13, value: '13.5' }));
    assert.equal(res.statusCode, 303);
    assert.equal(await rowEvents(), before);
    const all = await events();
    const head = all.at(-1)!;
    assert.equal(head.after.values_written, 1, 'values the file repeats unchanged are not written');
    assert.equal(head.after.targets_written, 0);
    assert.equal(head.after.parts, 1);
    const part = all.find((e) => e.entityId === head.entityId && e !== head)!;
    assert.deepEqual(part.after.values, [
      [va1, '1971-05-01', [1.3, null, null, 'final', '', '', null, null, false], [13.5, null, null, 'final', '', '', null, null, false]],
    ]);
    // The history of that value, from the trail alone: what each import event wrote of it, in order.
    const heads = all.filter((e) => e.after.filename);
    const history: unknown[] = [];
    for (const event of heads) {
      for (const c of await importedChanges(t.db, t.tenantId, event.entityId)) {
        if (c.kind === 'value' && c.indicatorId === va1 && c.periodStart === '1971-05-01') {
          history.push([(c.before as number[] | null)?.[0] ?? null, (c.after as number[])[0]]);
        }
      }
    }
    assert.deepEqual(history, [
      [null, 1.3],
      [1.3, 13.5],
    ]);
  });

  it('still audits a value and a target changed outside an import, row by row', async () => {
    const before = await rowEvents();
    await t.db.transaction(ctx(), async (tx) => {
      await tx.query(`update indicator_values set commentary = 'By hand' where indicator_id = $1 and period_start = '1970-04-01'`, [va1]);
      // A name that merely contains the table's name skips nothing.
      await tx.query(`select set_config('app.audit_batch', 'indicator_values_x,xindicator_targets', true)`);
      await tx.query(`update indicator_values set commentary = 'By hand again' where indicator_id = $1 and period_start = '1970-04-01'`, [va1]);
      await tx.query(`update indicator_targets set value = 51 where indicator_id = $1 and period_start = '1970-04-01'`, [va1]);
      await tx.query(`insert into indicator_values (tenant_id, indicator_id, period_start, value) values ($1, $2, '2030-04-01', 1)`, [t.tenantId, va1]);
    });
    assert.equal(await rowEvents(), before + 4);
  });
});
