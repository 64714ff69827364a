// Staff pages of key activity data (seed 004, section 2.5): a year's six tables at a period, and the forms for a
// line, a line's snapshot at a period and a table's notes. Committee members and staff read (manage.view);
// finance officers change (finance.edit).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { access } from '../access/route-access.ts';
import type { Database } from '../db/database.ts';
import type { FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, type FormBody, submitForm } from '../web/forms.ts';
import { flashFrom, idParam, page, type PageRequest, queryText } from '../web/page.ts';
import { periodItems, printers, yearItems } from './finance-pages.ts';
import { formatCount, SERVICE_GROUPS, type ServiceGroup, UNITS } from './key-activity-rules.ts';
import * as service from './key-activity.service.ts';
import { OUTTURN, parsePeriod, parseYear, periodLabel, yearLabel } from './rules.ts';

const BASE = '/finance/key-activity';
const flash = flashFrom({
  line: 'The line has been saved',
  snapshot: 'The figures have been saved',
  note: 'The notes have been saved',
  deleted: 'The line has been deleted',
});

/** What the key activity templates print: counts, £000, unit costs in pounds and pence. */
export const keyActivityPrinters = {
  ...printers,
  count: formatCount,
  unitLabel: (unit: keyof typeof UNITS) => UNITS[unit],
};

const listUrl = (year: number, period: number, done?: string) => `${BASE}?year=${yearLabel(year)}&period=${period}${done ? `&done=${done}` : ''}`;

const badRequest = (reply: FastifyReply, message: string) =>
  reply.code(400).view('web/views/errors/error.njk', { pageTitle: 'There is a problem with your request', status: 400, message });

