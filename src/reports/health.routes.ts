// Staff pages for the Principles of Partnership Working and the health checks: the principles in force and
// their history, every partnership's summary for a year, one partnership's check with its forms, and settings.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { canSometimes } from '../access/permissions.ts';
import { financialYearLabel, financialYearOf, formatLongDate } from '../calendar/format.ts';
import { todayInEngland } from '../calendar/today.ts';
import { asBody, errorSummary, submitForm, type FormBody } from '../web/forms.ts';
import { type FieldErrors, NotFoundError } from '../web/errors.ts';
import { flashFrom, idParam, page, queryText, type PageRequest } from '../web/page.ts';
import * as service from './health.service.ts';
import * as publishing from './public-reports.service.ts';

const RAG_LABELS: Record<string, string> = { green: 'Green', amber: 'Amber', red: 'Red', not_assessed: 'Not assessed' };
const RAG_TAGS: Record<string, string> = { green: 'govuk-tag--green', amber: 'govuk-tag--yellow', red: 'govuk-tag--red', not_assessed: 'govuk-tag--grey' };
const FLASH = {
  saved: 'The judgements were saved',
  tested: 'The Principle 1 test was saved',
  settings: 'The settings were saved',
  published: 'The health check was published: the public see this version until a new one is published',
  withdrawn: 'The health check was withdrawn: the public no longer see it',
};
const flash = flashFrom(FLASH);
const labels = { ragLabels: RAG_LABELS, ragTags: RAG_TAGS, rags: Object.keys(RAG_LABELS), formatLongDate, financialYearLabel };

/** The financial year asked for (?year=2011), or the one running today. */
function yearOf(req: PageRequest, fromBody?: FormBody): number {
  const asked = fromBody ? String(fromBody.year ?? '') : queryText(req, 'year');
  const n = Number(asked);
  return /^\d{4}$/.test(asked) && n >= 1990 && n <= 2100 ? n : financialYearOf(todayInEngland());
}

const refused = (errors: FieldErrors) => ({ errors, errorList: errorSummary(errors) });

