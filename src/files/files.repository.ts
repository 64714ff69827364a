// SQL for uploaded files. The bytes are read only by the download route.
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { countPages, PAGED_TYPES } from './page-count.ts';

export interface FileRow {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  content: Buffer;
}

/** Stores a file; a PDF, Word or OpenDocument text has its pages counted as it is stored (0: it does not say). */
export async function insertFile(tx: Queryable, tenantId: string, f: { filename: string; contentType: string; data: Buffer }) {
  const pages = PAGED_TYPES.includes(f.contentType) ? ((await countPages(f.contentType, f.data)) ?? 0) : null;
  const rows = await tx.query<{ id: string }>(
    `insert into files (tenant_id, filename, content_type, size_bytes, sha256, content, page_count) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
    [tenantId, f.filename, f.contentType, f.data.length, createHash('sha256').update(f.data).digest('hex'), f.data, pages],
  );
  return rows[0]!.id;
}

/** Files of a paged type stored before their pages were counted (migration 0037), a few at a time. */
export async function filesWithoutPageCount(db: Queryable, tenantId: string, limit: number) {
  return db.query<{ id: string; contentType: string; content: Uint8Array }>(
    `select id, content_type as "contentType", content from files
     where tenant_id = $1 and page_count is null and deleted_at is null and content_type = any($2::text[])
     order by created limit $3`,
    [tenantId, PAGED_TYPES, limit],
  );
}

export async function setPageCount(tx: Queryable, tenantId: string, id: string, pages: number) {
  await tx.query<never>(`update files set page_count = $3 where tenant_id = $1 and id = $2 and page_count is null`, [tenantId, id, pages]);
}

/**
 * A file that a live source document of a live partnership refers to; orphans are not served.
 * The public get only files of published partnerships that are not exempt information.
 */
export async function getPublishedFile(db: Queryable, tenantId: string, id: string, includeRestricted: boolean) {
  const rows = await db.query<FileRow>(
    `select f.id, f.filename, f.content_type as "contentType", f.size_bytes as "sizeBytes", f.content
     from files f
     where f.tenant_id = $1 and f.id = $2 and f.deleted_at is null
       and exists (select 1 from source_documents d join partnerships p on p.id = d.partnership_id
                   where d.file_id = f.id and d.deleted_at is null and p.deleted_at is null
                     and ($3 or (p.publication_state = 'published' and d.exempt_paragraph is null)))`,
    [tenantId, id, includeRestricted],
  );
  return rows[0] ?? null;
}
