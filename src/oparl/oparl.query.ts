// The rules of an OParl 1.1 object list, as pure functions: reading its filters (created_since,
// created_until, modified_since, modified_until, limit, page, omit_internal) and writing its
// pagination and links, which keep every filter the client gave (OParl 1.1, "Objektlisten und Paginierung").

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;
const MAX_PAGE = 1_000_000;

export interface ListFilter {
  createdSince: Date | null;
  createdUntil: Date | null;
  modifiedSince: Date | null;
  modifiedUntil: Date | null;
}

export interface ListQuery extends ListFilter {
  page: number;
  limit: number;
  omitInternal: boolean;
}

export type ParsedListQuery = { ok: true; query: ListQuery } | { ok: false; errors: { parameter: string; detail: string }[] };

const DATE_FILTERS = [
  ['created_since', 'createdSince'],
  ['created_until', 'createdUntil'],
  ['modified_since', 'modifiedSince'],
  ['modified_until', 'modifiedUntil'],
] as const;

/** The parameters this list understands; the links repeat them, and only them. */
export const LIST_PARAMETERS = ['created_since', 'created_until', 'modified_since', 'modified_until', 'limit', 'omit_internal'] as const;

// A full date-time, as OParl asks: a date, a time and an offset (Z or ±hh:mm).
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date-time with its offset, or null when it is not one (or names a day that does not exist). */
export function parseDateTime(given: string): Date | null {
  // A `+` not encoded in the address reaches us as a space: 2018-05-31T00:00:00 01:00 means +01:00.
  const text = given.replace(/ (\d{2}:\d{2})$/, '+$1');
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[7] ?? '0'].map(Number) as [number, number, number, number, number, number];
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const offset = m[9] ?? 'Z';
  if (offset !== 'Z' && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4, 6)) > 59)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

const single = (value: unknown): string | undefined | null => (value === undefined ? undefined : typeof value === 'string' ? value : null);

function wholeNumber(value: string, min: number, max: number): number | null {
  if (!/^\d{1,9}$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

/** Reads a list's query string; a bad value is named with what is wrong, and nothing is read. */
export function parseListQuery(raw: Readonly<Record<string, unknown>>): ParsedListQuery {
  const errors: { parameter: string; detail: string }[] = [];
  const filter: ListFilter = { createdSince: null, createdUntil: null, modifiedSince: null, modifiedUntil: null };
  for (const [parameter, key] of DATE_FILTERS) {
    const value = single(raw[parameter]);
    if (value === undefined) continue;
    const date = value === null ? null : parseDateTime(value.trim());
    if (!date) {
      errors.push({
        parameter,
        detail: `${parameter} must be given once, as a date and time with its offset between 1900 and 2100, like 2018-05-31T00:00:00+01:00`,
      });
    } else filter[key] = date;
  }
  for (const [since, until] of [
    ['createdSince', 'createdUntil'],
    ['modifiedSince', 'modifiedUntil'],
  ] as const) {
    const from = filter[since];
    const to = filter[until];
    if (from && to && from > to) {
      const name = since === 'createdSince' ? 'created' : 'modified';
      errors.push({ parameter: `${name}_until`, detail: `${name}_until must not be before ${name}_since` });
    }
  }
  const number = (parameter: string, min: number, max: number, fallback: number) => {
    const value = single(raw[parameter]);
    if (value === undefined) return fallback;
    const n = value === null ? null : wholeNumber(value.trim(), min, max);
    if (n === null) errors.push({ parameter, detail: `${parameter} must be given once, as a whole number from ${min} to ${max}` });
    return n ?? fallback;
  };
  const limit = number('limit', 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE);
  const page = number('page', 1, MAX_PAGE, 1);
  const omit = single(raw.omit_internal);
  if (omit !== undefined && omit !== 'true' && omit !== 'false') {
    errors.push({ parameter: 'omit_internal', detail: 'omit_internal must be true or false' });
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, query: { ...filter, limit, page, omitInternal: omit === 'true' } };
}

export interface ListPage<T> {
  data: T[];
  pagination: { totalElements: number; elementsPerPage: number; currentPage: number; totalPages: number };
  links: { first: string; prev?: string; self: string; next?: string; last: string };
}

/** The pages of a list of `total` objects, and the links between them, keeping the client's filters. */
export function listPage<T>(data: T[], total: number, query: ListQuery, listUrl: string, raw: Readonly<Record<string, unknown>>): ListPage<T> {
  const totalPages = Math.max(1, Math.ceil(total / query.limit));
  const kept = new URLSearchParams();
  for (const name of LIST_PARAMETERS) {
    const value = raw[name];
    if (typeof value === 'string') kept.set(name, value);
  }
  const urlOf = (page: number) => {
    const params = new URLSearchParams(kept);
    if (page > 1) params.set('page', String(page));
    const text = params.toString();
    return text ? `${listUrl}?${text}` : listUrl;
  };
  const current = query.page;
  return {
    data,
    pagination: { totalElements: total, elementsPerPage: query.limit, currentPage: current, totalPages },
    links: {
      first: urlOf(1),
      ...(current > 1 ? { prev: urlOf(Math.min(current - 1, totalPages)) } : {}),
      self: urlOf(current),
      ...(current < totalPages ? { next: urlOf(current + 1) } : {}),
      last: urlOf(totalPages),
    },
  };
}

// Made once: each new Intl.DateTimeFormat costs about 150 µs and memory outside V8's heap (calendar/today.ts).
const ENGLAND_MINUTE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A meeting's local date and time in England as an OParl date-time with its offset (GMT or BST that day). */
export function englandDateTime(date: string, time: string): string {
  const hhmm = time.slice(0, 5);
  const asUtc = Date.parse(`${date}T${hhmm}:00Z`);
  // The offset is the one in force at that moment in England: try BST (+01:00) first, then GMT.
  for (const hours of [1, 0]) {
    const instant = new Date(asUtc - hours * 3_600_000);
    const local = ENGLAND_MINUTE.formatToParts(instant);
    const part = (type: string) => local.find((p) => p.type === type)?.value ?? '';
    if (`${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}` === `${date}T${hhmm}`) {
      return `${date}T${hhmm}:00${hours ? '+01:00' : '+00:00'}`;
    }
  }
  // A time skipped when the clocks go forward (01:00–02:00 on the last Sunday of March) is read as BST.
  return `${date}T${hhmm}:00+01:00`;
}
