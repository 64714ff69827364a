// SQL for the directory: areas, organisations and people.
import type { Queryable } from '../db/database.ts';
import { queryPage } from '../db/paging.ts';
import { likePattern } from '../web/schema.ts';

export interface AreaRow {
  id: string;
  name: string;
  kind: string;
  created: Date;
  modified: Date;
  version: number;
}

export interface OrganisationRow {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  website: string | null;
  email: string | null;
  phone: string | null;
  created: Date;
  modified: Date;
  deletedAt: Date | null;
  version: number;
}

export interface PersonRow {
  id: string;
  name: string;
  honorificPrefix: string | null;
  kind: string;
  organisationId: string | null;
  organisationName: string | null;
  post: string | null;
  party: string | null;
  electoralDivision: string | null;
  portfolio: string | null;
  email: string | null;
  phone: string | null;
  created: Date;
  modified: Date;
  deletedAt: Date | null;
  version: number;
}

const ORG_COLUMNS = `o.id, o.name, o.short_name as "shortName", o.kind, o.website, o.email, o.phone, o.created,
  o.modified, o.deleted_at as "deletedAt", o.version`;
const PERSON_COLUMNS = `p.id, p.name, p.honorific_prefix as "honorificPrefix", p.kind, p.organisation_id as "organisationId",
  o.name as "organisationName", p.post, p.party, p.electoral_division as "electoralDivision", p.portfolio, p.email,
  p.phone, p.created, p.modified, p.deleted_at as "deletedAt", p.version`;

export async function listAreas(db: Queryable, tenantId: string) {
  return db.query<AreaRow>(
    `select id, name, kind, created, modified, version from areas where tenant_id = $1 and deleted_at is null
     order by case kind when 'county' then 0 else 1 end, name`,
    [tenantId],
  );
}

export async function insertArea(tx: Queryable, tenantId: string, a: { name: string; kind: string }) {
  const rows = await tx.query<{ id: string }>(`insert into areas (tenant_id, name, kind) values ($1, $2, $3) returning id`, [tenantId, a.name, a.kind]);
  return rows[0]!.id;
}

export async function listOrganisations(db: Queryable, tenantId: string, f: { search?: string; kind?: string; since?: Date; limit: number; offset: number }) {
  const params: unknown[] = [tenantId];
  const where = ['o.tenant_id = $1'];
  if (f.since) {
    params.push(f.since);
    where.push(`o.modified > $${params.length}`);
  } else where.push('o.deleted_at is null');
  if (f.search) {
    params.push(likePattern(f.search));
    where.push(`(o.name ilike $${params.length} or o.short_name ilike $${params.length})`);
  }
  if (f.kind) {
    params.push(f.kind);
    where.push(`o.kind = $${params.length}`);
  }
  return queryPage<OrganisationRow>(
    db,
    `select ${ORG_COLUMNS}, count(*) over ()::int as total from organisations o where ${where.join(' and ')}
     order by ${f.since ? 'o.modified, o.id' : 'lower(o.name), o.id'}`,
    params,
    f,
  );
}

