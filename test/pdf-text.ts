// Reading generated PDFs back in tests: the text of each page and the bookmarks (outline), via
// pdf.js, the renderer browsers use, so what the tests see is what a reader's viewer sees.
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

async function open(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdf.js takes ownership of (detaches) the buffer it is given, so give it a copy.
  return getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
}

/** The text of each page: text items joined with spaces, whitespace runs collapsed to one space. */
export async function pdfPageTexts(bytes: Uint8Array): Promise<string[]> {
  const doc = await open(bytes);
  try {
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const parts = content.items.map((item) => ('str' in item ? item.str : ''));
      texts.push(parts.join(' ').replace(/\s+/g, ' ').trim());
      page.cleanup();
    }
    return texts;
  } finally {
    await doc.destroy();
  }
}

/** The document's bookmarks, in order (nested ones flattened depth-first), each with its 1-based page. */
export async function pdfOutlineTitles(bytes: Uint8Array): Promise<{ title: string; page: number }[]> {
  const doc = await open(bytes);
  try {
    const out: { title: string; page: number }[] = [];
    type Node = Awaited<ReturnType<PDFDocumentProxy['getOutline']>>[number];
    const visit = async (nodes: Node[] | null | undefined) => {
      for (const node of nodes ?? []) {
        let dest = node.dest;
        if (typeof dest === 'string') dest = await doc.getDestination(dest);
        let page = 0;
        const target = Array.isArray(dest) ? dest[0] : null;
        if (target && typeof target === 'object') page = (await doc.getPageIndex(target as { num: number; gen: number })) + 1;
        else if (typeof target === 'number') page = target + 1;
        out.push({ title: node.title, page });
        await visit(node.items as Node[]);
      }
    };
    await visit(await doc.getOutline());
    return out;
  } finally {
    await doc.destroy();
  }
}
