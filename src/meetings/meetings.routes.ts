// Back-office pages for democratic services: committees and boards, their membership, meetings,
// agendas, reports on the standard template, agenda packs, the forward plan and the deadline dashboard.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { can } from '../access/permissions.ts';
import { organisationChoices, listAreas } from '../directory/index.ts';
import { contentDisposition, isUpload } from '../documents/file-types.ts';
import { notFoundPage } from '../web/error-pages.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, readDate, text, type FormBody } from '../web/forms.ts';
import { dateInputParts } from '../web/form-input.ts';
import { optionsFor } from '../web/labels.ts';
import { formVersion } from '../web/schema.ts';
import { EXEMPT_PARAGRAPHS } from '../publication/exempt.ts';
import { AGENDA_PLAN_COLUMNS, WORKSHOP_PLAN_COLUMNS, agendaPlanRows, parseAgendaPlan, parseWorkshopPlan, workshopPlanRows, type PlanMeeting } from './plan-io.ts';
import { toCsv } from '../documents/csv.ts';
import { CORPORATE_PRIORITIES, IMPLICATIONS, clearanceProblems, clearanceText, emptyReport } from './report-template.ts';
import { reportFieldFor, reportFromForm, reportToForm } from './report-form.ts';
import * as repo from './meetings.repository.ts';
import * as service from './meetings.service.ts';
import { currentPack, papersFor, type PaperSource } from './pack/packs.ts';
import * as planService from './plan.service.ts';
import { page, queryText, type PageRequest } from '../web/page.ts';
import { listPlans } from '../plans/index.ts';
import { formatLongDate } from '../calendar/format.ts';
import { letter, textBlocks } from '../documents/text.ts';
import { readSpreadsheet, SpreadsheetError, writeXlsx } from '../documents/spreadsheet.ts';

type Req = PageRequest;


const FLASH: Record<string, string> = {
  created: 'Saved', updated: 'Changes saved', published: 'Published', withdrawn: 'Withdrawn', member: 'Member added', role: 'Role added',
  ended: 'End date recorded', item: 'Agenda item added', moved: 'Agenda item moved', removed: 'Agenda item removed', report: 'Report saved',
  uploaded: 'Report uploaded', agenda: 'Agenda published', unpublished: 'Agenda withdrawn from publication', imported: 'Forward plan imported',
  holidays: 'Bank holidays loaded',
};
const flashOf = (req: Req) => FLASH[queryText(req, 'done')];

/** A date from a GOV.UK date input into the body as ISO, recording an error under the field. */
function withDates(body: FormBody, fields: [string, string, boolean?][], errors: FieldErrors): FormBody {
  const out = { ...body };
  for (const [field, label, required] of fields) out[field] = readDate(body, field, label, errors, { required }) ?? null;
  return out;
}

/** The values of a date input for redisplay: the raw boxes after an error, or the stored date. */
function dateBoxes(values: FormBody, field: string) {
  if (values[`${field}-day`] !== undefined || values[`${field}-month`] !== undefined || values[`${field}-year`] !== undefined) {
    return { day: text(values[`${field}-day`]) ?? '', month: text(values[`${field}-month`]) ?? '', year: text(values[`${field}-year`]) ?? '' };
  }
  return dateInputParts(text(values[field]));
}

async function personOptions(db: Database, tenantId: string, selected?: string) {
  const people = await db.query<{ id: string; name: string; kind: string; organisation: string | null }>(
    `select p.id, p.name, p.kind, o.name as organisation from people p left join organisations o on o.id = p.organisation_id
     where p.tenant_id = $1 and p.deleted_at is null order by lower(p.name)`, [tenantId]);
  return [{ value: '', text: 'Select a person' }, ...people.map((p) => ({ value: p.id, text: p.organisation ? `${p.name} (${p.organisation})` : p.name, selected: p.id === selected }))];
}

const exemptOptions = (selected: unknown) => [{ value: '', text: 'Not exempt: open to the public' },
  ...Object.entries(EXEMPT_PARAGRAPHS).map(([n, t]) => ({ value: n, text: `Paragraph ${n}: ${t.length > 90 ? `${t.slice(0, 87)}…` : t}`, selected: String(selected ?? '') === n }))];

