// Back-office pages for democratic services: meetings, their agendas and agenda packs here; committees
// and boards (bodies.routes.ts), reports (reports.routes.ts) and the forward plan, workshop plan,
// deadlines dashboard and bank holidays (plan.routes.ts) beside it, all registered by registerMeetingPages.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { can } from '../access/permissions.ts';
import { notFoundPage } from '../web/error-pages.ts';
import { ValidationError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, submitForm, text, type FormBody } from '../web/forms.ts';
import { optionsFor } from '../web/labels.ts';
import { fieldErrorsFrom, formVersion } from '../web/schema.ts';
import { meetingInput } from './meetings.schemas.ts';
import { EXEMPT_PARAGRAPHS } from '../publication/exempt.ts';
import { page } from '../web/page.ts';
import { dateBoxes } from '../web/date-fields.ts';
import { formatLongDate } from '../calendar/format.ts';
import * as repo from './meetings.repository.ts';
import * as service from './meetings.service.ts';
import { meetingDateWarnings, type DateFlag } from './deadlines.ts';
import { currentPack, papersFor, type PaperSource } from './pack/packs.ts';
import { registerBodyPages } from './bodies.routes.ts';
import { registerPlanPages } from './plan.routes.ts';
import { registerReportPages } from './reports.routes.ts';
import { flashOf, loaders, withDates, type Req } from './staff-pages.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';

const exemptOptions = (selected: unknown) => [
  { value: '', text: 'Not exempt: open to the public' },
  ...Object.entries(EXEMPT_PARAGRAPHS).map(([n, t]) => ({
    value: n,
    text: `Paragraph ${n}: ${t.length > 90 ? `${t.slice(0, 87)}…` : t}`,
    selected: String(selected ?? '') === n,
  })),
];

