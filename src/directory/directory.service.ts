// Commands and queries for organisations and people.
import type { Database, Queryable } from '../db/database.ts';
import type { RequestContext } from '../web/context.ts';
import { changeContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import { isUniqueViolation, parseOrThrow } from '../web/schema.ts';
import * as repo from './directory.repository.ts';
import { organisationInput, personInput } from './directory.schemas.ts';

/** Areas as checkbox/select items, marking those selected. */
export async function areaChoicesFor(db: Queryable, tenantId: string, selected: string | string[]) {
  const chosen = new Set(Array.isArray(selected) ? selected : [selected]);
  return (await repo.listAreas(db, tenantId)).map((a) => ({ value: a.id, text: a.name, selected: chosen.has(a.id) }));
}

const orgNameTaken =
  (name: string) =>
  (err: unknown): never => {
    if (isUniqueViolation(err)) throw new ValidationError({ name: `An organisation called ‘${name}’ already exists` });
    throw err;
  };

export async function createOrganisation(db: Database, ctx: RequestContext, raw: unknown) {
  const input = parseOrThrow(organisationInput, raw);
  return db.transaction(changeContext(ctx), (tx) => repo.insertOrganisation(tx, ctx.tenantId, input).catch(orgNameTaken(input.name)));
}

export async function updateOrganisation(db: Database, ctx: RequestContext, id: string, version: number, raw: unknown) {
  const input = parseOrThrow(organisationInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getOrganisation(tx, ctx.tenantId, id))) throw new NotFoundError('organisation');
    if (!(await repo.updateOrganisation(tx, ctx.tenantId, id, version, input).catch(orgNameTaken(input.name)))) throw new ConflictError();
  });
}

async function checkOrganisation(tx: Queryable, tenantId: string, organisationId: string | null) {
  if (organisationId && !(await repo.getOrganisation(tx, tenantId, organisationId))) {
    throw new ValidationError({ organisationId: 'Select the organisation from the list' });
  }
}

export async function createPerson(db: Database, ctx: RequestContext, raw: unknown) {
  const input = parseOrThrow(personInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    await checkOrganisation(tx, ctx.tenantId, input.organisationId);
    return repo.insertPerson(tx, ctx.tenantId, input);
  });
}

export async function updatePerson(db: Database, ctx: RequestContext, id: string, version: number, raw: unknown) {
  const input = parseOrThrow(personInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    if (!(await repo.getPerson(tx, ctx.tenantId, id))) throw new NotFoundError('person');
    await checkOrganisation(tx, ctx.tenantId, input.organisationId);
    if (!(await repo.updatePerson(tx, ctx.tenantId, id, version, input))) throw new ConflictError();
  });
}

/** Deletes (tombstones) an organisation or person no partnership record still points at. */
export async function deleteDirectoryEntry(db: Database, ctx: RequestContext, table: repo.DirectoryTable, id: string, version: number) {
  await db.transaction(changeContext(ctx), async (tx) => {
    const found = table === 'people' ? await repo.getPerson(tx, ctx.tenantId, id) : await repo.getOrganisation(tx, ctx.tenantId, id);
    if (!found) throw new NotFoundError(table === 'people' ? 'person' : 'organisation');
    const uses = await repo.countUses(tx, table, id);
    if (uses > 0) {
      const message = `This ${table === 'people' ? 'person' : 'organisation'} is still recorded on ${uses} membership, contribution or staff record(s). Remove those first`;
      throw new ValidationError({ _: message }, message);
    }
    if (!(await repo.deleteEntry(tx, table, ctx.tenantId, id, version))) throw new ConflictError();
  });
}
