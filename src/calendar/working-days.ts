// Calendar arithmetic on ISO 'yyyy-mm-dd' dates, and the working-day rules the meeting
// deadlines are built on. Pure: dates are converted to a whole day number (days since
// 1970-01-01 in the proleptic Gregorian calendar) and back, so no time zone, clock change or
// JavaScript Date quirk (Date.UTC maps years 0–99 to 1900–1999) can ever shift a day.
//
// "Clear days" exclude both the first day (e.g. the day the agenda is published) and the
// last day (the day of the meeting). Working days are Monday to Friday, except the bank
// holidays in the HolidayCalendar given.
/** The bank holidays in force, as ISO dates. */
export type HolidayCalendar = ReadonlySet<string>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The parts of a real ISO date, or null when the text is not one ('2019-02-30', '31/05/2018', ''). */
export function parseIsoDate(value: unknown): { year: number; month: number; day: number } | null {
  if (typeof value !== 'string') return null;
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True when the text is a real calendar date written yyyy-mm-dd. */
export function isIsoDate(value: unknown): value is string {
  return parseIsoDate(value) !== null;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  try {
    return String(JSON.stringify(value) ?? value);
  } catch {
    return typeof value;
  }
}

/** Throws a TypeError naming the argument unless `value` is a real yyyy-mm-dd date. */
export function assertIsoDate(value: unknown, name = 'date'): asserts value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) {
    throw new TypeError(`The ${name} must be a date written yyyy-mm-dd, but was ${describe(value)}`);
  }
  if (!parseIsoDate(value)) throw new TypeError(`The ${name} ${describe(value)} is not a real date`);
}

function assertCount(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`The ${name} must be a whole number of days, zero or more, but was ${describe(value)}`);
  }
}

// Howard Hinnant's days_from_civil / civil_from_days: exact integer arithmetic.
function dayNumber(iso: string, name = 'date'): number {
  assertIsoDate(iso, name);
  const { year, month, day } = parseIsoDate(iso)!;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) throw new RangeError('The date falls outside the years 0000 to 9999');
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
function dayOfWeek(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

function dayIsWorking(days: number, holidays: HolidayCalendar): boolean {
  const dow = dayOfWeek(days);
  return dow !== 0 && dow !== 6 && !holidays.has(fromDayNumber(days));
}

/** The date `n` calendar days after `date` (before it when n is negative). */
export function addDays(date: string, n: number): string {
  const start = dayNumber(date);
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new TypeError(`The number of days to add must be a whole number, but was ${describe(n)}`);
  }
  return fromDayNumber(start + n);
}

/** Calendar days from `from` to `to`: positive when `to` is later. */
export function daysFromTo(from: string, to: string): number {
  return dayNumber(to, 'end date') - dayNumber(from, 'start date');
}

export function isWeekend(date: string): boolean {
  const dow = dayOfWeek(dayNumber(date));
  return dow === 0 || dow === 6;
}

export function isWorkingDay(date: string, holidays: HolidayCalendar): boolean {
  return dayIsWorking(dayNumber(date), holidays);
}

/** '2018-05-31' → 'Thursday'. */
export function weekdayName(date: string): string {
  return WEEKDAYS[dayOfWeek(dayNumber(date))]!;
}

/**
 * Working days strictly between the two dates: neither the first day (publication) nor the
 * last (the meeting) counts. 0 when `to` is not at least two days after `from`.
 */
export function clearWorkingDaysBetween(from: string, to: string, holidays: HolidayCalendar): number {
  const a = dayNumber(from, 'start date');
  const b = dayNumber(to, 'end date');
  let count = 0;
  for (let d = a + 1; d < b; d++) if (dayIsWorking(d, holidays)) count++;
  return count;
}

/**
 * The `n`th working day before `date` (n = 1 is the working day before it). n = 0 gives
 * `date` itself. 3 before Thursday 31 May 2018 is Friday 25 May 2018, because Monday
 * 28 May 2018 was a bank holiday.
 */
export function workingDaysBefore(date: string, n: number, holidays: HolidayCalendar): string {
  let d = dayNumber(date);
  assertCount(n, 'number of working days');
  let remaining = n;
  while (remaining > 0) {
    d--;
    if (dayIsWorking(d, holidays)) remaining--;
  }
  return fromDayNumber(d);
}

/**
 * The latest working day D before the meeting that leaves at least `clearDays` clear working
 * days between D and the meeting. The clear days are then exactly the `clearDays` working days
 * before the meeting, so D is the working day before the `clearDays`th working day before it,
 * i.e. the (clearDays + 1)th working day before the meeting.
 */
export function latestDateWithClearWorkingDays(meeting: string, clearDays: number, holidays: HolidayCalendar): string {
  assertIsoDate(meeting, 'meeting date');
  assertCount(clearDays, 'number of clear working days');
  return workingDaysBefore(meeting, clearDays + 1, holidays);
}

/** Calendar days strictly between the two dates; 0 when `to` is not at least two days after `from`. */
export function clearDaysBetween(from: string, to: string): number {
  return Math.max(0, daysFromTo(from, to) - 1);
}

/** The latest date (any day of the week) leaving at least `clearDays` clear days before the meeting. */
export function latestDateWithClearDays(meeting: string, clearDays: number): string {
  const m = dayNumber(meeting, 'meeting date');
  assertCount(clearDays, 'number of clear days');
  return fromDayNumber(m - clearDays - 1);
}

/** True when year, month and day name a day that exists (not 31 April, not 29 February 2027). */
export function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
