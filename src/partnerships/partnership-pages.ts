// What the partnership register's pages share: the request type, reading a record's id from the address,
// running a page handler so that a missing record shows the 404 page, and the choices and checks the forms share.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFoundPage } from '../web/error-pages.ts';
import { NotFoundError } from '../web/errors.ts';
import { fieldErrorsFrom, isUuid } from '../web/schema.ts';
import type { z } from 'zod';
import type { FieldErrors } from '../web/errors.ts';
import { financialYearLabel } from '../calendar/format.ts';
import { EXEMPT_PARAGRAPHS } from '../publication/exempt.ts';

export type Req = FastifyRequest<{ Params: Record<string, string>; Querystring: Record<string, string | string[]> }>;

export function idParam(req: Req, name = 'id'): string {
  const value = req.params[name] ?? '';
  if (!isUuid(value)) throw new NotFoundError('page');
  return value.toLowerCase();
}

/** Runs a page handler; a missing record becomes the 404 page rather than an error. */
export const page = (handler: (req: Req, reply: FastifyReply) => Promise<unknown>) => async (req: Req, reply: FastifyReply) => {
  try {
    return await handler(req, reply);
  } catch (err) {
    if (err instanceof NotFoundError) return notFoundPage(reply);
    throw err;
  }
};

/** The financial years a form offers, newest first, from next year back to 1990/91. */
export function yearOptions(selected: unknown, today: string) {
  const thisYear = Number(today.slice(0, 4));
  return Array.from({ length: thisYear - 1990 + 3 }, (_, i) => thisYear + 1 - i).map((y) => ({
    value: String(y),
    text: financialYearLabel(y),
    selected: String(y) === String(selected),
  }));
}

/** The choice of Schedule 12A paragraph for a record that may be exempt from publication. */
export const exemptItems = (selected: unknown) => [
  { value: '', text: 'No: the public may see it' },
  ...Object.entries(EXEMPT_PARAGRAPHS).map(([n, t]) => ({ value: n, text: `Paragraph ${n}: ${t}`, selected: String(selected ?? '') === n })),
];

/** Every problem with a form at once: the schema's findings beside those met reading the form. */
export function formErrors(schema: z.ZodType, input: unknown, readErrors: FieldErrors): FieldErrors {
  const parsed = schema.safeParse(input);
  return { ...(parsed.success ? {} : fieldErrorsFrom(parsed.error)), ...readErrors };
}

/** Reads a posted form and checks it, with every problem at once. */
export function readForm<I>(form: { read(body: Record<string, unknown>, errors: FieldErrors): I; schema: z.ZodType }, body: Record<string, unknown>) {
  const readErrors: FieldErrors = {};
  const input = form.read(body, readErrors);
  return { input, errors: formErrors(form.schema, input, readErrors) };
}
