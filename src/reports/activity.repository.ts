// SQL for activity updates: a partnership's summary of activity for a quarter, drafted, edited, submitted and approved.
// In the order written: the demo writes them in the order of seed 001's contents.
import type { Queryable } from '../db/database.ts';
import type { UpdateState } from './quarterly-rules.ts';

export interface ActivityUpdateRow {
  id: string;
  partnershipId: string;
  quarterStart: string;
  summary: string;
  state: UpdateState;
  approvedBy: string | null;
  approvedOn: string | null;
  submittedBy: string | null;
  submittedOn: string | null;
  version: number;
}

const COLUMNS = `id, partnership_id as "partnershipId", quarter_start as "quarterStart", summary, state, approved_by as "approvedBy",
  approved_on as "approvedOn", submitted_by as "submittedBy", submitted_on as "submittedOn", version`;

export async function updatesOf(db: Queryable, tenantId: string, quarterStart: string, ids: string[] | null) {
  return db.query<ActivityUpdateRow>(
    `select ${COLUMNS} from activity_updates where tenant_id = $1 and quarter_start = $2::date and deleted_at is null
       and ($3::uuid[] is null or partnership_id = any($3::uuid[])) order by created, id`,
    [tenantId, quarterStart, ids],
  );
}

/** Saves the officer's text as a draft (a new one, or over the stored one at the version they edited). */
export async function saveDraft(tx: Queryable, tenantId: string, u: { partnershipId: string; quarterStart: string; summary: string; version: number | null }) {
  if (u.version === null) {
    const rows = await tx.query<{ id: string }>(
      `insert into activity_updates (tenant_id, partnership_id, quarter_start, summary) values ($1, $2, $3, $4)
       on conflict (tenant_id, partnership_id, quarter_start) where deleted_at is null do nothing returning id`,
      [tenantId, u.partnershipId, u.quarterStart, u.summary],
    );
    return rows.length === 1;
  }
  const rows = await tx.query<{ id: string }>(
    `update activity_updates set summary = $5, state = 'draft', approved_by = null, approved_on = null, submitted_by = null, submitted_on = null
     where tenant_id = $1 and partnership_id = $2 and quarter_start = $3 and version = $4 and deleted_at is null returning id`,
    [tenantId, u.partnershipId, u.quarterStart, u.version, u.summary],
  );
  return rows.length === 1;
}

export async function approve(
  tx: Queryable,
  tenantId: string,
  a: { partnershipId: string; quarterStart: string; version: number; approvedBy: string; approvedOn: string },
) {
  const rows = await tx.query<{ id: string }>(
    `update activity_updates set state = 'approved', approved_by = $5, approved_on = $6
     where tenant_id = $1 and partnership_id = $2 and quarter_start = $3 and version = $4 and state = 'submitted' and deleted_at is null returning id`,
    [tenantId, a.partnershipId, a.quarterStart, a.version, a.approvedBy, a.approvedOn],
  );
  return rows.length === 1;
}

/** The officer submits the draft to the lead member for approval. */
export async function submit(tx: Queryable, tenantId: string, a: { partnershipId: string; quarterStart: string; version: number; by: string; on: string }) {
  const rows = await tx.query<{ id: string }>(
    `update activity_updates set state = 'submitted', submitted_by = $5, submitted_on = $6
     where tenant_id = $1 and partnership_id = $2 and quarter_start = $3 and version = $4 and state = 'draft' and deleted_at is null returning id`,
    [tenantId, a.partnershipId, a.quarterStart, a.version, a.by, a.on],
  );
  return rows.length === 1;
}

/** The quarter of the partnership's last approved update before a quarter (what Cabinet last read), if any. */
export async function lastApprovedBefore(db: Queryable, tenantId: string, partnershipId: string, quarterStart: string) {
  const rows = await db.query<{ quarterStart: string }>(
    `select quarter_start as "quarterStart" from activity_updates
     where tenant_id = $1 and partnership_id = $2 and quarter_start < $3::date and state = 'approved' and deleted_at is null
     order by quarter_start desc limit 1`,
    [tenantId, partnershipId, quarterStart],
  );
  return rows[0]?.quarterStart ?? null;
}

/**
 * An update as loaded (the demo): approved when it carries its approval. Its creation time is put `position`
 * seconds on, because rows written in one quick transaction can share a clock tick and the order written is
 * the report's order.
 */
export async function loadActivityUpdate(
  tx: Queryable,
  tenantId: string,
  u: { partnershipId: string; quarterStart: string; summary: string; approvedBy: string | null; approvedOn: string | null },
  position: number,
) {
  await tx.query(
    `insert into activity_updates (tenant_id, partnership_id, quarter_start, summary, state, approved_by, approved_on, created)
     values ($1, $2, $3, $4, case when $6::date is null then 'draft' else 'approved' end, $5, $6, clock_timestamp() + make_interval(secs => $7::int))`,
    [tenantId, u.partnershipId, u.quarterStart, u.summary, u.approvedBy, u.approvedOn, position],
  );
}
