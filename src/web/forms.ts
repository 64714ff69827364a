// Helpers for server-rendered forms: reading urlencoded bodies, and turning field errors
// into the GOV.UK error summary and inline messages.
import { ConflictError, ValidationError, type FieldErrors } from './errors.ts';
import { parseDateInput, parseMoney } from './form-input.ts';

export type FormBody = Record<string, unknown>;

export const asBody = (body: unknown): FormBody => (body && typeof body === 'object' ? (body as FormBody) : {});

/** A checkbox group or multi-select posts one value or many; always get an array of strings. */
export function toArray(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String).filter((v) => v !== '');
}

/** A single text field; a field posted twice (a tampered form) is treated as not given. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** One line per item, as officers paste lists from Word. */
export const lines = (value: unknown): string[] =>
  String(text(value) ?? '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-•*]|\d+[.)])\s*/, '').trim())
    .filter(Boolean);

/** Fields whose first input has an id other than the field name (date inputs). */
const FIRST_INPUT: Record<string, string> = {};

export function errorSummary(errors: FieldErrors, firstInput: Record<string, string> = FIRST_INPUT) {
  return Object.entries(errors).map(([field, message]) => ({
    text: message,
    href: field === '_' ? undefined : `#${firstInput[field] ?? field}`,
  }));
}

/**
 * Reads a GOV.UK date input named `field` (field-day, field-month, field-year) into the body as
 * an ISO date, or records the error. Leaves the raw parts for redisplay.
 */
export function readDate(body: FormBody, field: string, label: string, errors: FieldErrors, opts: { required?: boolean } = {}) {
  const parsed = parseDateInput({ day: body[`${field}-day`], month: body[`${field}-month`], year: body[`${field}-year`] }, label, opts);
  if (!parsed.ok) {
    errors[field] = parsed.error;
    return undefined;
  }
  return parsed.value;
}

export function readMoney(body: FormBody, field: string, label: string, errors: FieldErrors) {
  const parsed = parseMoney(body[field], label);
  if (!parsed.ok) {
    errors[field] = parsed.error;
    return undefined;
  }
  return parsed.value;
}

/**
 * Runs a form's command. Success goes on to `done` (usually a redirect, so a refresh does not post
 * again); a ValidationError shows the form again with every error at once (400); a ConflictError, when
 * someone else saved the record first, shows it with that message (409).
 */
export async function submitForm<T>(
  command: () => Promise<T>,
  handlers: {
    done: (result: T) => unknown;
    invalid: (errors: FieldErrors, status: 400 | 409) => unknown;
  },
): Promise<unknown> {
  let result: T;
  try {
    result = await command();
  } catch (err) {
    if (err instanceof ValidationError) return handlers.invalid(err.fieldErrors, 400);
    if (err instanceof ConflictError) return handlers.invalid({ _: err.message }, 409);
    throw err;
  }
  return handlers.done(result);
}