export async function registerKeyActivityPages(app: FastifyInstance, db: Database) {
  app.get(
    BASE,
    access('manage.view'),
    page(async (req, reply) => {
      const years = await service.yearsWithData(db, req.ctx.tenantId);
      const asked = queryText(req, 'year');
      const year = asked ? parseYear(asked) : (years[0] ?? 2017);
      if (year === null) return badRequest(reply, 'The financial year must be written like 2017-18');
      const view = await service.yearTables(db, req.ctx.tenantId, year, parsePeriod(queryText(req, 'period')));
      const period = view.period;
      return reply.view('finance/views/key-activity.njk', {
        pageTitle: `Key activity data ${yearLabel(year)}`,
        breadcrumbs: [{ text: 'Budget monitoring', href: `/finance?year=${yearLabel(year)}` }],
        ...keyActivityPrinters,
        year,
        period,
        periodName: periodLabel(year, period),
        groups: view.groups,
        yearItems: yearItems(years.includes(year) ? years : [year, ...years], year),
        periodItems: periodItems(year, period),
        flash: flash(req),
      });
    }),
  );

  // ---- A line ------------------------------------------------------------------------------------------------
  const lineForm = (
    reply: FastifyReply,
    ctx: { year: number; group: ServiceGroup; action: string; values: FormBody; errors: FieldErrors; editing: boolean },
    code = 200,
  ) =>
    reply.code(code).view('finance/views/key-activity-line.njk', {
      pageTitle: `${ctx.editing ? 'Change' : 'Add'} a key activity line`,
      backLink: listUrl(ctx.year, OUTTURN),
      groupTitle: SERVICE_GROUPS[ctx.group].title,
      yearName: yearLabel(ctx.year),
      errorList: errorSummary(ctx.errors),
      ...ctx,
    });
  const newLineTarget = (req: PageRequest) => {
    const year = parseYear(queryText(req, 'year'));
    const group = queryText(req, 'group');
    return year !== null && service.isServiceGroup(group) ? { year, group } : null;
  };
  app.get(
    `${BASE}/lines/new`,
    access('finance.edit'),
    page(async (req, reply) => {
      const target = newLineTarget(req);
      if (!target) return badRequest(reply, 'Choose the financial year (like 2017-18) and one of the six service groups');
      const action = `${BASE}/lines/new?year=${yearLabel(target.year)}&group=${target.group}`;
      return lineForm(reply, { ...target, action, values: { kind: 'expenditure', unit: 'week' }, errors: {}, editing: false });
    }),
  );
  app.post(
    `${BASE}/lines/new`,
    access('finance.edit'),
    page(async (req, reply) => {
      const target = newLineTarget(req);
      if (!target) return badRequest(reply, 'Choose the financial year (like 2017-18) and one of the six service groups');
      const body = asBody(req.body);
      const action = `${BASE}/lines/new?year=${yearLabel(target.year)}&group=${target.group}`;
      return submitForm(() => service.addLine(db, req.ctx, target.year, target.group, body), {
        done: () => reply.redirect(listUrl(target.year, OUTTURN, 'line'), 303),
        invalid: (errors, status) => lineForm(reply, { ...target, action, values: body, errors, editing: false }, status),
      });
    }),
  );
  app.get(
    `${BASE}/lines/:id`,
    access('finance.edit'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      const { line, values } = await service.lineForm(db, req.ctx.tenantId, id);
      return lineForm(reply, { year: line.year, group: line.group, action: `${BASE}/lines/${id}`, values, errors: {}, editing: true });
    }),
  );
  app.post(
    `${BASE}/lines/:id`,
    access('finance.edit'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      const body = asBody(req.body);
      const current = await service.lineForm(db, req.ctx.tenantId, id);
      return submitForm(() => service.changeLine(db, req.ctx, id, body), {
        done: (line) => reply.redirect(listUrl(line.year, OUTTURN, 'line'), 303),
        // After a conflict the form shows what is saved now, with its version, so nothing is overwritten unseen.
        invalid: (errors, status) =>
          lineForm(
            reply,
            {
              year: current.line.year,
              group: current.line.group,
              action: `${BASE}/lines/${id}`,
              values: status === 409 ? current.values : body,
              errors,
              editing: true,
            },
            status,
          ),
      });
    }),
  );

  const deletePage = async (req: PageRequest, reply: FastifyReply, errors: FieldErrors, code = 200) => {
    const id = idParam(req, 'id');
    const { line } = await service.lineForm(db, req.ctx.tenantId, id);
    return reply.code(code).view('finance/appendices/views/delete.njk', {
      pageTitle: 'Delete a key activity line',
      backLink: listUrl(line.year, OUTTURN),
      singular: 'key activity line',
      label: `${line.name}${line.section ? ` (${line.section})` : ''}, ${SERVICE_GROUPS[line.group].title}, ${yearLabel(line.year)}, with its figures for every period`,
      version: line.version,
      action: `${BASE}/lines/${id}/delete`,
      errorList: errorSummary(errors),
    });
  };
  app.get(
    `${BASE}/lines/:id/delete`,
    access('finance.edit'),
    page(async (req, reply) => deletePage(req, reply, {})),
  );
  app.post(
    `${BASE}/lines/:id/delete`,
    access('finance.edit'),
    page(async (req, reply) =>
      submitForm(() => service.removeLine(db, req.ctx, idParam(req, 'id'), asBody(req.body)), {
        done: (line) => reply.redirect(listUrl(line.year, OUTTURN, 'deleted'), 303),
        invalid: (errors, status) => deletePage(req, reply, errors, status),
      }),
    ),
  );

  // ---- A line's snapshot at a period -------------------------------------------------------------------------
  const snapshotPage = async (req: PageRequest, reply: FastifyReply, values: FormBody | null, errors: FieldErrors, code = 200) => {
    const id = idParam(req, 'id');
    const period = parsePeriod(values ? values.period : queryText(req, 'period')) ?? OUTTURN;
    const saved = await service.snapshotForm(db, req.ctx.tenantId, id, period);
    return reply.code(code).view('finance/views/key-activity-snapshot.njk', {
      pageTitle: `Figures for ${saved.line.name}`,
      backLink: listUrl(saved.line.year, period),
      line: saved.line,
      unitLabel: UNITS[saved.line.unit],
      values: code === 409 || !values ? saved.values : values,
      errors,
      errorList: errorSummary(errors),
      periodItems: periodItems(saved.line.year, period),
    });
  };
  app.get(
    `${BASE}/lines/:id/snapshot`,
    access('finance.edit'),
    page(async (req, reply) => snapshotPage(req, reply, null, {})),
  );
  app.post(
    `${BASE}/lines/:id/snapshot`,
    access('finance.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => service.saveSnapshot(db, req.ctx, idParam(req, 'id'), body), {
        done: ({ year, period }) => reply.redirect(listUrl(year, period, 'snapshot'), 303),
        invalid: (errors, status) => snapshotPage(req, reply, body, errors, status),
      });
    }),
  );

  // ---- A table's notes ------------------------------------------------------------------------------------------
  const noteTarget = newLineTarget;
  const notePage = async (
    req: PageRequest,
    reply: FastifyReply,
    target: { year: number; group: ServiceGroup },
    values: FormBody | null,
    errors: FieldErrors,
    code = 200,
  ) => {
    const saved = (await service.yearTables(db, req.ctx.tenantId, target.year, OUTTURN)).groups.find((g) => g.key === target.group)!;
    return reply.code(code).view('finance/views/key-activity-note.njk', {
      pageTitle: `Notes on ${SERVICE_GROUPS[target.group].title}`,
      backLink: listUrl(target.year, OUTTURN),
      groupTitle: SERVICE_GROUPS[target.group].title,
      yearName: yearLabel(target.year),
      action: `${BASE}/notes?year=${yearLabel(target.year)}&group=${target.group}`,
      values: code === 409 || !values ? { note: saved.note, version: saved.noteVersion === null ? '' : String(saved.noteVersion) } : values,
      errors,
      errorList: errorSummary(errors),
    });
  };
  app.get(
    `${BASE}/notes`,
    access('finance.edit'),
    page(async (req, reply) => {
      const target = noteTarget(req);
      return target ? notePage(req, reply, target, null, {}) : badRequest(reply, 'Choose the financial year (like 2017-18) and one of the six service groups');
    }),
  );
  app.post(
    `${BASE}/notes`,
    access('finance.edit'),
    page(async (req, reply) => {
      const target = noteTarget(req);
      if (!target) return badRequest(reply, 'Choose the financial year (like 2017-18) and one of the six service groups');
      const body = asBody(req.body);
      return submitForm(() => service.saveNote(db, req.ctx, target.year, target.group, body), {
        done: () => reply.redirect(listUrl(target.year, OUTTURN, 'note'), 303),
        invalid: (errors, status) => notePage(req, reply, target, body, errors, status),
      });
    }),
  );
}
