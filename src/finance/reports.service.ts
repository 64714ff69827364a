// Finance reports to a committee: made for a period, generated from the figures (the summary by
// directorate, Appendix 1 and Appendix 2), and published only when every line the commentary rule
// catches has commentary (report-publish.ts). A report covers every line of the year, as seed 004's did (minute 54).
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import { isUuid } from '../web/schema.ts';
import * as notes from './commentary.repository.ts';
import { groupTotal } from './monitoring.ts';
import { formatThousands, missingCommentary, parsePeriod, parseYear, periodLabel, toThousands } from './rules.ts';
import { yearView } from './finance.service.ts';

export async function reportView(db: Queryable, tenantId: string, id: string) {
  const report = await notes.reportById(db, tenantId, id);
  if (!report) throw new NotFoundError('finance report');
  const view = await yearView(db, tenantId, report.year, report.period);
  const byId = new Map(view.table.lines.map((l) => [l.id, l]));
  // Appendix 2: each commentary with the figures of the line, or of the group of lines, it covers.
  const commentary = view.commentaries.map((c) => {
    const rows = c.lineIds.flatMap((lineId) => byId.get(lineId) ?? []);
    return { ...c, figures: groupTotal(c.title || rows.map((r) => r.name).join(', '), rows), lines: rows };
  });
  const missing = missingCommentary(view.table.lines, new Set(view.commentaries.flatMap((c) => c.lineIds)), view.settings.rule);
  const totals = [...view.table.directorates.map((d) => d.total), view.table.expenditureTotal, view.table.fundingTotal, view.table.netTotal];
  const roundingNotes = totals.flatMap((t) =>
    (t?.roundingNotes ?? []).map(
      (n) => `${t!.label}: the ${n.column} total is ${formatThousands(n.printed)}, its rounded lines add to ${formatThousands(n.sumOfLines)}`,
    ),
  );
  return { report, view, commentary, missing, roundingNotes, periodName: periodLabel(report.year, report.period) };
}

/** The refusal lists every line the rule catches that has no commentary, each linking to its row. */
export function refusalErrors(missing: readonly { id: string; name: string; variancePence: number | null }[]): FieldErrors {
  return Object.fromEntries(
    missing.map((l) => [
      `line-${l.id}`,
      `${l.name}: a variance of £${formatThousands(toThousands(l.variancePence ?? 0))}k needs commentary before the report can be published`,
    ]),
  );
}

export async function createReport(db: Database, ctx: RequestContext, body: Record<string, unknown>): Promise<string> {
  const errors: FieldErrors = {};
  const bodyId = typeof body.bodyId === 'string' && isUuid(body.bodyId) ? body.bodyId : null;
  const year = parseYear(body.year);
  const period = parsePeriod(body.period);
  const title = String(body.title ?? '').trim();
  if (!bodyId) errors.bodyId = 'Choose the committee the report goes to';
  if (year === null) errors.year = 'Enter the financial year, like 2017-18';
  if (period === null) errors.period = 'Choose the month, or the outturn';
  if (title.length > 300) errors.title = 'Title must be 300 characters or fewer';
  if (Object.keys(errors).length || !bodyId || year === null || period === null) throw new ValidationError(errors);
  return db.transaction(changeContext(ctx), async (tx) => {
    if (!(await notes.bodies(tx, ctx.tenantId)).some((b) => b.id === bodyId)) throw new ValidationError({ bodyId: 'Choose the committee from the list' });
    return notes.insertReport(tx, ctx.tenantId, { bodyId, year, period, title: title || `Finance and Performance Report – ${periodLabel(year, period)}` });
  });
}
