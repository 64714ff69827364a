// Dates on pages and in queries, shared by the capabilities: redisplaying a GOV.UK date input, the
// small form that records the day something ended (a membership, a role, an appointment), and an
// inclusive from–to range of dates in an API query.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Action } from '../access/permissions.ts';
import { access } from '../access/route-access.ts';
import { todayInEngland } from '../calendar/today.ts';
import { ConflictError, ValidationError, type FieldErrors } from './errors.ts';
import { dateInputParts } from './form-input.ts';
import { asBody, errorSummary, readDate, text, type FormBody } from './forms.ts';
import { page, type PageRequest } from './page.ts';
import { isoDate } from './schema.ts';

/** The values of a date input for redisplay: the raw boxes after an error, or the stored date. */
export function dateBoxes(values: FormBody, field: string) {
  if (values[`${field}-day`] !== undefined || values[`${field}-month`] !== undefined || values[`${field}-year`] !== undefined) {
    return { day: text(values[`${field}-day`]) ?? '', month: text(values[`${field}-month`]) ?? '', year: text(values[`${field}-year`]) ?? '' };
  }
  return dateInputParts(text(values[field]));
}

/** What the end-date form shows besides its record: the errors, their summary and the date's boxes. */
export interface EndDateFields {
  errors: FieldErrors;
  errorList: { text: string; href: string | undefined }[];
  endDate: { day: string; month: string; year: string };
}

/**
 * The form that ends something on a date, at `path`: GET shows it with today's date, POST reads the
 * date (required), runs `end` and goes to the address it returns. A ValidationError shows the form again
 * with the errors (400); a ConflictError does too (409) when `conflict` says what to tell the user.
 */
export function registerEndDateForm(
  app: FastifyInstance,
  path: string,
  action: Action,
  form: {
    show: (req: PageRequest, reply: FastifyReply, fields: EndDateFields, code?: number) => Promise<unknown>;
    end: (req: PageRequest, endDate: string) => Promise<string>;
    conflict?: (err: ConflictError) => string;
  },
) {
  const show = (req: PageRequest, reply: FastifyReply, values: FormBody, errors: FieldErrors, code = 200) =>
    form.show(req, reply, { errors, errorList: errorSummary(errors, { endDate: 'endDate-day' }), endDate: dateBoxes(values, 'endDate') }, code);
  app.get(
    path,
    access(action),
    page(async (req, reply) => show(req, reply, { endDate: todayInEngland() }, {})),
  );
  app.post(
    path,
    access(action),
    page(async (req, reply) => {
      const body = asBody(req.body);
      const errors: FieldErrors = {};
      const endDate = readDate(body, 'endDate', 'End date', errors, { required: true });
      try {
        if (!endDate) throw new ValidationError(errors);
        return reply.redirect(await form.end(req, endDate), 303);
      } catch (err) {
        if (err instanceof ConflictError && form.conflict) return show(req, reply, body, { endDate: form.conflict(err) }, 409);
        if (!(err instanceof ValidationError)) throw err;
        return show(req, reply, body, { ...errors, ...err.fieldErrors }, 400);
      }
    }),
  );
}

/** An inclusive range of dates in a query: `from` and `to`, either optional. */
export const dateRangeQuery = { from: isoDate('from').optional(), to: isoDate('to').optional() };

/** For superRefine on a query with a date range: `to` may not be before `from`. */
export function toNotBeforeFrom(q: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must be the same as or after from' });
}
