// What every demo loader shares: turning the demo files' keys into the ids of the rows made from
// them, and adding the people a file brings with it.
import type { Queryable } from '../db/database.ts';
import { insertPerson } from '../directory/index.ts';

/**
 * Looks keys up among the rows loaded so far. `ref` gives null for no key and `required` insists on
 * one; both throw on a key nothing was loaded for, the message starting with `who` (e.g. 'Demo minutes refer').
 */
export function keyResolver(ids: Map<string, string>, who: string) {
  const ref = (key: string | null | undefined): string | null => {
    if (!key) return null;
    const found = ids.get(key);
    if (!found) throw new Error(`${who} to unknown key ${key}`);
    return found;
  };
  const required = (key: string): string => {
    const found = ref(key);
    if (!found) throw new Error(`${who} to unknown key ${key}`);
    return found;
  };
  return { ref, required };
}

export interface DemoPerson {
  key: string;
  name: string;
  honorificPrefix?: string;
  kind: string;
  organisationKey?: string;
  post?: string;
  party?: string;
  electoralDivision?: string;
  portfolio?: string;
  email: string;
  phone?: string;
}

/** Adds the people of a demo file to the directory, each under its key in `ids`. */
export async function insertDemoPeople(
  tx: Queryable,
  tenantId: string,
  people: DemoPerson[],
  ids: Map<string, string>,
  ref: (key: string | null | undefined) => string | null,
) {
  for (const p of people) {
    ids.set(
      p.key,
      await insertPerson(tx, tenantId, {
        name: p.name,
        honorificPrefix: p.honorificPrefix ?? null,
        kind: p.kind,
        organisationId: ref(p.organisationKey),
        post: p.post ?? null,
        party: p.party ?? null,
        electoralDivision: p.electoralDivision ?? null,
        portfolio: p.portfolio ?? null,
        email: p.email,
        phone: p.phone ?? null,
      }),
    );
  }
}
