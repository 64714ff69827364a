// Values and targets point at an indicator of their own council (migration 0041): the rule a foreign key kept
// row by row is checked once per statement, so it must still refuse what the foreign key refused, with the
// same SQLSTATE (23503): a value or target naming no indicator, or another council's; a change of a stored
// row's indicator; deleting an indicator that still has values or targets, or changing its id. And an import
// that meets a value someone stored meanwhile stops whole, with a message, rather than failing with a 500.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { batchFile } from '../../src/db/audit-batch.ts';
import { importValidRows, STORED_MEANWHILE } from '../../src/performance/values-io.ts';
import { VALUE_COLUMNS, validateValueRows } from '../../src/performance/values-validation.ts';
import { loadIndicators } from '../../src/performance/values.repository.ts';
import { ValidationError } from '../../src/web/errors.ts';
import { buildTestApp, type TestApp } from '../helper.ts';
import { testIndicator } from '../indicators.ts';

const code = (e: unknown) => (e as { code?: string }).code;

describe('performance: values and targets point at an indicator of their own council', () => {
  let t: TestApp;
  let indicatorId: string;
  let otherCouncilIndicator: string;
  const ctx = () => ({ tenantId: t.tenantId, actor: 'test@example.org', requestId: 'test' });
  const indicator = (code: string, title: string) => testIndicator(t.db, t.tenantId, { code, title });
  const refused = async (sql: string, params: unknown[]) => {
    await assert.rejects(
      t.db.transaction(ctx(), (tx) => tx.query(sql, params)),
      (e) => code(e) === '23503',
      sql,
    );
  };

  before(async () => {
    t = await buildTestApp({ demo: false });
    indicatorId = await indicator('REF 1', 'Reference check indicator');
    await t.db.transaction(ctx(), async (tx) => {
      const [other] = await tx.query<{ id: string }>(`insert into tenants (slug, name) values ('ref-other', 'Another Council') returning id`);
      const [indicator] = await tx.query<{ id: string }>(
        `insert into indicators (tenant_id, code, title, unit, polarity, frequency, decimals) values ($1, 'OTHER 1', 'Theirs', 'count', 'higher_is_better', 'monthly', 0) returning id`,
        [other!.id],
      );
      otherCouncilIndicator = indicator!.id;
    });
    await t.db.transaction(ctx(), (tx) =>
      tx.query(`insert into indicator_values (tenant_id, indicator_id, period_start, value) values ($1, $2, '2026-04-01', 5)`, [t.tenantId, indicatorId]),
    );
    await t.db.transaction(ctx(), (tx) =>
      tx.query(`insert into indicator_targets (tenant_id, indicator_id, period_start, value) values ($1, $2, '2026-04-01', 6)`, [t.tenantId, indicatorId]),
    );
  });
  after(async () => t?.close());

  it('refuses a value or target naming no indicator, or another council’s, and writes none of the statement’s rows', async () => {
    const before = await t.db.query<{ n: number }>(`select count(*)::int as n from indicator_values where tenant_id = $1`, [t.tenantId]);
    for (const table of ['indicator_values', 'indicator_targets']) {
      await refused(`insert into ${table} (tenant_id, indicator_id, period_start, value) values ($1, $2, '2026-05-01', 1), ($1, $3, '2026-06-01', 1)`, [
        t.tenantId,
        indicatorId,
        randomUUID(),
      ]);
      await refused(`insert into ${table} (tenant_id, indicator_id, period_start, value) values ($1, $2, '2026-05-01', 1)`, [
        t.tenantId,
        otherCouncilIndicator,
      ]);
    }
    const afterwards = await t.db.query<{ n: number }>(`select count(*)::int as n from indicator_values where tenant_id = $1`, [t.tenantId]);
    assert.equal(afterwards[0]!.n, before[0]!.n);
  });

  it('refuses moving a stored value or target to another indicator', async () => {
    const second = await indicator('REF 2', 'Second reference check indicator');
    for (const table of ['indicator_values', 'indicator_targets']) {
      await refused(`update ${table} set indicator_id = $2 where indicator_id = $1`, [indicatorId, second]);
    }
  });

  it('refuses deleting an indicator that has values or targets, or changing its id; one without them may go', async () => {
    await refused(`delete from indicators where id = $1`, [indicatorId]);
    await refused(`update indicators set id = $2 where id = $1`, [indicatorId, randomUUID()]);
    await t.db.transaction(ctx(), (tx) => tx.query(`update indicators set title = 'Renamed reference check indicator' where id = $1`, [indicatorId]));
    const [spare] = await t.db.transaction(ctx(), (tx) =>
      tx.query<{ id: string }>(
        `insert into indicators (tenant_id, code, title, unit, polarity, frequency, decimals) values ($1, 'SPARE', 'Spare', 'count', 'higher_is_better', 'monthly', 0) returning id`,
        [t.tenantId],
      ),
    );
    await t.db.transaction(ctx(), (tx) => tx.query(`delete from indicators where id = $1`, [spare!.id]));
  });

  it('stops an import whole, with a message, when a value it took for new is stored meanwhile', async () => {
    const rows = [
      [...VALUE_COLUMNS],
      ['REF 1', '', 'May 2026', '7', '', '', 'final', '', '', '', '', ''],
      ['REF 1', '', 'June 2026', '8', '', '', 'final', '', '', '', '', ''],
    ];
    const { valid, problems } = validateValueRows(rows, await loadIndicators(t.db, t.tenantId));
    assert.deepEqual(problems, []);
    await assert.rejects(
      importValidRows(t.db, ctx(), valid, {
        file: batchFile({ filename: 'race.csv', data: Buffer.from('x') }, valid.length, 0),
        // June 2026 is stored after the import has read which values are stored (here in its own transaction).
        beforeWrite: async (tx) => {
          await tx.query(`insert into indicator_values (tenant_id, indicator_id, period_start, value) values ($1, $2, '2026-06-01', 1)`, [
            t.tenantId,
            indicatorId,
          ]);
        },
      }),
      (e) => e instanceof ValidationError && e.message === STORED_MEANWHILE,
    );
    const kept = await t.db.query(`select 1 from indicator_values where indicator_id = $1 and period_start in ('2026-05-01', '2026-06-01')`, [indicatorId]);
    assert.equal(kept.length, 0, 'nothing of the import was kept');
  });
});
