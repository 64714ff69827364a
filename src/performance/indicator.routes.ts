// Pages for one indicator: its page (back office and public) with chart, values and exception reports, and
// the forms on it: recording, publishing and withdrawing values, setting targets and recording exception reports.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { can } from '../access/permissions.ts';
import { ValidationError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, readDate, submitForm, text, type FormBody } from '../web/forms.ts';
import { formVersion } from '../web/schema.ts';
import { page } from '../web/page.ts';
import { todayInEngland } from '../calendar/today.ts';
import { formatLongDate } from '../calendar/format.ts';
import type { Frequency } from './indicator-types.ts';
import { endedPeriods, periodLabel, periodOf, periodsBetween, previousPeriod } from './periods.ts';
import { flashOf, labels, type Req } from './performance-pages.ts';
import * as service from './performance.service.ts';

export async function registerIndicatorPages(app: FastifyInstance, db: Database) {
  const indicatorPage = async (req: Req, reply: FastifyReply, publicOnly: boolean, extra: Record<string, unknown> = {}, code = 200) => {
    const view = await service.indicatorView(db, req.ctx.tenantId, req.params.id!, { publicOnly });
    const frequency = view.indicator.frequency as Frequency;
    const today = todayInEngland();
    const latest = previousPeriod(periodOf(today, frequency));
    // The period lists offer up to ten years back, whatever old periods the indicator holds.
    const tenYearsBack = periodOf(`${Number(today.slice(0, 4)) - 10}${today.slice(4)}`, frequency);
    const first = view.rows[0] && view.rows[0].periodStart > tenYearsBack.start ? { frequency, start: view.rows[0].periodStart } : tenYearsBack;
    // Values are for periods that have ended: the latest ended period first, never the unfinished current one.
    const periodChoices = endedPeriods(frequency, today, first.start, 60);
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
        return submitForm(() => run(req, body), {
          done: (done) => reply.redirect(`/performance/indicators/${req.params.id}?done=${done}`, 303),
          invalid: (errors, status) =>
            status === 409
              ? indicatorPage(req, reply, false, { errorList: [{ text: `${errors._}. Reload the page and try again.` }] }, 409)
              : indicatorPage(req, reply, false, { values: body, errors, errorList: errorSummary(errors) }, 400),
        });
      }),
    );

  indicatorPost('/values', 'performance.edit', async (req, b) => {
    const confirmedUnusual = text(b.confirmUnusual) === 'yes';
    await service.recordValue(
      db,
      req.ctx,
      req.params.id!,
      {
        period: text(b.period),
        value: text(b.value),
        numerator: text(b.numerator),
        denominator: text(b.denominator),
        status: text(b.status) ?? 'final',
        commentary: text(b.commentary),
        correctiveAction: text(b.correctiveAction),
        statNeighbours: text(b.statNeighbours),
        england: text(b.england),
      },
      { confirmedUnusual },
    );
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
}
