// The read-replica routing (issue 19) without a server: which statements go where, and which requests
// read from the replica. The real hot standby is in test/integration/read-replica.test.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import type { Database, Queryable } from '../../src/db/database.ts';
import { currentReadTarget, readFromReplica, runInReadScope, withReadReplica } from '../../src/db/read-replica.ts';
import { registerReadReplicaRouting } from '../../src/web/read-replica.ts';

/** A fake database that records what it was asked, and refuses what `refuse` says with that SQLSTATE. */
function fake(name: string, log: string[], refuse: (sql: string) => string | null = () => null): Database {
  const q: Queryable = {
    async query<T>(sql: string) {
      log.push(`${name}: ${sql}`);
      const code = refuse(sql);
      if (code) throw Object.assign(new Error(`refused by ${name}`), { code });
      return [{ from: name }] as T[];
    },
    async exec(sql: string) {
      log.push(`${name} exec: ${sql}`);
    },
  };
  return {
    engine: 'postgres',
    ...q,
    async transaction(_ctx, fn) {
      log.push(`${name}: begin`);
      return fn(q);
    },
    async close() {
      log.push(`${name}: close`);
    },
  };
}

const standbyRefusesWrites = (sql: string) => (/^(insert|update|delete)/.test(sql) ? '25006' : null);

describe('withReadReplica', () => {
  it('reads from the primary outside a request, and at the start of every request', async () => {
    const log: string[] = [];
    const db = withReadReplica(fake('primary', log), fake('replica', log));
    await db.query('select 1');
    await runInReadScope(() => db.query('select 2'));
    assert.deepEqual(log, ['primary: select 1', 'primary: select 2']);
  });

  it('reads from the replica once the request says so', async () => {
    const log: string[] = [];
    const db = withReadReplica(fake('primary', log), fake('replica', log));
    await runInReadScope(async () => {
      readFromReplica();
      await db.query('select 1');
      await Promise.all([db.query('select 2'), db.query('select 3')]);
    });
    assert.deepEqual(log, ['replica: select 1', 'replica: select 2', 'replica: select 3']);
    await db.query('select 4');
    assert.equal(log.at(-1), 'primary: select 4', 'the scope ends with the request');
  });

  it('runs a write the replica refuses on the primary, and keeps the rest of the request there', async () => {
    const log: string[] = [];
    const fallbacks: unknown[] = [];
    const db = withReadReplica(fake('primary', log), fake('replica', log, standbyRefusesWrites), { onFallback: (err) => fallbacks.push(err) });
    const rows = await runInReadScope(async () => {
      readFromReplica();
      await db.query('select 1');
      const written = await db.query('insert into x');
      await db.query('select 2');
      return written;
    });
    assert.deepEqual(rows, [{ from: 'primary' }]);
    assert.deepEqual(log, ['replica: select 1', 'replica: insert into x', 'primary: insert into x', 'primary: select 2']);
    assert.equal(fallbacks.length, 1);
  });

  it('falls back to the primary when the standby is down or cancels a read for a replay conflict', async () => {
    for (const code of ['ECONNREFUSED', '57P03', '40001']) {
      const log: string[] = [];
      const db = withReadReplica(
        fake('primary', log),
        fake('replica', log, () => code),
      );
      await runInReadScope(async () => {
        readFromReplica();
        await db.query('select 1');
      });
      assert.deepEqual(log, ['replica: select 1', 'primary: select 1'], code);
    }
  });

  it('does not hide a real error in the statement', async () => {
    const log: string[] = [];
    const db = withReadReplica(
      fake('primary', log),
      fake('replica', log, () => '22P02'),
    );
    await assert.rejects(
      runInReadScope(async () => {
        readFromReplica();
        await db.query('select bad');
      }),
      /refused by replica/,
    );
    assert.deepEqual(log, ['replica: select bad']);
  });

  it('runs every transaction and exec on the primary, and reads on the primary after one', async () => {
    const log: string[] = [];
    const db = withReadReplica(fake('primary', log), fake('replica', log));
    await runInReadScope(async () => {
      readFromReplica();
      await db.transaction({ actor: 'test' }, (tx) => tx.query('update y'));
      await db.query('select 1');
    });
    await runInReadScope(async () => {
      readFromReplica();
      await db.exec('set x = 1');
      await db.query('select 2');
    });
    assert.deepEqual(log, ['primary: begin', 'primary: update y', 'primary: select 1', 'primary exec: set x = 1', 'primary: select 2']);
  });

  it('closes both', async () => {
    const log: string[] = [];
    await withReadReplica(fake('primary', log), fake('replica', log)).close();
    assert.deepEqual(log.sort(), ['primary: close', 'replica: close']);
  });
});

describe('registerReadReplicaRouting', () => {
  async function app() {
    const a = Fastify();
    a.decorateRequest('user', null);
    // A stand-in for sign-in: a "session" header signs the request in, as registerAuth's onRequest does.
    a.addHook('onRequest', async (request) => {
      (request as unknown as { user: unknown }).user = request.headers.session ? { email: 'officer@example.org' } : null;
    });
    registerReadReplicaRouting(a);
    const seen: string[] = [];
    a.addHook('preHandler', async () => {
      seen.push(`cache: ${currentReadTarget()}`);
    });
    const answer = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { target: currentReadTarget() };
    };
    a.get('/page', answer);
    a.post('/page', answer);
    await a.ready();
    return { a, seen };
  }

  it('reads anonymous GET and HEAD from the replica, the public page cache too', async () => {
    const { a, seen } = await app();
    assert.deepEqual((await a.inject({ url: '/page' })).json(), { target: 'replica' });
    assert.equal((await a.inject({ method: 'HEAD', url: '/page' })).statusCode, 200);
    assert.deepEqual(seen, ['cache: replica', 'cache: replica']);
  });

  it('reads a signed-in request and any POST from the primary', async () => {
    const { a } = await app();
    assert.deepEqual((await a.inject({ url: '/page', headers: { session: 'yes' } })).json(), { target: 'primary' });
    assert.deepEqual((await a.inject({ method: 'POST', url: '/page', payload: { a: 1 } })).json(), { target: 'primary' });
  });

  it('keeps each request its own scope when requests overlap', async () => {
    const { a } = await app();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => a.inject({ url: '/page', headers: i % 2 ? { session: 'yes' } : {} }).then((r) => r.json().target)),
    );
    assert.deepEqual(
      answers,
      Array.from({ length: 20 }, (_, i) => (i % 2 ? 'primary' : 'replica')),
    );
  });
});
