// The list filters compute status in SQL; the landscape computes it in TypeScript. They must agree.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { statusAt } from '../../src/partnerships/lifecycle.ts';
import { listPartnerships, loadStructure } from '../../src/partnerships/partnerships.repository.ts';
import { buildTestApp, type TestApp } from '../helper.ts';

describe('status in SQL and in TypeScript', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
  });
  after(async () => t.close());

  for (const date of ['1999-01-01', '2006-05-01', '2009-07-01', '2010-11-23', '2011-09-30', '2011-10-01', '2014-01-01']) {
    it(`agrees for every demo partnership on ${date}`, async () => {
      const { rows } = await listPartnerships(t.db, t.tenantId, { asAt: date, limit: 1000, offset: 0 });
      const { partnerships } = await loadStructure(t.db, t.tenantId);
      const expected = new Map(partnerships.map((p) => [p.id, statusAt(p.events, date)]));
      for (const row of rows) assert.equal(row.status, expected.get(row.id), `${row.name} on ${date}`);
      assert.equal(rows.length, partnerships.length);
    });
  }
});
