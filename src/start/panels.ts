// What a panel of the start page holds, and the template of each panel's words. Pure.
import { formatLongDate } from '../calendar/format.ts';
import { FIRST_FEW } from './rules.ts';

export type TagColour = 'red' | 'yellow' | 'blue' | 'grey' | 'green';

export interface PanelItem {
  text: string;
  href: string;
  /** A second line: the committee, the date, the owner. */
  hint?: string;
  tag?: { text: string; colour: TagColour };
}

export interface Panel {
  key: string;
  heading: string;
  /** How many there are in all (null when the panel counts nothing, such as a notice). */
  count: number | null;
  /** The count in words, e.g. "3 upcoming meetings". */
  summary: string;
  /** The first few, each linking to its own page. */
  items: PanelItem[];
  /** Said when there are none. */
  empty: string;
  /** The full list, where one exists. */
  more?: { href: string; text: string };
  /** Lines said under the list, such as a second count. */
  notes?: string[];
}

export const longDate = (iso: string) => formatLongDate(iso);

/** A panel listing the first few of `all` (each made into an item), with its count. */
export function listPanel<T>(p: Omit<Panel, 'items' | 'count'> & { all: readonly T[]; item: (x: T) => PanelItem }): Panel {
  const { all, item, ...rest } = p;
  return { ...rest, count: all.length, items: all.slice(0, FIRST_FEW).map(item) };
}

/** Long text shortened at a word for a list line; the linked page has it in full. */
export function shorten(text: string, max = 120): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= max) return oneLine;
  const cut = oneLine.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : max).trimEnd()}…`;
}
