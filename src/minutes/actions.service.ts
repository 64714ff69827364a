// Commands and queries for the action log: actions arising from minutes, their progress, the log as a
// document for the next agenda pack, and the reminders sent to their owners.
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import { parseOrThrow } from '../web/schema.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { todayInEngland } from '../calendar/today.ts';
import * as meetingsRepo from '../meetings/index.ts';
import { getPerson } from '../directory/index.ts';
import * as repo from './minutes.repository.ts';
import { meetingOrThrow } from './minutes.service.ts';
import { actionState } from './rules.ts';
import { actionInput, actionProgressInput } from './minutes.schemas.ts';
import type { ActionLogDocument } from './minutes-document.ts';
import { formatLongDate } from '../calendar/format.ts';
import { reminderDue } from '../mail/reminders.ts';

export async function addAction(db: Database, ctx: RequestContext, meetingId: string, minuteId: string, raw: unknown) {
  const input = parseOrThrow(actionInput, raw);
  return db.transaction(changeContext(ctx), async (tx) => {
    const meeting = await meetingOrThrow(tx, ctx.tenantId, meetingId);
    const minute = await repo.getMinute(tx, ctx.tenantId, meetingId, minuteId);
    if (!minute) throw new NotFoundError('minute');
    if (input.ownerPersonId && !(await getPerson(tx, ctx.tenantId, input.ownerPersonId)))
      throw new ValidationError({ ownerPersonId: 'Select the owner from the list' });
    return repo.insertAction(tx, ctx.tenantId, {
      bodyId: meeting.bodyId,
      meetingId,
      minuteId,
      reportTitle: input.reportTitle || minute.title,
      ownerPersonId: input.ownerPersonId,
      ownerName: input.ownerName,
      description: input.description,
      dueDate: input.dueDate,
      comments: input.comments,
      status: 'ongoing',
    });
  });
}

export async function updateActionProgress(db: Database, ctx: RequestContext, actionId: string, version: number, raw: unknown) {
  const input = parseOrThrow(actionProgressInput, raw);
  await db.transaction(changeContext(ctx), async (tx) => {
    const action = await repo.getAction(tx, ctx.tenantId, actionId);
    if (!action) throw new NotFoundError('action');
    const completedOn = input.status === 'completed' ? (action.completedOn ?? todayInEngland()) : null;
    if (!(await repo.updateActionProgress(tx, ctx.tenantId, actionId, version, { ...input, completedOn }))) throw new ConflictError();
  });
}

/** The action log of a body: every open action, and those completed since the last meeting, as printed into the next agenda pack. */
export async function actionLogDocument(
  db: Queryable,
  tenantId: string,
  bodyId: string,
  council: string,
  asAt = todayInEngland(),
  before?: string,
): Promise<ActionLogDocument> {
  const body = await meetingsRepo.getBody(db, tenantId, bodyId);
  if (!body) throw new NotFoundError('committee or board');
  // In a pack, only actions from meetings before the one the pack is for.
  const actions = (await repo.listActions(db, tenantId, { bodyId })).filter((a) => !before || !a.meetingDate || a.meetingDate < before);
  const groups = new Map<string, ActionLogDocument['groups'][number]>();
  for (const a of actions) {
    const key = a.meetingDate ?? '';
    if (!groups.has(key)) groups.set(key, { meetingDate: key, rows: [] });
    const state = actionState(a, asAt);
    groups.get(key)!.rows.push({
      minuteNumber: a.minuteNumber,
      reportTitle: a.reportTitle,
      owner: a.ownerName,
      action: a.description,
      comments: a.comments,
      status: state === 'completed' ? 'COMPLETED' : state === 'overdue' ? 'OVERDUE' : 'ONGOING',
      dueDate: a.dueDate,
    });
  }
  return { council, bodyName: body.name, asAt, groups: [...groups.values()] };
}

/**
 * Sends the reminders due today through the outbox: one before the due date and one after it, per
 * action and due date, however often this runs. Returns how many were queued.
 */
export async function sendActionReminders(db: Database, tenantId: string, today = todayInEngland(), publicUrl = '') {
  const open = await repo.listActions(db, tenantId, { openOnly: true });
  let queued = 0;
  for (const action of open) {
    const kind = reminderDue(action, today);
    if (!kind || !action.ownerEmail || !action.dueDate) continue;
    await db.transaction({ actor: 'system:reminders' }, async (tx) => {
      if (!(await repo.claimReminder(tx, tenantId, action.id, kind, action.dueDate!))) return;
      const due = formatLongDate(action.dueDate!);
      await enqueueEmail(tx, tenantId, {
        to: action.ownerEmail!,
        subject: kind === 'overdue' ? `Overdue action from ${action.bodyName}: due ${due}` : `Action from ${action.bodyName} due ${due}`,
        text: [
          `${action.ownerName},`,
          '',
          kind === 'overdue'
            ? `An action you own from ${action.bodyName} was due on ${due} and is not recorded as completed.`
            : `An action you own from ${action.bodyName} is due on ${due}.`,
          '',
          `Minute ${action.minuteNumber ?? ''}: ${action.reportTitle}`,
          `Action: ${action.description}`,
          action.comments ? `Latest comments: ${action.comments}` : '',
          '',
          `Update its progress: ${publicUrl}/bodies/${action.bodyId}/actions/${action.id}`,
        ]
          .filter((l, i, all) => l !== '' || all[i - 1] !== '')
          .join('\n'),
      });
      queued += 1;
    });
  }
  return queued;
}
