// The background job that reads an uploaded paper's words for search. A trigger on reports asks
// for it (migrations/0020_search.sql) whenever a paper's file is set, so the words are searchable
// moments after the upload without the upload waiting for them.
import type { Database } from '../db/database.ts';
import type { JobHandler } from '../db/job-worker.ts';
import { paperText } from './paper-text.ts';
import { fileForExtraction, filesWithoutText, saveFileText } from './search.repository.ts';

export const EXTRACT_TEXT_JOB = 'search.extract-text';

/** Reads and keeps the words of one file (the job's key); a file that has gone is nothing to do. */
export async function extractFileText(db: Database, tenantId: string, fileId: string): Promise<void> {
  const file = await fileForExtraction(db, tenantId, fileId);
  if (!file) return;
  let text = '';
  try {
    text = await paperText(file.contentType, file.content);
  } catch {
    // A paper we cannot read is still published; it is found by its title instead.
    text = '';
  }
  await saveFileText(db, tenantId, fileId, text);
}

/** Papers uploaded before search existed are read in the hourly run, a few at a time. */
export async function extractMissingTexts(db: Database, tenantId: string, limit = 25): Promise<number> {
  const files = await filesWithoutText(db, tenantId, limit);
  for (const { fileId } of files) await extractFileText(db, tenantId, fileId);
  return files.length;
}

export const extractTextJob: JobHandler = (db, job) => extractFileText(db, job.tenantId, job.key);