export async function getOrganisation(db: Queryable, tenantId: string, id: string, { withDeleted = false } = {}) {
  const rows = await db.query<OrganisationRow>(
    `select ${ORG_COLUMNS} from organisations o where o.tenant_id = $1 and o.id = $2 ${withDeleted ? '' : 'and o.deleted_at is null'}`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

/** All organisations, by name, for pickers. */
export async function organisationChoices(db: Queryable, tenantId: string) {
  return db.query<{ id: string; name: string }>(`select id, name from organisations where tenant_id = $1 and deleted_at is null order by lower(name)`, [
    tenantId,
  ]);
}

export interface OrganisationWrite {
  name: string;
  shortName: string | null;
  kind: string;
  website: string | null;
  email: string | null;
  phone: string | null;
}
const orgValues = (o: OrganisationWrite) => [o.name, o.shortName, o.kind, o.website, o.email, o.phone];

export async function insertOrganisation(tx: Queryable, tenantId: string, o: OrganisationWrite) {
  const rows = await tx.query<{ id: string }>(
    `insert into organisations (tenant_id, name, short_name, kind, website, email, phone) values ($1, $2, $3, $4, $5, $6, $7)
     returning id`,
    [tenantId, ...orgValues(o)],
  );
  return rows[0]!.id;
}

export async function updateOrganisation(tx: Queryable, tenantId: string, id: string, version: number, o: OrganisationWrite) {
  const rows = await tx.query<{ id: string }>(
    `update organisations set name = $4, short_name = $5, kind = $6, website = $7, email = $8, phone = $9
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, ...orgValues(o)],
  );
  return rows.length === 1;
}

export async function listPeople(
  db: Queryable,
  tenantId: string,
  f: { search?: string; kind?: string; organisationId?: string; since?: Date; limit: number; offset: number },
) {
  const params: unknown[] = [tenantId];
  const where = ['p.tenant_id = $1'];
  if (f.since) {
    params.push(f.since);
    where.push(`p.modified > $${params.length}`);
  } else where.push('p.deleted_at is null');
  if (f.search) {
    params.push(likePattern(f.search));
    where.push(`p.name ilike $${params.length}`);
  }
  if (f.kind) {
    params.push(f.kind);
    where.push(`p.kind = $${params.length}`);
  }
  if (f.organisationId) {
    params.push(f.organisationId);
    where.push(`p.organisation_id = $${params.length}::uuid`);
  }
  return queryPage<PersonRow>(
    db,
    `select ${PERSON_COLUMNS}, count(*) over ()::int as total from people p left join organisations o on o.id = p.organisation_id
     where ${where.join(' and ')} order by ${f.since ? 'p.modified, p.id' : 'lower(p.name), p.id'}`,
    params,
    f,
  );
}

export async function getPerson(db: Queryable, tenantId: string, id: string, { withDeleted = false } = {}) {
  const rows = await db.query<PersonRow>(
    `select ${PERSON_COLUMNS} from people p left join organisations o on o.id = p.organisation_id
     where p.tenant_id = $1 and p.id = $2 ${withDeleted ? '' : 'and p.deleted_at is null'}`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

export async function personChoices(db: Queryable, tenantId: string) {
  return db.query<{ id: string; name: string; organisationName: string | null }>(
    `select p.id, concat_ws(' ', p.honorific_prefix, p.name) as name, o.name as "organisationName" from people p
     left join organisations o on o.id = p.organisation_id
     where p.tenant_id = $1 and p.deleted_at is null order by lower(p.name)`,
    [tenantId],
  );
}

export interface PersonWrite {
  name: string;
  honorificPrefix: string | null;
  kind: string;
  organisationId: string | null;
  post: string | null;
  party: string | null;
  electoralDivision: string | null;
  portfolio: string | null;
  email: string | null;
  phone: string | null;
}
const personValues = (p: PersonWrite) => [
  p.name,
  p.honorificPrefix,
  p.kind,
  p.organisationId,
  p.post,
  p.party,
  p.electoralDivision,
  p.portfolio,
  p.email,
  p.phone,
];

export async function insertPerson(tx: Queryable, tenantId: string, p: PersonWrite) {
  const rows = await tx.query<{ id: string }>(
    `insert into people (tenant_id, name, honorific_prefix, kind, organisation_id, post, party, electoral_division, portfolio,
       email, phone) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning id`,
    [tenantId, ...personValues(p)],
  );
  return rows[0]!.id;
}

export async function updatePerson(tx: Queryable, tenantId: string, id: string, version: number, p: PersonWrite) {
  const rows = await tx.query<{ id: string }>(
    `update people set name = $4, honorific_prefix = $5, kind = $6, organisation_id = $7, post = $8, party = $9,
       electoral_division = $10, portfolio = $11, email = $12, phone = $13
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, ...personValues(p)],
  );
  return rows.length === 1;
}

/** Directory entries with this e-mail address: how a signed-in account finds its own committees and actions. */
export async function peopleWithEmail(db: Queryable, tenantId: string, email: string) {
  return db.query<{ id: string; name: string }>(
    `select p.id, p.name from people p where p.tenant_id = $1 and lower(p.email) = lower($2) and p.deleted_at is null order by p.created`,
    [tenantId, email.trim()],
  );
}

/** The partnerships a person or organisation sits on, now and in the past. */
export async function membershipsOf(db: Queryable, tenantId: string, who: { personId?: string; organisationId?: string }) {
  return db.query<{
    id: string;
    partnershipId: string;
    partnershipName: string;
    role: string;
    remit: string | null;
    onBehalfOfName: string | null;
    startDate: string | null;
    endDate: string | null;
  }>(
    `select m.id, m.partnership_id as "partnershipId", pa.name as "partnershipName", m.role, m.remit,
       b.name as "onBehalfOfName", m.start_date as "startDate", m.end_date as "endDate"
     from memberships m join partnerships pa on pa.id = m.partnership_id and pa.deleted_at is null
     left join organisations b on b.id = m.on_behalf_of_id
     where m.tenant_id = $1 and m.deleted_at is null and (m.person_id = $2::uuid or m.organisation_id = $3::uuid)
     order by m.end_date desc nulls first, pa.name`,
    [tenantId, who.personId ?? null, who.organisationId ?? null],
  );
}

// Deleting an organisation or a person: fixed statements for each table, so no SQL is assembled from a
// table name. `uses` counts the live records that still point at the entry (any tenant's: ids are unique).
const ENTRY_STATEMENTS = {
  organisations: {
    uses: (tx: Queryable, id: string) =>
      tx.query<{ n: number }>(
        `select (select count(*) from memberships where deleted_at is null and (organisation_id = $1 or on_behalf_of_id = $1))::int
        + (select count(*) from contributions where deleted_at is null and organisation_id = $1)::int
        + (select count(*) from people where deleted_at is null and organisation_id = $1)::int as n`,
        [id],
      ),
    tombstone: (tx: Queryable, params: unknown[]) =>
      tx.query<{ id: string }>(
        `update organisations set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
        params,
      ),
  },
  people: {
    uses: (tx: Queryable, id: string) =>
      tx.query<{ n: number }>(`select (select count(*) from memberships where deleted_at is null and person_id = $1)::int as n`, [id]),
    tombstone: (tx: Queryable, params: unknown[]) =>
      tx.query<{ id: string }>(
        `update people set deleted_at = clock_timestamp() where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
        params,
      ),
  },
};
export type DirectoryTable = keyof typeof ENTRY_STATEMENTS;

/** How many live memberships, contributions and staff records still refer to an organisation or person. */
export async function countUses(tx: Queryable, table: DirectoryTable, id: string) {
  const rows = await ENTRY_STATEMENTS[table].uses(tx, id);
  return rows[0]?.n ?? 0;
}

/** Marks an organisation or person deleted, leaving its tombstone, if the version still matches. */
export async function deleteEntry(tx: Queryable, table: DirectoryTable, tenantId: string, id: string, version: number) {
  const rows = await ENTRY_STATEMENTS[table].tombstone(tx, [tenantId, id, version]);
  return rows.length === 1;
}
