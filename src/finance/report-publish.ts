// Publishing a finance report, attaching it to an agenda item and publishing a new version: each freezes the
// report's document as it reads then (issue 16), in the same transaction, so the published paper and the
// agenda pack do not change when a figure is corrected afterwards.
import type { Database, Queryable } from '../db/database.ts';
import { type FreezeReason, freezeVersion } from '../documents/report-versions.repository.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.ts';
import { formVersion } from '../web/schema.ts';
import * as notes from './commentary.repository.ts';
import { reportDocument } from './report-document.ts';
import { refusalErrors, reportView } from './reports.service.ts';

export async function publishReport(db: Database, ctx: RequestContext, id: string) {
  await db.transaction(changeContext(ctx), async (tx) => {
    const { report, missing } = await reportView(tx, ctx.tenantId, id);
    if (report.state === 'published') return;
    if (missing.length) throw new ValidationError(refusalErrors(missing), 'The report cannot be published while lines need commentary');
    await notes.publishReport(tx, ctx.tenantId, id);
    await freezeReport(tx, ctx, id, 'published', report.agendaItemId);
  });
}

/**
 * Freezes the report's document as it reads now, in the caller's transaction: the published PDF, Word file
 * and agenda pack paper render this version until a new one is published. The council's name is filled in
 * when it is rendered.
 */
async function freezeReport(tx: Queryable, ctx: RequestContext, id: string, reason: FreezeReason, agendaItemId: string | null) {
  return freezeVersion(tx, ctx.tenantId, { kind: 'finance-report', reportId: id }, { actor: ctx.actor, reason, agendaItemId }, () =>
    reportDocument(tx, ctx.tenantId, id, ''),
  );
}

/** "Publish a new version": a published report's figures read again and frozen, deliberately; the pack is rebuilt from it. */
export async function publishNewVersion(db: Database, ctx: RequestContext, id: string, body: Record<string, unknown>): Promise<number> {
  const version = formVersion(body.version);
  return db.transaction(changeContext(ctx), async (tx) => {
    const { report, missing } = await reportView(tx, ctx.tenantId, id);
    if (report.state !== 'published') throw new ValidationError({ version: 'Publish the report first' }, 'Only a published report has versions');
    if (report.version !== version) throw new ConflictError('Someone else changed this report while you were looking at it. Check it and try again');
    if (missing.length) throw new ValidationError(refusalErrors(missing), 'A new version cannot be published while lines need commentary');
    return (await freezeReport(tx, ctx, id, 'new-version', report.agendaItemId)).number;
  });
}

/** Attaches the report to an agenda item of its committee's meetings (or detaches it, with an empty choice). */
export async function attachReport(db: Database, ctx: RequestContext, id: string, body: Record<string, unknown>): Promise<void> {
  const chosen = typeof body.agendaItemId === 'string' ? body.agendaItemId.trim() : '';
  const version = formVersion(body.version);
  await db.transaction(changeContext(ctx), async (tx) => {
    const report = await notes.reportById(tx, ctx.tenantId, id);
    if (!report) throw new NotFoundError('finance report');
    const items = await notes.agendaItemChoices(tx, ctx.tenantId, report.bodyId);
    if (chosen && !items.some((i) => i.id === chosen)) throw new ValidationError({ agendaItemId: `Choose an agenda item of a meeting of ${report.bodyName}` });
    if (version < 1 || !(await notes.setReportAgendaItem(tx, ctx.tenantId, id, chosen || null, version)))
      throw new ConflictError('Someone else changed this report while you were choosing. Check the agenda item and try again');
    // A published report attached to an item becomes that item's paper as it reads now.
    if (chosen && chosen !== report.agendaItemId && report.state === 'published') await freezeReport(tx, ctx, id, 'attached', chosen);
  });
}
