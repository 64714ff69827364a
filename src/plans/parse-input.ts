// Parsing a form's input with its schema together with the problems its route found first (a date
// that is not a real date), so that every problem is shown at once. Used by the risk register and
// portfolio services.
import type { z } from 'zod';
import { ValidationError, type FieldErrors } from '../web/errors.ts';
import { fieldErrorsFrom } from '../web/schema.ts';

/** Parses with the schema; throws a ValidationError with the schema's problems and the route's `extra` ones. */
export function parseWithRouteErrors<T>(schema: z.ZodType<T>, raw: unknown, extra: FieldErrors = {}): T {
  const result = schema.safeParse(raw);
  const errors = { ...(result.success ? {} : fieldErrorsFrom(result.error)), ...extra };
  if (!result.success || Object.keys(errors).length) throw new ValidationError(errors);
  return result.data;
}
