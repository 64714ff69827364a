// Pages for performance: scorecards (back office and public) in the shape of seed 004's Appendix 7,
// each indicator with its chart and data, the catalogue, entering and publishing values, targets,
// exception reports, what is due, and import and export of values.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { can } from '../access/permissions.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, readDate, text, toArray, type FormBody } from '../web/forms.ts';
import { formVersion, isUuid } from '../web/schema.ts';
import { page, queryText, type PageRequest } from '../web/page.ts';
import { todayInEngland } from '../calendar/today.ts';
import { FREQUENCIES, POLARITIES, UNITS, type Frequency } from './indicator-types.ts';
import { periodLabel, periodOf, periodsBetween, previousPeriod } from './periods.ts';
import * as repo from './performance.repository.ts';
import * as service from './performance.service.ts';
import * as io from './values-io.ts';
import { VALUE_COLUMNS } from './values-validation.ts';
import { formatLongDate } from '../calendar/format.ts';
import { MEDIA_TYPES, sendDocument } from '../documents/download.ts';

type Req = PageRequest;

const FLASH: Record<string, string> = {
  created: 'Indicator added',
  updated: 'Changes saved',
  value: 'Value saved',
  target: 'Target saved',
  published: 'Published',
  withdrawn: 'Withdrawn',
  exception: 'Exception report recorded',
  considered: 'Recorded as considered',
  imported: 'Values imported',
};
const flashOf = (req: Req) => FLASH[queryText(req, 'done')];

export const UNIT_LABELS: Record<string, string> = {
  percentage: 'Percentage',
  rate_per_1000: 'Rate per 1,000',
  rate_per_10000: 'Rate per 10,000',
  rate_per_100000: 'Rate per 100,000',
  count: 'Count',
  money: 'Money (£)',
  days: 'Days',
  number: 'Number',
};
export const POLARITY_LABELS: Record<string, string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
  not_applicable: 'Not applicable',
};
export const FREQUENCY_LABELS: Record<string, string> = { monthly: 'Monthly', quarterly: 'Quarterly', annual: 'Annual' };
export const RAG_LABELS: Record<string, string> = {
  on_target: 'On target',
  within_tolerance: 'Within tolerance',
  off_target: 'Off target',
  no_target: 'No target',
};
export const RAG_TAGS: Record<string, string> = {
  on_target: 'govuk-tag--green',
  within_tolerance: 'govuk-tag--yellow',
  off_target: 'govuk-tag--red',
  no_target: 'govuk-tag--grey',
};
export const DIRECTION_LABELS: Record<string, string> = { improving: 'Improving', same: 'No change', worsening: 'Worsening', none: 'No previous period' };
const items = (labels: Record<string, string>, selected: unknown) =>
  Object.entries(labels).map(([value, t]) => ({ value, text: t, checked: value === selected, selected: value === selected }));

