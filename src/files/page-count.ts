// How many pages a stored file has, for links that say "PDF, 1.2 MB, 14 pages" (issue 17). A PDF is counted from
// its page tree (pdf-lib, the fastest parse, no text read); a Word file from the page count Word saves in
// docProps/app.xml (<Pages>); an OpenDocument text from meta.xml (meta:page-count). Word counts its pages as it last
// laid them out, which is what GOV.UK shows too. Null when the file does not say or cannot be read.
import { strFromU8, unzipSync } from 'fflate';
import { PDFDocument, ParseSpeeds } from 'pdf-lib';

export const PDF = 'application/pdf';
export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const ODT = 'application/vnd.oasis.opendocument.text';

/** The types whose pages can be counted; other files (spreadsheets, CSV) have no pages to show. */
export const PAGED_TYPES: readonly string[] = [PDF, DOCX, ODT];

/** The pages of a PDF, or null when it cannot be read (damaged, empty, not a PDF). */
export async function pdfPages(data: Uint8Array): Promise<number | null> {
  try {
    const doc = await PDFDocument.load(data, { ignoreEncryption: true, updateMetadata: false, parseSpeed: ParseSpeeds.Fastest, throwOnInvalidObject: false });
    const n = doc.getPageCount();
    return n > 0 ? n : null;
  } catch {
    return null;
  }
}

function zipPart(data: Uint8Array, name: string): string | null {
  try {
    const parts = unzipSync(data, { filter: (f) => f.name === name });
    return parts[name] ? strFromU8(parts[name]) : null;
  } catch {
    return null;
  }
}

const positive = (text: string | undefined) => {
  const n = text === undefined ? Number.NaN : Number.parseInt(text, 10);
  return Number.isInteger(n) && n > 0 ? n : null;
};

/** The pages Word recorded in a .docx (docProps/app.xml), or null when it did not. */
export function docxPages(data: Uint8Array): number | null {
  const app = zipPart(data, 'docProps/app.xml');
  return app ? positive(/<(?:\w+:)?Pages>\s*(\d+)\s*<\/(?:\w+:)?Pages>/.exec(app)?.[1]) : null;
}

/** The pages an OpenDocument text recorded (meta.xml, meta:page-count), or null. */
export function odtPages(data: Uint8Array): number | null {
  const meta = zipPart(data, 'meta.xml');
  return meta ? positive(/meta:page-count="(\d+)"/.exec(meta)?.[1]) : null;
}

/** The pages of a file of this type, or null when it has none to count or does not say. */
export async function countPages(contentType: string, data: Uint8Array): Promise<number | null> {
  if (contentType === PDF) return pdfPages(data);
  if (contentType === DOCX) return docxPages(data);
  if (contentType === ODT) return odtPages(data);
  return null;
}
