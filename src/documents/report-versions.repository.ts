// Frozen versions of generated reports (issue 16). A generated report is read from live data; once it is
// published or attached to an agenda item, its document model (the JSON its HTML, PDF and Word writers
// render from) is kept as a numbered version with the time its data was read, so the published paper does
// not change when a figure is corrected afterwards. Every kind of generated report uses this one mechanism:
// freeze inside the transaction that publishes or attaches, and render the latest version.
import type { Queryable } from '../db/database.ts';

export type ReportKind = 'finance-report' | 'quarterly-update' | 'annual-review' | 'health-check';
export type FreezeReason = 'published' | 'attached' | 'new-version';

export interface FrozenVersion<T> {
  id: string;
  number: number;
  document: T;
  /** When the data in the document was read (ISO timestamp). */
  dataReadAt: string;
  frozenBy: string;
  reason: FreezeReason;
  agendaItemId: string | null;
}

const SELECT = `select id, number, content as document, to_char(data_read_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dataReadAt",
  frozen_by as "frozenBy", reason, agenda_item_id as "agendaItemId" from report_versions`;

/**
 * Freezes a new version: notes the time, builds the document from the data as it is now (in the caller's
 * transaction, so the version and the publishing or attaching commit together) and keeps it.
 */
export async function freezeVersion<T>(
  tx: Queryable,
  tenantId: string,
  ref: { kind: ReportKind; reportId: string },
  how: { actor: string; reason: FreezeReason; agendaItemId?: string | null },
  build: () => Promise<T>,
): Promise<FrozenVersion<T>> {
  // Two people freezing the same report at once take turns, so the second gets the next number rather than
  // the unique key's refusal (a server error).
  await tx.query('select pg_advisory_xact_lock(hashtext($1 || $2 || $3))', [tenantId, ref.kind, ref.reportId]);
  const [{ now }] = (await tx.query<{ now: string }>('select clock_timestamp()::text as now')) as [{ now: string }];
  const document = await build();
  const rows = await tx.query<FrozenVersion<T>>(
    `insert into report_versions (tenant_id, kind, report_id, number, content, data_read_at, frozen_by, reason, agenda_item_id)
     select $1, $2, $3, coalesce(max(number), 0) + 1, $4::jsonb, $5::timestamptz, $6, $7, $8
     from report_versions where tenant_id = $1 and kind = $2 and report_id = $3
     returning id, number, content as document, to_char(data_read_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dataReadAt",
       frozen_by as "frozenBy", reason, agenda_item_id as "agendaItemId"`,
    [tenantId, ref.kind, ref.reportId, JSON.stringify(document), now, how.actor, how.reason, how.agendaItemId ?? null],
  );
  return rows[0]!;
}

/** The latest frozen version of a report, or null when it has never been frozen. */
export async function latestVersion<T>(db: Queryable, tenantId: string, ref: { kind: ReportKind; reportId: string }): Promise<FrozenVersion<T> | null> {
  const rows = await db.query<FrozenVersion<T>>(`${SELECT} where tenant_id = $1 and kind = $2 and report_id = $3 order by number desc limit 1`, [
    tenantId,
    ref.kind,
    ref.reportId,
  ]);
  return rows[0] ?? null;
}

/** Every frozen version of a report, newest first, without their documents (for the report's page). */
export async function versionHistory(
  db: Queryable,
  tenantId: string,
  ref: { kind: ReportKind; reportId: string },
): Promise<Omit<FrozenVersion<never>, 'document'>[]> {
  return db.query(
    `select id, number, to_char(data_read_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "dataReadAt", frozen_by as "frozenBy", reason,
       agenda_item_id as "agendaItemId"
     from report_versions where tenant_id = $1 and kind = $2 and report_id = $3 order by number desc`,
    [tenantId, ref.kind, ref.reportId],
  );
}

/** The pack's signature for a frozen paper: its version, never its live content. */
export function versionFingerprint(kind: ReportKind, v: { id: string; number: number }): string {
  return `${kind}:${v.id}:${v.number}`;
}