/** Scorecard filters from the query string; unknown values are ignored. */
async function filters(db: Database, req: Req, publicOnly: boolean) {
  const choices = await repo.filterChoices(db, req.ctx.tenantId, publicOnly);
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

export async function registerPerformancePages(app: FastifyInstance, db: Database) {
  const labels = {
    unitLabels: UNIT_LABELS,
    polarityLabels: POLARITY_LABELS,
    frequencyLabels: FREQUENCY_LABELS,
    ragLabels: RAG_LABELS,
    ragTags: RAG_TAGS,
    directionLabels: DIRECTION_LABELS,
  };

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

  // ---- One indicator ------------------------------------------------------------------------------------
  const indicatorPage = async (req: Req, reply: FastifyReply, publicOnly: boolean, extra: Record<string, unknown> = {}, code = 200) => {
    const view = await service.indicatorView(db, req.ctx.tenantId, req.params.id!, { publicOnly });
    const frequency = view.indicator.frequency as Frequency;
    const today = todayInEngland();
    const latest = previousPeriod(periodOf(today, frequency));
    // The period lists offer up to ten years back, whatever old periods the indicator holds.
    const tenYearsBack = periodOf(`${Number(today.slice(0, 4)) - 10}${today.slice(4)}`, frequency);
    const first = view.rows[0] && view.rows[0].periodStart > tenYearsBack.start ? { frequency, start: view.rows[0].periodStart } : tenYearsBack;
    const periodChoices = periodsBetween(first, periodOf(today, frequency)).reverse().slice(0, 60);
    const values = (extra.values as FormBody | undefined) ?? {};
    const selectedPeriod = text(values.period) ?? latest.start;
    return reply.code(code).view(`performance/views/${publicOnly ? 'public-indicator' : 'indicator'}.njk`, {
      pageTitle: view.indicator.title,
      ...view,
      ...labels,
      flash: flashOf(req),
      errors: {},
      values,
      periodOptions: periodChoices.map((p) => ({ value: p.start, text: periodLabel(p), selected: p.start === selectedPeriod })),
      targetPeriodOptions: periodsBetween(first, periodOf(`${Number(today.slice(0, 4)) + 3}-03-31`, frequency))
        .reverse()
        .slice(0, 80)
        .map((p) => ({ value: p.start, text: periodLabel(p), selected: p.start === text(values.targetPeriod) })),
      canEdit: can(req.user, 'performance.edit'),
      canPublish: can(req.user, 'performance.publish'),
      breadcrumbs: [{ text: publicOnly ? 'Performance scorecard' : 'Performance', href: publicOnly ? '/scorecard' : '/performance' }],
      considerOn: formatLongDate(today),
      ...extra,
    });
  };
  app.get(
    '/scorecard/indicators/:id',
    access('public.view'),
    page(async (req, reply) => indicatorPage(req, reply, true)),
  );
  app.get(
    '/performance/indicators/:id',
    access('manage.view'),
    page(async (req, reply) => indicatorPage(req, reply, false)),
  );

  const indicatorPost = (path: string, action: 'performance.edit' | 'performance.publish', run: (req: Req, body: FormBody) => Promise<string>) =>
    app.post(
      `/performance/indicators/:id${path}`,
      access(action),
      page(async (req, reply) => {
        const body = asBody(req.body);
        try {
          const done = await run(req, body);
          return reply.redirect(`/performance/indicators/${req.params.id}?done=${done}`, 303);
        } catch (err) {
          if (err instanceof ConflictError)
            return indicatorPage(req, reply, false, { errorList: [{ text: `${err.message}. Reload the page and try again.` }] }, 409);
          if (!(err instanceof ValidationError)) throw err;
          return indicatorPage(
            req,
            reply,
            false,
            {
              values: body,
              errors: err.fieldErrors,
              errorList: Object.entries(err.fieldErrors).map(([k, v]) => ({ text: v, href: k === '_' ? undefined : `#${k}` })),
            },
            400,
          );
        }
      }),
    );

  indicatorPost('/values', 'performance.edit', async (req, b) => {
    await service.recordValue(db, req.ctx, req.params.id!, {
      period: text(b.period),
      value: text(b.value),
      numerator: text(b.numerator),
      denominator: text(b.denominator),
      status: text(b.status) ?? 'final',
      commentary: text(b.commentary),
      correctiveAction: text(b.correctiveAction),
      statNeighbours: text(b.statNeighbours),
      england: text(b.england),
    });
    return 'value#values';
  });
  indicatorPost('/targets', 'performance.edit', async (req, b) => {
    await service.setTarget(db, req.ctx, req.params.id!, { period: text(b.targetPeriod), value: text(b.target) });
    return 'target#values';
  });
  indicatorPost('/values/:valueId/publish', 'performance.publish', async (req, b) => {
    const publish = text(b.action) !== 'withdraw';
    await service.publishValue(db, req.ctx, req.params.id!, req.params.valueId!, publish);
    return publish ? 'published#values' : 'withdrawn#values';
  });
  indicatorPost('/publish', 'performance.publish', async (req, b) => {
    const publish = text(b.action) !== 'withdraw';
    await service.setIndicatorPublication(db, req.ctx, req.params.id!, formVersion(b.version), publish ? 'published' : 'draft');
    return publish ? 'published' : 'withdrawn';
  });
  indicatorPost('/exception-reports', 'performance.edit', async (req, b) => {
    await service.createExceptionReport(db, req.ctx, req.params.id!, {
      period: text(b.exceptionPeriod),
      cause: text(b.cause),
      actions: text(b.actions),
      cost: text(b.cost),
      owner: text(b.owner),
      partnershipId: text(b.partnershipId),
      meetingId: text(b.meetingId),
    });
    return 'exception#exceptions';
  });
  indicatorPost('/exception-reports/:reportId/considered', 'performance.edit', async (req, b) => {
    const errors: FieldErrors = {};
    const on = readDate(b, 'consideredOn', 'Date considered', errors, { required: true });
    if (!on) throw new ValidationError(errors);
    await service.markExceptionConsidered(db, req.ctx, req.params.id!, req.params.reportId!, formVersion(b.version), on);
    return 'considered#exceptions';
  });

  // ---- The catalogue: adding and changing indicators -------------------------------------------------------
  const indicatorFromForm = (b: FormBody) => ({
    code: text(b.code),
    title: text(b.title),
    definition: text(b.definition),
    unit: text(b.unit),
    polarity: text(b.polarity),
    frequency: text(b.frequency),
    cumulative: text(b.cumulative) === 'true',
    decimals: text(b.decimals) || '1',
    dataSource: text(b.dataSource),
    outcomeGroup: text(b.outcomeGroup),
    directorate: text(b.directorate),
    leadOfficer: text(b.leadOfficer),
    ownerPersonId: text(b.ownerPersonId),
    tolerancePercent: text(b.tolerancePercent),
    baselinePeriod: text(b.baselinePeriod) || null,
    baselineValue: text(b.baselineValue),
    baselineNumerator: text(b.baselineNumerator),
    baselineDenominator: text(b.baselineDenominator),
    baselineNote: text(b.baselineNote),
    finalTargetPeriod: text(b.finalTargetPeriod) || null,
    finalTargetValue: text(b.finalTargetValue),
  });
  const assignmentsFromForm = (b: FormBody) => ({ partnershipIds: toArray(b.partnershipIds).filter(isUuid), bodyIds: toArray(b.bodyIds).filter(isUuid) });
  const formPage = async (req: Req, reply: FastifyReply, values: FormBody, errors: FieldErrors, row?: repo.IndicatorRow, code = 200) => {
    const t = req.ctx.tenantId;
    const [{ partnerships, bodies, people }, assigned] = await Promise.all([
      repo.indicatorFormChoices(db, t),
      row ? repo.assignmentsOf(db, t, row.id) : Promise.resolve([]),
    ]);
    const chosenP = values.partnershipIds !== undefined ? toArray(values.partnershipIds) : assigned.map((a) => a.partnershipId).filter(Boolean);
    const chosenB = values.bodyIds !== undefined ? toArray(values.bodyIds) : assigned.map((a) => a.bodyId).filter(Boolean);
    return reply.code(code).view('performance/views/indicator-form.njk', {
      pageTitle: row ? `Change ${row.title}` : 'Add an indicator',
      row,
      values,
      errors,
      errorList: errorSummary(errors),
      backLink: row ? `/performance/indicators/${row.id}` : '/performance/indicators',
      unitItems: items(UNIT_LABELS, values.unit),
      polarityItems: items(POLARITY_LABELS, values.polarity),
      frequencyItems: items(FREQUENCY_LABELS, values.frequency ?? 'monthly'),
      partnershipItems: partnerships.map((p) => ({ value: p.id, text: p.name, selected: chosenP.includes(p.id) })),
      bodyItems: bodies.map((b) => ({ value: b.id, text: b.name, checked: chosenB.includes(b.id) })),
      ownerOptions: [{ value: '', text: 'Nobody yet' }, ...people.map((p) => ({ value: p.id, text: p.name, selected: p.id === values.ownerPersonId }))],
    });
  };
  app.get(
    '/performance/indicators',
    access('manage.view'),
    page(async (req, reply) => {
      const rows = await repo.scorecard(db, req.ctx.tenantId, { publicOnly: false, q: queryText(req, 'q').slice(0, 200) || undefined });
      return reply.view('performance/views/catalogue.njk', {
        pageTitle: 'Indicators',
        rows,
        ...labels,
        q: queryText(req, 'q'),
        flash: flashOf(req),
        breadcrumbs: [{ text: 'Performance', href: '/performance' }],
      });
    }),
  );
  app.get(
    '/performance/indicators/new',
    access('performance.edit'),
    page(async (req, reply) => formPage(req, reply, { decimals: '1', frequency: 'monthly' }, {})),
  );
  app.post(
    '/performance/indicators',
    access('performance.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      try {
        const id = await service.createIndicator(db, req.ctx, indicatorFromForm(body), assignmentsFromForm(body));
        return reply.redirect(`/performance/indicators/${id}?done=created`, 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return formPage(req, reply, body, err.fieldErrors, undefined, 400);
      }
    }),
  );
  const toForm = (r: repo.IndicatorRow): FormBody =>
    Object.fromEntries(
      Object.entries({ ...r, cumulative: String(r.cumulative) }).map(([k, v]) => [k, v === null ? '' : typeof v === 'number' ? String(v) : v]),
    );
  app.get(
    '/performance/indicators/:id/edit',
    access('performance.edit'),
    page(async (req, reply) => {
      const row = await repo.getIndicator(db, req.ctx.tenantId, req.params.id!);
      if (!row) throw new NotFoundError('indicator');
      return formPage(req, reply, toForm(row), {}, row);
    }),
  );
  app.post(
    '/performance/indicators/:id/edit',
    access('performance.edit'),
    page(async (req, reply) => {
      const row = await repo.getIndicator(db, req.ctx.tenantId, req.params.id!);
      if (!row) throw new NotFoundError('indicator');
      const body = asBody(req.body);
      try {
        await service.updateIndicator(db, req.ctx, row.id, formVersion(body.version), indicatorFromForm(body), assignmentsFromForm(body));
        return reply.redirect(`/performance/indicators/${row.id}?done=updated`, 303);
      } catch (err) {
        if (err instanceof ConflictError)
          return formPage(req, reply, toForm(row), { _: `${err.message}. Their changes are shown: make yours again.` }, row, 409);
        if (!(err instanceof ValidationError)) throw err;
        return formPage(req, reply, body, err.fieldErrors, row, 400);
      }
    }),
  );

  // ---- The site's amber tolerance --------------------------------------------------------------------------
  const settingsPage = async (req: Req, reply: FastifyReply, values: FormBody, errors: FieldErrors, code = 200) =>
    reply
      .code(code)
      .view('performance/views/settings.njk', {
        pageTitle: 'Performance settings',
        values,
        errors,
        errorList: errorSummary(errors),
        current: await repo.siteTolerance(db, req.ctx.tenantId),
        backLink: '/performance',
        flash: flashOf(req),
      });
  app.get(
    '/performance/settings',
    access('performance.publish'),
    page(async (req, reply) => settingsPage(req, reply, { tolerancePercent: String(await repo.siteTolerance(db, req.ctx.tenantId)) }, {})),
  );
  app.post(
    '/performance/settings',
    access('performance.publish'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      try {
        await service.setSiteTolerance(db, req.ctx, text(body.tolerancePercent));
        return reply.redirect('/performance?done=updated', 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return settingsPage(req, reply, body, err.fieldErrors, 400);
      }
    }),
  );

  // ---- What is due -------------------------------------------------------------------------------------------
  app.get(
    '/performance/due',
    access('manage.view'),
    page(async (req, reply) => {
      const due = await service.dueList(db, req.ctx.tenantId);
      return reply.view('performance/views/due.njk', {
        pageTitle: 'Values due',
        due,
        longDate: formatLongDate,
        breadcrumbs: [{ text: 'Performance', href: '/performance' }],
      });
    }),
  );

  // ---- Import and export --------------------------------------------------------------------------------------
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/performance/values.${format}`,
      access('manage.view'),
      page(async (req, reply) => {
        const rows = await io.exportRows(db, req.ctx.tenantId);
        const content = format === 'csv' ? io.toCsvText(rows) : await io.toXlsx(rows);
        return sendDocument(reply, { filename: `indicator-values.${format}`, contentType: MEDIA_TYPES[format], content, caching: 'none' });
      }),
    );
  }
  const importPage = (reply: FastifyReply, extra: Record<string, unknown>, code = 200) =>
    reply.code(code).view('performance/views/import.njk', {
      pageTitle: 'Import indicator values',
      columns: VALUE_COLUMNS,
      backLink: '/performance',
      errors: {},
      ...extra,
    });
  app.get(
    '/performance/import',
    access('performance.edit'),
    page(async (_req, reply) => importPage(reply, {})),
  );
  app.post(
    '/performance/import',
    { ...access('performance.edit'), bodyLimit: 60 * 1024 * 1024 },
    page(async (req, reply) => {
      const body = asBody(req.body);
      try {
        const result = await io.importFromForm(db, req.ctx, body);
        if (result.kind === 'problems') {
          return importPage(
            reply,
            {
              problems: result.problems,
              validRows: result.validRows,
              totalRows: result.totalRows,
              token: result.token,
              errorList: [
                {
                  text: `The file has ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}. Nothing has been imported`,
                  href: '#problems',
                },
              ],
            },
            400,
          );
        }
        return reply.redirect(`/performance?done=imported&count=${result.imported}`, 303);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return importPage(reply, { errors: err.fieldErrors, errorList: errorSummary(err.fieldErrors) }, 400);
      }
    }),
  );
}

export { FREQUENCIES, POLARITIES, UNITS };
