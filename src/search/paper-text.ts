// The words of an uploaded paper, for search: Word and OpenDocument text from their XML, PDF text
// from each page's content stream with pdf-lib (already a dependency; pdf.js is only a test tool
// here). Good enough to find a phrase, not to reproduce the layout: a PDF font without a ToUnicode
// map and a standard encoding is read as Latin-1, and scanned pages have no text at all.
import { unzipSync, strFromU8 } from 'fflate';
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFObject } from 'pdf-lib';

/** The most text kept for one paper: a long paper is still found by its first hundred pages or so. */
const MAX_CHARS = 500_000;

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e.startsWith('#')
      ? String.fromCodePoint(Number.parseInt(e.slice(e[1] === 'x' || e[1] === 'X' ? 2 : 1), e[1] === 'x' || e[1] === 'X' ? 16 : 10))
      : XML_ENTITIES[e.toLowerCase()]!,
  );

/** The text of an XML part, a space at each paragraph's end and each tag dropped. */
function xmlText(xml: string, paragraphEnd: RegExp): string {
  return unescapeXml(xml.replace(paragraphEnd, ' ').replace(/<[^>]*>/g, ''));
}

function zipPart(data: Uint8Array, name: string): string | null {
  const parts = unzipSync(data, { filter: (f) => f.name === name });
  return parts[name] ? strFromU8(parts[name]) : null;
}

/** A code → text map from a ToUnicode CMap (bfchar and bfrange), and the code length in bytes. */
function parseToUnicode(cmap: string): { map: Map<number, string>; bytes: number } {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{1,4}/g) ?? []).map((h) => Number.parseInt(h, 16)));
  let bytes = 1;
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>/g)) {
      bytes = Math.max(bytes, code!.length / 2);
      map.set(Number.parseInt(code!, 16), utf16(text!));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, dest] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])/g)) {
      bytes = Math.max(bytes, lo!.length / 2);
      const start = Number.parseInt(lo!, 16);
      const end = Math.min(Number.parseInt(hi!, 16), start + 65_535);
      const list = dest!.startsWith('[') ? [...dest!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => utf16(m[1]!)) : null;
      const first = list ? 0 : Number.parseInt(dest!.slice(1, -1) || '0', 16);
      for (let c = start; c <= end; c++) map.set(c, list ? (list[c - start] ?? '') : String.fromCodePoint(first + (c - start)));
    }
  }
  return { map, bytes };
}

type FontDecoder = (codes: number[]) => string;
const latin1: FontDecoder = (codes) => String.fromCharCode(...codes);

function streamText(obj: PDFObject | undefined): string | null {
  return obj instanceof PDFRawStream ? strFromU8(decodePDFRawStream(obj).decode(), true) : null;
}

/** How each font of a page turns the bytes of its strings into text. */
function fontDecoders(doc: PDFDocument, resources: PDFDict | undefined): Map<string, FontDecoder> {
  const decoders = new Map<string, FontDecoder>();
  const fonts = resources?.lookupMaybe(PDFName.of('Font'), PDFDict);
  for (const [name, ref] of fonts?.entries() ?? []) {
    const font = doc.context.lookup(ref);
    if (!(font instanceof PDFDict)) continue;
    const cmap = streamText(font.lookup(PDFName.of('ToUnicode')));
    if (!cmap) continue;
    const { map, bytes } = parseToUnicode(cmap);
    decoders.set(name.asString().slice(1), (codes) => {
      let out = '';
      for (let i = 0; i + bytes <= codes.length; i += bytes) {
        let code = 0;
        for (let b = 0; b < bytes; b++) code = code * 256 + codes[i + b]!;
        out += map.get(code) ?? '';
      }
      return out;
    });
  }
  return decoders;
}

/** The bytes of a PDF literal string's body (between its parentheses), escapes resolved. */
function literalBytes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      out.push(c.charCodeAt(0) & 0xff);
      continue;
    }
    const n = s[++i] ?? '';
    const octal = /^[0-7]{1,3}/.exec(s.slice(i, i + 3));
    if (octal) {
      out.push(Number.parseInt(octal[0], 8) & 0xff);
      i += octal[0].length - 1;
    } else if (n !== '\n' && n !== '\r') out.push(({ n: 10, r: 13, t: 9, b: 8, f: 12 } as Record<string, number>)[n] ?? n.charCodeAt(0));
  }
  return out;
}

// Tokens of a content stream that matter for text: strings, numbers in TJ arrays, names and operators.
const TOKEN = /\((?:\\[\s\S]|[^\\()]|\((?:\\[\s\S]|[^\\()])*\))*\)|<[0-9a-fA-F\s]*>|\/[^\s/<>()[\]{}%]+|-?\d*\.?\d+|[A-Za-z'"*]+|\[|\]/g;

function pageText(content: string, decoders: Map<string, FontDecoder>): string {
  let decode = latin1;
  let out = '';
  let lastName = '';
  for (const [token] of content.matchAll(TOKEN)) {
    if (token.startsWith('(') || token.startsWith('<')) {
      const codes = token.startsWith('(')
        ? literalBytes(token.slice(1, -1))
        : (
            token
              .slice(1, -1)
              .replace(/\s/g, '')
              .match(/.{1,2}/g) ?? []
          ).map((h) => Number.parseInt(h.padEnd(2, '0'), 16));
      out += decode(codes);
    } else if (token.startsWith('/')) lastName = token.slice(1);
    else if (token === 'Tf') decode = decoders.get(lastName) ?? latin1;
    else if (/^-\d/.test(token) && Number(token) < -200)
      out += ' '; // a wide gap in a TJ array is a space
    else if (['Td', 'TD', 'T*', 'Tm', "'", '"', 'ET'].includes(token)) out += ' ';
  }
  return out;
}

async function pdfText(data: Uint8Array): Promise<string> {
  const doc = await PDFDocument.load(data, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  const texts: string[] = [];
  let length = 0;
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const content = streams.map((s) => streamText(s as PDFObject | undefined) ?? '').join('\n');
    const text = pageText(content, fontDecoders(doc, page.node.Resources()));
    texts.push(text);
    length += text.length;
    if (length > MAX_CHARS) break;
  }
  return texts.join(' ');
}

/** The words of a paper of this content type; empty when it holds none we can read. */
export async function paperText(contentType: string, data: Uint8Array): Promise<string> {
  let text = '';
  if (contentType === 'application/pdf') text = await pdfText(data);
  else if (contentType === 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    text = xmlText(zipPart(data, 'word/document.xml') ?? '', /<\/w:p>|<w:tab\/>|<w:br\/>/g);
  else if (contentType === 'application/vnd.oasis.opendocument.text') text = xmlText(zipPart(data, 'content.xml') ?? '', /<\/text:(p|h)>/g);
  // PostgreSQL cannot store NUL, and control characters would only confuse the extract.
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_CHARS);
}
