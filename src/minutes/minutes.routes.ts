// Back-office pages for recording a meeting: attendance, declarations, the numbered minutes with
// resolutions and votes, publication and approval, amendments, and the action log.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { can } from '../access/permissions.ts';
import { notFoundPage } from '../web/error-pages.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, readDate, submitForm, text, toArray, type FormBody } from '../web/forms.ts';
import { dateInputParts } from '../web/form-input.ts';
import { optionsFor } from '../web/labels.ts';
import { formVersion } from '../web/schema.ts';
import { todayInEngland } from '../calendar/today.ts';
import * as meetingsRepo from '../meetings/index.ts';
import * as repo from './minutes.repository.ts';
import * as actionsService from './actions.service.ts';
import * as service from './minutes.service.ts';
import { actionState, decisionText, discussionText } from './rules.ts';
import { renderMinutesPdf } from './documents/minutes-pdf.ts';
import { renderMinutesDocx } from './documents/minutes-docx.ts';
import { renderActionLogPdf } from './documents/action-log-pdf.ts';
import { renderActionLogDocx } from './documents/action-log-docx.ts';
import { flashFrom, page, type PageRequest } from '../web/page.ts';
import { formatLongDate } from '../calendar/format.ts';
import { letter, slugify, textBlocks } from '../documents/text.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';

type Req = PageRequest;

const flashOf = flashFrom({
  attendance: 'Attendance recorded',
  members: 'Members recorded as present',
  removed: 'Removed',
  declaration: 'Declaration recorded',
  started: 'Minutes started and numbered',
  minute: 'Minute saved',
  resolution: 'Resolution recorded',
  withdrawn: 'Item withdrawn',
  published: 'Draft minutes published',
  approved: 'Minutes approved and locked',
  amendment: 'Amendment recorded',
  action: 'Action recorded',
  progress: 'Action updated',
});

async function personOptions(db: Database, tenantId: string, selected: unknown, blank: string) {
  const people = await repo.attendeeChoices(db, tenantId);
  return [
    { value: '', text: blank },
    ...people.map((p) => ({ value: p.id, text: p.kind === 'councillor' ? `Councillor ${p.name}` : p.name, selected: p.id === selected })),
  ];
}

