// Building blocks for the zod schemas that validate both forms and API bodies, with messages
// written the GOV.UK way (say what to do, name the field).
import { z } from 'zod';
import { ValidationError, type FieldErrors } from './errors.ts';

/** Optional free text: trimmed; empty becomes null. */
export const optionalText = (label: string, max = 2000) =>
  z.string({ error: `${label} must be text` }).trim().max(max, `${label} must be ${max} characters or fewer`)
    .nullish().transform((v) => (v ? v : null));

/** Required free text: trimmed, must not be empty. */
export const requiredText = (emptyMessage: string, label: string, max = 300) =>
  z.string({ error: emptyMessage }).trim().min(1, emptyMessage).max(max, `${label} must be ${max} characters or fewer`);

export const isoDate = (label: string) =>
  z.iso.date({ error: `${label} must be a real date in the format YYYY-MM-DD` });

export const optionalIsoDate = (label: string) => isoDate(label).nullish().transform((v) => v ?? null);

export const id = (message = 'Select a valid option') => z.uuid({ error: message });

export const optionalId = (message?: string) =>
  z.union([id(message), z.literal(''), z.null()]).optional().transform((v) => (v ? v : null));

export const code = (values: [string, ...string[]], message: string) => z.enum(values, { error: message });

export const optionalUrl = (label: string) =>
  z.string().trim().max(2000, `${label} must be 2000 characters or fewer`).nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^https?:\/\/[^\s]+$/i.test(v), `${label} must be a web address starting with http:// or https://`);

export const optionalEmail = (label: string) =>
  z.string().trim().max(320).nullish().transform((v) => (v ? v : null))
    .refine((v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), `Enter ${label} in the correct format, like name@example.org`);

export const optionalPhone = (label: string) =>
  z.string().trim().max(40).nullish().transform((v) => (v ? v : null))
    .refine((v) => v === null || /^\+?[0-9 ()-]{6,}$/.test(v), `Enter ${label}, like 01632 960 001`);

/**
 * Options for superRefine so that cross-field rules still run when a field has failed, and a
 * form shows every problem at once (zod skips refinements after a failure by default).
 */
export const alsoWithFieldErrors = {
  when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null,
} as unknown as undefined;

/** Optimistic-concurrency version sent back with every edit. */
export const version = z.coerce.number({ error: 'The record version is missing' }).int().min(1, 'The record version is missing');

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
