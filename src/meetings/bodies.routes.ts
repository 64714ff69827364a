// Back-office pages for committees and boards: the list, a body's page with its membership and
// named roles, adding and changing a body, publishing it, and adding and ending members and roles.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { organisationChoices, listAreas } from '../directory/index.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, submitForm, text, type FormBody } from '../web/forms.ts';
import { optionsFor } from '../web/labels.ts';
import { formVersion } from '../web/schema.ts';
import { page } from '../web/page.ts';
import { dateBoxes, registerEndDateForm } from '../web/date-fields.ts';
import { listPlans } from '../plans/index.ts';
import * as repo from './meetings.repository.ts';
import * as service from './meetings.service.ts';
import { flashOf, loaders, withDates, type Req } from './staff-pages.ts';

async function personOptions(db: Database, tenantId: string, selected?: string) {
  const people = await repo.peopleWithOrganisation(db, tenantId);
  return [
    { value: '', text: 'Select a person' },
    ...people.map((p) => ({ value: p.id, text: p.organisation ? `${p.name} (${p.organisation})` : p.name, selected: p.id === selected })),
  ];
}

export async function registerBodyPages(app: FastifyInstance, db: Database) {
  const { loadBody } = loaders(db);
  // ---- Committees and boards ------------------------------------------------------------------
  app.get(
    '/bodies',
    access('manage.view'),
    page(async (req, reply) => {
      const bodies = await repo.listBodies(db, req.ctx.tenantId, { includeDrafts: true });
      return reply.view('meetings/views/bodies-list.njk', { pageTitle: 'Committees and boards', bodies, flash: flashOf(req) });
    }),
  );

  const bodyFormContext = async (req: Req, values: FormBody, errors: FieldErrors, row?: repo.BodyRow) => ({
    pageTitle: row ? `Change ${row.name}` : 'Add a committee or board',
    row,
    values,
    errors,
    errorList: errorSummary(errors),
    backLink: row ? `/bodies/${row.id}` : '/bodies',
    kindItems: optionsFor('bodyKind', text(values.kind)),
    organisationOptions: [
      { value: '', text: 'None' },
      ...(await organisationChoices(db, req.ctx.tenantId)).map((o) => ({ value: o.id, text: o.name, selected: o.id === values.organisationId })),
    ],
    partnershipOptions: [
      { value: '', text: 'None' },
      ...(await repo.partnershipChoices(db, req.ctx.tenantId)).map((p) => ({ value: p.id, text: p.name, selected: p.id === values.partnershipId })),
    ],
  });
  const bodyFromForm = (b: FormBody) => ({
    name: text(b.name),
    kind: text(b.kind),
    organisationId: text(b.organisationId),
    partnershipId: text(b.partnershipId),
    termsOfReference: text(b.termsOfReference),
    quorum: text(b.quorum) ?? '',
    draftReportClearDays: text(b.draftReportClearDays),
    despatchClearDays: text(b.despatchClearDays),
    defaultVenue: text(b.defaultVenue),
    defaultStartTime: text(b.defaultStartTime),
    clerkName: text(b.clerkName),
    clerkPhone: text(b.clerkPhone),
    clerkEmail: text(b.clerkEmail),
    publicNotes: (text(b.publicNotes) ?? '')
      .split(/\r?\n\s*\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean),
  });
  const bodyToForm = (row: repo.BodyRow): FormBody => ({
    ...row,
    quorum: row.quorum === null ? '' : String(row.quorum),
    draftReportClearDays: String(row.draftReportClearDays),
    despatchClearDays: String(row.despatchClearDays),
    publicNotes: row.publicNotes.join('\n\n'),
  });

  app.get(
    '/bodies/new',
    access('meeting.edit'),
    page(async (req, reply) =>
      reply.view('meetings/views/body-form.njk', await bodyFormContext(req, { draftReportClearDays: '8', despatchClearDays: '5', kind: 'committee' }, {})),
    ),
  );

  app.post(
    '/bodies',
    access('meeting.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => service.createBody(db, req.ctx, bodyFromForm(body)), {
        done: (id) => reply.redirect(`/bodies/${id}?done=created`, 303),
        invalid: async (errors, status) => reply.code(status).view('meetings/views/body-form.njk', await bodyFormContext(req, body, errors)),
      });
    }),
  );

  const bodyPage = async (req: Req, reply: FastifyReply, body: repo.BodyRow, extra: Record<string, unknown> = {}, code = 200) => {
    const today = service.todayInEngland();
    const [members, roles, meetings, people, areas] = await Promise.all([
      repo.listMembers(db, req.ctx.tenantId, body.id),
      repo.listRoles(db, req.ctx.tenantId, body.id),
      repo.listMeetings(db, req.ctx.tenantId, { bodyId: body.id, publicOnly: false }),
      personOptions(db, req.ctx.tenantId, text((extra.values as FormBody | undefined)?.personId)),
      listAreas(db, req.ctx.tenantId),
    ]);
    const ownedPlans = await listPlans(db, req.ctx.tenantId, { bodyId: body.id });
    const current = service.membershipOn(members, today);
    const values = (extra.values as FormBody | undefined) ?? {};
    return reply.code(code).view('meetings/views/body-show.njk', {
      pageTitle: body.name,
      body,
      today,
      breadcrumbs: [{ text: 'Committees and boards', href: '/bodies' }],
      flash: flashOf(req),
      ownedPlans,
      plansBase: '/plans',
      currentMembers: current,
      pastMembers: members.filter((m) => !current.includes(m)),
      currentRoles: service.membershipOn(roles, today),
      pastRoles: roles.filter((r) => !service.membershipOn(roles, today).includes(r)),
      upcoming: meetings.rows.filter((m) => m.meetingDate >= today),
      past: meetings.rows.filter((m) => m.meetingDate < today).reverse(),
      personOptions: people,
      roleItems: optionsFor('bodyRole', text(values.role) ?? 'member'),
      areaOptions: [{ value: '', text: 'No area' }, ...areas.map((a) => ({ value: a.id, text: a.name, selected: a.id === values.areaId }))],
      rolePersonOptions: (await personOptions(db, req.ctx.tenantId, text(values.rolePersonId))).map((o) => (o.value === '' ? { ...o, text: 'Vacant' } : o)),
      errors: {},
      values: {},
      memberStart: dateBoxes(values, 'startDate'),
      roleStart: dateBoxes(values, 'roleStartDate'),
      ...extra,
    });
  };

  app.get(
    '/bodies/:id',
    access('manage.view'),
    page(async (req, reply) => bodyPage(req, reply, await loadBody(req))),
  );

  app.get(
    '/bodies/:id/edit',
    access('meeting.edit'),
    page(async (req, reply) => {
      const row = await loadBody(req);
      return reply.view('meetings/views/body-form.njk', await bodyFormContext(req, bodyToForm(row), {}, row));
    }),
  );

  app.post(
    '/bodies/:id/edit',
    access('meeting.edit'),
    page(async (req, reply) => {
      const row = await loadBody(req);
      const body = asBody(req.body);
      return submitForm(() => service.updateBody(db, req.ctx, row.id, formVersion(body.version), bodyFromForm(body)), {
        done: () => reply.redirect(`/bodies/${row.id}?done=updated`, 303),
        invalid: async (errors, status) => {
          if (status === 400) return reply.code(400).view('meetings/views/body-form.njk', await bodyFormContext(req, body, errors, row));
          const conflict = { _: `${errors._}. Their changes are shown below: make your changes again and save.` };
          return reply.code(409).view('meetings/views/body-form.njk', await bodyFormContext(req, bodyToForm(row), conflict, row));
        },
      });
    }),
  );

  app.post(
    '/bodies/:id/publish',
    access('meeting.publish'),
    page(async (req, reply) => {
      const row = await loadBody(req);
      const body = asBody(req.body);
      const state = text(body.state) === 'draft' ? 'draft' : 'published';
      return submitForm(() => service.setBodyPublication(db, req.ctx, row.id, formVersion(body.version), state), {
        done: () => reply.redirect(`/bodies/${row.id}?done=${state === 'published' ? 'published' : 'withdrawn'}`, 303),
        invalid: (errors, status) => bodyPage(req, reply, row, { errorList: errorSummary(errors) }, status),
      });
    }),
  );

  /**
   * Adding a member or a named role from the body's page: the dates are read first, and an error shows the
   * page again, under the form's own names for the fields (`fieldOf`: the service's name to the form's).
   */
  const addToBody = (
    path: string,
    dates: [string, string][],
    add: (req: Req, row: repo.BodyRow, body: FormBody, dated: FormBody) => Promise<string>,
    firstInput: Record<string, string>,
    fieldOf: Record<string, string> = {},
  ) =>
    app.post(
      path,
      access('meeting.edit'),
      page(async (req, reply) => {
        const row = await loadBody(req);
        const body = asBody(req.body);
        const errors: FieldErrors = {};
        const dated = withDates(body, dates, errors);
        return submitForm(
          async () => {
            if (Object.keys(errors).length) throw new ValidationError(errors);
            return add(req, row, body, dated);
          },
          {
            done: (to) => reply.redirect(to, 303),
            invalid: (found, status) => {
              const all = Object.fromEntries(Object.entries({ ...errors, ...found }).map(([k, v]) => [fieldOf[k] ?? k, v]));
              return bodyPage(req, reply, row, { values: body, errors: all, errorList: errorSummary(all, firstInput) }, status);
            },
          },
        );
      }),
    );

  addToBody(
    '/bodies/:id/members',
    [
      ['startDate', 'Start date'],
      ['endDate', 'End date'],
    ],
    async (req, row, body, dated) => {
      await service.addMember(db, req.ctx, row.id, {
        personId: text(body.personId),
        role: text(body.role),
        politicalGroup: text(body.politicalGroup),
        startDate: dated.startDate,
        endDate: dated.endDate,
        appointedBy: text(body.appointedBy),
        note: text(body.note),
      });
      return `/bodies/${row.id}?done=member#membership`;
    },
    { startDate: 'startDate-day' },
  );

  addToBody(
    '/bodies/:id/roles',
    [['roleStartDate', 'Start date']],
    async (req, row, body, dated) => {
      await service.addRole(db, req.ctx, row.id, {
        title: text(body.title),
        areaId: text(body.areaId),
        personId: text(body.rolePersonId),
        startDate: dated.roleStartDate,
        endDate: null,
        note: text(body.roleNote),
      });
      return `/bodies/${row.id}?done=role#roles`;
    },
    { roleStartDate: 'roleStartDate-day' },
    { personId: 'rolePersonId', startDate: 'roleStartDate', note: 'roleNote' },
  );

  // Ending a membership or a named role: one small form for both.
  for (const part of ['members', 'roles'] as const) {
    const endPath = `/bodies/:id/${part}/:partId/end`;
    registerEndDateForm(app, endPath, 'meeting.edit', {
      show: async (req, reply, fields, code = 200) => {
        const row = await loadBody(req);
        const rows = part === 'members' ? await repo.listMembers(db, req.ctx.tenantId, row.id) : await repo.listRoles(db, req.ctx.tenantId, row.id);
        const found = rows.find((r) => r.id === req.params.partId);
        if (!found) throw new NotFoundError(part === 'members' ? 'membership' : 'role');
        const who = 'personName' in found && found.personName ? found.personName : 'Vacant';
        const what =
          part === 'members'
            ? `${who}’s membership`
            : `${(found as repo.RoleRow).title}${(found as repo.RoleRow).areaName ? ` for ${(found as repo.RoleRow).areaName}` : ''} (${who})`;
        return reply.code(code).view('meetings/views/end-form.njk', {
          pageTitle: `End ${what}`,
          body: row,
          action: endPath.replace(':id', row.id).replace(':partId', found.id),
          backLink: `/bodies/${row.id}`,
          ...fields,
        });
      },
      end: async (req, endDate) => {
        await (part === 'members' ? service.endMember : service.endRole)(db, req.ctx, req.params.id!, req.params.partId!, endDate);
        return `/bodies/${req.params.id}?done=ended`;
      },
    });
  }
}
