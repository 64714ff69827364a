// Attaching the quarterly update to Cabinet to an agenda item (issue 16): the form picks a meeting's item for
// the report as it is asked for (quarter, partnerships, date), freezes it as that item's paper, and lists the
// items that have one, each with the button to take it off while the agenda is unpublished.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { access } from '../access/route-access.ts';
import { formatDate, formatDateTime } from '../calendar/format.ts';
import { todayInEngland } from '../calendar/today.ts';
import type { Database } from '../db/database.ts';
import type { FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, submitForm, type FormBody } from '../web/forms.ts';
import { flashFrom, idParam, page, queryText, type PageRequest } from '../web/page.ts';
import { parseQuarter, previousQuarter, quarterOf } from './quarterly-rules.ts';
import * as repo from './report-versions.repository.ts';
import { attachAnnual, attachQuarterly, chosenPartnerships, detachQuarterly } from './report-versions.service.ts';
import { getReview } from './annual-review.service.ts';

const flash = flashFrom({
  attached: 'The report was frozen as the paper of the agenda item: the agenda pack carries this version',
  detached: 'The report was taken off the agenda item',
});
const FORM = '/quarterly-updates/report/agenda-item';

export async function registerReportVersionPages(app: FastifyInstance, db: Database) {
  /** What every attach form shows: the items to choose from and the items that have a paper. */
  const choices = async (req: PageRequest, chosen: string) => ({
    itemItems: [
      { value: '', text: 'Choose an agenda item' },
      ...(await repo.itemChoices(db, req.ctx.tenantId)).map((i) => ({
        value: i.id,
        text: `${i.bodyName}, ${formatDate(i.meetingDate)}, item ${i.position}: ${i.title}${i.exempt ? ' (exempt)' : ''}`,
        selected: i.id === chosen,
      })),
    ],
    attached: (await repo.attachedItems(db, req.ctx.tenantId)).map((a) => ({ ...a, meetingDateText: formatDate(a.meetingDate) })),
    flash: flash(req),
    formatDateTime,
  });
  const form = async (req: PageRequest, reply: FastifyReply, values: FormBody, errors: FieldErrors, code = 200) => {
    const today = todayInEngland();
    const quarter = parseQuarter(String(values.quarter ?? '')) ?? previousQuarter(quarterOf(today));
    const date = /^\d{4}-\d{2}-\d{2}$/.test(String(values.date ?? '')) ? String(values.date) : today;
    return reply.code(code).view('reports/views/report-attach.njk', {
      pageTitle: 'Attach the quarterly update to an agenda item',
      caption: `Quarterly update to Cabinet: ${quarter.label}`,
      action: FORM,
      hidden: [
        { name: 'quarter', value: quarter.start },
        { name: 'date', value: date },
        ...(chosenPartnerships(values.p) ?? []).map((p) => ({ name: 'p', value: p })),
      ],
      errors,
      errorList: errorSummary(errors),
      ...(await choices(req, String(values.agendaItemId ?? ''))),
      backLink: `/quarterly-updates/report?quarter=${quarter.start}&date=${date}`,
    });
  };
  app.get(
    FORM,
    access('report.edit'),
    page(async (req, reply) =>
      form(req, reply, { quarter: queryText(req, 'quarter'), date: queryText(req, 'date'), p: (req.query as Record<string, unknown>).p as string[] }, {}),
    ),
  );
  app.post(
    FORM,
    access('report.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => attachQuarterly(db, req.ctx, body), {
        done: () =>
          reply.redirect(`${FORM}?done=attached&quarter=${encodeURIComponent(String(body.quarter))}&date=${encodeURIComponent(String(body.date))}`, 303),
        invalid: (errors, status) => form(req, reply, body, errors, status),
      });
    }),
  );
  app.post(
    '/quarterly-updates/agenda-items/:id/detach',
    access('report.edit'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      return submitForm(() => detachQuarterly(db, req.ctx, id), {
        done: () => reply.redirect(`${FORM}?done=detached`, 303),
        invalid: (errors, status) => form(req, reply, {}, errors, status),
      });
    }),
  );

  const annualForm = async (req: PageRequest, reply: FastifyReply, values: FormBody, errors: FieldErrors, code = 200) => {
    const id = idParam(req, 'id');
    const { review } = await getReview(db, req.ctx.tenantId, id);
    return reply.code(code).view('reports/views/report-attach.njk', {
      pageTitle: 'Attach the annual review to an agenda item',
      caption: review.title,
      action: `/annual-reviews/${id}/agenda-item`,
      hidden: [],
      errors,
      errorList: errorSummary(errors),
      ...(await choices(req, String(values.agendaItemId ?? ''))),
      backLink: `/annual-reviews/${id}`,
    });
  };
  app.get(
    '/annual-reviews/:id/agenda-item',
    access('report.edit'),
    page(async (req, reply) => annualForm(req, reply, {}, {})),
  );
  app.post(
    '/annual-reviews/:id/agenda-item',
    access('report.edit'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      const body = asBody(req.body);
      return submitForm(() => attachAnnual(db, req.ctx, id, body), {
        done: () => reply.redirect(`/annual-reviews/${id}/agenda-item?done=attached`, 303),
        invalid: (errors, status) => annualForm(req, reply, body, errors, status),
      });
    }),
  );
}
