// The quarterly update to Cabinet as the paper of an agenda item (issue 16): attaching it freezes the report
// as it reads now (the quarter, the partnerships chosen and the report's date), in the same transaction, and
// attaching it again publishes a new version. It can be taken off the item until the agenda is published.
import type { Database } from '../db/database.ts';
import { freezeVersion } from '../documents/report-versions.repository.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import { isUuid } from '../web/schema.ts';
import { buildAnnualReport } from './annual-report.ts';
import * as annual from './annual-review.service.ts';
import { buildReport } from './quarterly-report.ts';
import { parseQuarter } from './quarterly-rules.ts';
import * as quarterly from './quarterly.service.ts';
import * as repo from './report-versions.repository.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The partnerships chosen (p, one or many ids), or null for the quarter's default selection. */
export function chosenPartnerships(raw: unknown): string[] | null {
  const list = (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((v): v is string => typeof v === 'string' && isUuid(v));
  return list.length ? list.map((v) => v.toLowerCase()) : null;
}

export async function attachQuarterly(db: Database, ctx: RequestContext, body: Record<string, unknown>): Promise<{ itemId: string; number: number }> {
  const errors: FieldErrors = {};
  const q = parseQuarter(String(body.quarter ?? ''));
  const date = String(body.date ?? '');
  const itemId = String(body.agendaItemId ?? '').trim();
  if (!q) errors.quarter = 'Choose the quarter of the report, like 2009-04-01';
  if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(date))) errors.date = "Enter the report's date, like 2009-07-21";
  if (!isUuid(itemId)) errors.agendaItemId = 'Choose the agenda item the report is the paper of';
  if (Object.keys(errors).length || !q) throw new ValidationError(errors);
  return db.transaction(changeContext(ctx), async (tx) => {
    const item = await repo.itemById(tx, ctx.tenantId, itemId);
    if (!item) throw new ValidationError({ agendaItemId: 'Choose an agenda item from the list' });
    const chosen = chosenPartnerships(body.p) ?? (await quarterly.defaultSelection(tx, ctx.tenantId, q));
    const v = await freezeVersion(
      tx,
      ctx.tenantId,
      { kind: 'quarterly-update', reportId: item.id },
      { actor: ctx.actor, reason: 'attached', agendaItemId: item.id },
      async () => buildReport(q, date, await quarterly.quarterContent(tx, ctx.tenantId, q, chosen, date)),
    );
    return { itemId: item.id, number: v.number };
  });
}

/** The annual review as the paper of an agenda item: frozen as it reads now; attaching it again publishes a new version. */
export async function attachAnnual(db: Database, ctx: RequestContext, reviewId: string, body: Record<string, unknown>): Promise<number> {
  const itemId = String(body.agendaItemId ?? '').trim();
  if (!isUuid(itemId)) throw new ValidationError({ agendaItemId: 'Choose the agenda item the review is the paper of' });
  return db.transaction(changeContext(ctx), async (tx) => {
    const item = await repo.itemById(tx, ctx.tenantId, itemId);
    if (!item) throw new ValidationError({ agendaItemId: 'Choose an agenda item from the list' });
    const content = await annual.reviewContent(tx, ctx.tenantId, reviewId);
    const v = await freezeVersion(
      tx,
      ctx.tenantId,
      { kind: 'annual-review', reportId: item.id },
      { actor: ctx.actor, reason: 'attached', agendaItemId: item.id },
      async () => buildAnnualReport(content),
    );
    return v.number;
  });
}

export async function detachQuarterly(db: Database, ctx: RequestContext, itemId: string): Promise<void> {
  await db.transaction(changeContext(ctx), async (tx) => {
    const item = await repo.itemById(tx, ctx.tenantId, itemId);
    if (!item) throw new NotFoundError('agenda item');
    if (item.agendaPublished)
      throw new ValidationError(
        { agendaItemId: 'The agenda of this meeting is published, so its paper stays: attach the report again to publish a new version' },
        'The paper cannot be taken off a published agenda',
      );
    await repo.detach(tx, ctx.tenantId, itemId);
  });
}
