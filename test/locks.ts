// Holding a row locked from another session, as a long edit would, so that a test can look at what the app does
// while its own statement waits (PostgreSQL only: PGlite has one connection).
import type { Database } from '../src/db/database.ts';

/** Locks the rows `select` finds FOR UPDATE in a transaction of its own, until release() ends it. */
export async function holdLocked(db: Database, select: string, params: unknown[]): Promise<{ release(): Promise<void> }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked = () => {};
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const holder = db.transaction({ actor: 'test' }, async (tx) => {
    await tx.query(`${select} for update`, params);
    locked();
    await released;
  });
  await Promise.race([isLocked, holder]);
  return {
    async release() {
      release();
      await holder;
    },
  };
}
