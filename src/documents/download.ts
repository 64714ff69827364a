// One way to send a document (a generated paper, an upload, a spreadsheet): its type, a file name
// (shown in the browser for PDF, downloaded otherwise), caching for its audience, and a sandbox
// policy, so a document opened in the browser can run nothing and reach nothing.
import type { FastifyReply } from 'fastify';
import { contentDisposition } from './file-types.ts';

export interface DocumentToSend {
  filename: string;
  content: Uint8Array | string;
  contentType: string;
  /** public: anyone may cache it for 5 minutes; private: only the browser; none: never stored (staff exports). */
  caching?: 'public' | 'private' | 'none';
  /** Shown in the browser rather than downloaded; by default only PDFs are. */
  inline?: boolean;
}

/** The media types of the documents the product writes. */
export const MEDIA_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
} as const;

const CACHE_CONTROL = { public: 'public, max-age=300', private: 'private, max-age=300', none: 'private, no-store' } as const;

export function sendDocument(reply: FastifyReply, doc: DocumentToSend): FastifyReply {
  const body = typeof doc.content === 'string' ? doc.content : Buffer.from(doc.content.buffer, doc.content.byteOffset, doc.content.byteLength);
  return reply
    .type(doc.contentType)
    .header('content-disposition', contentDisposition(doc.filename, doc.inline ?? doc.contentType === 'application/pdf'))
    .header('cache-control', CACHE_CONTROL[doc.caching ?? 'private'])
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('x-content-type-options', 'nosniff')
    .send(body);
}
