// JSON API for the partnership register: /api/v1/partnerships and its parts, /api/v1/landscape.
import { z } from 'zod';
import { defineOperation, type Operation, syncListQuery, tombstone, idParams } from '../api/index.ts';
import { tombstoneDelete } from '../api/tombstone-delete.ts';
import { GoneError, NotFoundError } from '../web/errors.ts';
import { codesOf } from '../web/labels.ts';
import { isoDate, version } from '../web/schema.ts';
import * as repo from './partnerships.repository.ts';
import { contributionInput, documentInput, eventInput, membershipInput, partnershipInput } from './partnerships.schemas.ts';
import * as service from './partnerships.service.ts';
import { PART_KINDS } from './parts.repository.ts';
import { isStaff } from '../access/permissions.ts';
import { moneyForApi, moneySchema } from './money.api.ts';

const partParams = z.object({ id: z.uuid({ error: 'must be a UUID' }), partId: z.uuid({ error: 'must be a UUID' }) });

const timestamps = { created: z.iso.datetime(), modified: z.iso.datetime() };
const eventSchema = z.object({
  id: z.uuid(),
  kind: z.enum(codesOf('eventKind')),
  eventDate: z.iso.date(),
  datePrecision: z.enum(['day', 'month', 'year']),
  relatedPartnershipId: z.uuid().nullable(),
  relatedPartnershipName: z.string().nullable(),
  previousName: z.string().nullable(),
  description: z.string(),
  source: z.string().nullable(),
  ...timestamps,
});
const membershipSchema = z.object({
  id: z.uuid(),
  personId: z.uuid().nullable(),
  personName: z.string().nullable(),
  organisationId: z.uuid().nullable(),
  organisationName: z.string().nullable(),
  role: z.enum(codesOf('role')),
  onBehalfOfId: z.uuid().nullable(),
  onBehalfOfName: z.string().nullable(),
  remit: z.string().nullable(),
  startDate: z.iso.date().nullable(),
  endDate: z.iso.date().nullable(),
  ...timestamps,
});
const contributionSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  financialYear: z.number().int(),
  financialYearLabel: z.string(),
  amountPence: z.number().int(),
  note: z.string().nullable(),
  status: z.enum(['proposed', 'agreed', 'paid']).describe('The public see only agreed and paid contributions'),
  agreedOn: z.iso.date().nullable(),
  paidOn: z.iso.date().nullable(),
  kind: z.enum(['cash', 'in_kind']),
  inKindDescription: z.string().nullable(),
  ...timestamps,
});
const documentSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: z.enum(codesOf('documentKind')),
  url: z.string().nullable(),
  documentDate: z.iso.date().nullable(),
  note: z.string().nullable(),
  fileId: z.uuid().nullable(),
  filename: z.string().nullable(),
  contentType: z.string().nullable(),
  sizeBytes: z.number().int().nullable(),
  fileUrl: z.string().nullable(),
  exemptParagraph: z
    .number()
    .int()
    .min(1)
    .max(7)
    .nullable()
    .describe('The paragraph of Schedule 12A under which the document is exempt; the public then see only this, not the document'),
  ...timestamps,
});
const lineSchema = z.object({
  id: z.uuid(),
  partnershipId: z.uuid(),
  parentId: z.uuid(),
  parentName: z.string(),
  startDate: z.iso.date().nullable(),
  endDate: z.iso.date().nullable(),
});

const partnershipSummary = z.object({
  id: z.uuid(),
  type: z.literal('partnership'),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(codesOf('partnershipKind')),
  subgroupType: z.string().nullable(),
  status: z.enum(codesOf('status')),
  parentId: z.uuid().nullable(),
  parentName: z.string().nullable(),
  areas: z.array(z.string()),
  established: z.iso.date().nullable(),
  web: z.string(),
  modified: z.iso.datetime(),
});
const partnershipFull = z.object({
  id: z.uuid(),
  type: z.literal('partnership'),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.string(),
  subgroupType: z.string().nullable(),
  status: z.enum(codesOf('status')),
  purpose: z.string(),
  mission: z.string().nullable(),
  responsibilities: z.array(z.string()),
  termsOfReference: z.string().nullable(),
  termsOfReferenceUrl: z.string().nullable(),
  areaIds: z.array(z.uuid()),
  parentId: z.uuid().nullable(),
  reportingLines: z.array(lineSchema),
  events: z.array(eventSchema),
  memberships: z.array(membershipSchema),
  contributions: z.array(contributionSchema),
  money: moneySchema,
  sourceDocuments: z.array(documentSchema),
  version: z.number().int(),
  publicationState: z.enum(['draft', 'published', 'withdrawn']),
  publishedAt: z.iso.datetime().nullable(),
  web: z.string(),
  ...timestamps,
  deleted: z.literal(false),
});

