// The administrator's settings for the implications sections of each report type (issue 16): the list of
// report types with their sections, and one report type's sections to add, rename, reorder, remove and mark
// as needing an officer's clearance. Changes are audited (migration 0034's trigger).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { access } from '../access/route-access.ts';
import type { Database } from '../db/database.ts';
import { notFoundPage } from '../web/error-pages.ts';
import { NotFoundError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, type FormBody, submitForm } from '../web/forms.ts';
import { flashFrom, page, type PageRequest } from '../web/page.ts';
import { isReportType, REPORT_TYPE_HINTS, REPORT_TYPE_NAMES, REPORT_TYPES, type ReportType } from './implications.ts';
import { implicationSections, saveImplicationSections, sectionsToForm } from './implications.service.ts';

const flash = flashFrom({ saved: 'The implications sections were saved' });

/** As web/page.ts's page(), for an address whose parameter is a report type rather than an id: unknown is a 404. */
const typePage = (handler: (req: PageRequest, reply: FastifyReply) => Promise<unknown>) => async (req: PageRequest, reply: FastifyReply) => {
  try {
    return await handler(req, reply);
  } catch (err) {
    if (err instanceof NotFoundError) return notFoundPage(reply);
    throw err;
  }
};

function reportTypeOf(req: PageRequest): ReportType {
  const type = req.params.type;
  if (!isReportType(type)) throw new NotFoundError('report type');
  return type;
}

/** The form's rows for the view: each posted (or stored) row by number, the last one for a new section. */
function rowsOf(values: FormBody) {
  const count = Math.max(Number.parseInt(String(values.count ?? '1'), 10) || 1, 1);
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  return Array.from({ length: count }, (_, i) => ({
    i,
    key: v(`key-${i}`),
    heading: v(`heading-${i}`),
    order: v(`order-${i}`),
    question: v(`question-${i}`),
    clearedBy: v(`clearedBy-${i}`),
    required: v(`required-${i}`) === 'yes',
    defaultText: v(`defaultText-${i}`),
    remove: v(`remove-${i}`) === 'yes',
  }));
}

export async function registerImplicationSettings(app: FastifyInstance, db: Database) {
  app.get(
    '/admin/implications',
    access('users.manage'),
    page(async (req, reply) => {
      const types = await Promise.all(
        REPORT_TYPES.map(async (type) => ({
          type,
          name: REPORT_TYPE_NAMES[type],
          hint: REPORT_TYPE_HINTS[type],
          sections: await implicationSections(db, req.ctx.tenantId, type),
        })),
      );
      return reply.view('meetings/views/implications-list.njk', {
        pageTitle: 'Implications sections',
        types,
        breadcrumbs: [{ text: 'Admin', href: '/admin' }],
        flash: flash(req),
      });
    }),
  );

  const formPage = async (req: PageRequest, reply: FastifyReply, type: ReportType, values: FormBody, errors: FieldErrors, code = 200) =>
    reply.code(code).view('meetings/views/implications-form.njk', {
      pageTitle: `Implications sections: ${REPORT_TYPE_NAMES[type]}`,
      type,
      name: REPORT_TYPE_NAMES[type],
      hint: REPORT_TYPE_HINTS[type],
      rows: rowsOf(values),
      values,
      errors,
      errorList: errorSummary(errors, { sections: 'heading-0' }),
      breadcrumbs: [
        { text: 'Admin', href: '/admin' },
        { text: 'Implications sections', href: '/admin/implications' },
      ],
      flash: flash(req),
    });

  app.get(
    '/admin/implications/:type',
    access('users.manage'),
    typePage(async (req, reply) => {
      const type = reportTypeOf(req);
      return formPage(req, reply, type, sectionsToForm(await implicationSections(db, req.ctx.tenantId, type)), {});
    }),
  );

  app.post(
    '/admin/implications/:type',
    access('users.manage'),
    typePage(async (req, reply) => {
      const type = reportTypeOf(req);
      const body = asBody(req.body);
      return submitForm(() => saveImplicationSections(db, req.ctx, type, body), {
        done: () => reply.redirect(`/admin/implications/${type}?done=saved`, 303),
        invalid: async (errors, status) =>
          status === 409
            ? formPage(
                req,
                reply,
                type,
                sectionsToForm(await implicationSections(db, req.ctx.tenantId, type)),
                { _: 'Someone else changed these sections since you opened the page. They are shown as they are now: make your changes again.' },
                409,
              )
            : formPage(req, reply, type, body, errors, 400),
      });
    }),
  );
}
