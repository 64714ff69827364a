// The cells of an exported table, typed so that a spreadsheet gets numbers as numbers and dates as
// dates: text, a number, or a date (a Date at midnight UTC is a day; with a time, a date and time).
// CSV writes each as text (a date as dd/mm/yyyy), XLSX as a real cell. Pure functions.

export type SheetCell = string | number | Date | null | undefined;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK_DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const pad = (n: number) => String(n).padStart(2, '0');

function utcDay(y: number, m: number, d: number): Date | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

/** An ISO date ('2018-05-31') as a date cell; an empty or unreadable value as an empty cell. */
export function dateCell(iso: string | null | undefined): Date | '' {
  const m = iso ? ISO_DATE.exec(iso.slice(0, 10)) : null;
  return (m && utcDay(Number(m[1]), Number(m[2]), Number(m[3]))) || '';
}

/** Free text that is exactly a date as dd/mm/yyyy ('17/04/2018') becomes a date cell; any other text stays text. */
export function dateOrText(text: string): Date | string {
  const m = UK_DATE.exec(text.trim());
  return (m && utcDay(Number(m[3]), Number(m[2]), Number(m[1]))) || text;
}

/** Text that is a plain decimal number ('9.8', '-5', '120') becomes a number when that loses nothing; other text stays text. */
export function numberOrText(text: string | null | undefined): number | string {
  const value = (text ?? '').trim();
  if (!/^-?\d+(?:\.\d+)?$/.test(value)) return text ?? '';
  const n = Number(value);
  return Number.isFinite(n) && String(n) === value ? n : value;
}

/** Whether a date cell has a time of day (otherwise it is a whole day). */
export const hasTime = (date: Date): boolean => date.getUTCHours() + date.getUTCMinutes() + date.getUTCSeconds() > 0;

/** A cell as the text a spreadsheet would show: a date as dd/mm/yyyy (and hh:mm when it has a time). */
export function cellText(cell: SheetCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    const day = `${pad(cell.getUTCDate())}/${pad(cell.getUTCMonth() + 1)}/${cell.getUTCFullYear()}`;
    return hasTime(cell) ? `${day} ${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}` : day;
  }
  return cell;
}