export async function registerHealthCheckPages(app: FastifyInstance, db: Database) {
  app.get(
    '/principles',
    access('manage.view'),
    page(async (req, reply) => {
      const { current, versions, principles } = await service.principlesInForce(db, req.ctx.tenantId);
      return reply.view('reports/views/principles.njk', { pageTitle: 'Principles of Partnership Working', version: current, versions, principles, ...labels });
    }),
  );
  app.get(
    '/principles/versions/:id',
    access('manage.view'),
    page(async (req, reply) => {
      const id = idParam(req, 'id');
      const { current, versions } = await service.principlesInForce(db, req.ctx.tenantId);
      const version = versions.find((v) => v.id === id);
      if (!version) throw new NotFoundError('version');
      const principles = await service.principlesOf(db, req.ctx.tenantId, id);
      return reply.view('reports/views/principles.njk', {
        pageTitle: `Principles of Partnership Working adopted ${formatLongDate(version.adoptedOn)}`,
        version,
        superseded: current?.id !== version.id,
        versions,
        principles,
        ...labels,
      });
    }),
  );

  app.get(
    '/health-checks',
    access('manage.view'),
    page(async (req, reply) => {
      const year = yearOf(req);
      const rows = await service.healthCheckList(db, req.ctx.tenantId, year, todayInEngland());
      return reply.view('reports/views/health-list.njk', { pageTitle: `Partnership health checks ${financialYearLabel(year)}`, year, rows, ...labels });
    }),
  );

  const settingsPage = async (req: PageRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, code = 200) => {
    const { settings, organisations } = await service.settingsView(db, req.ctx.tenantId);
    return reply.code(code).view('reports/views/health-settings.njk', {
      pageTitle: 'Health check settings',
      organisationItems: [{ value: '', text: 'Not set' }, ...organisations.map((o) => ({ value: o.id, text: o.name }))],
      values: { councilOrganisationId: settings.councilOrganisationId ?? '', minutesWorkingDays: String(settings.minutesWorkingDays) },
      errors: {},
      flash: flash(req),
      ...extra,
    });
  };
  app.get(
    '/health-checks/settings',
    access('healthcheck.edit'),
    page((req, reply) => settingsPage(req, reply)),
  );
  app.post(
    '/health-checks/settings',
    access('healthcheck.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => service.saveSettings(db, req.ctx, body), {
        done: () => reply.redirect('/health-checks/settings?done=settings', 303),
        invalid: (errors, status) => settingsPage(req, reply, { values: body, ...refused(errors) }, status),
      });
    }),
  );

  const checkPage = async (req: PageRequest, reply: FastifyReply, year: number, extra: Record<string, unknown> = {}, code = 200) => {
    const id = idParam(req, 'id');
    const view = await service.healthCheckView(db, req.ctx.tenantId, id, year, todayInEngland());
    const judgedValues = Object.fromEntries(
      view.sections.flatMap((s) =>
        s.criteria.flatMap((c) =>
          c.judgement
            ? [
                [`rag-${c.key}`, c.judgement.rag],
                [`evidence-${c.key}`, c.judgement.evidence],
              ]
            : [],
        ),
      ),
    );
    const testValues = Object.fromEntries(
      [...view.test.values()].flatMap((t) => [
        [`met-${t.letter}`, t.met ? 'yes' : 'no'],
        [`reason-${t.letter}`, t.reason],
      ]),
    );
    const publication = await publishing.healthPublicationState(db, req.ctx.tenantId, id, year);
    return reply.code(code).view('reports/views/health-check.njk', {
      pageTitle: `${view.partnership.name}: health check ${financialYearLabel(year)}`,
      ...view,
      publication: { ...publication, line: publication.latest ? publishing.versionLine(publication.latest) : '' },
      year,
      canEdit: canSometimes(req.user, 'healthcheck.edit'),
      values: { ...judgedValues, ...testValues },
      errors: {},
      flash: flash(req),
      ...labels,
      ...extra,
    });
  };
  app.get(
    '/health-checks/:id',
    access('manage.view'),
    page((req, reply) => checkPage(req, reply, yearOf(req))),
  );
  const post = (suffix: string, save: typeof service.saveJudgements, done: keyof typeof FLASH) =>
    app.post(
      `/health-checks/:id/${suffix}`,
      access('healthcheck.edit'),
      page(async (req, reply) => {
        const id = idParam(req, 'id');
        const body = asBody(req.body);
        const year = yearOf(req, body);
        return submitForm(() => save(db, req.ctx, id, year, body), {
          done: () => reply.redirect(`/health-checks/${id}?year=${year}&done=${done}#${suffix}`, 303),
          invalid: (errors, status) => checkPage(req, reply, year, { values: body, ...refused(errors) }, status),
        });
      }),
    );
  post('judgements', service.saveJudgements, 'saved');
  post('principle-1', service.saveTest, 'tested');
  // Publishing freezes the check as it reads now (issue 16); the public see it at /accountability/health-checks.
  for (const step of ['publish', 'withdraw'] as const)
    app.post(
      `/health-checks/:id/${step}`,
      access('healthcheck.edit'),
      page(async (req, reply) => {
        const id = idParam(req, 'id');
        const body = asBody(req.body);
        const year = yearOf(req, body);
        const act = async () => {
          if (step === 'publish') await publishing.publishHealthCheck(db, req.ctx, id, year, body, todayInEngland());
          else await publishing.withdrawHealthCheck(db, req.ctx, id, year);
        };
        return submitForm(act, {
          done: () => reply.redirect(`/health-checks/${id}?year=${year}&done=${step === 'publish' ? 'published' : 'withdrawn'}#publication`, 303),
          invalid: (errors, status) => checkPage(req, reply, year, refused(errors), status),
        });
      }),
    );
}
