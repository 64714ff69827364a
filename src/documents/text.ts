// Text as the product writes it into pages and documents: paragraphs, bullets, letters, file names. Pure functions.

/** 'Communities and Partnership Committee' → 'communities-and-partnership-committee', for file names. */
export function slugify(text: string, fallback = 'meeting'): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** Text typed with blank lines between paragraphs, as paragraphs. */
export function paragraphs(text: string | null | undefined): string[] {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Recommendation letters: a, b, ... z, aa, ab ... */
export function letter(index: number): string {
  let n = index;
  let s = '';
  do {
    s = String.fromCharCode(97 + (n % 26)) + s;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return s;
}

export type TextBlock = { kind: 'paragraph'; text: string } | { kind: 'bullets'; items: string[] };

/** A paragraph string as blocks: runs of "- " lines become a bulleted list, other lines paragraphs. */
export function textBlocks(value: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const raw of value.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const bullet = /^[-•]\s+(.*)$/.exec(line);
    const last = blocks.at(-1);
    if (bullet) {
      if (last?.kind === 'bullets') last.items.push(bullet[1]!);
      else blocks.push({ kind: 'bullets', items: [bullet[1]!] });
    } else blocks.push({ kind: 'paragraph', text: line });
  }
  return blocks;
}

export const upper = (text: string): string => text.trim().toLocaleUpperCase('en-GB');
