// Which uploads we accept, decided from the file's own bytes (its "magic number") and its
// name together, never from the type the browser claims. Pure functions.
import { isContainerOf } from './zip-container.ts';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** A file as the form posted it. */
export interface Upload {
  filename: string;
  data: Buffer;
  tooLarge?: boolean;
}

export const isUpload = (value: unknown): value is Upload =>
  typeof value === 'object' && value !== null && typeof (value as Upload).filename === 'string' && Buffer.isBuffer((value as Upload).data);

export interface AcceptedType {
  contentType: string;
  label: string;
}

const TYPES: Record<string, AcceptedType & { magic: number[] }> = {
  pdf: { contentType: 'application/pdf', label: 'PDF', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  docx: { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word', magic: [0x50, 0x4b, 0x03, 0x04] },
  odt: { contentType: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument text', magic: [0x50, 0x4b, 0x03, 0x04] },
  doc: { contentType: 'application/msword', label: 'Word 97-2003', magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
};

export type Checked = { ok: true; type: AcceptedType; filename: string } | { ok: false; error: string };

/** Checks an upload: present, not empty, not too large, and really the kind its name says. */
export function checkUpload(upload: Upload, label = 'The selected file'): Checked {
  const { data } = upload;
  const name = safeFilename(upload.filename);
  if (upload.tooLarge || data.length > MAX_UPLOAD_BYTES) return { ok: false, error: `${label} must be smaller than 10MB` };
  if (data.length === 0) return { ok: false, error: `${label} is empty` };
  const extension = name.toLowerCase().split('.').pop() ?? '';
  const type = TYPES[extension];
  if (!type) return { ok: false, error: `${label} must be a PDF, Word or OpenDocument text file` };
  if (!type.magic.every((byte, i) => data[i] === byte)) {
    return { ok: false, error: `${label} is not a real ${type.label} file. Save it again as ${type.label} and upload it` };
  }
  // A zip signature is not enough: the container must open and hold a document's parts.
  if ((extension === 'docx' || extension === 'odt') && !isContainerOf(extension, data)) {
    return { ok: false, error: `${label} is not a real ${type.label} file: it could not be opened. Save it again as ${type.label} and upload it` };
  }
  return { ok: true, type, filename: name };
}

/** A filename safe to store and to send back: no folders, no control characters, sensible length. */
export function safeFilename(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (cleaned.length <= 150) return cleaned || 'document';
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? cleaned.slice(dot) : '';
  return cleaned.slice(0, 150 - ext.length) + ext;
}

/** The Content-Disposition header for a download, with an ASCII fallback and the UTF-8 name. */
export function contentDisposition(filename: string, inline: boolean): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** 'application/pdf' → 'PDF', for links to downloads. */
export function fileTypeLabel(contentType: string): string {
  return Object.values(TYPES).find((t) => t.contentType === contentType)?.label ?? 'File';
}
