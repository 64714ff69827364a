import { z } from 'zod';
import {
  defineOperation,
  type Operation,
  syncListQuery,
  syncPage,
  uuidParam,
  idParams,
  isoDateOut,
  timestampsOut,
  pagination,
  tombstoneOut as apiTombstone,
} from '../api/index.ts';
import type { Queryable } from '../db/database.ts';
import { GoneError, NotFoundError } from '../web/errors.ts';
import { version } from '../web/schema.ts';
import * as repo from './appointments.repository.ts';
import { appointmentInput, appointmentRoleCodes, endAppointmentInput, outsideBodyInput, outsideBodyKindCodes } from './appointments.schemas.ts';
import * as service from './appointments.service.ts';
import { isStaff } from '../access/permissions.ts';

const appointmentParams = z.object({ id: uuidParam, appointmentId: uuidParam });

// ---- Response schemas ----------------------------------------------------------------------------

const appointmentOut = z.object({
  id: z.uuid(),
  outsideBodyId: z.uuid(),
  role: z.enum(appointmentRoleCodes),
  person: z.object({ id: z.uuid(), name: z.string(), honorificPrefix: z.string().nullable() }),
  party: z.string().nullable().describe('The party as recorded with the appointment'),
  startDate: isoDateOut.nullable().describe('null when not recorded'),
  endDate: isoDateOut.nullable().describe('The last day of the appointment; null while it continues'),
  appointedBy: z.string().nullable(),
  note: z.string().nullable(),
  created: z.iso.datetime(),
  modified: z.iso.datetime(),
  version: z.number().int(),
});
const bodyFields = {
  id: z.uuid(),
  type: z.literal('outsideBody'),
  name: z.string(),
  kind: z.enum(outsideBodyKindCodes),
  purpose: z.string(),
  meetingsPerYear: z.string().nullable().describe('As printed, for example "4 – 6"'),
  representatives: z.string().nullable().describe('The representatives appointed, as printed, for example "1 to each" or "1 Observer Status"'),
  places: z.number().int().nullable().describe('The number of places, when known'),
  observerStatus: z.boolean(),
  contact: z.string(),
  committeeId: z.uuid().nullable(),
  committeeName: z.string().nullable(),
  publicationState: z.enum(['draft', 'published']),
  vacancies: z
    .number()
    .int()
    .nullable()
    .describe('Places minus the representatives and observers in post today (Europe/London); null when places is not known'),
  currentAppointments: z.array(appointmentOut).describe('The appointments in force today (Europe/London)'),
  ...timestampsOut,
};
const outsideBodySummaryOut = z.object(bodyFields);
const outsideBodyFullOut = z.object({ ...bodyFields, appointments: z.array(appointmentOut).describe('Every appointment, current, past and future') });
const tombstoneOut = apiTombstone('outsideBody');

// ---- Shaping rows --------------------------------------------------------------------------------

const iso = (d: Date) => d.toISOString();

const appointmentShape = (a: repo.AppointmentRow) => ({
  id: a.id,
  outsideBodyId: a.outsideBodyId,
  role: a.role,
  person: { id: a.personId, name: a.personName, honorificPrefix: a.honorificPrefix },
  party: a.party,
  startDate: a.startDate,
  endDate: a.endDate,
  appointedBy: a.appointedBy,
  note: a.note,
  created: iso(a.created),
  modified: iso(a.modified),
  version: a.version,
});

function bodyShape(v: service.OutsideBodyView) {
  const { deletedAt: _d, committeePublished: _c, ...rest } = v.body;
  return {
    ...rest,
    type: 'outsideBody' as const,
    vacancies: v.vacancies,
    currentAppointments: v.current.map(appointmentShape),
    created: iso(v.body.created),
    modified: iso(v.body.modified),
    deleted: false as const,
  };
}

async function bodyDetail(db: Queryable, tenantId: string, id: string, includeDrafts: boolean) {
  const body = await repo.getOutsideBody(db, tenantId, id, { withDeleted: true, publicView: !includeDrafts });
  if (!body || (!includeDrafts && body.publicationState !== 'published')) throw new NotFoundError('outside body');
  if (body.deletedAt) throw new GoneError('outside body');
  const appointments = await repo.listAppointments(db, tenantId, id);
  const view = service.viewOf(body, appointments, service.todayInEngland());
  return { ...bodyShape(view), appointments: appointments.map(appointmentShape) };
}

// ---- Operations ------------------------------------------------------------------------------------