const iso = (d: Date) => d.toISOString();
const stamp = <T extends { created: Date; modified: Date }>(r: T) => ({ ...r, created: iso(r.created), modified: iso(r.modified) });

async function fullPartnership(db: Parameters<typeof service.partnershipDetail>[0], tenantId: string, id: string, includeDrafts: boolean) {
  const row = await repo.getPartnership(db, tenantId, id, { withDeleted: true });
  if (!row || (!includeDrafts && row.publicationState !== 'published' && !row.deletedAt)) throw new NotFoundError('partnership');
  if (row.deletedAt) throw new GoneError('partnership');
  const d = await service.partnershipDetail(db, tenantId, id, { includeDrafts });
  const { deletedAt: _d, ...p } = d.partnership;
  return {
    ...stamp(p),
    publishedAt: p.publishedAt ? p.publishedAt.toISOString() : null,
    type: 'partnership' as const,
    status: d.status,
    parentId: d.currentParent?.parentId ?? null,
    reportingLines: d.parentLines.map(({ version: _v, partnershipName: _n, bothPublished: _b, ...l }) => l),
    events: d.events.map(({ version: _v, partnershipId: _p, ...e }) => stamp(e)),
    memberships: d.memberships.map((m) =>
      stamp({
        id: m.id,
        personId: m.personId,
        personName: m.personName,
        organisationId: m.organisationId,
        organisationName: m.organisationName,
        role: m.role,
        onBehalfOfId: m.onBehalfOfId,
        onBehalfOfName: m.onBehalfOfName,
        remit: m.remit,
        startDate: m.startDate,
        endDate: m.endDate,
        created: m.created,
        modified: m.modified,
      }),
    ),
    contributions: d.contributions.map(({ version: _v, partnershipId: _p, ...c }) =>
      stamp({ ...c, financialYearLabel: `${c.financialYear}/${String((c.financialYear + 1) % 100).padStart(2, '0')}` }),
    ),
    sourceDocuments: d.documents.map(({ version: _v, partnershipId: _p, ...doc }) =>
      stamp({ ...doc, fileUrl: doc.fileId ? `/files/${doc.fileId}/${encodeURIComponent(doc.filename ?? 'document')}` : null }),
    ),
    money: await moneyForApi(db, tenantId, id, !includeDrafts),
    web: `/register/${id}`,
    deleted: false as const,
  };
}

const listQuery = syncListQuery.extend({
  q: z.string().max(200).optional(),
  kind: z.enum(codesOf('partnershipKind')).optional(),
  status: z.enum(codesOf('status')).optional(),
  area: z.uuid().optional(),
  asAt: isoDate('asAt').optional(),
});

const withVersion = <T extends z.ZodType>(schema: T) => z.intersection(schema, z.object({ version }));

