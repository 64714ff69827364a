// The JSON API's councillors: committees and roles, outside bodies, and attendance at meetings whose minutes are public.
import { defineOperation, type Operation, idParams } from '../api/index.ts';
import { NotFoundError } from '../web/errors.ts';
import type { ATTENDANCE_CATEGORIES } from './minutes.schemas.ts';
import { councillorProfile } from './councillors.ts';
import { councillorOut } from './minutes.api-schemas.ts';

export const councillorOperations: Operation[] = [
  defineOperation({
    operationId: 'getCouncillor',
    method: 'GET',
    path: '/councillors/{id}',
    tag: 'Minutes',
    access: 'public.view',
    summary: 'A councillor: committees and roles, outside bodies, now and in the past, and attendance at meetings whose minutes are public',
    params: idParams,
    problems: [404],
    response: { status: 200, description: 'The councillor', schema: councillorOut },
    async handler({ params, ctx, request }) {
      const profile = await councillorProfile(request.server.db, ctx.tenantId, params.id);
      if (!profile) throw new NotFoundError('councillor');
      return {
        id: profile.person.id,
        type: 'councillor' as const,
        name: profile.person.name,
        party: profile.party,
        memberships: profile.memberships.map((m) => ({
          body: { id: m.bodyId, name: m.bodyName },
          role: m.role,
          politicalGroup: m.politicalGroup,
          startDate: m.startDate,
          endDate: m.endDate,
        })),
        roles: profile.roles.map((r) => ({
          title: r.title,
          area: r.areaName,
          body: { id: r.bodyId, name: r.bodyName },
          startDate: r.startDate,
          endDate: r.endDate,
        })),
        outsideBodies: profile.appointments.map((a) => ({
          outsideBody: { id: a.outsideBodyId, name: a.outsideBodyName },
          role: a.role,
          startDate: a.startDate,
          endDate: a.endDate,
        })),
        attendance: profile.attendance.map((a) => ({
          meeting: { id: a.meetingId, date: a.meetingDate },
          body: { id: a.bodyId, name: a.bodyName },
          category: a.category as (typeof ATTENDANCE_CATEGORIES)[number],
          substituteFor: a.substituteForName,
        })),
        summary: profile.summary,
      };
    },
  }),
];
