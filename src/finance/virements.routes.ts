// Virements: the year's list (with the revised budget they make) and the form to record one. Above the
// de minimis the approving committee must be named; the list flags any recorded without one.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import type { FieldErrors } from '../web/errors.ts';
import { asBody, errorSummary, submitForm, type FormBody } from '../web/forms.ts';
import { page, type PageRequest, queryText } from '../web/page.ts';
import { flashOf, printers } from './finance-pages.ts';
import * as repo from './finance.repository.ts';
import * as service from './finance.service.ts';
import { needsApprovingCommittee, parseYear, toPence, yearLabel } from './rules.ts';

export async function registerVirementPages(app: FastifyInstance, db: Database) {
  app.get(
    '/finance/virements',
    access('manage.view'),
    page(async (req, reply) => {
      const year = parseYear(queryText(req, 'year')) ?? (await service.latestYear(db, req.ctx.tenantId))?.year ?? 2017;
      const [virements, settings] = await Promise.all([repo.virementsForYear(db, req.ctx.tenantId, year), service.financeSettings(db, req.ctx.tenantId)]);
      return reply.view('finance/views/virements.njk', {
        pageTitle: `Virements ${yearLabel(year)}`,
        year,
        virements: virements.map((v) => ({
          ...v,
          unapproved: needsApprovingCommittee(toPence(v.amountPence), settings.deMinimisPence) && !v.approvingCommittee,
        })),
        deMinimisPence: settings.deMinimisPence,
        ...printers,
        breadcrumbs: [{ text: 'Budget monitoring', href: `/finance?year=${yearLabel(year)}` }],
        flash: flashOf(req),
      });
    }),
  );
  const form = async (req: PageRequest, reply: FastifyReply, values: FormBody, errors: FieldErrors, code = 200) => {
    const year = parseYear(queryText(req, 'year')) ?? (await service.latestYear(db, req.ctx.tenantId))?.year ?? 2017;
    const [lines, settings] = await Promise.all([repo.linesForYear(db, req.ctx.tenantId, year), service.financeSettings(db, req.ctx.tenantId)]);
    const items = (selected: unknown, blank: string) => [
      { value: '', text: blank },
      ...lines.map((l) => ({ value: l.id, text: `${l.name} (${l.code})`, selected: l.id === selected })),
    ];
    return reply.code(code).view('finance/views/virement-form.njk', {
      pageTitle: 'Record a virement',
      values,
      errors,
      errorList: errorSummary(errors),
      fromItems: items(values.fromLineId, 'Another service block'),
      toItems: items(values.toLineId, 'Another service block'),
      deMinimis: printers.pounds(settings.deMinimisPence),
      backLink: `/finance/virements?year=${yearLabel(year)}`,
    });
  };
  app.get(
    '/finance/virements/new',
    access('finance.edit'),
    page(async (req, reply) => form(req, reply, {}, {})),
  );
  app.post(
    '/finance/virements/new',
    access('finance.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => service.addVirement(db, req.ctx, body), {
        done: ({ year }) => reply.redirect(`/finance/virements?year=${yearLabel(year)}&done=virement`, 303),
        invalid: (errors, status) => form(req, reply, body, errors, status),
      });
    }),
  );
}
