// Pages for risk registers: the register of each partnership (or all) with its heat map of residual
// scores and overdue reviews, adding and changing a risk with its mitigating actions, and configuring
// the risk matrix a partnership scores on.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { can } from '../access/permissions.ts';
import { NotFoundError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, lines, readDate, submitForm, text, toArray, type FormBody } from '../web/forms.ts';
import { formVersion, isUuid } from '../web/schema.ts';
import { flashFrom, idParam, page, queryText, type PageRequest } from '../web/page.ts';
import { DEFAULT_MATRIX, type RiskMatrix } from './rules.ts';
import * as repo from './risks.repository.ts';
import * as service from './risks.service.ts';
import { RISK_STATUS_LABELS, TREND_LABELS } from './risks.schemas.ts';

type Req = PageRequest;

const FLASH: Record<string, string> = { created: 'Risk added', updated: 'Changes saved', matrix: 'Risk matrix saved' };
const flashOf = flashFrom(FLASH);
/** Fields whose first input's id is not the field's name. */
const FIRST_INPUT = { reviewDate: 'reviewDate-day' };
const BREADCRUMBS = [{ text: 'Risk registers', href: '/plans/risks' }];

const truncate = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);
const radioItems = (labels: Record<string, string>, selected: unknown) =>
  Object.entries(labels).map(([value, t]) => ({ value, text: t, checked: value === selected }));

/** What a form posts for a risk, as the service reads it. */
function riskFromForm(b: FormBody, errors: FieldErrors) {
  const reviewDate = readDate(b, 'reviewDate', 'Review date', errors);
  return {
    partnershipId: text(b.partnershipId),
    planId: text(b.planId),
    reference: text(b.reference),
    title: text(b.title),
    cause: text(b.cause),
    effect: text(b.effect),
    owner: text(b.owner),
    inherentLikelihood: text(b.inherentLikelihood),
    inherentImpact: text(b.inherentImpact),
    residualLikelihood: text(b.residualLikelihood),
    residualImpact: text(b.residualImpact),
    controls: text(b.controls),
    reviewDate: reviewDate ?? null,
    trend: text(b.trend) || undefined,
    status: text(b.status) || undefined,
    actionIds: toArray(b.actionIds),
  };
}

const toForm = (r: repo.RiskRow, actionIds: string[]): FormBody => ({
  partnershipId: r.partnershipId,
  planId: r.planId ?? '',
  reference: r.reference,
  title: r.title,
  cause: r.cause,
  effect: r.effect,
  owner: r.owner,
  inherentLikelihood: String(r.inherentLikelihood),
  inherentImpact: String(r.inherentImpact),
  residualLikelihood: String(r.residualLikelihood),
  residualImpact: String(r.residualImpact),
  controls: r.controls,
  reviewDate: r.reviewDate ?? '',
  trend: r.trend,
  status: r.status,
  actionIds,
});

const matrixToForm = (m: RiskMatrix & { version?: number | null }): FormBody => ({
  likelihoodLabels: m.likelihoodLabels.join('\n'),
  impactLabels: m.impactLabels.join('\n'),
  levelMinimums: m.levelMinimums.join(', '),
  version: m.version ? String(m.version) : '',
});

