// What the public minutes page says about its printable copies (issue 17: "minutes and decisions likewise"): the
// minutes are a page first, with the PDF as the printable version and the Word copy beside it, each with its type,
// size and, for the PDF, pages (GOV.UK's attachment pattern). The copies are rendered from the same public
// document the page and the downloads use, so the facts are of the very files served; they are kept by the
// document's hash in a bounded in-memory cache, so an unchanged page does not render them again.
import { createHash } from 'node:crypto';
import { attachmentText, pdfPages } from '../files/index.ts';
import type { MinutesDocument } from './minutes-document.ts';
import { renderMinutesDocx } from './documents/minutes-docx.ts';
import { renderMinutesPdf } from './documents/minutes-pdf.ts';

export interface CopiesText {
  pdf: string;
  docx: string;
}

const cache = new Map<string, CopiesText>();
const MAX_CACHED = 500;

/** 'PDF, 48 KB, 6 pages' and 'Word, 21 KB' for the public minutes as served. */
export async function minutesCopiesText(doc: MinutesDocument): Promise<CopiesText> {
  const key = createHash('sha256').update(JSON.stringify(doc)).digest('hex');
  const known = cache.get(key);
  if (known) return known;
  let text: CopiesText;
  try {
    const [pdf, docx] = await Promise.all([renderMinutesPdf(doc), renderMinutesDocx(doc)]);
    text = {
      pdf: attachmentText({ type: 'PDF', sizeBytes: pdf.byteLength, pageCount: await pdfPages(pdf) }),
      docx: attachmentText({ type: 'Word', sizeBytes: docx.byteLength }),
    };
  } catch {
    // The facts are a courtesy: a copy that cannot be rendered is reported when it is downloaded.
    return { pdf: 'PDF', docx: 'Word' };
  }
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, text);
  return text;
}
