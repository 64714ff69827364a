// Back-office pages for a partnership's money: pooled budgets and each partner's share, external funding
// and grants, loans and equity with their repayment schedules. Every error at once, Post/Redirect/Get.
import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/database.ts';
import { organisationChoices } from '../directory/index.ts';
import { NotFoundError, type FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, lines, readDate, readMoney, submitForm, text, type FormBody } from '../web/forms.ts';
import { access } from '../access/route-access.ts';
import type { RequestContext } from '../web/context.ts';
import type { z } from 'zod';
import * as repo from './partnerships.repository.ts';
import * as moneyService from './money.service.ts';
import { MONEY_KINDS } from './money.repository.ts';
import { fundingInput, investmentInput, pooledBudgetInput, repaymentInput, shareInput } from './money.schemas.ts';
import { todayInEngland } from '../calendar/today.ts';
import { exemptItems, idParam, readForm, page, yearOptions, type Req } from './partnership-pages.ts';

interface MoneyForm {
  /** The address under /partnerships/:id/ that the form posts to (with :subId for a pool or an investment). */
  path: string;
  title: string;
  template: string;
  done: string;
  firstInput: Record<string, string>;
  read(body: FormBody, errors: FieldErrors): unknown;
  schema: z.ZodType;
  save(db: Database, ctx: RequestContext, partnershipId: string, subId: string, input: unknown): Promise<unknown>;
}

const exemptFrom = (b: FormBody) => text(b.exemptParagraph) ?? '';

const FORMS: MoneyForm[] = [
  {
    path: 'pooled-budgets',
    title: 'Add a pooled budget',
    template: 'partnerships/views/pooled-budget-form.njk',
    done: 'pool',
    firstInput: {},
    read: (b) => ({
      name: text(b.name),
      financialYear: text(b.financialYear),
      hostOrganisationId: text(b.hostOrganisationId),
      legalBasis: text(b.legalBasis),
      purposes: lines(b.purposes),
      exemptParagraph: exemptFrom(b),
    }),
    schema: pooledBudgetInput,
    save: (db, ctx, id, _sub, input) => moneyService.addPooledBudget(db, ctx, id, input),
  },
  {
    path: 'pooled-budgets/:subId/shares',
    title: "Add a partner's share",
    template: 'partnerships/views/share-form.njk',
    done: 'share',
    firstInput: { amountPence: 'amount' },
    read: (b, errors) => ({ organisationId: text(b.organisationId), amountPence: readMoney(b, 'amount', 'Share', errors) ?? 0 }),
    schema: shareInput,
    save: (db, ctx, id, sub, input) => moneyService.addShare(db, ctx, id, sub, input),
  },
  {
    path: 'funding',
    title: 'Add external funding or a grant',
    template: 'partnerships/views/funding-form.njk',
    done: 'funding',
    firstInput: { amountPence: 'amount', startDate: 'startDate-day', endDate: 'endDate-day' },
    read: (b, errors) => ({
      kind: text(b.kind),
      funder: text(b.funder),
      title: text(b.title),
      amountPence: readMoney(b, 'amount', 'Amount', errors) ?? 0,
      startDate: readDate(b, 'startDate', 'Start date', errors),
      endDate: readDate(b, 'endDate', 'End date', errors),
      conditions: text(b.conditions),
      exemptParagraph: exemptFrom(b),
    }),
    schema: fundingInput,
    save: (db, ctx, id, _sub, input) => moneyService.addFunding(db, ctx, id, input),
  },
  {
    path: 'investments',
    title: 'Add a loan or equity investment',
    template: 'partnerships/views/investment-form.njk',
    done: 'investment',
    firstInput: { amountPence: 'amount', madeOn: 'madeOn-day' },
    read: (b, errors) => ({
      kind: text(b.kind),
      counterparty: text(b.counterparty),
      purpose: text(b.purpose),
      amountPence: readMoney(b, 'amount', 'Amount', errors) ?? 0,
      madeOn: readDate(b, 'madeOn', 'Date made', errors),
      exemptParagraph: exemptFrom(b),
    }),
    schema: investmentInput,
    save: (db, ctx, id, _sub, input) => moneyService.addInvestment(db, ctx, id, input),
  },
  {
    path: 'investments/:subId/repayments',
    title: 'Add a repayment to the schedule',
    template: 'partnerships/views/repayment-form.njk',
    done: 'repayment',
    firstInput: { amountPence: 'amount', dueOn: 'dueOn-day' },
    read: (b, errors) => ({
      dueOn: readDate(b, 'dueOn', 'Date due', errors, { required: true }) ?? '',
      amountPence: readMoney(b, 'amount', 'Amount', errors) ?? 0,
    }),
    schema: repaymentInput,
    save: (db, ctx, id, sub, input) => moneyService.addRepayment(db, ctx, id, sub, input),
  },
];

