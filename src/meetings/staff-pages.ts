// What the back-office pages of meetings share: the message shown after a change, reading GOV.UK date
// inputs (their redisplay is web/date-fields.ts), and loading the committee, meeting or agenda item that a
// page's address names.
import type { Database } from '../db/database.ts';
import { NotFoundError, type FieldErrors } from '../web/errors.ts';
import { readDate, type FormBody } from '../web/forms.ts';
import { flashFrom, type PageRequest } from '../web/page.ts';
import * as repo from './meetings.repository.ts';

export type Req = PageRequest;

export const flashOf = flashFrom({
  created: 'Saved',
  updated: 'Changes saved',
  published: 'Published',
  withdrawn: 'Withdrawn',
  member: 'Member added',
  role: 'Role added',
  ended: 'End date recorded',
  item: 'Agenda item added',
  moved: 'Agenda item moved',
  removed: 'Agenda item removed',
  report: 'Report saved',
  uploaded: 'Report uploaded',
  agenda: 'Agenda published',
  unpublished: 'Agenda withdrawn from publication',
  imported: 'Forward plan imported',
  holidays: 'Bank holidays loaded',
});

/** A date from a GOV.UK date input into the body as ISO, recording an error under the field. */
export function withDates(body: FormBody, fields: [string, string, boolean?][], errors: FieldErrors): FormBody {
  const out = { ...body };
  for (const [field, label, required] of fields) out[field] = readDate(body, field, label, errors, { required }) ?? null;
  return out;
}

/** Loaders for the committee (:id), meeting (:id) and agenda item (:id, :itemId) a page's address names: 404 when there is none. */
export function loaders(db: Database) {
  return {
    loadBody: async (req: Req) => {
      const row = await repo.getBody(db, req.ctx.tenantId, req.params.id!);
      if (!row) throw new NotFoundError('committee or board');
      return row;
    },
    loadMeeting: async (req: Req) => {
      const meeting = await repo.getMeeting(db, req.ctx.tenantId, req.params.id!);
      if (!meeting) throw new NotFoundError('meeting');
      return meeting;
    },
    loadItem: async (req: Req) => {
      const item = await repo.getItem(db, req.ctx.tenantId, req.params.id!, req.params.itemId!);
      if (!item) throw new NotFoundError('agenda item');
      return item;
    },
  };
}
