// Display formatting shared by pages and generated documents. Pure functions.

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

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

/** A timestamp as '23 November 2026 at 3:04pm' in UK time. */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit',
    hour12: true,
  }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')} ${get('month')} ${get('year')} at ${get('hour')}:${get('minute')}${get('dayPeriod').toLowerCase()}`;
}

/** 800000 → '£8,000'; 2347050 → '£23,470.50'. Money is held in pence. */
export function formatPence(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return '';
  const negative = pence < 0;
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100);
  const rest = abs % 100;
  const text = `£${pounds.toLocaleString('en-GB')}${rest ? `.${String(rest).padStart(2, '0')}` : ''}`;
  return negative ? `-${text}` : text;
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

/** 250880 → '245 KB', as GOV.UK attachment links show sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
