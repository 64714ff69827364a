// Staff pages for self-assessments (seed 000): the list, a new assessment, and the assessment's page with its
// lettered questions and evidence, editing group, draft versions with boards' comments, and the sign-off
// route's timeline. Officers who write reports change them; every member of staff reads them. Not public.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Database } from '../db/database.ts';
import { access } from '../access/route-access.ts';
import { canSometimes } from '../access/permissions.ts';
import { formatDate } from '../calendar/format.ts';
import { todayInEngland } from '../calendar/today.ts';
import { asBody, errorSummary, submitForm, type FormBody } from '../web/forms.ts';
import type { FieldErrors } from '../web/errors.ts';
import { flashFrom, idParam, page, type PageRequest } from '../web/page.ts';
import { assessmentStates, choicesFor, firstInputs, stepStatuses } from './assessment-choices.ts';
import { registerAssessmentEntryPages } from './assessment-entry-routes.ts';
import * as entries from './assessment-entries.ts';
import * as service from './assessment-service.ts';
import { quarterlyPartnerships } from '../partnerships/index.ts';

const flash = flashFrom({
  created: 'The self-assessment was created',
  question: 'The question was added',
  editor: 'The person was added to the editing group',
  evidence: 'The evidence was added',
  draft: 'The new version of the draft was saved',
  comment: 'The board’s comments were recorded',
  step: 'The step was added to the sign-off route',
  status: 'The step’s status was changed',
  state: 'The assessment’s state was changed',
  changed: 'The change was saved',
  removed: 'It was removed',
});
export async function registerAssessmentPages(app: FastifyInstance, db: Database) {
  app.get(
    '/assessments',
    access('manage.view'),
    page(async (req, reply) =>
      reply.view('reports/views/assessment-list.njk', {
        pageTitle: 'Self-assessments',
        rows: await service.assessmentList(db, req.ctx.tenantId),
        canEdit: canSometimes(req.user, 'report.edit'),
      }),
    ),
  );

  const newPage = async (req: PageRequest, reply: FastifyReply, values: FormBody = {}, errors: FieldErrors = {}, code = 200) =>
    reply.code(code).view('reports/views/assessment-new.njk', {
      pageTitle: 'New self-assessment',
      partnerships: (await quarterlyPartnerships(db, req.ctx.tenantId, null)).map((p) => ({ value: p.id, text: p.name })),
      values,
      errors,
      errorList: errorSummary(errors),
    });
  app.get(
    '/assessments/new',
    access('report.edit'),
    page((req, reply) => newPage(req, reply)),
  );
  app.post(
    '/assessments',
    access('report.edit'),
    page(async (req, reply) => {
      const body = asBody(req.body);
      return submitForm(() => service.createAssessment(db, req.ctx, body), {
        done: (id) => reply.redirect(`/assessments/${id}?done=created`, 303),
        invalid: (errors, status) => newPage(req, reply, body, errors, status),
      });
    }),
  );

  const showPage = async (req: PageRequest, reply: FastifyReply, extra: { form?: string; values?: FormBody; errors?: FieldErrors } = {}, code = 200) => {
    const today = todayInEngland();
    const view = await service.assessmentView(db, req.ctx.tenantId, idParam(req, 'id'), today);
    const errors = extra.errors ?? {};
    return reply.code(code).view('reports/views/assessment-page.njk', {
      pageTitle: view.assessment.title,
      view,
      today,
      canEdit: canSometimes(req.user, 'report.edit'),
      form: extra.form ?? null,
      values: extra.values ?? {},
      errors,
      errorList: errorSummary(errors, firstInputs(extra.form)),
      flash: flash(req),
      formatDate,
      stepStatuses,
      states: assessmentStates,
      items: choicesFor(view),
    });
  };
  app.get(
    '/assessments/:id',
    access('manage.view'),
    page((req, reply) => showPage(req, reply)),
  );

  const post = (suffix: string, form: string, command: (req: PageRequest, body: FormBody) => Promise<unknown>) =>
    app.post(
      `/assessments/:id${suffix}`,
      access('report.edit'),
      page(async (req, reply) => {
        const id = idParam(req, 'id');
        const body = asBody(req.body);
        return submitForm(() => command(req, body), {
          done: () => reply.redirect(`/assessments/${id}?done=${form}#${form === 'status' ? 'route' : `${form}-form`}`, 303),
          invalid: (errors, status) => showPage(req, reply, { form, values: body, errors }, status),
        });
      }),
    );
  post('/questions', 'question', (req, body) => service.addQuestion(db, req.ctx, idParam(req, 'id'), body));
  post('/editors', 'editor', (req, body) => service.addEditor(db, req.ctx, idParam(req, 'id'), body));
  post('/evidence', 'evidence', (req, body) => service.addEvidence(db, req.ctx, idParam(req, 'id'), body));
  post('/drafts', 'draft', (req, body) => service.addDraft(db, req.ctx, idParam(req, 'id'), body, req.user?.name ?? ''));
  post('/comments', 'comment', (req, body) => service.addComment(db, req.ctx, idParam(req, 'id'), body));
  post('/steps', 'step', (req, body) => service.addStep(db, req.ctx, idParam(req, 'id'), body));
  post('/steps/:stepId', 'status', (req, body) => entries.setStepStatus(db, req.ctx, idParam(req, 'id'), idParam(req, 'stepId'), body));
  post('/state', 'state', (req, body) => service.setState(db, req.ctx, idParam(req, 'id'), body));
  await registerAssessmentEntryPages(app, db);
}
