// Pages for appointments of councillors to outside bodies, partnership liaison and advisory groups
// and internal advisory groups and panels. The back office (/outside-bodies) keeps the list of bodies
// and who sits on each, over time; the public site (/representatives) shows the published ones in
// the shape of the council's appointments table (seed 004, Appendix 3 to item 10).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, readDate, submitForm, text, type FormBody } from '../web/forms.ts';
import { dateBoxes, registerEndDateForm } from '../web/date-fields.ts';
import { EMAIL_PATTERN, formVersion } from '../web/schema.ts';
import * as repo from './appointments.repository.ts';
import { APPOINTMENT_ROLES, OUTSIDE_BODY_KIND_HEADINGS, OUTSIDE_BODY_KINDS, outsideBodyKindCodes, type OutsideBodyKind } from './appointments.schemas.ts';
import * as service from './appointments.service.ts';
import { flashFrom, page, type PageRequest } from '../web/page.ts';

type Req = PageRequest;

const flashOf = flashFrom({
  created: 'Outside body added',
  updated: 'Changes saved',
  appointed: 'Appointment recorded',
  ended: 'End date recorded',
});

const kindLabel = (kind: string) => OUTSIDE_BODY_KINDS[kind as OutsideBodyKind] ?? kind;
const roleLabel = (role: string) => APPOINTMENT_ROLES[role as keyof typeof APPOINTMENT_ROLES] ?? role;

/** 'Councillor Steve Criswell (Con)', as the council's table names its representatives. */
export function representativeName(a: { honorificPrefix: string | null; personName: string; party: string | null }) {
  return `${a.honorificPrefix ? `${a.honorificPrefix} ` : ''}${a.personName}${a.party ? ` (${a.party})` : ''}`;
}

/**
 * Contact details as typed, one line each: a line that is an e-mail address becomes a link, and a
 * blank line (between two contacts) spaces the next line from the one before.
 */
export function contactLines(contact: string) {
  const out: ({ email: string; spaced: boolean } | { text: string; spaced: boolean })[] = [];
  let gap = false;
  for (const raw of contact.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) {
      gap = out.length > 0;
      continue;
    }
    out.push(EMAIL_PATTERN.test(line) && !/\s/.test(line) ? { email: line, spaced: gap } : { text: line, spaced: gap });
    gap = false;
  }
  return out;
}

/** Shared by the back office and public pages: what a row of appointments shows. */
function shapeAppointments(rows: repo.AppointmentRow[]) {
  return rows.map((a) => ({ ...a, displayName: representativeName(a), roleLabel: roleLabel(a.role) }));
}

function shapeView(v: service.OutsideBodyView) {
  return {
    ...v.body,
    kindLabel: kindLabel(v.body.kind),
    vacancies: v.vacancies,
    hasPlaces: v.body.places !== null,
    contactLines: contactLines(v.body.contact),
    current: shapeAppointments(v.current),
    past: shapeAppointments(v.past),
    future: shapeAppointments(v.future),
    pastAndFuture: shapeAppointments([...v.future, ...v.past]),
    currentSeated: shapeAppointments(v.current.filter(service.fillsAPlace)),
    currentSubstitutes: shapeAppointments(v.current.filter((a) => !service.fillsAPlace(a))),
  };
}

/** Bodies in the council's three groups, in order, leaving out empty groups. */
function groupedByKind<T extends { kind: string }>(rows: T[]) {
  return outsideBodyKindCodes
    .map((kind) => ({ kind, heading: OUTSIDE_BODY_KIND_HEADINGS[kind], bodies: rows.filter((r) => r.kind === kind) }))
    .filter((g) => g.bodies.length > 0);
}