export const appointmentOperations: Operation[] = [
  defineOperation({
    operationId: 'listOutsideBodies',
    method: 'GET',
    path: '/outside-bodies',
    tag: 'Outside bodies',
    access: 'public.view',
    summary: 'List outside bodies, partnership liaison and advisory groups and internal panels, with who sits on each today',
    description:
      'The public see published bodies; token holders also see drafts. With modifiedSince, returns every body changed since then in order of change, with tombstones for deleted bodies (and, for the public, bodies no longer published).',
    query: syncListQuery.extend({ kind: z.enum(outsideBodyKindCodes).optional() }),
    response: {
      status: 200,
      description: 'A page of outside bodies',
      schema: z.object({ data: z.array(z.union([outsideBodySummaryOut, tombstoneOut])), pagination }),
    },
    async handler({ query, ctx, request }) {
      const db = request.server.db;
      const today = service.todayInEngland();
      const since = query.modifiedSince ? new Date(query.modifiedSince) : undefined;
      // In a sync, a body the public may no longer see is, to them, deleted.
      const rows = (await repo.listOutsideBodies(db, ctx.tenantId, { publishedOnly: !isStaff(request), since })).filter(
        (r) => !query.kind || r.kind === query.kind,
      );
      // The appointments are read only when this page has rows.
      const appointments = rows.length > query.offset ? await repo.listAppointments(db, ctx.tenantId) : [];
      return syncPage(rows, query, {
        type: 'outsideBody',
        visible: (r) => isStaff(request) || r.publicationState === 'published',
        shape: (r) =>
          bodyShape(
            service.viewOf(
              r,
              appointments.filter((a) => a.outsideBodyId === r.id),
              today,
            ),
          ),
      });
    },
  }),
  defineOperation({
    operationId: 'getOutsideBody',
    method: 'GET',
    path: '/outside-bodies/{id}',
    tag: 'Outside bodies',
    access: 'public.view',
    summary: 'Get an outside body with its current and past appointments',
    params: idParams,
    problems: [404, 410],
    response: { status: 200, description: 'The outside body', schema: outsideBodyFullOut },
    handler: ({ params, ctx, request }) => bodyDetail(request.server.db, ctx.tenantId, params.id, isStaff(request)),
  }),
  defineOperation({
    operationId: 'createOutsideBody',
    method: 'POST',
    path: '/outside-bodies',
    tag: 'Outside bodies',
    access: 'appointments.edit',
    summary: 'Add an outside body, liaison or advisory group or internal panel',
    body: outsideBodyInput,
    description: '`publicationState` defaults to `published`: appointments to outside bodies are public information. Send `draft` to keep it to staff.',
    response: { status: 201, description: 'The outside body as saved', schema: outsideBodyFullOut },
    async handler({ body, ctx, request, reply }) {
      const id = await service.createOutsideBody(request.server.db, ctx, body);
      reply.header('location', `/api/v1/outside-bodies/${id}`);
      return bodyDetail(request.server.db, ctx.tenantId, id, true);
    },
  }),
  defineOperation({
    operationId: 'updateOutsideBody',
    method: 'PUT',
    path: '/outside-bodies/{id}',
    tag: 'Outside bodies',
    access: 'appointments.edit',
    summary: "Replace an outside body's details",
    description: 'Send the `version` you read; if someone changed the body since, the answer is 409 and nothing is saved.',
    params: idParams,
    body: z.intersection(outsideBodyInput, z.object({ version })),
    problems: [404, 409],
    response: { status: 200, description: 'The outside body as saved', schema: outsideBodyFullOut },
    async handler({ params, body, ctx, request }) {
      const { version: v, ...input } = body;
      await service.updateOutsideBody(request.server.db, ctx, params.id, v, input);
      return bodyDetail(request.server.db, ctx.tenantId, params.id, true);
    },
  }),
  defineOperation({
    operationId: 'appointToOutsideBody',
    method: 'POST',
    path: '/outside-bodies/{id}/appointments',
    tag: 'Outside bodies',
    access: 'appointments.edit',
    summary: 'Appoint a person (usually a councillor) to an outside body',
    description:
      "The person must exist (422 otherwise); an end date must not be before the start date. Without `party`, the person's party from the directory is recorded.",
    params: idParams,
    body: appointmentInput,
    problems: [404],
    response: { status: 201, description: 'The appointment as saved', schema: appointmentOut },
    async handler({ params, body, ctx, request, reply }) {
      const db = request.server.db;
      const appointmentId = await service.appoint(db, ctx, params.id, body);
      reply.header('location', `/api/v1/outside-bodies/${params.id}`);
      return appointmentShape((await repo.getAppointment(db, ctx.tenantId, params.id, appointmentId))!);
    },
  }),
  defineOperation({
    operationId: 'endOutsideBodyAppointment',
    method: 'POST',
    path: '/outside-bodies/{id}/appointments/{appointmentId}/end',
    tag: 'Outside bodies',
    access: 'appointments.edit',
    summary: 'Record the last day of an appointment',
    description: 'Refused (422) when the end date is before the day the appointment began.',
    params: appointmentParams,
    body: endAppointmentInput,
    problems: [404, 409],
    response: { status: 200, description: 'The appointment as saved', schema: appointmentOut },
    async handler({ params, body, ctx, request }) {
      const db = request.server.db;
      await service.endAppointment(db, ctx, params.id, params.appointmentId, body.endDate);
      return appointmentShape((await repo.getAppointment(db, ctx.tenantId, params.id, params.appointmentId))!);
    },
  }),
];