export async function registerMoneyPages(app: FastifyInstance, db: Database) {
  /** The partnership and, for a share or a repayment, the pool or investment it belongs to (404 when either is missing). */
  const load = async (req: Req, form: MoneyForm) => {
    const partnership = await repo.getPartnership(db, req.ctx.tenantId, idParam(req));
    if (!partnership) throw new NotFoundError('partnership');
    if (!form.path.includes(':subId')) return { partnership, subId: '', parent: null };
    const subId = idParam(req, 'subId');
    const money = await moneyService.partnershipMoney(db, req.ctx.tenantId, partnership.id);
    const parent = [...money.pools, ...money.investments].find((r) => r.id === subId);
    if (!parent) throw new NotFoundError('record');
    return { partnership, subId, parent };
  };

  const render = async (req: Req, form: MoneyForm, values: FormBody, errors: FieldErrors) => {
    const { partnership, subId, parent } = await load(req, form);
    const organisations = await organisationChoices(db, req.ctx.tenantId);
    const pick = (selected: unknown, blank: string) => [
      { value: '', text: blank },
      ...organisations.map((o) => ({ value: o.id, text: o.name, selected: o.id === selected })),
    ];
    return {
      pageTitle: form.title,
      partnership,
      parent,
      action: `/partnerships/${partnership.id}/${form.path.replace(':subId', subId)}`,
      values,
      errors,
      errorList: errorSummary(errors, form.firstInput),
      backLink: `/partnerships/${partnership.id}#money`,
      organisationOptions: pick(values.organisationId, 'Select an organisation'),
      hostOptions: pick(values.hostOrganisationId, 'Not recorded'),
      yearOptions: yearOptions(values.financialYear ?? todayInEngland().slice(0, 4), todayInEngland()),
      exemptItems: exemptItems(values.exemptParagraph),
    };
  };

  for (const form of FORMS) {
    const base = `/partnerships/:id/${form.path}`;
    app.get(
      `${base}/new`,
      access('contribution.edit', 'id'),
      page(async (req, reply) => {
        return reply.view(form.template, await render(req, form, {}, {}));
      }),
    );
    app.post(
      base,
      access('contribution.edit', 'id'),
      page(async (req, reply) => {
        const { partnership, subId } = await load(req, form);
        const body = asBody(req.body);
        const { input, errors } = readForm(form, body);
        const refused = async (shown: FieldErrors, status: number) => reply.code(status).view(form.template, await render(req, form, body, shown));
        if (Object.keys(errors).length) return refused(errors, 400);
        return submitForm(() => form.save(db, req.ctx, partnership.id, subId, input), {
          done: () => reply.redirect(`/partnerships/${partnership.id}?done=${form.done}#money`, 303),
          invalid: refused,
        });
      }),
    );
  }

  for (const kind of MONEY_KINDS) {
    app.post(
      `/partnerships/:id/${kind}/:partId/delete`,
      access('contribution.edit', 'id'),
      page(async (req, reply) => {
        const id = idParam(req);
        await moneyService.removeMoney(db, req.ctx, id, kind, idParam(req, 'partId'));
        return reply.redirect(`/partnerships/${id}?done=removed#money`, 303);
      }),
    );
  }
}
