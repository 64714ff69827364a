// Runs the form's values imports so that a long one shows its progress (issue 19). The request starts the import
// and waits a moment (IMPORT_WAIT_SECONDS): an import done by then answers as it always has, while a longer one
// goes on in this instance and the officer is sent to its progress page, which reads value_imports
// (value-imports.repository.ts) and so works from any instance. Not the job queue (db/jobs.ts): a person is
// waiting on this import, which must not queue behind agenda packs, and must not be run again after a failure:
// its transaction did not commit, so nothing was imported, and the page says so.
//
// On PostgreSQL the running instance writes the progress every few seconds through another connection of the
// pool. The embedded PGlite has one connection, which the import's transaction holds until it ends: there the
// progress page can only answer once the import has ended, and shows its outcome.
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import type { RequestContext } from '../web/context.ts';
import { ConflictError, ValidationError, type FieldErrors } from '../web/errors.ts';
import * as repo from './value-imports.repository.ts';
import type { ImportProgressNow, ImportState, ValueImportRow } from './value-imports.repository.ts';
import type { ImportResult, RowProblem } from './values-io.ts';

/** What the form shows for an import that has ended. */
export type ImportOutcome =
  | { kind: 'imported'; imported: number }
  | {
      kind: 'problems';
      /** The first SHOWN of each; the counts are of them all. */
      problems: RowProblem[];
      warnings: RowProblem[];
      problemCount: number;
      warningCount: number;
      validRows: number;
      totalRows: number;
      token: string;
    }
  | { kind: 'invalid'; errors: FieldErrors; status: 400 | 409 }
  | { kind: 'failed' };

/** An import as its page shows it: 'stopped' when its instance stopped before it ended (nothing was imported). */
export type ImportStatus = Omit<ValueImportRow, 'state' | 'outcome'> & { state: ImportState | 'stopped'; outcome: ImportOutcome | null };

/** An import to run: what it reads, and the work, which reports how far it has got. */
export interface ImportRequest {
  filename: string;
  rowsTotal: number | null;
  run: (onProgress: (p: ImportProgressNow) => void) => Promise<ImportResult>;
}

/** The problems and warnings a page lists (and so keeps); the counts say how many there are in all. */
export const SHOWN = 500;
/** How often a running import writes its progress, and how long it may be silent before it is taken to have stopped. */
const HEARTBEAT_MS = 2000;
const STOPPED_AFTER_SECONDS = 60;
/** How long the import page lists past imports. */
export const RECENT_DAYS = 7;

export interface ValueImportRuns {
  /** Starts an import: its outcome if it ended within the wait, else null (it goes on; its page shows it). */
  start(ctx: RequestContext, request: ImportRequest): Promise<{ id: string; outcome: ImportOutcome | null }>;
  status(tenantId: string, id: string): Promise<ImportStatus | null>;
  recent(tenantId: string): Promise<ImportStatus[]>;
  /** Waits for the imports running here to end (the app is closing). */
  close(): Promise<void>;
}

export function valueImportRuns(db: Database, { waitMs, onError }: { waitMs: number; onError: (err: unknown) => void }): ValueImportRuns {
  // The progress of the imports running in this instance, fresher than their rows (and on PGlite, the only copy).
  const here = new Map<string, ImportProgressNow>();
  const running = new Set<Promise<unknown>>();

  const end = async (ctx: RequestContext, id: string, outcome: ImportOutcome) => {
    const state: Exclude<ImportState, 'running'> = outcome.kind;
    await repo.endValueImport(db, ctx.tenantId, id, state, outcome).catch(onError);
    return outcome;
  };

  const asStatus = (row: ValueImportRow): ImportStatus => {
    const live = here.get(row.id);
    const stopped = row.state === 'running' && !live && (db.engine === 'pglite' || row.quietSeconds > STOPPED_AFTER_SECONDS);
    return { ...row, ...live, state: stopped ? 'stopped' : row.state, outcome: row.outcome as ImportOutcome | null };
  };

  return {
    async start(ctx, request) {
      const id = randomUUID();
      await repo.insertValueImport(db, ctx.tenantId, id, { filename: request.filename, startedBy: ctx.actor, rowsTotal: request.rowsTotal });
      here.set(id, { step: 'checking', rowsDone: 0, rowsTotal: request.rowsTotal });
      const heartbeat =
        db.engine === 'postgres'
          ? setInterval(() => {
              const now = here.get(id);
              if (now) repo.writeProgress(db, ctx.tenantId, id, now).catch(onError);
            }, HEARTBEAT_MS)
          : null;
      const run = request
        .run((p) => here.set(id, p))
        .then(outcomeOf, (err: unknown) => {
          if (err instanceof ValidationError) return { kind: 'invalid', errors: err.fieldErrors, status: 400 } as const;
          if (err instanceof ConflictError) return { kind: 'invalid', errors: { _: err.message }, status: 409 } as const;
          onError(err);
          return { kind: 'failed' } as const;
        })
        .then((outcome) => end(ctx, id, outcome))
        .finally(() => {
          if (heartbeat) clearInterval(heartbeat);
          here.delete(id);
        });
      running.add(run);
      void run.finally(() => running.delete(run));
      if (waitMs <= 0) return { id, outcome: null };
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), waitMs);
      });
      const outcome = await Promise.race([run, waited]).finally(() => clearTimeout(timer));
      return { id, outcome };
    },

    async status(tenantId, id) {
      const row = await repo.valueImport(db, tenantId, id);
      return row && asStatus(row);
    },

    async recent(tenantId) {
      return (await repo.recentValueImports(db, tenantId, RECENT_DAYS)).map(asStatus);
    },

    async close() {
      await Promise.allSettled([...running]);
    },
  };
}

/** The form's result as the page keeps it: problems and warnings beyond the first SHOWN are counted, not kept. */
function outcomeOf(result: ImportResult): ImportOutcome {
  if (result.kind === 'imported') return result;
  return {
    ...result,
    problems: result.problems.slice(0, SHOWN),
    warnings: result.warnings.slice(0, SHOWN),
    problemCount: result.problems.length,
    warningCount: result.warnings.length,
  };
}
