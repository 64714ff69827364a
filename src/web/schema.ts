// Building blocks for the zod schemas that validate both forms and API bodies, with messages
// written the GOV.UK way (say what to do, name the field).
import { z } from 'zod';
import { ValidationError, type FieldErrors } from './errors.ts';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A record id as the database stores it; anything else is never looked up (PostgreSQL would refuse it). */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_PATTERN.test(value);

export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A search term for ILIKE, with its own % and _ taken literally. */
export const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Optional free text: trimmed; empty becomes null. */
export const optionalText = (label: string, max = 2000) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .nullish()
    .transform((v) => (v ? v : null));

/** Required free text: trimmed, must not be empty. */
export const requiredText = (emptyMessage: string, label: string, max = 300) =>
  z.string({ error: emptyMessage }).trim().min(1, emptyMessage).max(max, `${label} must be ${max} characters or fewer`);

/** A calendar date the register can hold: PostgreSQL has no year 0, and councils' papers fall well within these years. */
export const isoDate = (label: string) =>
  z.iso
    .date({ error: `${label} must be a real date in the format YYYY-MM-DD` })
    .refine((v) => v >= '1900-01-01' && v <= '2100-12-31', `${label} must be between 1900 and 2100`);

/** A moment in time for sync queries (modifiedSince), within years PostgreSQL and people use. */
export const isoDateTime = (label: string) =>
  z.iso
    .datetime({ offset: true, error: `${label} must be a date and time like 2011-10-01T00:00:00Z` })
    .refine((v) => v.slice(0, 4) >= '1900' && v.slice(0, 4) <= '2100', `${label} must be between 1900 and 2100`);

export const optionalIsoDate = (label: string) =>
  isoDate(label)
    .nullish()
    .transform((v) => v ?? null);

export const id = (message = 'Select a valid option') => z.uuid({ error: message });

export const optionalId = (message?: string) =>
  z
    .union([id(message), z.literal(''), z.null()])
    .optional()
    .transform((v) => (v ? v : null));

export const code = (values: [string, ...string[]], message: string) => z.enum(values, { error: message });

export const optionalUrl = (label: string) =>
  z
    .string()
    .trim()
    .max(2000, `${label} must be 2000 characters or fewer`)
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), `${label} must be a web address starting with http:// or https://`);

export const optionalEmail = (label: string) =>
  z
    .string()
    .trim()
    .max(320)
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || EMAIL_PATTERN.test(v), `Enter ${label} in the correct format, like name@example.org`);

export const optionalPhone = (label: string) =>
  z
    .string()
    .trim()
    .max(40)
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^\+?[0-9 ()-]{6,}$/.test(v), `Enter ${label}, like 01632 960 001`);

/**
 * Options for superRefine so that cross-field rules still run when a field has failed, and a
 * form shows every problem at once (zod skips refinements after a failure by default).
 */
export const alsoWithFieldErrors = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
} as unknown as undefined;

/** Optimistic-concurrency version sent back with every edit. */
export const MAX_VERSION = 2_147_483_647;
export const version = z.coerce
  .number({ error: 'The record version is missing' })
  .int('The record version must be a whole number')
  .min(1, 'The record version is missing')
  .max(MAX_VERSION, 'The record version is not one this record has had');

/** A version posted by a form; anything that is not a version a record could have becomes -1 (a conflict). */
export function formVersion(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,10}$/.test(value.trim()) ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 1 && n <= MAX_VERSION ? n : -1;
}

/** True if any string in a parsed body, query or params holds a NUL, which PostgreSQL cannot store. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 20 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return false;
  return Object.entries(value as Record<string, unknown>).some(([k, v]) => k.includes('\u0000') || containsNul(v, depth + 1));
}

/** Field name → first message, from a zod error. */
export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? String(issue.path[0]) : '_';
    out[key] ??= issue.message;
  }
  return out;
}

/** Parses or throws a ValidationError carrying field messages. */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldErrorsFrom(result.error));
  return result.data;
}

/** True for PostgreSQL's unique_violation, from pg or PGlite. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

/** Free text that may be long and keeps its line breaks; absent or null becomes ''. */
export const longText = (label: string, max = 5000) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .nullish()
    .transform((v) => v ?? '');
