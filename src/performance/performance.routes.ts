// Pages for performance: scorecards (back office and public) in the shape of seed 004's Appendix 7,
// the site's amber tolerance and what is due here; one indicator's page and forms (indicator.routes.ts),
// the catalogue (catalogue.routes.ts) and import and export of values (values-io.routes.ts) beside it,
// all registered by registerPerformancePages.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import type { FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, submitForm, text, type FormBody } from '../web/forms.ts';
import { page, queryText } from '../web/page.ts';
import { formatLongDate } from '../calendar/format.ts';
import { FREQUENCIES, POLARITIES, UNITS } from './indicator-types.ts';
import { registerCataloguePages } from './catalogue.routes.ts';
import { registerIndicatorPages } from './indicator.routes.ts';
import { flashOf, labels, type Req } from './performance-pages.ts';
import * as scorecardRepo from './scorecard.repository.ts';
import * as service from './performance.service.ts';
import { registerValueImportPages } from './values-io.routes.ts';

export { DIRECTION_LABELS, FREQUENCY_LABELS, POLARITY_LABELS, RAG_LABELS, RAG_TAGS, UNIT_LABELS } from './performance-pages.ts';

/** Scorecard filters from the query string; unknown values are ignored. */
async function filters(db: Database, req: Req, publicOnly: boolean) {
  const choices = await scorecardRepo.filterChoices(db, req.ctx.tenantId, publicOnly);
  const pick = (key: string, allowed: string[]) => {
    const v = queryText(req, key);
    return allowed.includes(v) ? v : '';
  };
  const f = {
    partnershipId: pick(
      'partnership',
      choices.partnerships.map((p) => p.id),
    ),
    bodyId: pick(
      'body',
      choices.bodies.map((b) => b.id),
    ),
    outcomeGroup: pick('outcome', choices.outcomes),
    directorate: pick('directorate', choices.directorates),
    offTarget: queryText(req, 'offTarget') === 'yes',
    worsening: queryText(req, 'worsening') === 'yes',
  };
  const opts = (list: { value: string; text: string }[], selected: string, blank: string) => [
    { value: '', text: blank },
    ...list.map((o) => ({ ...o, selected: o.value === selected })),
  ];
  return {
    f,
    choices,
    view: {
      partnershipOptions: opts(
        choices.partnerships.map((p) => ({ value: p.id, text: p.name })),
        f.partnershipId,
        'All partnerships',
      ),
      bodyOptions: opts(
        choices.bodies.map((b) => ({ value: b.id, text: b.name })),
        f.bodyId,
        'All committees and boards',
      ),
      outcomeOptions: opts(
        choices.outcomes.map((o) => ({ value: o, text: o })),
        f.outcomeGroup,
        'All outcomes',
      ),
      directorateOptions: opts(
        choices.directorates.map((d) => ({ value: d, text: d })),
        f.directorate,
        'All directorates',
      ),
      flagItems: [
        { value: 'yes', text: 'Only off target', checked: f.offTarget, name: 'offTarget' },
        { value: 'yes', text: 'Only worsening', checked: f.worsening, name: 'worsening' },
      ],
      filters: f,
    },
  };
}

export async function registerPerformancePages(app: FastifyInstance, db: Database, config: Pick<Config, 'IMPORT_WAIT_SECONDS'>) {
  // ---- Scorecards ---------------------------------------------------------------------------------------
  for (const area of ['manage', 'public'] as const) {
    app.get(
      area === 'manage' ? '/performance' : '/scorecard',
      access(area === 'manage' ? 'manage.view' : 'public.view'),
      page(async (req, reply) => {
        const publicOnly = area === 'public';
        const { f, view } = await filters(db, req, publicOnly);
        const card = await service.scorecardView(db, req.ctx.tenantId, {
          ...f,
          partnershipId: f.partnershipId || undefined,
          bodyId: f.bodyId || undefined,
          outcomeGroup: f.outcomeGroup || undefined,
          directorate: f.directorate || undefined,
          publicOnly,
        });
        return reply.view('performance/views/scorecard.njk', {
          pageTitle: publicOnly ? 'Performance scorecard' : 'Performance',
          ...card,
          ...view,
          ...labels,
          manage: !publicOnly,
          base: publicOnly ? '/scorecard' : '/performance',
          flash: flashOf(req),
        });
      }),
    );
  }

  await registerIndicatorPages(app, db);
  await registerCataloguePages(app, db);

  // ---- The site's amber tolerance --------------------------------------------------------------------------
  const settingsPage = async (req: Req, reply: FastifyReply, values: FormBody, errors: FieldErrors, code = 200) =>
    reply.code(code).view('performance/views/settings.njk', {
      pageTitle: 'Performance settings',
      values,
      errors,
      errorList: errorSummary(errors),
      current: await scorecardRepo.siteTolerance(db, req.ctx.tenantId),
      backLink: '/performance',
      flash: flashOf(req),
    });
  app.get(
    '/performance/settings',
    access('performance.publish'),
    page(async (req, reply) => settingsPage(req, reply, { tolerancePercent: String(await scorecardRepo.siteTolerance(db, req.ctx.tenantId)) }, {})),
  );
  app.post(
    '/performance/settings',
    access('performance.publish'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => service.setSiteTolerance(db, req.ctx, text(body.tolerancePercent)), {
        done: () => reply.redirect('/performance?done=updated', 303),
        invalid: (errors, status) => settingsPage(req, reply, body, errors, status),
      });
    }),
  );

  // ---- What is due -------------------------------------------------------------------------------------------
  app.get(
    '/performance/due',
    access('manage.view'),
    page(async (req, reply) => {
      const [due, needsOwner] = await Promise.all([service.dueList(db, req.ctx.tenantId), service.indicatorsNeedingAnOwner(db, req.ctx.tenantId)]);
      return reply.view('performance/views/due.njk', {
        pageTitle: 'Values due',
        due,
        needsOwner,
        longDate: formatLongDate,
        breadcrumbs: [{ text: 'Performance', href: '/performance' }],
      });
    }),
  );

  await registerValueImportPages(app, db, { waitMs: config.IMPORT_WAIT_SECONDS * 1000 });
}

export { FREQUENCIES, POLARITIES, UNITS };
