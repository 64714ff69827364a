// How dates and times are written, in pages and generated documents alike. Pure functions.
import { assertIsoDate, parseIsoDate, weekdayName } from './working-days.ts';

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
const MONTHS = MONTH_NAMES;

export type DatePrecision = 'day' | 'month' | 'year';

/** '2009-07-07' → '7 July 2009'; with precision 'month' → 'July 2009'; 'year' → '2009'. */
export function formatDate(iso: string | null | undefined, precision: DatePrecision = 'day'): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (precision === 'year') return y!;
  const month = MONTHS[Number(mo) - 1];
  if (precision === 'month') return `${month} ${y}`;
  return `${Number(d)} ${month} ${y}`;
}

// Made once: each new Intl.DateTimeFormat costs about 150 µs and memory outside V8's heap (calendar/today.ts).
const ENGLAND_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

/** A timestamp as '23 November 2026 at 3:04pm' in UK time. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  const parts = ENGLAND_DATE_TIME.formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')} at ${get('hour')}:${get('minute')}${get('dayPeriod').toLowerCase()}`;
}

/** The financial year starting in April of `startYear`: 2011 → '2011/12'. */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The financial year (its April start year) a date falls in: '2011-03-31' → 2010. */
export function financialYearOf(iso: string): number {
  const year = Number(iso.slice(0, 4));
  const month = Number(iso.slice(5, 7));
  return month >= 4 ? year : year - 1;
}

/** '2018-05-31' → 'Thursday 31 May 2018'. */
export function formatLongDate(iso: string): string {
  assertIsoDate(iso);
  const { year, month, day } = parseIsoDate(iso)!;
  return `${weekdayName(iso)} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** '2018-05' or '2018-05-31' → 'May 2018'. */
export const formatMonth = (iso: string): string => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

/** '14:00' → '2pm', '10:30' → '10:30am', '12:00' → '12 noon', as GOV.UK writes times. */
export function formatTime(hhmm: string | null | undefined): string {
  const m = /^(\d{2}):(\d{2})/.exec(hhmm ?? '');
  if (!m) return '';
  const hour = Number(m[1]);
  const minute = m[2]!;
  if (hour === 12 && minute === '00') return '12 noon';
  if (hour === 0 && minute === '00') return 'midnight';
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${h12}${minute === '00' ? '' : `:${minute}`}${hour < 12 ? 'am' : 'pm'}`;
}
