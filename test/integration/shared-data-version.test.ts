// The public page cache reads the data version once for the requests of one turn of the event loop
// (issue 19), and a change committed before a request arrives still moves the version that request sees.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sharedDataVersion } from '../../src/db/data-version.ts';
import type { Database, Queryable } from '../../src/db/database.ts';
import { freshDatabase } from '../helper.ts';

describe('the shared data version', () => {
  let db: Database;
  let drop: () => Promise<void>;
  let asked = 0;
  // The real database, counting the statements the version takes.
  const counting: Queryable = {
    query: (sql, params) => {
      asked++;
      return db.query(sql, params);
    },
  } as Queryable;

  before(async () => {
    ({ db, drop } = await freshDatabase({ from: 'migrated' }));
  });
  after(async () => drop?.());

  const change = () => db.transaction({ actor: 'test' }, (tx) => tx.query(`update tenants set name = name || '.' where id = (select id from tenants limit 1)`));

  it('asks once for fifty requests arriving together, and gives each the same version', async () => {
    const version = sharedDataVersion(counting);
    asked = 0;
    const versions = await Promise.all(Array.from({ length: 50 }, () => version()));
    assert.equal(new Set(versions).size, 1);
    assert.equal(asked, 2, 'one reading (the sequence, then the snapshot), not fifty');
  });

  it('shows a change committed before a request arrives, even while an earlier reading is under way', async () => {
    const version = sharedDataVersion(counting);
    const before = await version();
    const underWay = version(); // asked for before the change: it may or may not see it
    await change();
    const after = await version(); // asked for after the change committed: it must
    assert.notEqual(after, before, 'the later request sees the change');
    await underWay;
    assert.equal(await version(), after, 'and nothing else changed since');
  });
});