export async function registerMinutesPages(app: FastifyInstance, db: Database, councilName: string) {
  const loadMeeting = async (req: Req) => {
    const meeting = await meetingsRepo.getMeeting(db, req.ctx.tenantId, req.params.id!);
    if (!meeting) throw new NotFoundError('meeting');
    return meeting;
  };

  const workspace = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const meeting = await loadMeeting(req);
    const t = req.ctx.tenantId;
    const [state, { attendance, declarations, minutes, resolutions, amendments }, items, actions, others] = await Promise.all([
      repo.minutesStateOf(db, t, meeting.id),
      service.minutesRecord(db, t, meeting.id),
      meetingsRepo.listItems(db, t, meeting.id),
      repo.listActions(db, t, { meetingId: meeting.id }),
      meetingsRepo.listMeetings(db, t, { bodyId: meeting.bodyId, publicOnly: false, from: meeting.meetingDate }),
    ]);
    const values = (extra.values as FormBody | undefined) ?? {};
    const ticked = new Set(toArray(values.noDiscussion));
    const errors = (extra.errors as FieldErrors | undefined) ?? {};
    const unwritten = (state?.state === 'draft' ? await service.unwrittenMinutesOf(db, t, meeting.id) : []).map((m) => ({
      id: m.id,
      number: m.number,
      title: m.title,
      ticked: ticked.has(m.id),
      error: errors[`noDiscussion-${m.id}`],
    }));
    return reply.code(code).view('minutes/views/minutes.njk', {
      pageTitle: `Minutes: ${meeting.bodyName}, ${formatLongDate(meeting.meetingDate)}`,
      meeting,
      state,
      attendance,
      declarations,
      items,
      unwritten,
      unwrittenError: unwritten.some((m) => m.error),
      minutes: minutes.map((m) => ({
        ...m,
        discussion: discussionText(m),
        resolutions: resolutions.filter((r) => r.minuteId === m.id).map((r, i) => ({ ...r, letter: letter(i), decision: decisionText(r) })),
        amendments: amendments.filter((a) => a.minuteId === m.id),
        actions: actions.filter((a) => a.minuteId === m.id),
      })),
      quorum: await service.quorumOf(db, t, meeting, attendance),
      voting: service.votingMembersPresent(attendance),
      breadcrumbs: [
        { text: 'Meetings', href: '/meetings' },
        { text: `${meeting.bodyName}, ${formatLongDate(meeting.meetingDate)}`, href: `/meetings/${meeting.id}` },
      ],
      longDate: formatLongDate,
      textBlocks,
      flash: flashOf(req),
      errors: {},
      values,
      canEdit: can(req.user, 'minutes.edit'),
      canPublish: can(req.user, 'minutes.publish'),
      personOptions: await personOptions(db, t, values.personId, 'Select a person'),
      substituteOptions: await personOptions(db, t, values.substituteForPersonId, 'Not a substitute'),
      categoryItems: optionsFor('attendanceCategory', text(values.category) ?? 'present'),
      declarationKindItems: optionsFor('declarationKind', text(values.kind) ?? 'non_registerable'),
      itemOptions: [
        { value: '', text: 'General (not about one item)' },
        ...items.map((i) => ({ value: i.id, text: `${i.position}. ${i.title}`, selected: i.id === values.agendaItemId })),
      ],
      laterMeetings: [
        { value: '', text: 'Select a meeting' },
        ...others.rows
          .filter((m) => m.meetingDate > meeting.meetingDate && m.kind !== 'workshop')
          .map((m) => ({ value: m.id, text: formatLongDate(m.meetingDate) })),
      ],
      ...extra,
    });
  };

  /**
   * Posting a form from a page (`show`: the minutes' workspace, or one minute's page). `run` makes the change,
   * with the errors it found itself in `errors`, and says what it did for the message back on the page at
   * `back`; an error shows the page again: a conflict (409), or the form with its errors (400).
   */
  const postsFrom =
    (show: typeof workspace, back: (req: Req) => string) =>
    (
      path: string,
      action: 'minutes.edit' | 'minutes.publish',
      run: (req: Req, body: FormBody, errors: FieldErrors) => Promise<string>,
      firstInput: Record<string, string> = {},
    ) =>
      app.post(
        path,
        access(action),
        page(async (req, reply) => {
          const body = asBody(req.body);
          const errors: FieldErrors = {};
          return submitForm(() => run(req, body, errors), {
            done: (done) => reply.redirect(`${back(req)}?done=${done}`, 303),
            invalid: (found, status) => {
              if (status === 409) return show(req, reply, { errorList: [{ text: `${found._}. Reload the page and try again.` }] }, 409);
              const all = { ...errors, ...found };
              return show(req, reply, { values: body, errors: all, errorList: summaryOf(all, firstInput) }, 400);
            },
          });
        }),
      );

  /** Each unwritten minute's message stands beside its checkbox; the summary says how many, once, so it stays short on a phone. */
  const summaryOf = (errors: FieldErrors, firstInput: Record<string, string>) => {
    const unwritten = Object.keys(errors).filter((k) => k.startsWith('noDiscussion-'));
    const list = errorSummary(Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith('noDiscussion-'))), firstInput);
    if (unwritten.length === 1) list.push({ text: errors[unwritten[0]!]!, href: '#unwritten' });
    if (unwritten.length > 1) {
      list.push({ text: `${unwritten.length} minutes are not written: write each one, or tick ‘No discussion recorded’ for it`, href: '#unwritten' });
    }
    return list;
  };

  const base = '/meetings/:id/minutes';
  app.get(
    base,
    access('manage.view'),
    page(async (req, reply) => workspace(req, reply)),
  );

  const post = postsFrom(workspace, (req) => `/meetings/${req.params.id}/minutes`);

  post('/meetings/:id/attendance', 'minutes.edit', async (req, b) => {
    await service.addAttendance(db, req.ctx, req.params.id!, {
      personId: text(b.personId),
      name: text(b.name),
      category: text(b.category),
      substituteForPersonId: text(b.substituteForPersonId),
      note: text(b.note),
    });
    return 'attendance#attendance';
  });
  post('/meetings/:id/attendance/members', 'minutes.edit', async (req) => {
    await service.addMembersAsPresent(db, req.ctx, req.params.id!);
    return 'members#attendance';
  });
  post('/meetings/:id/attendance/:attendanceId/delete', 'minutes.edit', async (req) => {
    await service.removeAttendance(db, req.ctx, req.params.id!, req.params.attendanceId!);
    return 'removed#attendance';
  });
  post('/meetings/:id/declarations', 'minutes.edit', async (req, b) => {
    await service.addDeclaration(db, req.ctx, req.params.id!, {
      personId: text(b.declarantId),
      agendaItemId: text(b.agendaItemId),
      kind: text(b.kind),
      description: text(b.description),
    });
    return 'declaration#declarations';
  });
  post('/meetings/:id/declarations/:declarationId/delete', 'minutes.edit', async (req) => {
    await service.removeDeclaration(db, req.ctx, req.params.id!, req.params.declarationId!);
    return 'removed#declarations';
  });
  post(`${base}/start`, 'minutes.edit', async (req) => {
    await service.startMinutes(db, req.ctx, req.params.id!);
    return 'started#minutes';
  });
  post(base, 'minutes.edit', async (req, b) => {
    await service.addMinute(db, req.ctx, req.params.id!, { title: text(b.title), discussion: text(b.discussion) });
    return 'minute#minutes';
  });
  post('/meetings/:id/items/:itemId/withdraw', 'minutes.edit', async (req) => {
    await service.withdrawItem(db, req.ctx, req.params.id!, req.params.itemId!);
    return 'withdrawn';
  });
  post(`${base}/publish`, 'minutes.publish', async (req, b) => {
    await service.publishMinutes(db, req.ctx, req.params.id!, formVersion(b.version), toArray(b.noDiscussion));
    return 'published';
  });
  post(`${base}/approve`, 'minutes.publish', async (req, b) => {
    await service.approveMinutes(db, req.ctx, req.params.id!, formVersion(b.version), { approvedAtMeetingId: text(b.approvedAtMeetingId) });
    return 'approved';
  });

  // ---- One minute: its text, resolutions, actions and amendments ----------------------------------------
  const minutePage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const meeting = await loadMeeting(req);
    const t = req.ctx.tenantId;
    const minute = await repo.getMinute(db, t, meeting.id, req.params.minuteId!);
    if (!minute) throw new NotFoundError('minute');
    const [state, resolutions, attendance, actions] = await Promise.all([
      repo.minutesStateOf(db, t, meeting.id),
      repo.resolutionsOfMeeting(db, t, meeting.id),
      repo.listAttendance(db, t, meeting.id),
      repo.listActions(db, t, { meetingId: meeting.id }),
    ]);
    const values = (extra.values as FormBody | undefined) ?? {};
    return reply.code(code).view('minutes/views/minute-form.njk', {
      pageTitle: `Minute ${minute.number}: ${minute.title}`,
      meeting,
      minute,
      state,
      longDate: formatLongDate,
      textBlocks,
      voting: service.votingMembersPresent(attendance),
      resolutions: resolutions.filter((r) => r.minuteId === minute.id).map((r, i) => ({ ...r, letter: letter(i), decision: decisionText(r) })),
      actions: actions.filter((a) => a.minuteId === minute.id),
      backLink: `/meetings/${meeting.id}/minutes#minute-${minute.number}`,
      values: { title: minute.title, discussion: minute.discussion, ...values },
      errors: {},
      outcomeItems: optionsFor('outcome', text(values.outcome) ?? 'unanimous'),
      ownerOptions: await personOptions(db, t, values.ownerPersonId, 'Select a person'),
      dueDate: dateInputParts(text(values.dueDate)),
      amendedOn: dateInputParts(text(values.agreedOn) ?? todayInEngland()),
      canEdit: can(req.user, 'minutes.edit'),
      canPublish: can(req.user, 'minutes.publish'),
      flash: flashOf(req),
      ...extra,
    });
  };
  const minuteBase = `${base}/:minuteId`;
  app.get(
    minuteBase,
    access('manage.view'),
    page(async (req, reply) => minutePage(req, reply)),
  );

  const minutePost = postsFrom(minutePage, (req) => `/meetings/${req.params.id}/minutes/${req.params.minuteId}`);

  minutePost(minuteBase, 'minutes.edit', async (req, b) => {
    await service.updateMinute(db, req.ctx, req.params.id!, req.params.minuteId!, formVersion(b.version), {
      title: text(b.title),
      discussion: text(b.discussion),
    });
    return 'minute';
  });
  minutePost(`${minuteBase}/resolutions`, 'minutes.edit', async (req, b) => {
    await service.addResolution(db, req.ctx, req.params.id!, req.params.minuteId!, {
      text: text(b.text),
      outcome: text(b.outcome),
      votesFor: text(b.votesFor),
      votesAgainst: text(b.votesAgainst),
      abstentions: text(b.abstentions),
      keyDecisionRef: text(b.keyDecisionRef),
    });
    return 'resolution#resolutions';
  });
  minutePost(`${minuteBase}/resolutions/:resolutionId/delete`, 'minutes.edit', async (req) => {
    await service.removeResolution(db, req.ctx, req.params.id!, req.params.minuteId!, req.params.resolutionId!);
    return 'removed#resolutions';
  });
  minutePost(
    `${minuteBase}/actions`,
    'minutes.edit',
    async (req, b, errors) => {
      const dueDate = readDate(b, 'dueDate', 'Due date', errors);
      if (Object.keys(errors).length) throw new ValidationError(errors);
      await actionsService.addAction(db, req.ctx, req.params.id!, req.params.minuteId!, {
        description: text(b.actionDescription),
        ownerPersonId: text(b.ownerPersonId),
        ownerName: text(b.ownerName),
        dueDate: dueDate ?? null,
        comments: text(b.actionComments),
        reportTitle: text(b.reportTitle),
      });
      return 'action#actions';
    },
    { dueDate: 'dueDate-day' },
  );
  minutePost(
    `${minuteBase}/amendments`,
    'minutes.publish',
    async (req, b, errors) => {
      const agreedOn = readDate(b, 'agreedOn', 'Date agreed', errors, { required: true });
      if (Object.keys(errors).length) throw new ValidationError(errors);
      await service.addAmendment(db, req.ctx, req.params.id!, req.params.minuteId!, {
        text: text(b.amendment),
        agreedAtMeetingId: text(b.agreedAtMeetingId),
        agreedOn,
      });
      return 'amendment#amendments';
    },
    { agreedOn: 'agreedOn-day' },
  );

  // ---- Documents --------------------------------------------------------------------------------------------
  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `${base}.${format}`,
      access('manage.view'),
      page(async (req, reply) => {
        const meeting = await loadMeeting(req);
        if ((await repo.minutesStateOf(db, req.ctx.tenantId, meeting.id))?.state === 'none') return notFoundPage(reply);
        const doc = await service.minutesDocument(db, req.ctx.tenantId, meeting.id, councilName);
        const bytes = format === 'pdf' ? await renderMinutesPdf(doc) : await renderMinutesDocx(doc);
        const name = `${slugify(meeting.bodyName)}-${meeting.meetingDate}-minutes.${format}`;
        return sendDocument(reply, { filename: name, contentType: MEDIA_TYPES[format], content: bytes, caching: 'none' });
      }),
    );
  }

  // ---- The action log -------------------------------------------------------------------------------------------
  const loadBody = async (req: Req) => {
    const body = await meetingsRepo.getBody(db, req.ctx.tenantId, req.params.id!);
    if (!body) throw new NotFoundError('committee or board');
    return body;
  };
  app.get(
    '/bodies/:id/actions',
    access('manage.view'),
    page(async (req, reply) => {
      const body = await loadBody(req);
      const today = todayInEngland();
      const actions = (await repo.listActions(db, req.ctx.tenantId, { bodyId: body.id })).map((a) => ({ ...a, state: actionState(a, today) }));
      return reply.view('minutes/views/action-log.njk', {
        pageTitle: `Action log: ${body.name}`,
        body,
        actions,
        longDate: formatLongDate,
        flash: flashOf(req),
        counts: {
          ongoing: actions.filter((a) => a.state === 'ongoing').length,
          overdue: actions.filter((a) => a.state === 'overdue').length,
          completed: actions.filter((a) => a.state === 'completed').length,
        },
        breadcrumbs: [
          { text: 'Committees and boards', href: '/bodies' },
          { text: body.name, href: `/bodies/${body.id}` },
        ],
      });
    }),
  );
  // The action log as PDF and as Word, in the council's layout.
  for (const format of ['pdf', 'docx'] as const) {
    app.get(
      `/bodies/:id/actions.${format}`,
      access('manage.view'),
      page(async (req, reply) => {
        const body = await loadBody(req);
        const doc = await actionsService.actionLogDocument(db, req.ctx.tenantId, body.id, councilName);
        const content = format === 'pdf' ? await renderActionLogPdf(doc) : await renderActionLogDocx(doc);
        return sendDocument(reply, { filename: `${slugify(body.name)}-action-log.${format}`, contentType: MEDIA_TYPES[format], content, caching: 'none' });
      }),
    );
  }

  const actionPage = async (req: Req, reply: FastifyReply, values: FormBody, errors: FieldErrors, code = 200) => {
    const body = await loadBody(req);
    const action = await repo.getAction(db, req.ctx.tenantId, req.params.actionId!);
    if (!action || action.bodyId !== body.id) throw new NotFoundError('action');
    return reply.code(code).view('minutes/views/action-form.njk', {
      pageTitle: 'Update an action',
      body,
      action,
      values,
      errors,
      errorList: errorSummary(errors, { dueDate: 'dueDate-day' }),
      state: actionState(action, todayInEngland()),
      longDate: formatLongDate,
      dueDate:
        values['dueDate-day'] !== undefined
          ? { day: text(values['dueDate-day']), month: text(values['dueDate-month']), year: text(values['dueDate-year']) }
          : dateInputParts(action.dueDate),
      statusItems: [
        { value: 'ongoing', text: 'Ongoing', checked: (text(values.status) ?? action.status) === 'ongoing' },
        { value: 'completed', text: 'Completed', checked: (text(values.status) ?? action.status) === 'completed' },
      ],
      backLink: `/bodies/${body.id}/actions`,
    });
  };
  app.get(
    '/bodies/:id/actions/:actionId',
    access('manage.view'),
    page(async (req, reply) => actionPage(req, reply, {}, {})),
  );
  app.post(
    '/bodies/:id/actions/:actionId',
    access('action.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      const errors: FieldErrors = {};
      const dueDate = readDate(body, 'dueDate', 'Due date', errors);
      return submitForm(
        async () => {
          if (Object.keys(errors).length) throw new ValidationError(errors);
          const action = await repo.getAction(db, req.ctx.tenantId, req.params.actionId!);
          if (!action || action.bodyId !== req.params.id) throw new NotFoundError('action');
          await actionsService.updateActionProgress(db, req.ctx, action.id, formVersion(body.version), {
            status: text(body.status),
            comments: text(body.comments),
            dueDate: dueDate ?? null,
          });
        },
        {
          done: () => reply.redirect(`/bodies/${req.params.id}/actions?done=progress`, 303),
          invalid: (found, status) =>
            status === 409
              ? actionPage(req, reply, {}, { _: `${found._}. Their changes are shown: make yours again.` }, 409)
              : actionPage(req, reply, body, { ...errors, ...found }, 400),
        },
      );
    }),
  );
}
