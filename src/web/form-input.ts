// Parsing of the GOV.UK form patterns (date input, money) into domain values, with the
// GOV.UK error messages. Pure functions: unit-tested with the patterns' own examples.
import { isRealDate } from '../calendar/working-days.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Reads a GOV.UK date input (three boxes) into 'YYYY-MM-DD'. `label` is the question in
 * sentence case, for example 'Date of the event'. Empty boxes give null when not required.
 */
export function parseDateInput(parts: { day?: unknown; month?: unknown; year?: unknown }, label: string, { required = false } = {}): Parsed<string | null> {
  const day = String(parts.day ?? '').trim();
  const month = String(parts.month ?? '').trim();
  const year = String(parts.year ?? '').trim();
  if (!day && !month && !year) {
    return required ? { ok: false, error: `Enter ${lowerFirst(label)}` } : { ok: true, value: null };
  }
  const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean) as string[];
  if (missing.length > 0) {
    return { ok: false, error: `${label} must include a ${missing.join(' and ')}` };
  }
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d+$/.test(year)) {
    return { ok: false, error: `${label} must be a real date` };
  }
  if (year.length !== 4) return { ok: false, error: 'Year must include 4 numbers' };
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  if (!isRealDate(y, m, d)) return { ok: false, error: `${label} must be a real date` };
  if (y < 1900 || y > 2100) return { ok: false, error: `${label} must be between 1900 and 2100` };
  return { ok: true, value: `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

/** Splits 'YYYY-MM-DD' back into the three boxes for redisplay. */
export function dateInputParts(iso: string | null | undefined): { day: string; month: string; year: string } {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})/.exec(iso) : null;
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1]! } : { day: '', month: '', year: '' };
}

/** '£8,000', '8000', '23,470.50' → pence. Never goes through a float. */
export function parseMoney(input: unknown, label: string): Parsed<number> {
  const text = String(input ?? '')
    .trim()
    .replace(/^£/, '')
    .replace(/,/g, '');
  if (!text) return { ok: false, error: `Enter ${lowerFirst(label)}` };
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return { ok: false, error: `${label} must be an amount of money, like £8,000 or £23,470.50` };
  if (m[1]!.length > 11) return { ok: false, error: `${label} must be less than £100,000,000,000` };
  const pence = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0') || '0');
  return { ok: true, value: pence };
}

/** Pence back into what the officer typed: 800000 → '8000', 2347050 → '23470.50'. */
export function penceToInput(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return '';
  const rest = pence % 100;
  return `${Math.floor(pence / 100)}${rest ? `.${String(rest).padStart(2, '0')}` : ''}`;
}

function lowerFirst(text: string) {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
