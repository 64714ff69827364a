// Reads from a replica (DATABASE_READ_URL, issue 19): one Database that sends a statement to the
// read replica only when the code running it is inside a read scope that says so, and to the primary
// in every other case. Routes, services and repositories keep the one `db` they were given at start-up;
// the choice is made per request by the kernel (web/read-replica.ts), never by a capability.
//
// What goes to the replica: plain query() calls made while the current request's scope says
// `replica` (an anonymous GET or HEAD: web/read-replica.ts). Everything else goes to the primary:
//   - anything outside a request (start-up, migrations, the job worker, the outbox sender);
//   - every transaction() and exec(), and, for the rest of the request, every query after one:
//     a request reads its own writes;
//   - a statement the replica refuses because it writes (SQLSTATE 25006, a GET that records
//     something), or cannot run (the standby is down, restarting, or cancelled it for a replay
//     conflict): it runs again on the primary, and the rest of the request stays there. A refused
//     write did nothing on the standby, so running it again is safe.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database, Queryable } from './database.ts';

/** Where the statements of one request go: `replica` only while it is true. */
export interface ReadScope {
  replica: boolean;
}

const scopes = new AsyncLocalStorage<ReadScope>();

/** Runs fn (and everything it starts) in a scope of its own, which reads from the primary until told otherwise. */
export function runInReadScope<T>(fn: () => T): T {
  return scopes.run({ replica: false }, fn);
}

/** The current scope's reads may go to the replica from now on (until something writes). */
export function readFromReplica(): void {
  const scope = scopes.getStore();
  if (scope) scope.replica = true;
}

/** Sends the rest of the current scope to the primary. */
export function readFromPrimary(): void {
  const scope = scopes.getStore();
  if (scope) scope.replica = false;
}

/** Where a statement run now would go (for tests and logs). */
export function currentReadTarget(): 'primary' | 'replica' {
  return scopes.getStore()?.replica ? 'replica' : 'primary';
}

// 25006 read_only_sql_transaction; 40001 a standby cancels a query that conflicts with replay;
// 57P01-57P03 the server is shutting down or not yet accepting; 08xxx connection failures.
const RETRY_ON_PRIMARY = /^(25006|40001|57P0[1-3]|08\d{3})$/;
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const replicaCannot = (err: unknown) => {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string') return RETRY_ON_PRIMARY.test(code) || NETWORK.has(code);
  return err instanceof Error && /Connection terminated|connection timeout/i.test(err.message);
};

export interface ReplicatedDatabase extends Database {
  readonly primary: Database;
  readonly replica: Database;
}

/** One Database over a primary and its read replica; routes each query() by the current read scope. */
export function withReadReplica(primary: Database, replica: Database, opts: { onFallback?: (err: unknown) => void } = {}): ReplicatedDatabase {
  const toPrimary = (): Queryable => {
    readFromPrimary();
    return primary;
  };
  return {
    engine: primary.engine,
    primary,
    replica,
    async query<T>(sql: string, params?: unknown[]) {
      const scope = scopes.getStore();
      if (!scope?.replica) return primary.query<T>(sql, params);
      try {
        return await replica.query<T>(sql, params);
      } catch (err) {
        if (!replicaCannot(err)) throw err;
        opts.onFallback?.(err);
        return toPrimary().query<T>(sql, params);
      }
    },
    async exec(sql: string) {
      return toPrimary().exec(sql);
    },
    async transaction(ctx, fn) {
      readFromPrimary();
      return primary.transaction(ctx, fn);
    },
    async close() {
      await Promise.all([primary.close(), replica.close()]);
    },
  };
}
