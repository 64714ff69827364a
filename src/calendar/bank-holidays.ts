// England and Wales bank holidays: the list shipped with the application (GOV.UK's
// bank-holidays.json, 2000–2030), an administrator's uploaded replacement in the same format,
// and the rule that merges the two.
import { readFileSync } from 'node:fs';
import { assertIsoDate, parseIsoDate, type HolidayCalendar } from './working-days.ts';

/** ISO dates (yyyy-mm-dd) that are bank holidays. */
export type { HolidayCalendar };

export const BANK_HOLIDAYS_DIVISION = 'england-and-wales';
/** Uploads larger than this many characters of text are refused. */
export const MAX_BANK_HOLIDAYS_FILE_CHARS = 1024 * 1024;
/** Dates outside these years are refused as mistakes. */
export const EARLIEST_HOLIDAY_YEAR = 1900;
export const LATEST_HOLIDAY_YEAR = 2199;
const MAX_ERRORS_REPORTED = 20;

export type ParsedBankHolidays = { ok: true; dates: string[]; firstYear: number; lastYear: number } | { ok: false; errors: string[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a file in GOV.UK's bank-holidays.json format (as downloaded from
 * https://www.gov.uk/bank-holidays.json) and takes the England and Wales dates. Never throws:
 * problems come back as sentences an administrator can act on.
 */
export function parseBankHolidaysJson(text: string): ParsedBankHolidays {
  if (typeof text !== 'string') return { ok: false, errors: ['The file could not be read as text'] };
  if (text.length > MAX_BANK_HOLIDAYS_FILE_CHARS || Buffer.byteLength(text, 'utf8') > MAX_BANK_HOLIDAYS_FILE_CHARS) {
    return { ok: false, errors: ['The file is larger than 1 MB. The GOV.UK bank holidays file is much smaller: check you chose the right file'] };
  }
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return { ok: false, errors: ['The file is empty'] };
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return { ok: false, errors: ['The file is not JSON. Upload the bank-holidays.json file from GOV.UK'] };
  }
  if (!isPlainObject(data)) {
    return {
      ok: false,
      errors: ["The file is not in the GOV.UK bank holidays format: it should hold one entry for each division, such as 'england-and-wales'"],
    };
  }
  const division = data[BANK_HOLIDAYS_DIVISION];
  if (division === undefined) return { ok: false, errors: [`The file has no '${BANK_HOLIDAYS_DIVISION}' division`] };
  if (!isPlainObject(division) || !Array.isArray(division.events)) {
    return { ok: false, errors: [`The '${BANK_HOLIDAYS_DIVISION}' division in the file has no list of events`] };
  }
  const events: unknown[] = division.events;
  if (events.length === 0) return { ok: false, errors: [`The '${BANK_HOLIDAYS_DIVISION}' division in the file has no events`] };

  const errors: string[] = [];
  const dates = new Set<string>();
  events.forEach((event, index) => {
    const n = index + 1;
    if (!isPlainObject(event)) {
      errors.push(`Event ${n} is not in the GOV.UK format: each event should have a title and a date`);
      return;
    }
    const date = event.date;
    if (date === undefined || date === null || date === '') {
      errors.push(`Event ${n} has no date`);
      return;
    }
    if (typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      errors.push(`Event ${n} has the date '${String(date)}', which is not written yyyy-mm-dd`);
      return;
    }
    const parts = parseIsoDate(date);
    if (!parts) {
      errors.push(`Event ${n} has the date '${date}', which is not a real date`);
      return;
    }
    if (parts.year < EARLIEST_HOLIDAY_YEAR || parts.year > LATEST_HOLIDAY_YEAR) {
      errors.push(`Event ${n} has the date '${date}', which is outside the years ${EARLIEST_HOLIDAY_YEAR} to ${LATEST_HOLIDAY_YEAR}`);
      return;
    }
    dates.add(date);
  });

  if (errors.length === 0) {
    // The upload replaces every year from its first to its last, so a year in between with no
    // bank holidays at all (there is always Christmas Day) means events are missing.
    const years = new Set([...dates].map((d) => Number(d.slice(0, 4))));
    const first = Math.min(...years);
    const last = Math.max(...years);
    for (let year = first; year <= last; year++) {
      if (!years.has(year)) {
        errors.push(`The file has no bank holidays in ${year}, although it covers ${first} to ${last}. Every year has bank holidays, so some are missing`);
      }
    }
  }

  if (errors.length > 0) {
    if (errors.length > MAX_ERRORS_REPORTED) {
      const more = errors.length - MAX_ERRORS_REPORTED;
      return {
        ok: false,
        errors: [...errors.slice(0, MAX_ERRORS_REPORTED), `There ${more === 1 ? 'is 1 more problem' : `are ${more} more problems`} in the file`],
      };
    }
    return { ok: false, errors };
  }
  const sorted = [...dates].sort();
  return { ok: true, dates: sorted, firstYear: Number(sorted[0]!.slice(0, 4)), lastYear: Number(sorted[sorted.length - 1]!.slice(0, 4)) };
}

let shippedCache: string[] | null = null;

/** The England and Wales bank holidays shipped with the application (2000–2030), sorted. */
export function shippedBankHolidays(): string[] {
  if (!shippedCache) {
    const text = readFileSync(new URL('./bank-holidays-england-and-wales.json', import.meta.url), 'utf8');
    const parsed = parseBankHolidaysJson(text);
    if (!parsed.ok) throw new Error(`The shipped bank holidays file is invalid: ${parsed.errors.join('; ')}`);
    shippedCache = parsed.dates;
  }
  return [...shippedCache];
}

/**
 * An administrator's uploaded list replaces the shipped dates for every calendar year from
 * its first year to its last; other years keep the shipped dates.
 */
export function mergeBankHolidays(shipped: string[], uploaded: string[] | null): HolidayCalendar {
  for (const d of shipped) assertIsoDate(d, 'shipped bank holiday');
  if (!uploaded || uploaded.length === 0) return new Set(shipped);
  for (const d of uploaded) assertIsoDate(d, 'uploaded bank holiday');
  const years = uploaded.map((d) => Number(d.slice(0, 4)));
  const first = Math.min(...years);
  const last = Math.max(...years);
  const merged = new Set<string>();
  for (const d of shipped) {
    const year = Number(d.slice(0, 4));
    if (year < first || year > last) merged.add(d);
  }
  for (const d of uploaded) merged.add(d);
  return merged;
}

let defaultCache: HolidayCalendar | null = null;

/** The shipped England and Wales bank holidays, with no upload. */
export function defaultHolidayCalendar(): HolidayCalendar {
  defaultCache ??= mergeBankHolidays(shippedBankHolidays(), null);
  return defaultCache;
}