export async function registerMeetingPages(app: FastifyInstance, db: Database, councilName: string, paperSources: readonly PaperSource[] = []) {
  // ---- Committees and boards ------------------------------------------------------------------
  app.get('/bodies', access('manage.view'), page(async (req, reply) => {
    const bodies = await repo.listBodies(db, req.ctx.tenantId, { includeDrafts: true });
    return reply.view('meetings/views/bodies-list.njk', { pageTitle: 'Committees and boards', bodies, flash: flashOf(req) });
  }));

  const bodyFormContext = async (req: Req, values: FormBody, errors: FieldErrors, row?: repo.BodyRow) => ({
    pageTitle: row ? `Change ${row.name}` : 'Add a committee or board', row, values, errors, errorList: errorSummary(errors),
    backLink: row ? `/bodies/${row.id}` : '/bodies', kindItems: optionsFor('bodyKind', text(values.kind)),
    organisationOptions: [{ value: '', text: 'None' }, ...(await organisationChoices(db, req.ctx.tenantId)).map((o) => ({ value: o.id, text: o.name, selected: o.id === values.organisationId }))],
    partnershipOptions: [{ value: '', text: 'None' }, ...(await db.query<{ id: string; name: string }>(
      `select id, name from partnerships where tenant_id = $1 and deleted_at is null order by lower(name)`, [req.ctx.tenantId]))
      .map((p) => ({ value: p.id, text: p.name, selected: p.id === values.partnershipId }))],
  });
  const bodyFromForm = (b: FormBody) => ({
    name: text(b.name), kind: text(b.kind), organisationId: text(b.organisationId), partnershipId: text(b.partnershipId),
    termsOfReference: text(b.termsOfReference), quorum: text(b.quorum) ?? '', draftReportClearDays: text(b.draftReportClearDays),
    despatchClearDays: text(b.despatchClearDays), defaultVenue: text(b.defaultVenue), defaultStartTime: text(b.defaultStartTime),
    clerkName: text(b.clerkName), clerkPhone: text(b.clerkPhone), clerkEmail: text(b.clerkEmail),
    publicNotes: (text(b.publicNotes) ?? '').split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean),
  });
  const bodyToForm = (row: repo.BodyRow): FormBody => ({ ...row, quorum: row.quorum === null ? '' : String(row.quorum),
    draftReportClearDays: String(row.draftReportClearDays), despatchClearDays: String(row.despatchClearDays), publicNotes: row.publicNotes.join('\n\n') });

  app.get('/bodies/new', access('meeting.edit'), page(async (req, reply) =>
    reply.view('meetings/views/body-form.njk', await bodyFormContext(req, { draftReportClearDays: '8', despatchClearDays: '5', kind: 'committee' }, {}))));

  app.post('/bodies', access('meeting.edit'), page(async (req, reply) => {
    const body = asBody(req.body);
    try {
      const id = await service.createBody(db, req.ctx, bodyFromForm(body));
      return reply.redirect(`/bodies/${id}?done=created`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.code(400).view('meetings/views/body-form.njk', await bodyFormContext(req, body, err.fieldErrors));
    }
  }));

  const loadBody = async (req: Req) => {
    const row = await repo.getBody(db, req.ctx.tenantId, req.params.id!);
    if (!row) throw new NotFoundError('committee or board');
    return row;
  };

  const bodyPage = async (req: Req, reply: FastifyReply, body: repo.BodyRow, extra: Record<string, unknown> = {}, code = 200) => {
    const today = service.todayInEngland();
    const [members, roles, meetings, people, areas] = await Promise.all([
      repo.listMembers(db, req.ctx.tenantId, body.id), repo.listRoles(db, req.ctx.tenantId, body.id),
      repo.listMeetings(db, req.ctx.tenantId, { bodyId: body.id, publicOnly: false }),
      personOptions(db, req.ctx.tenantId, text((extra.values as FormBody | undefined)?.personId)), listAreas(db, req.ctx.tenantId)]);
    const ownedPlans = await listPlans(db, req.ctx.tenantId, { bodyId: body.id });
    const current = service.membershipOn(members, today);
    const values = (extra.values as FormBody | undefined) ?? {};
    return reply.code(code).view('meetings/views/body-show.njk', {
      pageTitle: body.name, body, today, breadcrumbs: [{ text: 'Committees and boards', href: '/bodies' }], flash: flashOf(req),
      ownedPlans, plansBase: '/plans',
      currentMembers: current, pastMembers: members.filter((m) => !current.includes(m)),
      currentRoles: service.membershipOn(roles, today), pastRoles: roles.filter((r) => !service.membershipOn(roles, today).includes(r)),
      upcoming: meetings.rows.filter((m) => m.meetingDate >= today), past: meetings.rows.filter((m) => m.meetingDate < today).reverse(),
      personOptions: people, roleItems: optionsFor('bodyRole', text(values.role) ?? 'member'),
      areaOptions: [{ value: '', text: 'No area' }, ...areas.map((a) => ({ value: a.id, text: a.name, selected: a.id === values.areaId }))],
      rolePersonOptions: (await personOptions(db, req.ctx.tenantId, text(values.rolePersonId))).map((o) => (o.value === '' ? { ...o, text: 'Vacant' } : o)),
      errors: {}, values: {}, memberStart: dateBoxes(values, 'startDate'), roleStart: dateBoxes(values, 'roleStartDate'), ...extra,
    });
  };

  app.get('/bodies/:id', access('manage.view'), page(async (req, reply) => bodyPage(req, reply, await loadBody(req))));

  app.get('/bodies/:id/edit', access('meeting.edit'), page(async (req, reply) => {
    const row = await loadBody(req);
    return reply.view('meetings/views/body-form.njk', await bodyFormContext(req, bodyToForm(row), {}, row));
  }));

  app.post('/bodies/:id/edit', access('meeting.edit'), page(async (req, reply) => {
    const row = await loadBody(req);
    const body = asBody(req.body);
    try {
      await service.updateBody(db, req.ctx, row.id, formVersion(body.version), bodyFromForm(body));
      return reply.redirect(`/bodies/${row.id}?done=updated`, 303);
    } catch (err) {
      if (err instanceof ConflictError) {
        const errors = { _: `${err.message}. Their changes are shown below: make your changes again and save.` };
        return reply.code(409).view('meetings/views/body-form.njk', await bodyFormContext(req, bodyToForm(row), errors, row));
      }
      if (!(err instanceof ValidationError)) throw err;
      return reply.code(400).view('meetings/views/body-form.njk', await bodyFormContext(req, body, err.fieldErrors, row));
    }
  }));

  app.post('/bodies/:id/publish', access('meeting.publish'), page(async (req, reply) => {
    const row = await loadBody(req);
    const body = asBody(req.body);
    const state = text(body.state) === 'draft' ? 'draft' : 'published';
    try {
      await service.setBodyPublication(db, req.ctx, row.id, formVersion(body.version), state);
    } catch (err) {
      if (err instanceof ConflictError) return bodyPage(req, reply, row, { errorList: [{ text: err.message }] }, 409);
      throw err;
    }
    return reply.redirect(`/bodies/${row.id}?done=${state === 'published' ? 'published' : 'withdrawn'}`, 303);
  }));

  app.post('/bodies/:id/members', access('meeting.edit'), page(async (req, reply) => {
    const row = await loadBody(req);
    const body = asBody(req.body);
    const errors: FieldErrors = {};
    const input = withDates(body, [['startDate', 'Start date'], ['endDate', 'End date']], errors);
    try {
      if (Object.keys(errors).length) throw new ValidationError(errors);
      await service.addMember(db, req.ctx, row.id, { personId: text(body.personId), role: text(body.role), politicalGroup: text(body.politicalGroup),
        startDate: input.startDate, endDate: input.endDate, appointedBy: text(body.appointedBy), note: text(body.note) });
      return reply.redirect(`/bodies/${row.id}?done=member#membership`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const all = { ...errors, ...err.fieldErrors };
      return bodyPage(req, reply, row, { values: body, errors: all, errorList: errorSummary(all, { startDate: 'startDate-day' }) }, 400);
    }
  }));

  app.post('/bodies/:id/roles', access('meeting.edit'), page(async (req, reply) => {
    const row = await loadBody(req);
    const body = asBody(req.body);
    const errors: FieldErrors = {};
    const input = withDates(body, [['roleStartDate', 'Start date']], errors);
    try {
      if (Object.keys(errors).length) throw new ValidationError(errors);
      await service.addRole(db, req.ctx, row.id, { title: text(body.title), areaId: text(body.areaId), personId: text(body.rolePersonId),
        startDate: input.roleStartDate, endDate: null, note: text(body.roleNote) });
      return reply.redirect(`/bodies/${row.id}?done=role#roles`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const mapped = Object.fromEntries(Object.entries({ ...errors, ...err.fieldErrors }).map(([k, v]) =>
        [({ personId: 'rolePersonId', startDate: 'roleStartDate', note: 'roleNote' } as Record<string, string>)[k] ?? k, v]));
      return bodyPage(req, reply, row, { values: body, errors: mapped, errorList: errorSummary(mapped, { roleStartDate: 'roleStartDate-day' }) }, 400);
    }
  }));

  // Ending a membership or a named role: one small form for both.
  for (const part of ['members', 'roles'] as const) {
    const endPath = `/bodies/:id/${part}/:partId/end`;
    const endPage = async (req: Req, reply: FastifyReply, values: FormBody, errors: FieldErrors, code = 200) => {
      const row = await loadBody(req);
      const rows = part === 'members' ? await repo.listMembers(db, req.ctx.tenantId, row.id) : await repo.listRoles(db, req.ctx.tenantId, row.id);
      const found = rows.find((r) => r.id === req.params.partId);
      if (!found) throw new NotFoundError(part === 'members' ? 'membership' : 'role');
      const who = 'personName' in found && found.personName ? found.personName : 'Vacant';
      const what = part === 'members' ? `${who}’s membership` : `${(found as repo.RoleRow).title}${(found as repo.RoleRow).areaName ? ` for ${(found as repo.RoleRow).areaName}` : ''} (${who})`;
      return reply.code(code).view('meetings/views/end-form.njk', { pageTitle: `End ${what}`, body: row, action: endPath.replace(':id', row.id).replace(':partId', found.id),
        backLink: `/bodies/${row.id}`, errors, errorList: errorSummary(errors, { endDate: 'endDate-day' }), endDate: dateBoxes(values, 'endDate') });
    };
    app.get(endPath, access('meeting.edit'), page(async (req, reply) => endPage(req, reply, { endDate: service.todayInEngland() }, {})));
    app.post(endPath, access('meeting.edit'), page(async (req, reply) => {
      const body = asBody(req.body);
      const errors: FieldErrors = {};
      const endDate = readDate(body, 'endDate', 'End date', errors, { required: true });
      try {
        if (!endDate) throw new ValidationError(errors);
        await (part === 'members' ? service.endMember : service.endRole)(db, req.ctx, req.params.id!, req.params.partId!, endDate);
        return reply.redirect(`/bodies/${req.params.id}?done=ended`, 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return endPage(req, reply, body, { ...errors, ...err.fieldErrors }, 400);
      }
    }));
  }

  // ---- Meetings -----------------------------------------------------------------------------------
  const meetingFromForm = (b: FormBody, errors: FieldErrors) => {
    const d = withDates(b, [['meetingDate', 'Meeting date', true], ['plannedDraftDeadline', 'Planned deadline for draft reports'],
      ['plannedDespatch', 'Planned agenda despatch date']], errors);
    return { meetingDate: d.meetingDate ?? undefined, startTime: text(b.startTime), endTime: text(b.endTime), venue: text(b.venue), kind: text(b.kind),
      status: text(b.status) ?? 'scheduled', isPublic: text(b.isPublic), title: text(b.title), plannedDraftDeadline: d.plannedDraftDeadline,
      plannedDespatch: d.plannedDespatch };
  };
  const meetingFormContext = (body: repo.BodyRow, values: FormBody, errors: FieldErrors, meeting?: repo.MeetingRow) => ({
    pageTitle: meeting ? `Change the meeting of ${formatLongDate(meeting.meetingDate)}` : `Add a meeting of ${body.name}`, body, meeting, values, errors,
    errorList: errorSummary(errors, { meetingDate: 'meetingDate-day', plannedDraftDeadline: 'plannedDraftDeadline-day', plannedDespatch: 'plannedDespatch-day' }),
    backLink: meeting ? `/meetings/${meeting.id}` : `/bodies/${body.id}`,
    kindItems: optionsFor('meetingKind', text(values.kind) ?? 'formal'), statusItems: optionsFor('meetingStatus', text(values.status) ?? 'scheduled'),
    publicItems: [{ value: 'true', text: 'Yes, open to the public and press', checked: String(values.isPublic ?? 'true') === 'true' },
      { value: 'false', text: 'No, a private meeting or workshop', checked: String(values.isPublic) === 'false' }],
    meetingDate: dateBoxes(values, 'meetingDate'), plannedDraftDeadline: dateBoxes(values, 'plannedDraftDeadline'), plannedDespatch: dateBoxes(values, 'plannedDespatch'),
  });
  const meetingToForm = (m: repo.MeetingRow): FormBody => ({ ...m, isPublic: String(m.isPublic) });

  app.get('/bodies/:id/meetings/new', access('meeting.edit'), page(async (req, reply) => {
    const body = await loadBody(req);
    return reply.view('meetings/views/meeting-form.njk', meetingFormContext(body, { venue: body.defaultVenue, startTime: body.defaultStartTime ?? '', kind: 'formal' }, {}));
  }));

  app.post('/bodies/:id/meetings', access('meeting.edit'), page(async (req, reply) => {
    const body = await loadBody(req);
    const form = asBody(req.body);
    const errors: FieldErrors = {};
    const input = meetingFromForm(form, errors);
    try {
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const id = await service.createMeeting(db, req.ctx, body.id, input);
      return reply.redirect(`/meetings/${id}?done=created`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.code(400).view('meetings/views/meeting-form.njk', meetingFormContext(body, form, { ...errors, ...err.fieldErrors }));
    }
  }));

  const loadMeeting = async (req: Req) => {
    const meeting = await repo.getMeeting(db, req.ctx.tenantId, req.params.id!);
    if (!meeting) throw new NotFoundError('meeting');
    return meeting;
  };

  const meetingPage = async (req: Req, reply: FastifyReply, meeting: repo.MeetingRow, extra: Record<string, unknown> = {}, code = 200) => {
    const [items, calendar, others, mainPack, supplementPack] = await Promise.all([
      repo.listItems(db, req.ctx.tenantId, meeting.id), service.holidays(db, req.ctx.tenantId),
      repo.listMeetings(db, req.ctx.tenantId, { bodyId: meeting.bodyId, publicOnly: false }),
      repo.getPack(db, req.ctx.tenantId, meeting.id, 'main', 'members'), repo.getPack(db, req.ctx.tenantId, meeting.id, 'supplement', 'members')]);
    const schedule = service.scheduleOf(meeting, items, calendar);
    const hasLatePapers = papersFor(meeting, items, 'supplement', 'members').listed.length > 0;
    const values = (extra.values as FormBody | undefined) ?? {};
    return reply.code(code).view('meetings/views/meeting-show.njk', {
      pageTitle: `${service.meetingLabel(meeting)}, ${formatLongDate(meeting.meetingDate)}`, meeting, items, schedule, hasLatePapers, mainPack, supplementPack,
      longDate: formatLongDate, breadcrumbs: [{ text: 'Meetings', href: '/meetings' }, { text: meeting.bodyName, href: `/bodies/${meeting.bodyId}` }],
      flash: flashOf(req), purposeItems: optionsFor('itemPurpose', text(values.purpose) ?? 'decision'), exemptOptions: exemptOptions(values.exemptParagraph),
      minutesOptions: minutesOptions(others.rows, meeting, values.minutesOfMeetingId),
      moveOptions: others.rows.filter((m) => m.id !== meeting.id && m.status !== 'cancelled' && m.meetingDate >= service.todayInEngland())
        .map((m) => ({ value: m.id, text: `${formatLongDate(m.meetingDate)}${m.kind !== 'formal' ? ` (${m.title ?? m.kind})` : ''}` })),
      errors: {}, values: {}, canPublish: can(req.user, 'meeting.publish'), canEdit: can(req.user, 'meeting.edit'), ...extra,
    });
  };

  app.get('/meetings/:id', access('manage.view'), page(async (req, reply) => meetingPage(req, reply, await loadMeeting(req))));

  app.get('/meetings/:id/edit', access('meeting.edit'), page(async (req, reply) => {
    const meeting = await loadMeeting(req);
    const body = (await repo.getBody(db, req.ctx.tenantId, meeting.bodyId))!;
    return reply.view('meetings/views/meeting-form.njk', meetingFormContext(body, meetingToForm(meeting), {}, meeting));
  }));

  app.post('/meetings/:id/edit', access('meeting.edit'), page(async (req, reply) => {
    const meeting = await loadMeeting(req);
    const body = (await repo.getBody(db, req.ctx.tenantId, meeting.bodyId))!;
    const form = asBody(req.body);
    const errors: FieldErrors = {};
    const input = meetingFromForm(form, errors);
    try {
      if (Object.keys(errors).length) throw new ValidationError(errors);
      await service.updateMeeting(db, req.ctx, meeting.id, formVersion(form.version), input);
      return reply.redirect(`/meetings/${meeting.id}?done=updated`, 303);
    } catch (err) {
      if (err instanceof ConflictError) {
        return reply.code(409).view('meetings/views/meeting-form.njk', meetingFormContext(body, meetingToForm(meeting),
          { _: `${err.message}. Their changes are shown below: make your changes again and save.` }, meeting));
      }
      if (!(err instanceof ValidationError)) throw err;
      return reply.code(400).view('meetings/views/meeting-form.njk', meetingFormContext(body, form, { ...errors, ...err.fieldErrors }, meeting));
    }
  }));

  app.post('/meetings/:id/publish-agenda', access('meeting.publish'), page(async (req, reply) => {
    const meeting = await loadMeeting(req);
    const form = asBody(req.body);
    const publish = text(form.action) !== 'unpublish';
    try {
      await service.publishAgenda(db, req.ctx, meeting.id, formVersion(form.version), publish);
      return reply.redirect(`/meetings/${meeting.id}?done=${publish ? 'agenda' : 'unpublished'}`, 303);
    } catch (err) {
      if (err instanceof ValidationError || err instanceof ConflictError) {
        return meetingPage(req, reply, meeting, { errorList: [{ text: err instanceof ValidationError ? Object.values(err.fieldErrors)[0] ?? err.message : err.message }] },
          err instanceof ConflictError ? 409 : 400);
      }
      throw err;
    }
  }));

  // ---- Agenda items ---------------------------------------------------------------------------------
  const itemFromForm = (b: FormBody) => ({ title: text(b.title), section: text(b.section), purpose: text(b.purpose), leadOfficers: text(b.leadOfficers),
    keyDecisionRef: text(b.keyDecisionRef), exemptParagraph: text(b.exemptParagraph) ?? '', description: text(b.description), startTime: text(b.startTime),
    minutesOfMeetingId: text(b.minutesOfMeetingId) });
  /** Earlier meetings of the body, for an item that presents their minutes. */
  const minutesOptions = (others: repo.MeetingRow[], meeting: repo.MeetingRow, selected: unknown) => [{ value: '', text: 'No: this item does not present minutes' },
    ...others.filter((m) => m.meetingDate < meeting.meetingDate && m.kind !== 'workshop').reverse()
      .map((m) => ({ value: m.id, text: `Minutes of ${formatLongDate(m.meetingDate)}`, selected: m.id === selected }))];

  app.post('/meetings/:id/items', access('meeting.edit'), page(async (req, reply) => {
    const meeting = await loadMeeting(req);
    const form = asBody(req.body);
    try {
      await service.addItem(db, req.ctx, meeting.id, itemFromForm(form));
      return reply.redirect(`/meetings/${meeting.id}?done=item#agenda`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return meetingPage(req, reply, meeting, { values: form, errors: err.fieldErrors, errorList: errorSummary(err.fieldErrors) }, 400);
    }
  }));

  const loadItem = async (req: Req) => {
    const item = await repo.getItem(db, req.ctx.tenantId, req.params.id!, req.params.itemId!);
    if (!item) throw new NotFoundError('agenda item');
    return item;
  };

  const itemPage = async (req: Req, reply: FastifyReply, meeting: repo.MeetingRow, item: repo.ItemRow, values: FormBody, errors: FieldErrors, code = 200) => {
    const [others, moves] = await Promise.all([repo.listMeetings(db, req.ctx.tenantId, { bodyId: meeting.bodyId, publicOnly: false }),
      repo.movesOf(db, req.ctx.tenantId, item.id)]);
    return reply.code(code).view('meetings/views/item-form.njk', {
      pageTitle: `Change item ${item.position}: ${item.title}`, meeting, item, values, errors, errorList: errorSummary(errors), moves, longDate: formatLongDate,
      backLink: `/meetings/${meeting.id}#agenda`, purposeItems: optionsFor('itemPurpose', text(values.purpose)), exemptOptions: exemptOptions(values.exemptParagraph),
      minutesOptions: minutesOptions(others.rows, meeting, values.minutesOfMeetingId),
      moveOptions: [{ value: '', text: 'Select a meeting' }, ...others.rows.filter((m) => m.id !== meeting.id && m.status !== 'cancelled')
        .map((m) => ({ value: m.id, text: `${formatLongDate(m.meetingDate)}${m.kind !== 'formal' ? ` (${m.title ?? m.kind})` : ''}`, selected: m.id === values.toMeetingId }))],
    });
  };

  app.get('/meetings/:id/items/:itemId/edit', access('meeting.edit'), page(async (req, reply) => {
    const [meeting, item] = [await loadMeeting(req), await loadItem(req)];
    return itemPage(req, reply, meeting, item, { ...item, exemptParagraph: item.exemptParagraph === null ? '' : String(item.exemptParagraph) }, {});
  }));

  app.post('/meetings/:id/items/:itemId/edit', access('meeting.edit'), page(async (req, reply) => {
    const [meeting, item] = [await loadMeeting(req), await loadItem(req)];
    const form = asBody(req.body);
    try {
      await service.updateItem(db, req.ctx, meeting.id, item.id, formVersion(form.version), itemFromForm(form));
      return reply.redirect(`/meetings/${meeting.id}?done=updated#agenda`, 303);
    } catch (err) {
      if (err instanceof ConflictError) return itemPage(req, reply, meeting, item, { ...item }, { _: `${err.message}. Reload the page and make your change again.` }, 409);
      if (!(err instanceof ValidationError)) throw err;
      return itemPage(req, reply, meeting, item, form, err.fieldErrors, 400);
    }
  }));

  app.post('/meetings/:id/items/:itemId/move', access('meeting.edit'), page(async (req, reply) => {
    const [meeting, item] = [await loadMeeting(req), await loadItem(req)];
    const form = asBody(req.body);
    try {
      await service.moveItem(db, req.ctx, meeting.id, item.id, formVersion(form.version), { toMeetingId: text(form.toMeetingId), reason: text(form.reason) });
      return reply.redirect(`/meetings/${text(form.toMeetingId)}?done=moved#agenda`, 303);
    } catch (err) {
      if (err instanceof ConflictError) return itemPage(req, reply, meeting, item, { ...item }, { _: `${err.message}. Reload the page and try again.` }, 409);
      if (!(err instanceof ValidationError)) throw err;
      return itemPage(req, reply, meeting, item, { ...item, ...form }, err.fieldErrors, 400);
    }
  }));

  app.post('/meetings/:id/items/:itemId/reorder', access('meeting.edit'), page(async (req, reply) => {
    const item = await loadItem(req);
    await service.reorderItem(db, req.ctx, req.params.id!, item.id, text(asBody(req.body).direction) === 'up' ? -1 : 1);
    return reply.redirect(`/meetings/${req.params.id}#item-${item.id}`, 303);
  }));

  app.post('/meetings/:id/items/:itemId/delete', access('meeting.edit'), page(async (req, reply) => {
    const [meeting, item] = [await loadMeeting(req), await loadItem(req)];
    try {
      await service.removeItem(db, req.ctx, meeting.id, item.id, formVersion(asBody(req.body).version));
    } catch (err) {
      if (err instanceof ConflictError) return meetingPage(req, reply, meeting, { errorList: [{ text: `${err.message}. Check the item and try again.` }] }, 409);
      throw err;
    }
    return reply.redirect(`/meetings/${meeting.id}?done=removed#agenda`, 303);
  }));

  // ---- Reports ---------------------------------------------------------------------------------------
  const reportPage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const [meeting, item] = [await loadMeeting(req), await loadItem(req)];
    const report = await repo.getReport(db, req.ctx.tenantId, item.id);
    return reply.code(code).view('meetings/views/report-show.njk', {
      pageTitle: `Report for item ${item.position}: ${item.title}`, meeting, item, report, longDate: formatLongDate,
      problems: report?.kind === 'template' ? clearanceProblems(report.document!) : [], implications: IMPLICATIONS, priorities: CORPORATE_PRIORITIES,
      clearanceText, letter, textBlocks, breadcrumbs: [{ text: 'Meetings', href: '/meetings' }, { text: `${meeting.bodyName}, ${formatLongDate(meeting.meetingDate)}`, href: `/meetings/${meeting.id}` }],
      flash: flashOf(req), canPublish: can(req.user, 'meeting.publish'), canWrite: can(req.user, 'report.edit'), errors: {}, ...extra,
    });
  };
  const reportBase = '/meetings/:id/items/:itemId/report';
  app.get(reportBase, access('manage.view'), page(async (req, reply) => reportPage(req, reply)));

  const reportFormPage = async (req: Req, reply: FastifyReply, values: FormBody, errors: FieldErrors, version: number | null, code = 200) => {
    const [meeting, item] = [await loadMeeting(req), await loadItem(req)];
    return reply.code(code).view('meetings/views/report-form.njk', {
      pageTitle: `Write the report for item ${item.position}`, meeting, item, values, errors, version, implications: IMPLICATIONS, priorities: CORPORATE_PRIORITIES,
      errorList: errorSummary(errors), backLink: `/meetings/${meeting.id}/items/${item.id}/report`, longDate: formatLongDate,
      clearanceItems: (key: string) => optionsFor('clearanceStatus', text(values[`clearance-${key}`]) ?? 'pending'),
      keyDecisionItems: [{ value: 'no', text: 'No', checked: values.keyDecision !== 'yes' }, { value: 'yes', text: 'Yes', checked: values.keyDecision === 'yes' }],
    });
  };

  app.get(`${reportBase}/edit`, access('report.edit'), page(async (req, reply) => {
    const item = await loadItem(req);
    const report = await repo.getReport(db, req.ctx.tenantId, item.id);
    const content = report?.kind === 'template' ? report.document! : { ...emptyReport(item.title), forwardPlanRef: item.keyDecisionRef ?? '', keyDecision: Boolean(item.keyDecisionRef) };
    return reportFormPage(req, reply, reportToForm(content), {}, report?.kind === 'template' ? report.version : report?.version ?? null);
  }));

  app.post(`${reportBase}/edit`, access('report.edit'), page(async (req, reply) => {
    const item = await loadItem(req);
    const form = asBody(req.body);
    const version = text(form.version) ? formVersion(form.version) : null;
    try {
      await service.saveReport(db, req.ctx, req.params.id!, item.id, version, reportFromForm(form));
      return reply.redirect(`/meetings/${req.params.id}/items/${item.id}/report?done=report`, 303);
    } catch (err) {
      if (err instanceof ConflictError) return reportFormPage(req, reply, form, { _: `${err.message}. Copy your changes, reload the page and make them again.` }, version, 409);
      if (!(err instanceof ValidationError)) throw err;
      const errors = Object.fromEntries(Object.entries(err.fieldErrors).map(([k, v]) => [reportFieldFor(k), v]));
      return reportFormPage(req, reply, form, errors, version, 400);
    }
  }));

  app.post(`${reportBase}/upload`, { ...access('report.edit'), bodyLimit: 12 * 1024 * 1024 }, page(async (req, reply) => {
    const item = await loadItem(req);
    try {
      await service.uploadReport(db, req.ctx, req.params.id!, item.id, asBody(req.body).file);
      return reply.redirect(`/meetings/${req.params.id}/items/${item.id}/report?done=uploaded`, 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reportPage(req, reply, { errors: err.fieldErrors, errorList: errorSummary(err.fieldErrors) }, 400);
    }
  }));

  app.post(`${reportBase}/publish`, access('meeting.publish'), page(async (req, reply) => {
    const item = await loadItem(req);
    const form = asBody(req.body);
    const publish = text(form.action) !== 'withdraw';
    try {
      await service.setReportPublished(db, req.ctx, req.params.id!, item.id, formVersion(form.version), publish,
        { uploadClearanceConfirmed: text(form.confirmCleared) === 'yes' });
      return reply.redirect(`/meetings/${req.params.id}/items/${item.id}/report?done=${publish ? 'published' : 'withdrawn'}`, 303);
    } catch (err) {
      if (err instanceof ConflictError) return reportPage(req, reply, { errorList: [{ text: `${err.message}. Reload the page and try again.` }] }, 409);
      if (!(err instanceof ValidationError)) throw err;
      // The refusal itself first, then each implication still to clear, linked to its line on the page.
      const list = Object.entries(err.fieldErrors).map(([field, message]) => ({ text: message, href: `#${field}` }));
      const refused = err.message !== 'The information given is not valid' ? [{ text: err.message }] : [];
      return reportPage(req, reply, { errors: err.fieldErrors, errorList: [...refused, ...list], refusal: err.message }, 400);
    }
  }));

  app.get(`${reportBase}.pdf`, access('manage.view'), page(async (req, reply) => {
    const [meeting, item] = [await loadMeeting(req), await loadItem(req)];
    const pdf = await service.reportPdf(db, req.ctx.tenantId, meeting, item);
    if (!pdf) return notFoundPage(reply);
    return reply.type('application/pdf').header('content-disposition', contentDisposition(`item-${item.position}-report.pdf`, true))
      .header('cache-control', 'private, no-store').send(Buffer.from(pdf));
  }));

  app.get(`${reportBase}/file`, access('manage.view'), page(async (req, reply) => {
    const item = await loadItem(req);
    if (!item.fileId) return notFoundPage(reply);
    const file = await db.query<{ content: Uint8Array; contentType: string; filename: string }>(
      `select content, content_type as "contentType", filename from files where tenant_id = $1 and id = $2`, [req.ctx.tenantId, item.fileId]);
    if (!file[0]) return notFoundPage(reply);
    return reply.type(file[0].contentType).header('content-disposition', contentDisposition(file[0].filename, file[0].contentType === 'application/pdf'))
      .header('cache-control', 'private, no-store').header('content-security-policy', "default-src 'none'; sandbox").send(Buffer.from(file[0].content));
  }));

  // ---- Agenda packs ------------------------------------------------------------------------------------
  for (const kind of ['main', 'supplement'] as const) {
    app.get(`/meetings/:id/${kind === 'main' ? 'pack' : 'supplement'}.pdf`, access('manage.view'), page(async (req, reply) => {
      const meeting = await loadMeeting(req);
      const audience = text(req.query.audience) === 'public' ? 'public' : 'members';
      try {
        const built = await currentPack(db, req.ctx, meeting.id, kind, audience, councilName, paperSources);
        if (!built?.content) return notFoundPage(reply);
        const name = `${meeting.bodyName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${meeting.meetingDate}-${kind === 'main' ? 'agenda' : 'supplementary-agenda'}${audience === 'public' ? '-public' : ''}.pdf`;
        return reply.type('application/pdf').header('content-disposition', contentDisposition(name, true))
          .header('cache-control', 'private, no-store').send(Buffer.from(built.content));
      } catch (err) {
        if (err instanceof ValidationError) return meetingPage(req, reply, meeting, { errorList: [{ text: err.message }] }, 400);
        throw err;
      }
    }));
  }

  // ---- Forward plan, workshop plan and the deadlines dashboard -----------------------------------------
  app.get('/meetings', access('manage.view'), page(async (req, reply) => {
    const view = await planService.deadlineDashboard(db, req.ctx.tenantId, service.todayInEngland(), text(req.query.when) === 'past');
    return reply.view('meetings/views/dashboard.njk', { pageTitle: 'Meetings and deadlines', ...view, longDate: formatLongDate, when: text(req.query.when) ?? 'upcoming' });
  }));

  for (const plan of ['plan', 'workshops'] as const) {
    const label = plan === 'plan' ? 'Forward agenda plan' : 'Workshop and training plan';
    app.get(`/bodies/:id/${plan}`, access('manage.view'), page(async (req, reply) => {
      const body = await loadBody(req);
      const view = await planService.planView(db, req.ctx.tenantId, body, plan === 'plan' ? 'agenda' : 'workshop', text(req.query.all) === 'yes');
      return reply.view(`meetings/views/${plan === 'plan' ? 'plan' : 'workshops'}.njk`, { pageTitle: `${label}: ${body.name}`, body, ...view, longDate: formatLongDate,
        flash: flashOf(req), breadcrumbs: [{ text: 'Committees and boards', href: '/bodies' }, { text: body.name, href: `/bodies/${body.id}` }], showAll: text(req.query.all) === 'yes' });
    }));
    for (const format of ['csv', 'xlsx'] as const) {
      app.get(`/bodies/:id/${plan}.${format}`, access('manage.view'), page(async (req, reply) => {
        const body = await loadBody(req);
        const meetings = await planService.planMeetings(db, req.ctx.tenantId, body.id, plan === 'plan' ? 'agenda' : 'workshop');
        const rows = plan === 'plan' ? agendaPlanRows(meetings) : workshopPlanRows(meetings);
        const filename = `${body.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${plan === 'plan' ? 'agenda-plan' : 'workshop-plan'}.${format}`;
        reply.header('content-disposition', contentDisposition(filename, false)).header('cache-control', 'private, no-store');
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
        return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(Buffer.from(await writeXlsx(label, rows)));
      }));
    }
  }

  // Import of either plan: the same two steps (check every row; import all, or confirm the valid rows).
  for (const plan of ['plan', 'workshops'] as const) {
    const what = plan === 'plan' ? 'forward agenda plan' : 'workshop and training plan';
    const importView = (reply: FastifyReply, body: repo.BodyRow, extra: Record<string, unknown>, code = 200) => reply.code(code).view('meetings/views/plan-import.njk', {
      pageTitle: `Import a ${what}: ${body.name}`, body, plan, what, columns: plan === 'plan' ? AGENDA_PLAN_COLUMNS : WORKSHOP_PLAN_COLUMNS,
      backLink: `/bodies/${body.id}/${plan}`, errors: {}, ...extra });
    app.get(`/bodies/:id/${plan}/import`, access('meeting.edit'), page(async (req, reply) => importView(reply, await loadBody(req), {})));

    app.post(`/bodies/:id/${plan}/import`, { ...access('meeting.edit'), bodyLimit: 12 * 1024 * 1024 }, page(async (req, reply) => {
      const body = await loadBody(req);
      const form = asBody(req.body);
      // A second step confirms the valid rows of a file with problems: the parsed plan comes back in a hidden field.
      let meetings: PlanMeeting[];
      if (text(form.confirmed) === 'yes') {
        try { meetings = planService.decodePlan(text(form.plan) ?? ''); } catch {
          return importView(reply, body, { errorList: [{ text: 'The import could not be confirmed: upload the file again' }] }, 400);
        }
      } else {
        const upload = form.file;
        if (!isUpload(upload) || upload.data.length === 0) {
          const errors = { file: `Select a CSV or Excel file of the ${what}` };
          return importView(reply, body, { errors, errorList: errorSummary(errors) }, 400);
        }
        try {
          const rows = await readSpreadsheet(upload.data, upload.filename);
          const parsed = plan === 'plan' ? parseAgendaPlan(rows) : parseWorkshopPlan(rows);
          meetings = parsed.meetings;
          if (parsed.problems.length > 0) {
            return importView(reply, body, { problems: parsed.problems, validMeetings: meetings, validRowCount: parsed.validRowCount,
              encodedPlan: planService.encodePlan(meetings),
              errorList: [{ text: `The file has ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}. Nothing has been imported`, href: '#problems' }] }, 400);
          }
        } catch (err) {
          if (!(err instanceof SpreadsheetError) && !(err instanceof Error && err.name === 'CsvError')) throw err;
          const errors = { file: err.message };
          return importView(reply, body, { errors, errorList: errorSummary(errors) }, 400);
        }
      }
      const result = await planService.importPlan(db, req.ctx, body, plan === 'plan' ? meetings : planService.workshopsOnly(meetings));
      return reply.redirect(`/bodies/${body.id}/${plan}?done=imported&meetings=${result.meetings}&items=${result.items}`, 303);
    }));
  }

  // ---- Bank holidays (administrators) ------------------------------------------------------------------
  const holidaysPage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const upload = await repo.latestBankHolidayUpload(db, req.ctx.tenantId);
    const calendar = await service.holidays(db, req.ctx.tenantId);
    const today = service.todayInEngland();
    const upcoming = [...calendar].filter((d) => d >= today).sort().slice(0, 12);
    const lastYear = [...calendar].sort().at(-1)?.slice(0, 4);
    return reply.code(code).view('meetings/views/bank-holidays.njk', { pageTitle: 'Bank holidays', upload, upcoming, lastYear, longDate: formatLongDate,
      breadcrumbs: [{ text: 'Admin', href: '/admin' }], flash: flashOf(req), errors: {}, ...extra });
  };
  app.get('/admin/bank-holidays', access('calendar.manage'), page(async (req, reply) => holidaysPage(req, reply)));
  app.post('/admin/bank-holidays', { ...access('calendar.manage'), bodyLimit: 2 * 1024 * 1024 }, page(async (req, reply) => {
    try {
      await service.uploadBankHolidays(db, req.ctx, asBody(req.body).file);
      return reply.redirect('/admin/bank-holidays?done=holidays', 303);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return holidaysPage(req, reply, { errors: err.fieldErrors, errorList: errorSummary(err.fieldErrors) }, 400);
    }
  }));
}
