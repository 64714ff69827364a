// A secret every instance shares: made by whichever instance starts first, read by the rest.
import { randomBytes } from 'node:crypto';
import type { Queryable } from './database.ts';

export async function sharedSecret(db: Queryable, name: string): Promise<string> {
  await db.query('insert into instance_secrets (name, value) values ($1, $2) on conflict (name) do nothing', [name, randomBytes(32).toString('base64url')]);
  const rows = await db.query<{ value: string }>('select value from instance_secrets where name = $1', [name]);
  return rows[0]!.value;
}
