// SQL for users: finding, listing and counting them, adding them and changing their access and password.
import type { Queryable } from '../db/database.ts';
import type { Role } from '../access/permissions.ts';

export interface UserRow {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  passwordHash: string | null;
  roles: Role[];
  scopePartnershipIds: string[];
  scopeOrganisationIds: string[];
  lastSignedIn: Date | null;
  created: Date;
  modified: Date;
  version: number;
}

const USER_COLUMNS = `u.id, u.tenant_id as "tenantId", u.email, u.name, u.password_hash as "passwordHash", u.roles,
  u.scope_partnership_ids as "scopePartnershipIds", u.scope_organisation_ids as "scopeOrganisationIds",
  u.last_signed_in as "lastSignedIn",
  u.created, u.modified, u.version`;

export async function findUserByEmail(db: Queryable, tenantId: string, email: string) {
  const rows = await db.query<UserRow>(`select ${USER_COLUMNS} from users u where u.tenant_id = $1 and u.email = lower($2) and u.deleted_at is null`, [
    tenantId,
    email.trim(),
  ]);
  return rows[0] ?? null;
}

export async function findUser(db: Queryable, tenantId: string, id: string) {
  const rows = await db.query<UserRow>(`select ${USER_COLUMNS} from users u where u.tenant_id = $1 and u.id = $2 and u.deleted_at is null`, [tenantId, id]);
  return rows[0] ?? null;
}

export async function listUsers(db: Queryable, tenantId: string) {
  return db.query<UserRow>(`select ${USER_COLUMNS} from users u where u.tenant_id = $1 and u.deleted_at is null order by lower(u.name)`, [tenantId]);
}

export async function countUsers(db: Queryable, tenantId: string) {
  const rows = await db.query<{ n: number }>(`select count(*)::int as n from users where tenant_id = $1 and deleted_at is null`, [tenantId]);
  return rows[0]!.n;
}

export async function insertUser(
  tx: Queryable,
  tenantId: string,
  u: { email: string; name: string; passwordHash: string | null; roles: Role[]; scopePartnershipIds?: string[]; scopeOrganisationIds?: string[] },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into users (tenant_id, email, name, password_hash, roles, scope_partnership_ids, scope_organisation_ids)
     values ($1, lower($2), $3, $4, $5, $6, $7) returning id`,
    [tenantId, u.email.trim(), u.name, u.passwordHash, u.roles, u.scopePartnershipIds ?? [], u.scopeOrganisationIds ?? []],
  );
  return rows[0]!.id;
}

export async function updateUserAccess(
  tx: Queryable,
  tenantId: string,
  id: string,
  version: number,
  a: { name: string; roles: Role[]; scopePartnershipIds: string[]; scopeOrganisationIds: string[] },
) {
  const rows = await tx.query<{ id: string }>(
    `update users set name = $4, roles = $5, scope_partnership_ids = $6, scope_organisation_ids = $7
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, a.name, a.roles, a.scopePartnershipIds, a.scopeOrganisationIds],
  );
  return rows.length === 1;
}

export async function setPassword(tx: Queryable, userId: string, passwordHash: string) {
  await tx.query<never>(`update users set password_hash = $2 where id = $1`, [userId, passwordHash]);
}

export async function recordSignIn(tx: Queryable, userId: string) {
  await tx.query<never>(`update users set last_signed_in = clock_timestamp() where id = $1`, [userId]);
}

/** Holds back, until the transaction ends, anyone else creating the first administrator at the same time. */
export async function lockFirstAdministrator(tx: Queryable) {
  await tx.query<{ pg_advisory_xact_lock: unknown }>('select pg_advisory_xact_lock(4242002)');
}

/** The partnerships with a short name, for the demo's partner editor (who edits the LEP and its sub-groups). */
export async function partnershipIdsWithShortName(db: Queryable, tenantId: string, shortName: string) {
  const rows = await db.query<{ id: string }>(`select id from partnerships where tenant_id = $1 and short_name = $2`, [tenantId, shortName]);
  return rows.map((r) => r.id);
}
