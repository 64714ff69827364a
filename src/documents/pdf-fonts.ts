// Fonts for the documents the product prints: DejaVu Sans in three styles, read and parsed once,
// with cached per-character widths, text made safe for the fonts, and new PDF documents set up to
// embed them (subset) quickly.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import path from 'node:path';
import fontkitModule from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont } from 'pdf-lib';

export type FontStyle = 'regular' | 'bold' | 'italic';

// ---------------------------------------------------------------------------------------------
// Fonts: bytes read once, fontkit parsed once, per-code-point widths cached.

const FONT_FILES: Record<FontStyle, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
};

interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { advanceWidth: number };
}
interface FontkitLike {
  create(bytes: Uint8Array, postscriptName?: string): FontkitFont;
}
const realFontkit = ((fontkitModule as unknown as { default?: FontkitLike }).default ?? fontkitModule) as unknown as FontkitLike;

const fontBytesCache = new Map<FontStyle, Uint8Array>();
const parsedFonts = new Map<Uint8Array, FontkitFont>();

function fontDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

export function fontBytes(style: FontStyle): Uint8Array {
  let bytes = fontBytesCache.get(style);
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(path.join(fontDir(), FONT_FILES[style])));
    fontBytesCache.set(style, bytes);
  }
  return bytes;
}

function parse(bytes: Uint8Array): FontkitFont {
  let font = parsedFonts.get(bytes);
  if (!font) {
    font = realFontkit.create(bytes);
    parsedFonts.set(bytes, font);
  }
  return font;
}

/**
 * The fontkit handed to pdf-lib. It parses each of our font files once per process instead of
 * once per document (pdf-lib only lays text out with the parsed font and asks it for a fresh
 * subset per embedding, so sharing it between documents is safe), and it lays text out by plain
 * character-to-glyph mapping instead of full OpenType shaping. pdf-lib uses only the glyphs of a
 * layout (never its positions, so kerning is lost either way); shaping would otherwise add
 * ligatures that break copied text and cost more than everything else in drawing a page. Text is
 * NFC-normalised before drawing, so accented letters map to their precomposed glyphs.
 */
export const cachingFontkit = {
  create(bytes: Uint8Array, postscriptName?: string) {
    const font = parsedFonts.get(bytes);
    if (!font) return realFontkit.create(bytes, postscriptName);
    let shaped = simplyShaped.get(font);
    if (!shaped) {
      const wrapper = Object.create(font) as FontkitFont & { layout(text: string): { glyphs: unknown[]; positions: unknown[] } };
      wrapper.layout = (text: string) => {
        const glyphs: unknown[] = [];
        for (const ch of text) glyphs.push(font.glyphForCodePoint(ch.codePointAt(0)!));
        return { glyphs, positions: [] };
      };
      simplyShaped.set(font, wrapper);
      shaped = wrapper;
    }
    return shaped;
  },
};
const simplyShaped = new WeakMap<FontkitFont, FontkitFont>();

export class Metrics {
  readonly font: FontkitFont;
  readonly scale: number;
  readonly ascent: number;
  readonly descent: number;
  private readonly widths = new Map<number, number>();
  private readonly supported = new Map<number, boolean>();
  constructor(style: FontStyle) {
    this.font = parse(fontBytes(style));
    this.scale = 1 / this.font.unitsPerEm;
    this.ascent = this.font.ascent * this.scale;
    this.descent = this.font.descent * this.scale;
  }
  has(cp: number): boolean {
    let ok = this.supported.get(cp);
    if (ok === undefined) {
      ok = this.font.hasGlyphForCodePoint(cp);
      this.supported.set(cp, ok);
    }
    return ok;
  }
  /** Advance width of one code point, in ems. */
  width(cp: number): number {
    let w = this.widths.get(cp);
    if (w === undefined) {
      w = this.font.glyphForCodePoint(cp).advanceWidth * this.scale;
      this.widths.set(cp, w);
    }
    return w;
  }
}

const metricsCache = new Map<FontStyle, Metrics>();
export function metrics(style: FontStyle): Metrics {
  let m = metricsCache.get(style);
  if (!m) {
    m = new Metrics(style);
    metricsCache.set(style, m);
  }
  return m;
}

// Zero-width and format characters (joiners, variation selectors, BOM, soft hyphen) are dropped
// rather than shown as '?'. Each is removed on its own, so a class holding joiners and selectors is what we mean.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: see above
const INVISIBLE = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFE00-\uFE0F\uFEFF\u{E0100}-\u{E01EF}]/gu;

/**
 * Text as it can be drawn in the given style: NFC-normalised, tabs as spaces, control and
 * invisible characters removed, and every character the font lacks replaced with '?'.
 * Newlines are kept.
 */
export function sanitize(text: string, style: FontStyle = 'regular'): string {
  const m = metrics(style);
  const clean = text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/\t/g, ' ').replace(INVISIBLE, '');
  let out = '';
  for (const ch of clean) {
    const cp = ch.codePointAt(0)!;
    if (cp === 10) out += ch;
    else if (cp < 32 || (cp >= 0x7f && cp < 0xa0)) continue;
    else out += m.has(cp) ? ch : '?';
  }
  return out;
}

/** Width in points of already-sanitised text. */
export function textWidth(text: string, style: FontStyle, size: number): number {
  const m = metrics(style);
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) {
      cp = text.codePointAt(i)!;
      i++;
    }
    w += m.width(cp);
  }
  return w * size;
}

/** A new PDF document set up for our fonts. */
export async function newDocument(): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(cachingFontkit as never);
  // pdf-lib compresses embedded font files with pako, in JavaScript; Node's zlib gives the same
  // Flate data several times faster, which matters because fonts are subset for every document.
  const context = doc.context as unknown as {
    stream(contents: Uint8Array, dict: Record<string, unknown>): unknown;
    flateStream(contents: string | Uint8Array, dict?: Record<string, unknown>): unknown;
  };
  context.flateStream = (contents, dict = {}) => context.stream(deflateSync(contents), { ...dict, Filter: 'FlateDecode' });
  doc.setCreator('Partnership Hub');
  doc.setProducer('Partnership Hub (pdf-lib)');
  return doc;
}

/**
 * Embeds one DejaVu style, subset to the glyphs used. Subsetting was checked visually (poppler)
 * for accented Latin, Polish, Cyrillic, Greek, typographic quotes, dashes, bullets and the pound
 * and euro signs, and renders identically to the full font at a twentieth of the size. Text is
 * laid out without ligatures (see cachingFontkit), so measured widths match drawn widths and
 * copied text reads "fi", not "ﬁ".
 */
export async function embed(doc: PDFDocument, style: FontStyle): Promise<PDFFont> {
  metrics(style); // make sure the shared parsed font exists before pdf-lib asks for it
  return doc.embedFont(fontBytes(style), { subset: true, customName: `${subsetTag()}+${POSTSCRIPT_NAMES[style]}` });
}

const POSTSCRIPT_NAMES: Record<FontStyle, string> = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold', italic: 'DejaVuSans-Oblique' };

/**
 * A subset font's name starts with a tag of six capital letters and a plus sign (ISO 32000-1, 9.6.4),
 * different for each subset (a pack holds one per paper), so tools know the font is not the whole of
 * DejaVu Sans. pdf-lib would otherwise name it "DejaVuSans-1234".
 */
function subsetTag(): string {
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + Math.floor(Math.random() * 26));
  return tag;
}