export const partnershipOperations: Operation[] = [
  defineOperation({
    operationId: 'listPartnerships',
    method: 'GET',
    path: '/partnerships',
    tag: 'Partnerships',
    access: 'public.view',
    summary: 'List partnerships',
    description:
      "Filter by name, kind, status on a date (asAt, default today) and area. With modifiedSince, returns everything changed since then (including changes to a partnership's events, members, contributions and documents) in order of change, with tombstones for deleted partnerships.",
    query: listQuery,
    response: {
      status: 200,
      description: 'A page of partnerships',
      schema: z.object({
        data: z.array(
          z.union([
            partnershipSummary,
            partnershipFull,
            z.object({ id: z.uuid(), type: z.literal('partnership'), deleted: z.literal(true), modified: z.iso.datetime() }),
          ]),
        ),
        pagination: z.object({ total: z.number().int().optional(), limit: z.number().int(), offset: z.number().int() }),
      }),
    },
    async handler({ query, ctx, request }) {
      const db = request.server.db;
      if (query.modifiedSince) {
        const rows = await repo.partnershipsModifiedSince(db, ctx.tenantId, new Date(query.modifiedSince), query.limit, query.offset);
        // To the public, a partnership that is no longer published is as good as deleted.
        const data = await Promise.all(
          rows.map((r) =>
            r.deletedAt || (!isStaff(request) && r.publicationState !== 'published')
              ? tombstone('partnership', r)
              : fullPartnership(db, ctx.tenantId, r.id, isStaff(request)),
          ),
        );
        return { data, pagination: { limit: query.limit, offset: query.offset } };
      }
      const { rows, total } = await repo.listPartnerships(db, ctx.tenantId, {
        asAt: query.asAt ?? service.todayInEngland(),
        search: query.q,
        includeDrafts: isStaff(request),
        kind: query.kind,
        status: query.status,
        areaId: query.area,
        limit: query.limit,
        offset: query.offset,
      });
      return {
        data: rows.map((r) => ({
          id: r.id,
          type: 'partnership',
          name: r.name,
          shortName: r.shortName,
          kind: r.kind,
          subgroupType: r.subgroupType,
          status: r.status,
          parentId: r.parentId,
          parentName: r.parentName,
          areas: r.areaNames,
          established: r.established,
          web: `/register/${r.id}`,
          modified: iso(r.modified),
        })),
        pagination: { total, limit: query.limit, offset: query.offset },
      };
    },
  }),
  defineOperation({
    operationId: 'getPartnership',
    method: 'GET',
    path: '/partnerships/{id}',
    tag: 'Partnerships',
    access: 'public.view',
    summary: 'Get a partnership with its parts',
    params: idParams,
    problems: [404, 410],
    response: { status: 200, description: 'The partnership', schema: partnershipFull },
    handler: ({ params, ctx, request }) => fullPartnership(request.server.db, ctx.tenantId, params.id, isStaff(request)),
  }),
  defineOperation({
    operationId: 'createPartnership',
    method: 'POST',
    path: '/partnerships',
    tag: 'Partnerships',
    access: 'partnership.create',
    summary: 'Add a partnership',
    body: partnershipInput,
    response: { status: 201, description: 'The partnership as saved', schema: partnershipFull },
    async handler({ body, ctx, request, reply }) {
      const id = await service.createPartnership(request.server.db, ctx, body);
      reply.header('location', `/api/v1/partnerships/${id}`);
      return fullPartnership(request.server.db, ctx.tenantId, id, true);
    },
  }),
  defineOperation({
    operationId: 'updatePartnership',
    method: 'PUT',
    path: '/partnerships/{id}',
    tag: 'Partnerships',
    access: 'partnership.edit',
    scopeParam: 'id',
    summary: "Replace a partnership's details",
    description: 'Send the `version` you read; if someone changed the partnership since, the answer is 409 and nothing is saved.',
    params: idParams,
    body: withVersion(partnershipInput),
    problems: [404, 409],
    response: { status: 200, description: 'The partnership as saved', schema: partnershipFull },
    async handler({ params, body, ctx, request }) {
      const { version: v, ...input } = body as { version: number } & Record<string, unknown>;
      await service.updatePartnership(request.server.db, ctx, params.id, v, input);
      return fullPartnership(request.server.db, ctx.tenantId, params.id, isStaff(request));
    },
  }),
  tombstoneDelete(
    {
      operationId: 'deletePartnership',
      path: '/partnerships/{id}',
      tag: 'Partnerships',
      access: 'partnership.delete',
      summary: 'Delete a partnership (leaves a tombstone)',
    },
    service.deletePartnership,
  ),
  ...(
    [
      ['events', 'Event', 'lifecycle event', eventInput, eventSchema, service.addEvent],
      ['memberships', 'Membership', 'membership (a person or organisation on the partnership)', membershipInput, membershipSchema, service.addMembership],
      ['contributions', 'Contribution', 'yearly financial contribution (amount in pence)', contributionInput, contributionSchema, service.addContribution],
      ['documents', 'Document', 'source document', documentInput, documentSchema, service.addDocument],
    ] as const
  ).flatMap(([path, noun, what, input, output, add]) => [
    defineOperation({
      operationId: `add${noun}`,
      method: 'POST',
      path: `/partnerships/{id}/${path}`,
      tag: 'Partnerships',
      access: path === 'contributions' ? 'contribution.edit' : 'partnership.edit',
      scopeParam: 'id',
      summary: `Add a ${what}`,
      params: idParams,
      body: input as z.ZodType,
      problems: [404],
      response: { status: 201, description: `The ${what} as saved`, schema: output },
      async handler({ params, body, ctx, request }) {
        const partId = await add(request.server.db, ctx, params.id, body);
        const detail = await fullPartnership(request.server.db, ctx.tenantId, params.id, isStaff(request));
        const key = path === 'documents' ? 'sourceDocuments' : path;
        return (detail[key] as { id: string }[]).find((x) => x.id === partId);
      },
    }),
  ]),
  defineOperation({
    operationId: 'endMembership',
    method: 'POST',
    path: '/partnerships/{id}/memberships/{partId}/end',
    tag: 'Partnerships',
    access: 'partnership.edit',
    scopeParam: 'id',
    summary: 'Record the date a member stood down; the membership stays in the history',
    params: partParams,
    body: z.object({ endDate: isoDate('End date') }),
    problems: [404],
    response: { status: 200, description: 'The membership as saved', schema: membershipSchema },
    async handler({ params, body, ctx, request }) {
      await service.endMembership(request.server.db, ctx, params.id, params.partId, body.endDate);
      const detail = await fullPartnership(request.server.db, ctx.tenantId, params.id, isStaff(request));
      return detail.memberships.find((m) => m.id === params.partId);
    },
  }),
  ...PART_KINDS.map((kind) =>
    defineOperation({
      operationId: `remove${kind.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()).replace(/s$/, '')}`,
      method: 'DELETE',
      path: `/partnerships/{id}/${kind}/{partId}`,
      tag: 'Partnerships',
      access: kind === 'contributions' ? 'contribution.edit' : 'partnership.edit',
      scopeParam: 'id',
      summary: `Remove a ${kind.replace(/-/g, ' ').replace(/s$/, '')} from a partnership`,
      params: partParams,
      problems: [404],
      response: { status: 204, description: 'Removed' },
      async handler({ params, ctx, request }) {
        await service.removePart(request.server.db, ctx, params.id, kind, params.partId);
      },
    }),
  ),
  ...(['publish', 'withdraw'] as const).map((verb) =>
    defineOperation({
      operationId: `${verb}Partnership`,
      method: 'POST',
      path: `/partnerships/{id}/${verb}`,
      tag: 'Partnerships',
      access: 'partnership.publish',
      summary: verb === 'publish' ? 'Publish a partnership to the public register' : 'Withdraw a partnership from the public register',
      params: idParams,
      problems: [404],
      response: { status: 200, description: 'The partnership as saved', schema: partnershipFull },
      async handler({ params, ctx, request }) {
        await service.setPublication(request.server.db, ctx, params.id, verb === 'publish' ? 'published' : 'withdrawn');
        return fullPartnership(request.server.db, ctx.tenantId, params.id, true);
      },
    }),
  ),
  defineOperation({
    operationId: 'getLandscape',
    method: 'GET',
    path: '/landscape',
    tag: 'Partnerships',
    access: 'public.view',
    summary: 'The structure of the partnership landscape on a date, optionally compared with another',
    query: z.object({ date: isoDate('date').optional(), compare: isoDate('compare').optional() }),
    response: { status: 200, description: 'One tree per date, and what changed between them' },
    async handler({ query, ctx, request }) {
      const dates = [query.date ?? service.todayInEngland(), ...(query.compare ? [query.compare] : [])].sort();
      return service.landscape(request.server.db, ctx.tenantId, dates, isStaff(request));
    },
  }),
];