export async function registerAppointmentPages(app: FastifyInstance, db: Database) {
  const views = 'appointments/views';

  app.get(
    '/outside-bodies',
    access('manage.view'),
    page(async (req, reply) => {
      const today = service.todayInEngland();
      const bodies = (await service.outsideBodiesOn(db, req.ctx.tenantId, today)).map(shapeView);
      return reply.view(`${views}/list.njk`, { pageTitle: 'Outside bodies', groups: groupedByKind(bodies), total: bodies.length, today, flash: flashOf(req) });
    }),
  );

  // ---- Adding and changing a body ---------------------------------------------------------------------------
  const formContext = async (req: Req, values: FormBody, errors: FieldErrors, row?: repo.OutsideBodyRow) => ({
    pageTitle: row ? `Change ${row.name}` : 'Add an outside body',
    row,
    values,
    errors,
    errorList: errorSummary(errors),
    backLink: row ? `/outside-bodies/${row.id}` : '/outside-bodies',
    kindItems: Object.entries(OUTSIDE_BODY_KINDS).map(([value, label]) => ({ value, text: label, checked: value === text(values.kind) })),
    observerItems: [
      { value: 'false', text: 'No, they are full representatives', checked: String(values.observerStatus ?? 'false') !== 'true' },
      { value: 'true', text: 'Yes, observer status only', checked: String(values.observerStatus) === 'true' },
    ],
    publicationItems: [
      { value: 'published', text: 'Yes, show it on the public list of representatives', checked: String(values.publicationState ?? 'published') !== 'draft' },
      { value: 'draft', text: 'No, keep it as a draft that only staff can see', checked: String(values.publicationState) === 'draft' },
    ],
    committeeOptions: [
      { value: '', text: 'None' },
      ...(await repo.committeeChoices(db, req.ctx.tenantId)).map((c) => ({ value: c.id, text: c.name, selected: c.id === values.committeeId })),
    ],
  });
  const fromForm = (b: FormBody) => ({
    name: text(b.name),
    kind: text(b.kind),
    purpose: text(b.purpose),
    meetingsPerYear: text(b.meetingsPerYear),
    representatives: text(b.representatives),
    places: text(b.places) ?? '',
    observerStatus: text(b.observerStatus) ?? 'false',
    contact: text(b.contact),
    committeeId: text(b.committeeId),
    publicationState: text(b.publicationState) ?? 'published',
  });
  const toForm = (row: repo.OutsideBodyRow): FormBody => ({
    ...row,
    places: row.places === null ? '' : String(row.places),
    observerStatus: String(row.observerStatus),
    meetingsPerYear: row.meetingsPerYear ?? '',
    representatives: row.representatives ?? '',
    committeeId: row.committeeId ?? '',
  });

  app.get(
    '/outside-bodies/new',
    access('appointments.edit'),
    page(async (req, reply) => reply.view(`${views}/form.njk`, await formContext(req, { publicationState: 'published', observerStatus: 'false' }, {}))),
  );

  app.post(
    '/outside-bodies/new',
    access('appointments.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => service.createOutsideBody(db, req.ctx, fromForm(body)), {
        done: (id) => reply.redirect(`/outside-bodies/${id}?done=created`, 303),
        invalid: async (errors, status) => reply.code(status).view(`${views}/form.njk`, await formContext(req, body, errors)),
      });
    }),
  );

  const loadBody = async (req: Req) => {
    const row = await repo.getOutsideBody(db, req.ctx.tenantId, req.params.id!);
    if (!row) throw new NotFoundError('outside body');
    return row;
  };

  app.get(
    '/outside-bodies/:id/edit',
    access('appointments.edit'),
    page(async (req, reply) => {
      const row = await loadBody(req);
      return reply.view(`${views}/form.njk`, await formContext(req, toForm(row), {}, row));
    }),
  );

  app.post(
    '/outside-bodies/:id/edit',
    access('appointments.edit'),
    page(async (req, reply) => {
      const row = await loadBody(req);
      const body = asBody(req.body);
      return submitForm(() => service.updateOutsideBody(db, req.ctx, row.id, formVersion(body.version), fromForm(body)), {
        done: () => reply.redirect(`/outside-bodies/${row.id}?done=updated`, 303),
        invalid: async (errors, status) => {
          if (status === 400) return reply.code(400).view(`${views}/form.njk`, await formContext(req, body, errors, row));
          // Show what the other person saved (read at the start of this request), with its version, so saving again is deliberate.
          const conflict = { _: `${errors._}. Their changes are shown below: make your changes again and save.` };
          return reply.code(409).view(`${views}/form.njk`, await formContext(req, toForm(row), conflict, row));
        },
      });
    }),
  );

  // ---- One body: details, appointments, the appoint form --------------------------------------------------------
  const showPage = async (req: Req, reply: FastifyReply, extra: { values?: FormBody; errors?: FieldErrors } = {}, code = 200) => {
    const today = service.todayInEngland();
    const view = await service.outsideBodyOn(db, req.ctx.tenantId, req.params.id!, today);
    const values = extra.values ?? { role: 'representative' };
    const errors = extra.errors ?? {};
    const people = await repo.appointeeChoices(db, req.ctx.tenantId);
    return reply.code(code).view(`${views}/show.njk`, {
      pageTitle: view.body.name,
      body: shapeView(view),
      today,
      flash: flashOf(req),
      breadcrumbs: [{ text: 'Outside bodies', href: '/outside-bodies' }],
      values,
      errors,
      errorList: errorSummary(errors, { startDate: 'startDate-day', endDate: 'endDate-day' }),
      personOptions: [
        { value: '', text: 'Select a councillor' },
        ...people.map((p) => ({
          value: p.id,
          text: `${p.honorificPrefix ? `${p.honorificPrefix} ` : ''}${p.name}${p.party ? ` (${p.party})` : ''}${p.kind === 'councillor' ? '' : ' – not a councillor'}`,
          selected: p.id === values.personId,
        })),
      ],
      roleItems: Object.entries(APPOINTMENT_ROLES).map(([value, label]) => ({ value, text: label, checked: value === text(values.role) })),
      startDate: dateBoxes(values, 'startDate'),
      endDate: dateBoxes(values, 'endDate'),
    });
  };

  app.get(
    '/outside-bodies/:id',
    access('manage.view'),
    page(async (req, reply) => showPage(req, reply)),
  );

  app.post(
    '/outside-bodies/:id/appointments',
    access('appointments.edit'),
    page(async (req, reply) => {
      const row = await loadBody(req);
      const body = asBody(req.body);
      const errors: FieldErrors = {};
      const startDate = readDate(body, 'startDate', 'Start date', errors) ?? null;
      const endDate = readDate(body, 'endDate', 'End date', errors) ?? null;
      return submitForm(
        async () => {
          if (Object.keys(errors).length) throw new ValidationError(errors);
          await service.appoint(db, req.ctx, row.id, {
            personId: text(body.personId),
            role: text(body.role),
            party: text(body.party),
            startDate,
            endDate,
            appointedBy: text(body.appointedBy),
            note: text(body.note),
          });
        },
        {
          done: () => reply.redirect(`/outside-bodies/${row.id}?done=appointed#appointments`, 303),
          invalid: (found, status) => showPage(req, reply, { values: body, errors: { ...errors, ...found } }, status),
        },
      );
    }),
  );

  // ---- Ending an appointment ----------------------------------------------------------------------------------
  registerEndDateForm(app, '/outside-bodies/:id/appointments/:appointmentId/end', 'appointments.edit', {
    show: async (req, reply, fields, code = 200) => {
      const row = await loadBody(req);
      const found = await repo.getAppointment(db, req.ctx.tenantId, row.id, req.params.appointmentId!);
      if (!found) throw new NotFoundError('appointment');
      return reply.code(code).view(`${views}/end-form.njk`, {
        pageTitle: `End ${representativeName({ ...found, party: null })}’s appointment`,
        body: row,
        appointment: { ...found, roleLabel: roleLabel(found.role) },
        action: `/outside-bodies/${row.id}/appointments/${found.id}/end`,
        backLink: `/outside-bodies/${row.id}`,
        ...fields,
      });
    },
    end: async (req, endDate) => {
      await service.endAppointment(db, req.ctx, req.params.id!, req.params.appointmentId!, endDate);
      return `/outside-bodies/${req.params.id}?done=ended#appointments`;
    },
    conflict: (err) => `${err.message}. Check the appointment and try again.`,
  });
}

// ---- The public site -------------------------------------------------------------------------------------------

export async function registerPublicAppointmentPages(app: FastifyInstance, db: Database) {
  const views = 'appointments/views';

  app.get(
    '/representatives',
    access('public.view'),
    page(async (req, reply) => {
      const today = service.todayInEngland();
      const bodies = (await service.outsideBodiesOn(db, req.ctx.tenantId, today, { publishedOnly: true })).map(shapeView);
      return reply.view(`${views}/public-list.njk`, { pageTitle: 'Appointments to outside bodies', bodies, today });
    }),
  );

  app.get(
    '/representatives/:id',
    access('public.view'),
    page(async (req, reply) => {
      const today = service.todayInEngland();
      const view = await service.outsideBodyOn(db, req.ctx.tenantId, req.params.id!.toLowerCase(), today, { publishedOnly: true });
      return reply.view(`${views}/public-show.njk`, {
        pageTitle: view.body.name,
        body: shapeView(view),
        today,
        breadcrumbs: [{ text: 'Appointments to outside bodies', href: '/representatives' }],
      });
    }),
  );
}
