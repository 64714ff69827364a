// JSON API for areas, organisations and people.
import { z } from 'zod';
import { defineOperation, type Operation, syncListQuery, syncPage, idParams, timestampsOut, tombstoneOut as apiTombstone } from '../api/index.ts';
import { tombstoneDelete } from '../api/tombstone-delete.ts';
import type { Database } from '../db/database.ts';
import { GoneError, NotFoundError } from '../web/errors.ts';
import { codesOf } from '../web/labels.ts';
import { version } from '../web/schema.ts';
import * as repo from './directory.repository.ts';
import { organisationInput, personInput } from './directory.schemas.ts';
import * as service from './directory.service.ts';

const organisationOut = z.object({
  id: z.uuid(),
  type: z.literal('organisation'),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(codesOf('organisationKind')),
  website: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  ...timestampsOut,
});
const personOut = z.object({
  id: z.uuid(),
  type: z.literal('person'),
  name: z.string(),
  honorificPrefix: z.string().nullable(),
  kind: z.enum(codesOf('personKind')),
  organisationId: z.uuid().nullable(),
  organisationName: z.string().nullable(),
  post: z.string().nullable(),
  party: z.string().nullable(),
  electoralDivision: z.string().nullable(),
  portfolio: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  ...timestampsOut,
});
const tombstoneOut = apiTombstone();
const listQuery = syncListQuery.extend({ q: z.string().max(200).optional() });

type Row = { id: string; created: Date; modified: Date; deletedAt: Date | null };
const out = <T extends Row>(type: string, r: T) => {
  const { deletedAt: _d, ...rest } = r;
  return { ...rest, type, created: r.created.toISOString(), modified: r.modified.toISOString(), deleted: false as const };
};

