// Text for the PDF layout engine (./pdf-layout.ts): styled runs, greedy word wrap into lines (long
// words such as web and e-mail addresses broken at punctuation), and "- " bullets in paragraph strings.
// Pure: widths come from the fonts' metrics.
import { metrics, sanitize, textWidth, type FontStyle } from './pdf-fonts.ts';

export interface Run {
  text: string;
  style?: FontStyle;
}
/** Plain text (in the paragraph's style) or styled runs. */
export type RichText = string | Run[];
export type Colour = [number, number, number];

export interface Segment {
  dx: number;
  text: string;
  style: FontStyle;
  size: number;
  colour: Colour;
  /** A list label (hanging number or bullet) or an artifact (dot leaders) rather than the line's text. */
  role?: 'label' | 'artifact';
}
/** One laid-out line: segments relative to the line's left edge, its height and baseline. */
export interface Line {
  segs: Segment[];
  height: number;
  baseline: number;
  spaceBefore: number;
}

export const BLACK: Colour = [0, 0, 0];

export interface TextStyle {
  size?: number; // default: the flow's body size
  style?: FontStyle; // default: regular
  colour?: Colour;
  lineHeight?: number; // multiple of size
}

interface Token {
  text: string;
  style: FontStyle;
  width: number;
  space: boolean;
}

function runsOf(text: RichText, style: FontStyle): Run[] {
  return typeof text === 'string' ? [{ text, style }] : text.map((r) => ({ text: r.text, style: r.style ?? style }));
}

function tokensOf(runs: Run[], size: number): Token[] {
  const out: Token[] = [];
  for (const run of runs) {
    const style = run.style ?? 'regular';
    const clean = sanitize(run.text, style).replace(/\n/g, ' ');
    for (const part of clean.split(/( +)/)) {
      if (!part) continue;
      const space = part.startsWith(' ');
      const text = space ? ' ' : part;
      out.push({ text, style, width: textWidth(text, style, size), space });
    }
  }
  return out;
}

/** Greedy word wrap of styled runs into lines no wider than `width`. */
export function wrapText(text: RichText, width: number, opts: TextStyle, defaults: { size: number; lineHeight: number }): Line[] {
  const size = opts.size ?? defaults.size;
  const style = opts.style ?? 'regular';
  const colour = opts.colour ?? BLACK;
  const height = size * (opts.lineHeight ?? defaults.lineHeight);
  const m = metrics('regular');
  const baseline = (height - (m.ascent - m.descent) * size) / 2 + m.ascent * size;
  const lines: Line[] = [];
  let segs: Segment[] = [];
  let x = 0;
  let pendingSpace: Token | null = null;
  const push = (tok: Token) => {
    const last = segs[segs.length - 1];
    if (last && last.style === tok.style)
      last.text += tok.text; // segments on a line are contiguous
    else segs.push({ dx: x, text: tok.text, style: tok.style, size, colour });
    x += tok.width;
  };
  const breakLine = () => {
    lines.push({ segs, height, baseline, spaceBefore: 0 });
    segs = [];
    x = 0;
    pendingSpace = null;
  };
  // Each forced line break (newline in the source) starts a new line.
  const sourceLines = splitRunsOnNewlines(runsOf(text, style));
  for (const runs of sourceLines) {
    for (const tok of tokensOf(runs, size)) {
      if (tok.space) {
        if (segs.length) pendingSpace = tok;
        continue;
      }
      const spaceW: number = pendingSpace ? (pendingSpace as Token).width : 0;
      if (segs.length && x + spaceW + tok.width > width + 0.01) breakLine();
      if (pendingSpace && segs.length) push(pendingSpace);
      pendingSpace = null;
      if (tok.width > width + 0.01) {
        // A word longer than the line (an email address or web link, usually): break it after
        // punctuation where possible, otherwise between characters.
        let rest = tok.text;
        while (rest) {
          const room = width - x;
          const fit = fitPrefix(rest, tok.style, size, room);
          if (fit === rest.length) {
            push({ ...tok, text: rest, width: textWidth(rest, tok.style, size) });
            break;
          }
          let cut = fit;
          const at = rest.lastIndexOf('@', fit - 1);
          const soft = Math.max(...['.', '/', '-', '_', '?', '&', '='].map((c) => rest.lastIndexOf(c, fit - 1)));
          if (at >= 0 && at + 1 >= fit * 0.3)
            cut = at + 1; // an email address breaks best after the @
          else if (soft >= 0 && soft + 1 >= fit * 0.4) cut = soft + 1;
          if (cut === 0 && segs.length === 0) cut = Math.max(1, fit);
          if (cut > 0) push({ ...tok, text: rest.slice(0, cut), width: textWidth(rest.slice(0, cut), tok.style, size) });
          rest = rest.slice(cut);
          if (rest) breakLine();
        }
      } else push(tok);
    }
    breakLine();
  }
  return lines;
}

export function lineWidth(line: Line): number {
  const last = line.segs[line.segs.length - 1];
  return last ? last.dx + textWidth(last.text, last.style, last.size) : 0;
}

// ---------------------------------------------------------------------------------------------
// Paragraph-string parsing: "- " bullets and blank-line breaks.

export interface Block {
  kind: 'text' | 'bullet';
  level: number;
  text: RichText;
  gapBefore?: boolean;
}

export function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let gap = false;
  let current: Block | null = null;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const bullet = /^(\s*)[-•*]\s+(.*)$/.exec(raw);
    if (!raw.trim()) {
      current = null;
      gap = blocks.length > 0;
      continue;
    }
    if (bullet && (raw.trimStart().startsWith('- ') || raw.trimStart().startsWith('• ') || raw.trimStart().startsWith('* '))) {
      const level = bullet[1]!.replace(/\t/g, '  ').length >= 2 ? 1 : 0;
      current = { kind: 'bullet', level, text: bullet[2]!, gapBefore: gap };
      blocks.push(current);
    } else if (current && current.kind === 'text') {
      current.text = `${current.text as string} ${raw.trim()}`;
    } else if (current && current.kind === 'bullet' && /^\s+/.test(raw)) {
      current.text = `${current.text as string} ${raw.trim()}`; // continuation of a bullet
    } else {
      current = { kind: 'text', level: 0, text: raw.trim(), gapBefore: gap };
      blocks.push(current);
    }
    gap = false;
  }
  if (blocks.length === 0) blocks.push({ kind: 'text', level: 0, text: '' });
  return blocks;
}

/** How many UTF-16 units of `text` fit in `room` points (never splitting a surrogate pair). */
function fitPrefix(text: string, style: FontStyle, size: number, room: number): number {
  let w = 0;
  let i = 0;
  const m = metrics(style);
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const cw = m.width(cp) * size;
    if (w + cw > room) break;
    w += cw;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

function splitRunsOnNewlines(runs: Run[]): Run[][] {
  const out: Run[][] = [[]];
  for (const run of runs) {
    const parts = run.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) out.push([]);
      if (part) out[out.length - 1]!.push({ text: part, style: run.style });
    });
  }
  return out;
}