export async function registerMeetingPages(app: FastifyInstance, db: Database, councilName: string, paperSources: readonly PaperSource[] = []) {
  const { loadBody, loadMeeting, loadItem } = loaders(db);
  await registerBodyPages(app, db);

  // ---- Meetings -----------------------------------------------------------------------------------
  const meetingFromForm = (b: FormBody, errors: FieldErrors) => {
    const d = withDates(
      b,
      [
        ['meetingDate', 'Meeting date', true],
        ['plannedDraftDeadline', 'Planned deadline for draft reports'],
        ['plannedDespatch', 'Planned agenda despatch date'],
      ],
      errors,
    );
    return {
      meetingDate: d.meetingDate ?? undefined,
      startTime: text(b.startTime),
      endTime: text(b.endTime),
      venue: text(b.venue),
      kind: text(b.kind),
      status: text(b.status) ?? 'scheduled',
      isPublic: text(b.isPublic),
      title: text(b.title),
      plannedDraftDeadline: d.plannedDraftDeadline,
      plannedDespatch: d.plannedDespatch,
    };
  };
  const meetingFormContext = (body: repo.BodyRow, values: FormBody, errors: FieldErrors, meeting?: repo.MeetingRow, dateWarnings: DateFlag[] = []) => ({
    dateWarnings,
    pageTitle: meeting ? `Change the meeting of ${formatLongDate(meeting.meetingDate)}` : `Add a meeting of ${body.name}`,
    body,
    meeting,
    values,
    errors,
    errorList: errorSummary(errors, {
      meetingDate: 'meetingDate-day',
      plannedDraftDeadline: 'plannedDraftDeadline-day',
      plannedDespatch: 'plannedDespatch-day',
    }),
    backLink: meeting ? `/meetings/${meeting.id}` : `/bodies/${body.id}`,
    kindItems: optionsFor('meetingKind', text(values.kind) ?? 'formal'),
    statusItems: optionsFor('meetingStatus', text(values.status) ?? 'scheduled'),
    publicItems: [
      { value: 'true', text: 'Yes, open to the public and press', checked: String(values.isPublic ?? 'true') === 'true' },
      { value: 'false', text: 'No, a private meeting or workshop', checked: String(values.isPublic) === 'false' },
    ],
    meetingDate: dateBoxes(values, 'meetingDate'),
    plannedDraftDeadline: dateBoxes(values, 'plannedDraftDeadline'),
    plannedDespatch: dateBoxes(values, 'plannedDespatch'),
  });
  const meetingToForm = (m: repo.MeetingRow): FormBody => ({ ...m, isPublic: String(m.isPublic) });
  /** A warning, not an error, when the meeting falls on a weekend or bank holiday: councils do sometimes meet on a Saturday. */
  const warningsFor = async (req: Req, meetingDate: string | null | undefined) =>
    meetingDate ? meetingDateWarnings(meetingDate, await service.holidays(db, req.ctx.tenantId)) : [];

  /** The meeting the address names, with its committee or board. */
  const loadMeetingAndBody = async (req: Req) => {
    const meeting = await loadMeeting(req);
    return { meeting, body: (await repo.getBody(db, req.ctx.tenantId, meeting.bodyId))! };
  };

  /**
   * Adding or changing a meeting (`load` gives the meeting when changing one): `save` runs once the form's
   * dates are read, and goes on to the address it returns. An error shows the form again (400); when someone
   * else changed the meeting first, the form shows their version (409).
   */
  const postMeetingForm = <L extends { body: repo.BodyRow; meeting?: repo.MeetingRow }>(
    path: string,
    load: (req: Req) => Promise<L>,
    save: (req: Req, loaded: L, input: ReturnType<typeof meetingFromForm>, form: FormBody) => Promise<string>,
  ) =>
    app.post(
      path,
      access('meeting.edit'),
      page(async (req, reply) => {
        const loaded = await load(req);
        const { body, meeting } = loaded;
        const form = asBody(req.body);
        const errors: FieldErrors = {};
        const input = meetingFromForm(form, errors);
        const showForm = async (values: FormBody, shown: FieldErrors, code: number, date: string | null | undefined) =>
          reply.code(code).view('meetings/views/meeting-form.njk', meetingFormContext(body, values, shown, meeting, await warningsFor(req, date)));
        return submitForm(
          async () => {
            // A date that cannot be read must not hide the other fields' errors: check them all, and show every one.
            if (Object.keys(errors).length) {
              const checked = meetingInput.safeParse(input);
              throw new ValidationError({ ...(checked.success ? {} : fieldErrorsFrom(checked.error)), ...errors });
            }
            return save(req, loaded, input, form);
          },
          {
            done: (to) => reply.redirect(to, 303),
            // Only a change to a meeting (not adding one) can find that someone else changed it first.
            invalid: (found, status) =>
              status === 409 && meeting
                ? showForm(
                    meetingToForm(meeting),
                    { _: `${found._}. Their changes are shown below: make your changes again and save.` },
                    409,
                    meeting.meetingDate,
                  )
                : showForm(form, { ...found, ...errors }, 400, typeof input.meetingDate === 'string' ? input.meetingDate : null),
          },
        );
      }),
    );

  app.get(
    '/bodies/:id/meetings/new',
    access('meeting.edit'),
    page(async (req, reply) => {
      const body = await loadBody(req);
      return reply.view(
        'meetings/views/meeting-form.njk',
        meetingFormContext(body, { venue: body.defaultVenue, startTime: body.defaultStartTime ?? '', kind: 'formal' }, {}),
      );
    }),
  );

  postMeetingForm(
    '/bodies/:id/meetings',
    async (req) => ({ body: await loadBody(req) }),
    async (req, { body }, input) => `/meetings/${await service.createMeeting(db, req.ctx, body.id, input)}?done=created`,
  );

  const meetingPage = async (req: Req, reply: FastifyReply, meeting: repo.MeetingRow, extra: Record<string, unknown> = {}, code = 200) => {
    const [items, calendar, others, mainPack, supplementPack] = await Promise.all([
      repo.listItems(db, req.ctx.tenantId, meeting.id),
      service.holidays(db, req.ctx.tenantId),
      repo.listMeetings(db, req.ctx.tenantId, { bodyId: meeting.bodyId, publicOnly: false }),
      repo.getPack(db, req.ctx.tenantId, meeting.id, 'main', 'members'),
      repo.getPack(db, req.ctx.tenantId, meeting.id, 'supplement', 'members'),
    ]);
    const schedule = service.scheduleOf(meeting, items, calendar);
    const hasLatePapers = papersFor(meeting, items, 'supplement', 'members').listed.length > 0;
    const values = (extra.values as FormBody | undefined) ?? {};
    return reply.code(code).view('meetings/views/meeting-show.njk', {
      pageTitle: `${service.meetingLabel(meeting)}, ${formatLongDate(meeting.meetingDate)}`,
      meeting,
      items,
      schedule,
      hasLatePapers,
      mainPack,
      supplementPack,
      longDate: formatLongDate,
      breadcrumbs: [
        { text: 'Meetings', href: '/meetings' },
        { text: meeting.bodyName, href: `/bodies/${meeting.bodyId}` },
      ],
      flash: flashOf(req),
      purposeItems: optionsFor('itemPurpose', text(values.purpose)),
      exemptOptions: exemptOptions(values.exemptParagraph),
      minutesOptions: minutesOptions(others.rows, meeting, values.minutesOfMeetingId),
      moveOptions: others.rows
        .filter((m) => m.id !== meeting.id && m.status !== 'cancelled' && m.meetingDate >= service.todayInEngland())
        .map((m) => ({ value: m.id, text: `${formatLongDate(m.meetingDate)}${m.kind !== 'formal' ? ` (${m.title ?? m.kind})` : ''}` })),
      errors: {},
      values: {},
      canPublish: can(req.user, 'meeting.publish'),
      canEdit: can(req.user, 'meeting.edit'),
      ...extra,
    });
  };

  app.get(
    '/meetings/:id',
    access('manage.view'),
    page(async (req, reply) => meetingPage(req, reply, await loadMeeting(req))),
  );

  app.get(
    '/meetings/:id/edit',
    access('meeting.edit'),
    page(async (req, reply) => {
      const { meeting, body } = await loadMeetingAndBody(req);
      return reply.view(
        'meetings/views/meeting-form.njk',
        meetingFormContext(body, meetingToForm(meeting), {}, meeting, await warningsFor(req, meeting.meetingDate)),
      );
    }),
  );

  postMeetingForm('/meetings/:id/edit', loadMeetingAndBody, async (req, { meeting }, input, form) => {
    await service.updateMeeting(db, req.ctx, meeting.id, formVersion(form.version), input);
    return `/meetings/${meeting.id}?done=updated`;
  });

  app.post(
    '/meetings/:id/publish-agenda',
    access('meeting.publish'),
    page(async (req, reply) => {
      const meeting = await loadMeeting(req);
      const form = asBody(req.body);
      const publish = text(form.action) !== 'unpublish';
      return submitForm(() => service.publishAgenda(db, req.ctx, meeting.id, formVersion(form.version), publish), {
        done: () => reply.redirect(`/meetings/${meeting.id}?done=${publish ? 'agenda' : 'unpublished'}`, 303),
        // The service's refusals are about the whole agenda: one message, the first.
        invalid: (errors, status) => meetingPage(req, reply, meeting, { errorList: [{ text: Object.values(errors)[0] }] }, status),
      });
    }),
  );

  // ---- Agenda items ---------------------------------------------------------------------------------
  const itemFromForm = (b: FormBody) => ({
    title: text(b.title),
    section: text(b.section),
    purpose: text(b.purpose),
    leadOfficers: text(b.leadOfficers),
    keyDecisionRef: text(b.keyDecisionRef),
    exemptParagraph: text(b.exemptParagraph) ?? '',
    description: text(b.description),
    startTime: text(b.startTime),
    minutesOfMeetingId: text(b.minutesOfMeetingId),
  });
  /** Earlier meetings of the body, for an item that presents their minutes. */
  const minutesOptions = (others: repo.MeetingRow[], meeting: repo.MeetingRow, selected: unknown) => [
    { value: '', text: 'No: this item does not present minutes' },
    ...others
      .filter((m) => m.meetingDate < meeting.meetingDate && m.kind !== 'workshop')
      .reverse()
      .map((m) => ({ value: m.id, text: `Minutes of ${formatLongDate(m.meetingDate)}`, selected: m.id === selected })),
  ];

  app.post(
    '/meetings/:id/items',
    access('meeting.edit'),
    page(async (req, reply) => {
      const meeting = await loadMeeting(req);
      const form = asBody(req.body);
      return submitForm(() => service.addItem(db, req.ctx, meeting.id, itemFromForm(form)), {
        done: () => reply.redirect(`/meetings/${meeting.id}?done=item#agenda`, 303),
        invalid: (errors, status) => meetingPage(req, reply, meeting, { values: form, errors, errorList: errorSummary(errors) }, status),
      });
    }),
  );

  const itemPage = async (req: Req, reply: FastifyReply, meeting: repo.MeetingRow, item: repo.ItemRow, values: FormBody, errors: FieldErrors, code = 200) => {
    const [others, moves] = await Promise.all([
      repo.listMeetings(db, req.ctx.tenantId, { bodyId: meeting.bodyId, publicOnly: false }),
      repo.movesOf(db, req.ctx.tenantId, item.id),
    ]);
    return reply.code(code).view('meetings/views/item-form.njk', {
      pageTitle: `Change item ${item.position}: ${item.title}`,
      meeting,
      item,
      values,
      errors,
      errorList: errorSummary(errors),
      moves,
      longDate: formatLongDate,
      backLink: `/meetings/${meeting.id}#agenda`,
      purposeItems: optionsFor('itemPurpose', text(values.purpose)),
      exemptOptions: exemptOptions(values.exemptParagraph),
      minutesOptions: minutesOptions(others.rows, meeting, values.minutesOfMeetingId),
      moveOptions: [
        { value: '', text: 'Select a meeting' },
        ...others.rows
          .filter((m) => m.id !== meeting.id && m.status !== 'cancelled')
          .map((m) => ({
            value: m.id,
            text: `${formatLongDate(m.meetingDate)}${m.kind !== 'formal' ? ` (${m.title ?? m.kind})` : ''}`,
            selected: m.id === values.toMeetingId,
          })),
      ],
    });
  };

  app.get(
    '/meetings/:id/items/:itemId/edit',
    access('meeting.edit'),
    page(async (req, reply) => {
      const [meeting, item] = [await loadMeeting(req), await loadItem(req)];
      return itemPage(req, reply, meeting, item, { ...item, exemptParagraph: item.exemptParagraph === null ? '' : String(item.exemptParagraph) }, {});
    }),
  );

  /**
   * A change to an agenda item from its page, which goes on to the address `change` returns. When someone
   * else changed the item first, its page shows it as it now is with `onConflict` (409); a ValidationError
   * shows the page again with the values `valuesOnError` gives (400).
   */
  const changeItem = (
    path: string,
    change: (req: Req, meeting: repo.MeetingRow, item: repo.ItemRow, form: FormBody) => Promise<string>,
    onConflict: string,
    valuesOnError: (item: repo.ItemRow, form: FormBody) => FormBody,
  ) =>
    app.post(
      path,
      access('meeting.edit'),
      page(async (req, reply) => {
        const [meeting, item] = [await loadMeeting(req), await loadItem(req)];
        const form = asBody(req.body);
        return submitForm(() => change(req, meeting, item, form), {
          done: (to) => reply.redirect(to, 303),
          invalid: (errors, status) =>
            status === 409
              ? itemPage(req, reply, meeting, item, { ...item }, { _: `${errors._}. ${onConflict}` }, 409)
              : itemPage(req, reply, meeting, item, valuesOnError(item, form), errors, 400),
        });
      }),
    );

  changeItem(
    '/meetings/:id/items/:itemId/edit',
    async (req, meeting, item, form) => {
      await service.updateItem(db, req.ctx, meeting.id, item.id, formVersion(form.version), itemFromForm(form));
      return `/meetings/${meeting.id}?done=updated#agenda`;
    },
    'Reload the page and make your change again.',
    (_item, form) => form,
  );

  changeItem(
    '/meetings/:id/items/:itemId/move',
    async (req, meeting, item, form) => {
      await service.moveItem(db, req.ctx, meeting.id, item.id, formVersion(form.version), { toMeetingId: text(form.toMeetingId), reason: text(form.reason) });
      return `/meetings/${text(form.toMeetingId)}?done=moved#agenda`;
    },
    'Reload the page and try again.',
    (item, form) => ({ ...item, ...form }),
  );

  app.post(
    '/meetings/:id/items/:itemId/reorder',
    access('meeting.edit'),
    page(async (req, reply) => {
      const item = await loadItem(req);
      await service.reorderItem(db, req.ctx, req.params.id!, item.id, text(asBody(req.body).direction) === 'up' ? -1 : 1);
      return reply.redirect(`/meetings/${req.params.id}#item-${item.id}`, 303);
    }),
  );

  app.post(
    '/meetings/:id/items/:itemId/delete',
    access('meeting.edit'),
    page(async (req, reply) => {
      const [meeting, item] = [await loadMeeting(req), await loadItem(req)];
      return submitForm(() => service.removeItem(db, req.ctx, meeting.id, item.id, formVersion(asBody(req.body).version)), {
        done: () => reply.redirect(`/meetings/${meeting.id}?done=removed#agenda`, 303),
        invalid: (errors, status) => meetingPage(req, reply, meeting, { errorList: [{ text: `${errors._}. Check the item and try again.` }] }, status),
      });
    }),
  );

  // ---- Agenda packs ------------------------------------------------------------------------------------
  for (const kind of ['main', 'supplement'] as const) {
    app.get(
      `/meetings/:id/${kind === 'main' ? 'pack' : 'supplement'}.pdf`,
      access('manage.view'),
      page(async (req, reply) => {
        const meeting = await loadMeeting(req);
        const audience = text(req.query.audience) === 'public' ? 'public' : 'members';
        try {
          const built = await currentPack(db, req.ctx, meeting.id, kind, audience, councilName, paperSources);
          if (!built?.content) return notFoundPage(reply);
          const name = `${meeting.bodyName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${meeting.meetingDate}-${kind === 'main' ? 'agenda' : 'supplementary-agenda'}${audience === 'public' ? '-public' : ''}.pdf`;
          return sendDocument(reply, { filename: name, contentType: MEDIA_TYPES.pdf, content: built.content, caching: 'none' });
        } catch (err) {
          if (err instanceof ValidationError) return meetingPage(req, reply, meeting, { errorList: [{ text: err.message }] }, 400);
          throw err;
        }
      }),
    );
  }

  await registerReportPages(app, db);
  await registerPlanPages(app, db);
}