function entityOperations<R extends Row>(spec: {
  path: string;
  type: 'organisation' | 'person';
  tag: string;
  noun: string;
  table: 'organisations' | 'people';
  input: z.ZodType;
  output: z.ZodType;
  kindCodes: [string, ...string[]];
  list: (
    db: Database,
    tenantId: string,
    f: { search?: string; kind?: string; since?: Date; limit: number; offset: number },
  ) => Promise<{ rows: R[]; total: number }>;
  get: (db: Database, tenantId: string, id: string, o: { withDeleted: boolean }) => Promise<R | null>;
  create: typeof service.createPerson;
  update: typeof service.updatePerson;
}): Operation[] {
  const fetch = async (db: Database, tenantId: string, id: string) => {
    const row = await spec.get(db, tenantId, id, { withDeleted: true });
    if (!row) throw new NotFoundError(spec.noun);
    if (row.deletedAt) throw new GoneError(spec.noun);
    return out(spec.type, row);
  };
  const cap = spec.type[0]!.toUpperCase() + spec.type.slice(1);
  return [
    defineOperation({
      operationId: `list${spec.tag}`,
      method: 'GET',
      path: spec.path,
      tag: spec.tag,
      access: 'manage.view',
      summary: `List ${spec.tag.toLowerCase()}`,
      query: listQuery.extend({ kind: z.enum(spec.kindCodes).optional() }),
      response: {
        status: 200,
        description: `A page of ${spec.tag.toLowerCase()}`,
        schema: z.object({
          data: z.array(z.union([spec.output, tombstoneOut])),
          pagination: z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int() }),
        }),
      },
      async handler({ query, ctx, request }) {
        const { rows, total } = await spec.list(request.server.db, ctx.tenantId, {
          search: query.q,
          kind: query.kind,
          since: query.modifiedSince ? new Date(query.modifiedSince) : undefined,
          limit: query.limit,
          offset: query.offset,
        });
        return syncPage(rows, query, { type: spec.type, visible: () => true, shape: (r) => out(spec.type, r), total });
      },
    }),
    defineOperation({
      operationId: `get${cap}`,
      method: 'GET',
      path: `${spec.path}/{id}`,
      tag: spec.tag,
      access: 'manage.view',
      summary: `Get ${spec.noun === 'person' ? 'a person' : 'an organisation'}`,
      params: idParams,
      problems: [404, 410],
      response: { status: 200, description: `The ${spec.noun}`, schema: spec.output },
      handler: ({ params, ctx, request }) => fetch(request.server.db, ctx.tenantId, params.id),
    }),
    defineOperation({
      operationId: `create${cap}`,
      method: 'POST',
      path: spec.path,
      tag: spec.tag,
      access: 'directory.edit',
      summary: `Add ${spec.noun === 'person' ? 'a person' : 'an organisation'}`,
      body: spec.input,
      response: { status: 201, description: `The ${spec.noun} as saved`, schema: spec.output },
      async handler({ body, ctx, request, reply }) {
        const id = await spec.create(request.server.db, ctx, body);
        reply.header('location', `/api/v1${spec.path}/${id}`);
        return fetch(request.server.db, ctx.tenantId, id);
      },
    }),
    defineOperation({
      operationId: `update${cap}`,
      method: 'PUT',
      path: `${spec.path}/{id}`,
      tag: spec.tag,
      access: 'directory.edit',
      summary: `Replace ${spec.noun === 'person' ? 'a person' : 'an organisation'}'s details`,
      params: idParams,
      body: z.intersection(spec.input, z.object({ version })),
      problems: [404, 409],
      response: { status: 200, description: `The ${spec.noun} as saved`, schema: spec.output },
      async handler({ params, body, ctx, request }) {
        const { version: v, ...input } = body as { version: number };
        await spec.update(request.server.db, ctx, params.id, v, input);
        return fetch(request.server.db, ctx.tenantId, params.id);
      },
    }),
    tombstoneDelete(
      {
        operationId: `delete${cap}`,
        path: `${spec.path}/{id}`,
        tag: spec.tag,
        access: 'directory.edit',
        summary: `Delete ${spec.noun === 'person' ? 'a person' : 'an organisation'} that nothing refers to (leaves a tombstone)`,
      },
      (db, ctx, id, v) => service.deleteDirectoryEntry(db, ctx, spec.table, id, v),
    ),
  ];
}

export const directoryOperations: Operation[] = [
  defineOperation({
    operationId: 'listAreas',
    method: 'GET',
    path: '/areas',
    tag: 'Areas',
    access: 'public.view',
    summary: 'List the areas (districts) partnerships can cover',
    response: {
      status: 200,
      description: 'All areas',
      schema: z.object({
        data: z.array(
          z.object({ id: z.uuid(), type: z.literal('area'), name: z.string(), kind: z.string(), created: z.iso.datetime(), modified: z.iso.datetime() }),
        ),
      }),
    },
    async handler({ ctx, request }) {
      return {
        data: (await repo.listAreas(request.server.db, ctx.tenantId)).map((a) => ({
          id: a.id,
          type: 'area',
          name: a.name,
          kind: a.kind,
          created: a.created.toISOString(),
          modified: a.modified.toISOString(),
        })),
      };
    },
  }),
  ...entityOperations<repo.OrganisationRow>({
    path: '/organisations',
    type: 'organisation',
    tag: 'Organisations',
    noun: 'organisation',
    table: 'organisations',
    input: organisationInput,
    output: organisationOut,
    kindCodes: codesOf('organisationKind'),
    list: repo.listOrganisations,
    get: repo.getOrganisation,
    create: service.createOrganisation,
    update: service.updateOrganisation,
  }),
  ...entityOperations<repo.PersonRow>({
    path: '/people',
    type: 'person',
    tag: 'People',
    noun: 'person',
    table: 'people',
    input: personInput,
    output: personOut,
    kindCodes: codesOf('personKind'),
    list: repo.listPeople,
    get: repo.getPerson,
    create: service.createPerson,
    update: service.updatePerson,
  }),
];
