// How a link to a document describes it, in GOV.UK's attachment pattern: its type, its size and, for a paged
// document, its pages ("PDF, 1.2 MB, 14 pages"; "Word, 48 KB"). Pure.
import { fileTypeLabel } from '../documents/file-types.ts';

/** 512 → '512 bytes'; 126,000 → '123 KB'; 1,258,291 → '1.2 MB' (1 KB is 1,024 bytes, as GOV.UK and Windows count). */
export function fileSizeText(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${Math.round(bytes)} bytes`;
  const kb = bytes / 1024;
  if (Math.round(kb) < 1024) return `${Math.max(1, Math.round(kb))} KB`;
  const mb = kb / 1024;
  return `${mb < 10 ? mb.toFixed(1).replace(/\.0$/, '') : Math.round(mb)} MB`;
}

/** 1 → '1 page'; 14 → '14 pages'; none (not counted, or the file does not say) → ''. */
export function pagesText(pages: number | null | undefined): string {
  if (!pages || pages < 1) return '';
  return pages === 1 ? '1 page' : `${pages} pages`;
}

export interface AttachmentFacts {
  /** A media type ('application/pdf') or a label already ('PDF'). */
  type: string;
  sizeBytes?: number | null;
  pageCount?: number | null;
}

/** 'PDF, 1.2 MB, 14 pages', leaving out what is not known; the type alone when nothing else is. */
export function attachmentText(facts: AttachmentFacts): string {
  const type = facts.type.includes('/') ? fileTypeLabel(facts.type) : facts.type;
  const size = typeof facts.sizeBytes === 'number' ? fileSizeText(facts.sizeBytes) : '';
  return [type, size, pagesText(facts.pageCount)].filter(Boolean).join(', ');
}
