// Runs the job queue (jobs.ts) in this instance: one job at a time (the machines have two cores and
// the web requests come first), polling for work and woken at once when this instance asks for a job.
import type { Database } from './database.ts';
import { claimNextJob, completeJob, failJob, type Job } from './jobs.ts';

export type JobHandler = (db: Database, job: Job) => Promise<void>;

export interface JobWorker {
  /** Looks for work now rather than at the next poll. */
  wake(): void;
  /** Stops taking jobs and waits for the one running to finish. */
  stop(): Promise<void>;
}

/** Runs every due job of the kinds handled until none is left; returns how many ran (tests call this directly). */
export async function runDueJobs(db: Database, handlers: Readonly<Record<string, JobHandler>>, onError?: (job: Job, err: unknown) => void) {
  let ran = 0;
  for (let job = await claimNextJob(db, Object.keys(handlers)); job; job = await claimNextJob(db, Object.keys(handlers))) {
    ran++;
    try {
      await handlers[job.kind]!(db, job);
      await completeJob(db, job);
    } catch (err) {
      onError?.(job, err);
      await failJob(db, job, err);
    }
  }
  return ran;
}

export function startJobWorker(
  db: Database,
  handlers: Readonly<Record<string, JobHandler>>,
  opts: { pollMs?: number; onError?: (job: Job | null, err: unknown) => void } = {},
): JobWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const pass = () => {
    timer = null;
    if (stopped || running) return;
    running = runDueJobs(db, handlers, opts.onError)
      .then(() => undefined)
      .catch((err: unknown) => opts.onError?.(null, err))
      .finally(() => {
        running = null;
        if (!stopped) schedule(opts.pollMs ?? 5000);
      });
  };
  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(pass, ms);
    timer.unref();
  };
  schedule(0);
  return {
    wake: () => {
      if (!running) schedule(0);
    },
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
