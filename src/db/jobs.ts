// The job queue: a table every instance shares (migrations/0016_jobs.sql). Hand-written rather than
// pg-boss or graphile-worker because both need a pool of real PostgreSQL connections (LISTEN/NOTIFY,
// several sessions) that the embedded PGlite does not give; this needs one table and SKIP LOCKED,
// which behave the same on both engines.
import type { Queryable } from './database.ts';

export interface Job {
  id: number;
  tenantId: string;
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
  requestedAt: string;
}

/** How long a claim lasts: a job still running after this is taken to have died with its instance. */
const CLAIM_SECONDS = 600;
/** A job that keeps failing is left for a person to look at (its last error is kept) rather than retried for ever. */
export const MAX_ATTEMPTS = 5;

/**
 * Asks for a job. Asking again for a job that is waiting changes nothing; asking again for one that is
 * done or running asks for it to run again, unless `once` (the hourly reminders: the first instance
 * to ask for an hour's run wins, and the others' requests for the same hour are no-ops).
 */
export async function enqueueJob(
  db: Queryable,
  tenantId: string,
  kind: string,
  key: string,
  payload: Record<string, unknown> = {},
  opts: { once?: boolean } = {},
) {
  await db.query(
    `insert into jobs (tenant_id, kind, key, payload) values ($1, $2, $3, $4)
     on conflict (tenant_id, kind, key) do update
       set payload = excluded.payload, requested_at = clock_timestamp(), done_at = null, attempts = 0, last_error = null,
           run_after = least(jobs.run_after, clock_timestamp())
     where not $5 and (jobs.done_at is not null or jobs.locked_until is not null or jobs.attempts >= $6)`,
    [tenantId, kind, key, JSON.stringify(payload), opts.once === true, MAX_ATTEMPTS],
  );
}

const RETURNING = `returning j.id::int as id, j.tenant_id as "tenantId", j.kind, j.key, j.payload, j.attempts,
  to_char(j.requested_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "requestedAt"`;

/** Claims the next job that is due and not claimed by another instance, or null when there is none. */
export async function claimNextJob(db: Queryable, kinds: readonly string[]): Promise<Job | null> {
  const rows = await db.query<Job>(
    `with next as (
       select id from jobs
       where done_at is null and run_after <= clock_timestamp() and attempts < $3 and kind = any($1::text[])
         and (locked_until is null or locked_until < clock_timestamp())
       order by run_after, id limit 1
       for update skip locked)
     update jobs j set locked_until = clock_timestamp() + make_interval(secs => $2), attempts = j.attempts + 1
     from next where j.id = next.id ${RETURNING}`,
    [kinds, CLAIM_SECONDS, MAX_ATTEMPTS],
  );
  return rows[0] ?? null;
}

/**
 * Claims one particular job, asking for it first: a request that needs the work done now does it
 * itself, while any other instance already doing it keeps it (null: someone else is on it).
 */
export async function claimJob(db: Queryable, tenantId: string, kind: string, key: string, payload: Record<string, unknown> = {}): Promise<Job | null> {
  await enqueueJob(db, tenantId, kind, key, payload);
  const rows = await db.query<Job>(
    `update jobs j set locked_until = clock_timestamp() + make_interval(secs => $4), attempts = j.attempts + 1
     where j.id = (select id from jobs where tenant_id = $1 and kind = $2 and key = $3 and done_at is null
                     and (locked_until is null or locked_until < clock_timestamp()) for update skip locked)
     ${RETURNING}`,
    [tenantId, kind, key, CLAIM_SECONDS],
  );
  return rows[0] ?? null;
}

/** Whether another instance holds a claim on the job now. */
export async function jobRunning(db: Queryable, tenantId: string, kind: string, key: string): Promise<boolean> {
  const rows = await db.query<{ running: boolean }>(
    `select locked_until > clock_timestamp() as running from jobs where tenant_id = $1 and kind = $2 and key = $3 and done_at is null`,
    [tenantId, kind, key],
  );
  return rows[0]?.running === true;
}

/** Marks a job done, unless it was asked for again while it ran: then it stays waiting, to run once more. */
export async function completeJob(db: Queryable, job: Job) {
  await db.query(
    `update jobs set locked_until = null,
       done_at = case when requested_at <= $2::timestamptz then clock_timestamp() end,
       attempts = case when requested_at <= $2::timestamptz then attempts else 0 end
     where id = $1`,
    [job.id, job.requestedAt],
  );
}

/** Lets a job go after a failure, to be tried again later (sooner after the first failures). */
export async function failJob(db: Queryable, job: Job, error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  await db.query(`update jobs set locked_until = null, last_error = $2, run_after = clock_timestamp() + make_interval(secs => $3) where id = $1`, [
    job.id,
    message.slice(0, 2000),
    30 * 2 ** Math.min(job.attempts, 8),
  ]);
}

/** Done jobs are kept a while (the hourly keys stop a second run in the same hour), then removed. */
export async function pruneJobs(db: Queryable, olderThanDays = 7) {
  await db.query(`delete from jobs where done_at < clock_timestamp() - make_interval(days => $1)`, [olderThanDays]);
}

export interface JobState {
  kind: string;
  key: string;
  waiting: boolean;
  attempts: number;
  lastError: string | null;
}

/** The queue as it stands, for tests and for an administrator's view. */
export async function listJobs(db: Queryable, tenantId: string): Promise<JobState[]> {
  return db.query<JobState>(`select kind, key, done_at is null as waiting, attempts, last_error as "lastError" from jobs where tenant_id = $1 order by id`, [
    tenantId,
  ]);
}
