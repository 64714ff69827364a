// Auditing a set-based import as one event (issues 15 and 19). A trigger audits every other change row by row;
// an import of many rows instead names its tables in app.audit_batch for the length of its write (migrations 0031
// and 0039: their audit triggers do not fire while named), and writes its own audit rows: one event that says
// which file it was (name, SHA-256, row count, rows skipped) and holds, itself or in parts under the same
// entity id, every value written with its value before, so the trail can still show each value's before and after.
// The setting is transaction-local (set_config(..., true)), so it never outlives the import's transaction.
import { createHash } from 'node:crypto';
import type { Queryable } from './database.ts';

/** What an import event says of its file: the kept file's id (a confirmed import) or null, its name, hash and rows. */
export interface BatchFile {
  id: string | null;
  filename: string;
  sha256: string;
  /** Rows imported. */
  rows: number;
  /** Rows of the file left out (their problems were shown and the officer confirmed). */
  skipped: number;
}

/** The file part of an import event, from the upload and what the check made of it. */
export function batchFile(upload: { filename: string; data: Uint8Array }, rows: number, skipped: number, keptId: string | null = null): BatchFile {
  return { id: keptId, filename: upload.filename, sha256: createHash('sha256').update(upload.data).digest('hex'), rows, skipped };
}

/** The common head of every import event's `after`: its name, then the file. */
export function batchEventHead(name: string, file: BatchFile): Record<string, unknown> {
  return { name, file_id: file.id, filename: file.filename, sha256: file.sha256, rows: file.rows, skipped: file.skipped };
}

/**
 * Runs write with the row audit of these tables skipped (inside a transaction), and resumes it after, so
 * anything the transaction changes later is audited row by row again. On an error the transaction is rolled
 * back, and the setting with it.
 */
export async function withBatchAudit<T>(tx: Queryable, tables: readonly string[], write: () => Promise<T>): Promise<T> {
  await skipRowAudit(tx, tables);
  const result = await write();
  await resumeRowAudit(tx);
  return result;
}

/** Skips the row audit of these tables until resumeRowAudit (or the transaction's end), for a writer that spans several calls. */
export async function skipRowAudit(tx: Queryable, tables: readonly string[]) {
  await tx.query(`select set_config('app.audit_batch', $1, true)`, [tables.join(',')]);
}

export async function resumeRowAudit(tx: Queryable) {
  await tx.query(`select set_config('app.audit_batch', '', true)`);
}
