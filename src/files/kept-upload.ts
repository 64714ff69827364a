// "Import the valid rows after confirmation" (issue 15) for every import (the ledger, the savings tracker, indicator
// values): a file with problems is kept in the files store and its id is the token with which the officer confirms,
// without uploading it again, that the rows without problems are to be imported and the others skipped. The
// confirmation checks the kept file again and uses it once, inside the transaction that writes the rows.
import type { Database, Queryable } from '../db/database.ts';
import { safeFilename } from '../documents/file-types.ts';
import { insertFile } from './files.repository.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ValidationError } from '../web/errors.ts';
import { isUuid } from '../web/schema.ts';
import { keptFile, useKeptFile } from './kept-upload.repository.ts';

export const UPLOAD_GONE = 'The file to import is no longer available: upload it again';

const CONTENT_TYPES: Record<string, string> = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
const prefixOf = (purpose: string) => `${purpose}: `;

/** Whether the form is a confirmation (confirmed=yes with a token), rather than a new upload. */
export const isConfirmation = (body: Record<string, unknown>) => body.confirmed === 'yes';

/** Keeps an upload for a later confirmation; its id is the token. */
export async function keepUpload(db: Database, ctx: RequestContext, purpose: string, upload: { filename: string; data: Buffer }): Promise<string> {
  const extension = /\.([a-z0-9]+)$/i.exec(upload.filename)?.[1]?.toLowerCase() ?? 'csv';
  return db.transaction(changeContext(ctx), (tx) =>
    insertFile(tx, ctx.tenantId, {
      filename: `${prefixOf(purpose)}${safeFilename(upload.filename)}`,
      contentType: CONTENT_TYPES[extension] ?? CONTENT_TYPES.csv!,
      data: upload.data,
    }),
  );
}

/** The upload a confirmation's token names, with its own file name; a missing, used, garbled or other token is a clear message. */
export async function keptUpload(db: Queryable, tenantId: string, purpose: string, token: unknown): Promise<{ filename: string; data: Buffer }> {
  const kept = isUuid(token) ? await keptFile(db, tenantId, token, prefixOf(purpose)) : null;
  if (!kept) throw new ValidationError({ file: UPLOAD_GONE }, UPLOAD_GONE);
  return { filename: kept.filename.slice(prefixOf(purpose).length), data: Buffer.from(kept.content) };
}

/** Uses the kept upload inside the import's transaction, so confirming twice does not import twice. */
export async function useKeptUpload(tx: Queryable, tenantId: string, purpose: string, token: unknown) {
  if (!isUuid(token) || !(await useKeptFile(tx, tenantId, token, prefixOf(purpose)))) throw new ValidationError({ file: UPLOAD_GONE }, UPLOAD_GONE);
}

/** Rows the file has with at least one problem. */
export const rowsWithProblems = (problems: readonly { row: number }[]) => new Set(problems.map((p) => p.row)).size;
