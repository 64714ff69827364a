// Back-office pages for planning: the deadlines dashboard across every body, each body's forward
// agenda plan and workshop plan (shown, exported as CSV or Excel, and imported), and the bank holidays.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { isUpload } from '../documents/file-types.ts';
import { asBody, errorSummary, submitForm, text } from '../web/forms.ts';
import { page } from '../web/page.ts';
import { formatLongDate } from '../calendar/format.ts';
import { toCsv } from '../documents/csv.ts';
import { readSpreadsheet, SpreadsheetError, writeXlsx } from '../documents/spreadsheet.ts';
import {
  AGENDA_PLAN_COLUMNS,
  WORKSHOP_PLAN_COLUMNS,
  agendaPlanRows,
  parseAgendaPlan,
  parseWorkshopPlan,
  workshopPlanRows,
  type PlanMeeting,
} from './plan-io.ts';
import * as repo from './meetings.repository.ts';
import * as service from './meetings.service.ts';
import * as planService from './plan.service.ts';
import { flashOf, loaders, type Req } from './staff-pages.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';

export async function registerPlanPages(app: FastifyInstance, db: Database) {
  const { loadBody } = loaders(db);
  // ---- Forward plan, workshop plan and the deadlines dashboard -----------------------------------------
  app.get(
    '/meetings',
    access('manage.view'),
    page(async (req, reply) => {
      const view = await planService.deadlineDashboard(db, req.ctx.tenantId, service.todayInEngland(), text(req.query.when) === 'past');
      return reply.view('meetings/views/dashboard.njk', {
        pageTitle: 'Meetings and deadlines',
        ...view,
        longDate: formatLongDate,
        when: text(req.query.when) ?? 'upcoming',
      });
    }),
  );

  for (const plan of ['plan', 'workshops'] as const) {
    const label = plan === 'plan' ? 'Forward agenda plan' : 'Workshop and training plan';
    app.get(
      `/bodies/:id/${plan}`,
      access('manage.view'),
      page(async (req, reply) => {
        const body = await loadBody(req);
        const view = await planService.planView(db, req.ctx.tenantId, body, plan === 'plan' ? 'agenda' : 'workshop', text(req.query.all) === 'yes');
        return reply.view(`meetings/views/${plan === 'plan' ? 'plan' : 'workshops'}.njk`, {
          pageTitle: `${label}: ${body.name}`,
          body,
          ...view,
          longDate: formatLongDate,
          flash: flashOf(req),
          breadcrumbs: [
            { text: 'Committees and boards', href: '/bodies' },
            { text: body.name, href: `/bodies/${body.id}` },
          ],
          showAll: text(req.query.all) === 'yes',
        });
      }),
    );
    for (const format of ['csv', 'xlsx'] as const) {
      app.get(
        `/bodies/:id/${plan}.${format}`,
        access('manage.view'),
        page(async (req, reply) => {
          const body = await loadBody(req);
          const meetings = await planService.planMeetings(db, req.ctx.tenantId, body.id, plan === 'plan' ? 'agenda' : 'workshop');
          const rows = plan === 'plan' ? agendaPlanRows(meetings) : workshopPlanRows(meetings);
          const filename = `${body.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${plan === 'plan' ? 'agenda-plan' : 'workshop-plan'}.${format}`;
          const content = format === 'csv' ? toCsv(rows) : await writeXlsx(label, rows);
          return sendDocument(reply, { filename, contentType: MEDIA_TYPES[format], content, caching: 'none' });
        }),
      );
    }
  }

  // Import of either plan: the same two steps (check every row; import all, or confirm the valid rows).
  for (const plan of ['plan', 'workshops'] as const) {
    const what = plan === 'plan' ? 'forward agenda plan' : 'workshop and training plan';
    const importView = (reply: FastifyReply, body: repo.BodyRow, extra: Record<string, unknown>, code = 200) =>
      reply.code(code).view('meetings/views/plan-import.njk', {
        pageTitle: `Import a ${what}: ${body.name}`,
        body,
        plan,
        what,
        columns: plan === 'plan' ? AGENDA_PLAN_COLUMNS : WORKSHOP_PLAN_COLUMNS,
        backLink: `/bodies/${body.id}/${plan}`,
        errors: {},
        ...extra,
      });
    app.get(
      `/bodies/:id/${plan}/import`,
      access('meeting.edit'),
      page(async (req, reply) => importView(reply, await loadBody(req), {})),
    );

    app.post(
      `/bodies/:id/${plan}/import`,
      { ...access('meeting.edit'), bodyLimit: 12 * 1024 * 1024 },
      page(async (req, reply) => {
        const body = await loadBody(req);
        const form = asBody(req.body);
        // A second step confirms the valid rows of a file with problems: the parsed plan comes back in a hidden field.
        let meetings: PlanMeeting[];
        if (text(form.confirmed) === 'yes') {
          try {
            meetings = planService.decodePlan(text(form.plan) ?? '');
          } catch {
            return importView(reply, body, { errorList: [{ text: 'The import could not be confirmed: upload the file again' }] }, 400);
          }
        } else {
          const upload = form.file;
          if (!isUpload(upload) || upload.data.length === 0) {
            const errors = { file: `Select a CSV or Excel file of the ${what}` };
            return importView(reply, body, { errors, errorList: errorSummary(errors) }, 400);
          }
          try {
            const rows = await readSpreadsheet(upload.data, upload.filename);
            const parsed = plan === 'plan' ? parseAgendaPlan(rows) : parseWorkshopPlan(rows);
            meetings = parsed.meetings;
            if (parsed.problems.length > 0) {
              return importView(
                reply,
                body,
                {
                  problems: parsed.problems,
                  validMeetings: meetings,
                  validRowCount: parsed.validRowCount,
                  encodedPlan: planService.encodePlan(meetings),
                  errorList: [
                    {
                      text: `The file has ${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}. Nothing has been imported`,
                      href: '#problems',
                    },
                  ],
                },
                400,
              );
            }
          } catch (err) {
            if (!(err instanceof SpreadsheetError) && !(err instanceof Error && err.name === 'CsvError')) throw err;
            const errors = { file: err.message };
            return importView(reply, body, { errors, errorList: errorSummary(errors) }, 400);
          }
        }
        const result = await planService.importPlan(db, req.ctx, body, plan === 'plan' ? meetings : planService.workshopsOnly(meetings));
        return reply.redirect(`/bodies/${body.id}/${plan}?done=imported&meetings=${result.meetings}&items=${result.items}`, 303);
      }),
    );
  }

  // ---- Bank holidays (administrators) ------------------------------------------------------------------
  const holidaysPage = async (req: Req, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const upload = await repo.latestBankHolidayUpload(db, req.ctx.tenantId);
    const calendar = await service.holidays(db, req.ctx.tenantId);
    const today = service.todayInEngland();
    const upcoming = [...calendar]
      .filter((d) => d >= today)
      .sort()
      .slice(0, 12);
    const lastYear = [...calendar].sort().at(-1)?.slice(0, 4);
    return reply.code(code).view('meetings/views/bank-holidays.njk', {
      pageTitle: 'Bank holidays',
      upload,
      upcoming,
      lastYear,
      longDate: formatLongDate,
      breadcrumbs: [{ text: 'Admin', href: '/admin' }],
      flash: flashOf(req),
      errors: {},
      ...extra,
    });
  };
  app.get(
    '/admin/bank-holidays',
    access('calendar.manage'),
    page(async (req, reply) => holidaysPage(req, reply)),
  );
  app.post(
    '/admin/bank-holidays',
    { ...access('calendar.manage'), bodyLimit: 2 * 1024 * 1024 },
    page(async (req, reply) => {
      return submitForm(() => service.uploadBankHolidays(db, req.ctx, asBody(req.body).file), {
        done: () => reply.redirect('/admin/bank-holidays?done=holidays', 303),
        invalid: (errors, status) => holidaysPage(req, reply, { errors, errorList: errorSummary(errors) }, status),
      });
    }),
  );
}
