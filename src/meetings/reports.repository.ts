// SQL for the reports of agenda items (written on the template or uploaded) and the files of uploaded papers.
import type { Queryable } from '../db/database.ts';
import type { ReportContent } from './report-template.ts';

export interface ReportRow {
  id: string;
  agendaItemId: string;
  kind: 'template' | 'upload';
  document: ReportContent | null;
  fileId: string | null;
  status: 'draft' | 'published';
  publishedAt: Date | null;
  modified: Date;
  version: number;
}

export async function getReport(db: Queryable, tenantId: string, itemId: string) {
  const rows = await db.query<ReportRow>(
    `select id, agenda_item_id as "agendaItemId", kind, document, file_id as "fileId", status, published_at as "publishedAt", modified, version
     from reports where tenant_id = $1 and agenda_item_id = $2 and deleted_at is null`,
    [tenantId, itemId],
  );
  return rows[0] ?? null;
}

export async function insertTemplateReport(tx: Queryable, tenantId: string, itemId: string, doc: ReportContent) {
  const rows = await tx.query<{ id: string }>(`insert into reports (tenant_id, agenda_item_id, kind, document) values ($1, $2, 'template', $3) returning id`, [
    tenantId,
    itemId,
    JSON.stringify(doc),
  ]);
  return rows[0]!.id;
}

/** Saving a report's text makes it a draft again: a changed report must be cleared and published afresh. */
export async function updateReportDocument(tx: Queryable, tenantId: string, reportId: string, version: number, doc: ReportContent) {
  const rows = await tx.query<{ id: string }>(
    `update reports set document = $4, kind = 'template', file_id = null, status = 'draft', published_at = null
    where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, reportId, version, JSON.stringify(doc)],
  );
  return rows.length === 1;
}

export async function upsertUploadReport(tx: Queryable, tenantId: string, itemId: string, fileId: string) {
  const rows = await tx.query<{ id: string }>(
    `update reports set kind = 'upload', file_id = $3, document = null, status = 'draft', published_at = null where tenant_id = $1 and agenda_item_id = $2 and deleted_at is null returning id`,
    [tenantId, itemId, fileId],
  );
  if (rows[0]) return rows[0].id;
  const inserted = await tx.query<{ id: string }>(`insert into reports (tenant_id, agenda_item_id, kind, file_id) values ($1, $2, 'upload', $3) returning id`, [
    tenantId,
    itemId,
    fileId,
  ]);
  return inserted[0]!.id;
}

export async function setReportStatus(tx: Queryable, tenantId: string, reportId: string, version: number, status: 'draft' | 'published') {
  const rows = await tx.query<{ id: string }>(
    `update reports set status = $4, published_at = case when $4 = 'published' then clock_timestamp() else null end
     where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, reportId, version, status],
  );
  return rows.length === 1;
}

export interface StoredFile {
  content: Uint8Array;
  contentType: string;
  filename: string;
}

/** The bytes of an uploaded paper, for staff and for rendering. */
export async function getFile(db: Queryable, tenantId: string, fileId: string) {
  const rows = await db.query<StoredFile>(`select content, content_type as "contentType", filename from files where tenant_id = $1 and id = $2`, [
    tenantId,
    fileId,
  ]);
  return rows[0] ?? null;
}

/** The bytes of an uploaded paper for the public download: never a deleted file. */
export async function getLiveFile(db: Queryable, tenantId: string, fileId: string) {
  const rows = await db.query<StoredFile>(
    `select content, content_type as "contentType", filename from files where tenant_id = $1 and id = $2 and deleted_at is null`,
    [tenantId, fileId],
  );
  return rows[0] ?? null;
}
