// Changing and removing a self-assessment's entries (questions, editing-group members, evidence, boards' comments and
// route steps), each on its own page: a form to change it, and a confirmation page before it is removed (POST, with
// the version read, audited by the trigger). An entry of another assessment is not found; a submitted or closed
// assessment is locked and says so. Also each version's uploaded file, for download. Staff only.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { access } from '../access/route-access.ts';
import { formatDate } from '../calendar/format.ts';
import { todayInEngland } from '../calendar/today.ts';
import type { Database } from '../db/database.ts';
import { sendDocument } from '../documents/download.ts';
import { asBody, errorSummary, submitForm, type FormBody } from '../web/forms.ts';
import type { FieldErrors } from '../web/errors.ts';
import { idParam, page, type PageRequest } from '../web/page.ts';
import { choicesFor } from './assessment-choices.ts';
import * as service from './assessment-entries.ts';

type Entry = Awaited<ReturnType<typeof service.entryOf>>['entry'];
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const dateParts = (name: string, iso: unknown) => {
  const d = str(iso);
  return d ? { [`${name}-day`]: String(Number(d.slice(8, 10))), [`${name}-month`]: String(Number(d.slice(5, 7))), [`${name}-year`]: d.slice(0, 4) } : {};
};

/** The form's values for an entry as it is now. */
function valuesOf(kind: service.EntryKind, e: Entry): FormBody {
  switch (kind) {
    case 'question':
      return { question: e.text, parentId: e.parentId ?? '', raisedBy: e.raisedBy };
    case 'editor':
      return { role: e.role };
    case 'evidence':
      return { questionId: e.questionId, note: e.note, link: e.linkKind ? `${str(e.linkKind)}:${str(e.linkId)}` : '' };
    case 'comment':
      return { draftId: e.draftId, meetingId: e.meetingId ?? '', board: e.board, comment: e.comment, ...(e.meetingId ? {} : dateParts('saidOn', e.saidOn)) };
    case 'step':
      return { purpose: e.purpose, agendaItemId: e.agendaItemId ?? '', board: e.agendaItemId ? '' : e.board, ...dateParts('stepDate', e.stepDate) };
  }
}

/** The entry in a sentence, for its pages' headings and the confirmation. */
function describe(kind: service.EntryKind, e: Entry): string {
  switch (kind) {
    case 'question':
      return `${str(e.label)}. ${str(e.text)}`;
    case 'editor':
      return `${str(e.name)}${e.organisation ? `, ${str(e.organisation)}` : ''}${e.role ? ` (${str(e.role)})` : ''}`;
    case 'evidence': {
      const link = e.link as { label: string } | null;
      return `Evidence for ${str(e.questionLabel)}: ${[str(e.note), link ? `${str(e.kindLabel)} ${link.label}` : ''].filter(Boolean).join(': ')}`;
    }
    case 'comment':
      return `${str(e.board)}, ${formatDate(str(e.saidOn))}, on version ${String(e.draftNumber)}: ${str(e.comment)}`;
    case 'step':
      return `${str(e.purpose)} (${str(e.board)}${e.date ? `, ${formatDate(str(e.date))}` : ''})`;
  }
}

const ANCHOR: Record<service.EntryKind, string> = { question: 'questions', editor: 'editing-group', evidence: 'questions', comment: 'drafts', step: 'route' };

export async function registerAssessmentEntryPages(app: FastifyInstance, db: Database) {
  for (const kind of Object.keys(service.ENTRY_KINDS) as service.EntryKind[]) {
    const { path, name } = service.ENTRY_KINDS[kind];
    const base = `/assessments/:id/${path}/:entryId`;

    const editPage = async (req: PageRequest, reply: FastifyReply, posted?: { values: FormBody; errors: FieldErrors }, code = 200) => {
      const { view, entry } = await service.entryOf(db, req.ctx.tenantId, idParam(req, 'id'), kind, idParam(req, 'entryId'), todayInEngland());
      const errors = posted?.errors ?? {};
      const keepLink =
        kind === 'evidence' && entry.linkKind && !(entry.link as { href: string | null } | null)?.href
          ? { value: `${str(entry.linkKind)}:${str(entry.linkId)}`, text: `${str(entry.kindLabel)}: ${str(entry.linkLabel)} (no longer listed)` }
          : null;
      return reply.code(code).view('reports/views/assessment-entry.njk', {
        pageTitle: `Change the ${name}`,
        kind,
        name,
        view,
        entry,
        described: describe(kind, entry),
        values: posted?.values ?? valuesOf(kind, entry),
        version: posted ? str(posted.values.version) : String(entry.version),
        errors,
        errorList: errorSummary(errors, { saidOn: 'saidOn-day', stepDate: 'stepDate-day' }),
        items: choicesFor(view, { exceptQuestion: kind === 'question' ? entry.id : undefined, keepLink }),
        back: `/assessments/${view.assessment.id}#${ANCHOR[kind]}`,
      });
    };
    app.get(
      `${base}/edit`,
      access('report.edit'),
      page((req, reply) => editPage(req, reply)),
    );
    app.post(
      `${base}/edit`,
      access('report.edit'),
      page(async (req, reply) => {
        const id = idParam(req, 'id');
        const body = asBody(req.body);
        return submitForm(() => service.changeEntry(db, req.ctx, id, kind, idParam(req, 'entryId'), body), {
          done: () => reply.redirect(`/assessments/${id}?done=changed#${ANCHOR[kind]}`, 303),
          invalid: (errors, status) => editPage(req, reply, { values: body, errors }, status),
        });
      }),
    );

    const removePage = async (req: PageRequest, reply: FastifyReply, errors: FieldErrors = {}, code = 200) => {
      const { view, entry } = await service.entryOf(db, req.ctx.tenantId, idParam(req, 'id'), kind, idParam(req, 'entryId'), todayInEngland());
      return reply.code(code).view('reports/views/assessment-remove.njk', {
        pageTitle: `Remove the ${name}`,
        kind,
        name,
        view,
        entry,
        described: describe(kind, entry),
        removal: kind === 'question' ? service.removalOfQuestion(view, entry.id) : null,
        errors,
        errorList: errorSummary(errors),
        back: `/assessments/${view.assessment.id}#${ANCHOR[kind]}`,
      });
    };
    app.get(
      `${base}/remove`,
      access('report.edit'),
      page((req, reply) => removePage(req, reply)),
    );
    app.post(
      `${base}/remove`,
      access('report.edit'),
      page(async (req, reply) => {
        const id = idParam(req, 'id');
        const body = asBody(req.body);
        return submitForm(() => service.removeEntry(db, req.ctx, id, kind, idParam(req, 'entryId'), body), {
          done: () => reply.redirect(`/assessments/${id}?done=removed#${ANCHOR[kind]}`, 303),
          invalid: (errors, status) => removePage(req, reply, errors, status),
        });
      }),
    );
  }

  app.get(
    '/assessments/:id/drafts/:draftId/file',
    access('manage.view'),
    page(async (req, reply) => {
      const file = await service.draftDownload(db, req.ctx.tenantId, idParam(req, 'id'), idParam(req, 'draftId'));
      return sendDocument(reply, { filename: file.filename, contentType: file.contentType, content: file.content, caching: 'none' });
    }),
  );
}