export async function registerRiskPages(app: FastifyInstance, db: Database) {
  // ---- The registers ---------------------------------------------------------------------------------------
  app.get(
    '/plans/risks',
    access('manage.view'),
    page(async (req, reply) => {
      const partnerships = await repo.partnershipChoices(db, req.ctx.tenantId);
      const wanted = queryText(req, 'partnership').toLowerCase();
      const chosen = partnerships.find((p) => p.id === wanted) ?? null;
      const view = await service.registerView(db, req.ctx.tenantId, chosen?.id ?? null);
      return reply.view('plans/views/risk-register.njk', {
        pageTitle: chosen ? `Risk register: ${chosen.name}` : 'Risk registers',
        ...view,
        chosen,
        flash: flashOf(req),
        partnershipOptions: [
          { value: '', text: 'All partnerships' },
          ...partnerships.map((p) => ({ value: p.id, text: p.name, selected: p.id === chosen?.id })),
        ],
        canEdit: can(req.user, 'plan.edit'),
      });
    }),
  );

  // ---- Adding and changing a risk -----------------------------------------------------------------------------
  const formPage = async (req: Req, reply: FastifyReply, values: FormBody, errors: FieldErrors, row?: repo.RiskRow, code = 200) => {
    const t = req.ctx.tenantId;
    const partnerships = await repo.partnershipChoices(db, t);
    const wanted = String(text(values.partnershipId) ?? '').toLowerCase();
    const chosen = partnerships.find((p) => p.id === wanted) ?? null;
    const [matrix, plans, actions] = await Promise.all([
      chosen ? repo.matrixFor(db, t, chosen.id) : Promise.resolve(DEFAULT_MATRIX),
      repo.planChoices(db, t, chosen?.id ?? null),
      repo.actionChoices(db, t, chosen?.id ?? null),
    ]);
    const names = new Map(partnerships.map((p) => [p.id, p.name]));
    const ticked = toArray(values.actionIds).map((a) => a.toLowerCase());
    const points = (labels: string[], field: string, what: string) => [
      { value: '', text: `Choose the ${what}` },
      ...labels.map((_, k) => ({ value: String(k + 1), text: service.pointLabel(labels, k + 1), selected: String(values[field] ?? '') === String(k + 1) })),
    ];
    return reply.code(code).view('plans/views/risk-form.njk', {
      pageTitle: row ? `Change risk: ${row.title}` : 'Add a risk',
      row,
      values,
      errors,
      errorList: errorSummary(errors, FIRST_INPUT),
      backLink: row ? `/plans/risks/${row.id}` : `/plans/risks${chosen ? `?partnership=${chosen.id}` : ''}`,
      action: row ? `/plans/risks/${row.id}` : '/plans/risks/new',
      chosen,
      partnershipOptions: [
        { value: '', text: 'Choose a partnership' },
        ...partnerships.map((p) => ({ value: p.id, text: p.name, selected: p.id === chosen?.id })),
      ],
      planOptions: [
        { value: '', text: 'No plan' },
        ...plans.map((p) => ({
          value: p.id,
          text: chosen ? p.title : `${p.title} (${p.partnershipName})`,
          selected: p.id === String(values.planId ?? '').toLowerCase(),
        })),
      ],
      actionItems: actions.map((a) => ({
        value: a.id,
        text: `${a.reference} ${truncate(a.description, 90)}`,
        checked: ticked.includes(a.id),
        hint: { text: chosen ? a.planTitle : `${a.planTitle} (${names.get(a.partnershipId) ?? ''})` },
      })),
      inherentLikelihoodOptions: points(matrix.likelihoodLabels, 'inherentLikelihood', 'likelihood'),
      inherentImpactOptions: points(matrix.impactLabels, 'inherentImpact', 'impact'),
      residualLikelihoodOptions: points(matrix.likelihoodLabels, 'residualLikelihood', 'likelihood'),
      residualImpactOptions: points(matrix.impactLabels, 'residualImpact', 'impact'),
      trendItems: radioItems(TREND_LABELS, values.trend ?? 'new'),
      statusItems: radioItems(RISK_STATUS_LABELS, values.status ?? 'open'),
    });
  };

  app.get(
    '/plans/risks/new',
    access('plan.edit'),
    page(async (req, reply) => formPage(req, reply, { partnershipId: queryText(req, 'partnership'), trend: 'new', status: 'open' }, {})),
  );
  app.post(
    '/plans/risks/new',
    access('plan.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      const errors: FieldErrors = {};
      return submitForm(() => service.createRisk(db, req.ctx, riskFromForm(body, errors), errors), {
        done: (id) => reply.redirect(`/plans/risks/${id}?done=created`, 303),
        invalid: (refused, status) => formPage(req, reply, body, refused, undefined, status),
      });
    }),
  );

  // ---- The matrix a partnership scores on ---------------------------------------------------------------------
  const matrixPage = async (req: Req, reply: FastifyReply, values: FormBody | null, errors: FieldErrors, preview: RiskMatrix | null, code = 200) => {
    const t = req.ctx.tenantId;
    const wanted = queryText(req, 'partnership');
    const partnerships = await repo.partnershipChoices(db, t);
    if (!wanted) {
      return reply.code(code).view('plans/views/risk-matrix.njk', {
        pageTitle: 'Risk matrix',
        breadcrumbs: BREADCRUMBS,
        values: {},
        errors: {},
        partnershipOptions: partnerships.map((p) => ({ value: p.id, text: p.name })),
      });
    }
    const partnership = isUuid(wanted) ? await repo.getPartnership(db, t, wanted) : null;
    if (!partnership) throw new NotFoundError('partnership');
    const [current, register] = await Promise.all([repo.matrixFor(db, t, partnership.id), service.registerView(db, t, partnership.id)]);
    const shown = preview ?? current;
    return reply.code(code).view('plans/views/risk-matrix.njk', {
      pageTitle: `Risk matrix: ${partnership.name}`,
      partnership,
      current,
      configured: current.id !== null,
      preview: preview !== null,
      values: values ?? matrixToForm(current),
      errors,
      errorList: errorSummary(errors),
      breadcrumbs: BREADCRUMBS,
      matrixMap: service.residualHeatMap(register.open, shown, preview ? 'Preview: the new matrix with the open risks' : 'The matrix with the open risks'),
      riskCount: register.open.length + register.closed.length,
    });
  };
  app.get(
    '/plans/risks/matrix',
    access('plan.edit'),
    page(async (req, reply) => matrixPage(req, reply, null, {}, null)),
  );
  app.post(
    '/plans/risks/matrix',
    access('plan.edit'),
    page(async (req, reply) => {
      const partnershipId = queryText(req, 'partnership');
      if (!isUuid(partnershipId)) throw new NotFoundError('partnership');
      const body = asBody(req.body);
      const raw = { likelihoodLabels: lines(body.likelihoodLabels), impactLabels: lines(body.impactLabels), levelMinimums: text(body.levelMinimums) };
      return submitForm(
        async () => {
          // A preview shows the matrix as posted, over the open risks, and saves nothing.
          if (text(body.action) === 'preview') return service.parseMatrix(raw);
          const version = text(body.version)?.trim() ? formVersion(body.version) : null;
          await service.saveMatrix(db, req.ctx, partnershipId.toLowerCase(), version, raw);
          return null;
        },
        {
          done: (preview) =>
            preview ? matrixPage(req, reply, body, {}, preview) : reply.redirect(`/plans/risks?partnership=${partnershipId.toLowerCase()}&done=matrix`, 303),
          invalid: (errors, status) =>
            status === 409
              ? matrixPage(req, reply, null, { _: `${errors._}. Their matrix is shown: make your changes again.` }, null, 409)
              : matrixPage(req, reply, body, errors, null, 400),
        },
      );
    }),
  );

  // ---- One risk --------------------------------------------------------------------------------------------
  app.get(
    '/plans/risks/:id',
    access('manage.view'),
    page(async (req, reply) => {
      const view = await service.riskView(db, req.ctx.tenantId, idParam(req, 'id'));
      return reply.view('plans/views/risk-view.njk', {
        pageTitle: view.risk.title,
        ...view,
        flash: flashOf(req),
        canEdit: can(req.user, 'plan.edit'),
        breadcrumbs: [...BREADCRUMBS, { text: view.risk.partnershipName, href: `/plans/risks?partnership=${view.risk.partnershipId}` }],
      });
    }),
  );
  const loadRisk = async (req: Req) => {
    const row = await repo.getRisk(db, req.ctx.tenantId, idParam(req, 'id'));
    if (!row) throw new NotFoundError('risk');
    return row;
  };
  const storedForm = async (req: Req, row: repo.RiskRow) =>
    toForm(
      row,
      (await repo.mitigationsOf(db, req.ctx.tenantId, row.id)).map((a) => a.id),
    );
  app.get(
    '/plans/risks/:id/edit',
    access('plan.edit'),
    page(async (req, reply) => {
      const row = await loadRisk(req);
      return formPage(req, reply, await storedForm(req, row), {}, row);
    }),
  );
  app.post(
    '/plans/risks/:id',
    access('plan.edit'),
    page(async (req, reply) => {
      const row = await loadRisk(req);
      const body = asBody(req.body);
      const errors: FieldErrors = {};
      return submitForm(() => service.updateRisk(db, req.ctx, row.id, formVersion(body.version), riskFromForm(body, errors), errors), {
        done: () => reply.redirect(`/plans/risks/${row.id}?done=updated`, 303),
        // On a conflict the form shows what the other person saved, for the user to make their changes again.
        invalid: async (refused, status) => {
          if (status === 400) return formPage(req, reply, body, refused, row, 400);
          const fresh = await loadRisk(req);
          return formPage(req, reply, await storedForm(req, fresh), { _: `${refused._}. Their changes are shown: make yours again.` }, fresh, 409);
        },
      });
    }),
  );
}
