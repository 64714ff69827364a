// Changing and removing a self-assessment's entries (seed 000): questions, editing-group members, evidence, boards'
// comments and route steps. Each is found by its assessment as well as its id (another assessment's entry is not
// found), read with the same form rules as when it was added, saved at the version read (a stale one is a conflict),
// and refused while the assessment is submitted or closed. Removal marks the row deleted; the audit trigger keeps it.
import type { Database, Queryable } from '../db/database.ts';
import { formatDate } from '../calendar/format.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import type { FormBody } from '../web/forms.ts';
import { formVersion } from '../web/schema.ts';
import * as repo from './assessment-data.repository.ts';
import { canRemoveStep, isLocked, isStepStatus, lockedMessage, questionRemoval, STEP_STATUSES } from './assessment-rules.ts';
import {
  type AssessmentView,
  assessmentView,
  change,
  clean,
  type Ctx,
  existing,
  fail,
  optional,
  readComment,
  readEvidence,
  readQuestion,
  readStep,
} from './assessment-service.ts';

export type EntryKind = 'question' | 'editor' | 'evidence' | 'comment' | 'step';
export const ENTRY_KINDS: Record<EntryKind, { path: string; name: string }> = {
  question: { path: 'questions', name: 'question' },
  editor: { path: 'editors', name: 'member of the editing group' },
  evidence: { path: 'evidence', name: 'evidence' },
  comment: { path: 'comments', name: 'board’s comments' },
  step: { path: 'steps', name: 'step' },
};

/**
 * One entry of this assessment, as the assessment's page shows it, for its change and removal pages; an id of
 * another assessment's entry (or another council's) is not found.
 */
export async function entryOf(db: Queryable, tenantId: string, id: string, kind: EntryKind, entryId: string, today: string) {
  const view = await assessmentView(db, tenantId, id, today);
  const found = (() => {
    switch (kind) {
      case 'question':
        return view.questions.find((q) => q.id === entryId);
      case 'editor':
        return view.editors.find((e) => e.id === entryId);
      case 'evidence':
        return view.questions.flatMap((q) => q.evidence.map((e) => ({ ...e, questionLabel: q.label }))).find((e) => e.id === entryId);
      case 'comment':
        return view.drafts.flatMap((d) => d.comments.map((c) => ({ ...c, draftNumber: d.number }))).find((c) => c.id === entryId);
      case 'step':
        return view.steps.find((s) => s.id === entryId);
    }
  })();
  if (!found) throw new NotFoundError(ENTRY_KINDS[kind].name);
  return { view, entry: found as Record<string, unknown> & { id: string; version: number } };
}

/** What removing a question takes with it, for the confirmation page. */
export function removalOfQuestion(view: AssessmentView, questionId: string) {
  const r = questionRemoval(
    questionId,
    view.questions.map((q) => ({ id: q.id, parentId: q.parentId, position: q.position, evidenceCount: q.evidence.length })),
  );
  const also = [
    r.subQueries ? `${r.subQueries} ${r.subQueries === 1 ? 'sub-query' : 'sub-queries'}` : '',
    r.evidence ? `${r.evidence} ${r.evidence === 1 ? 'piece' : 'pieces'} of evidence` : '',
  ].filter(Boolean);
  return { ...r, warning: also.length ? `This also removes its ${also.join(' and ')}.` : null };
}

async function entry(db: Queryable, ctx: Ctx, id: string, kind: EntryKind, entryId: string) {
  const a = await existing(db, ctx, id);
  const parts = await repo.partsOf(db, ctx.tenantId, id);
  const list: { id: string; version: number }[] = {
    question: parts.questions,
    editor: parts.editors,
    evidence: parts.evidence,
    comment: parts.comments,
    step: parts.steps,
  }[kind];
  const found = list.find((x) => x.id === entryId);
  if (!found) throw new NotFoundError(ENTRY_KINDS[kind].name);
  if (isLocked(a.state)) throw new ValidationError({ _: lockedMessage(a.state, a.submittedOn, formatDate) });
  return { parts, found };
}

const saved = (ok: boolean) => {
  if (!ok) throw new ConflictError();
};

/** Changes an entry from its form (the version read comes with it: a stale one is a conflict). */
export async function changeEntry(db: Database, ctx: Ctx, id: string, kind: EntryKind, entryId: string, body: FormBody) {
  const { parts } = await entry(db, ctx, id, kind, entryId);
  const version = formVersion(body.version);
  switch (kind) {
    case 'question': {
      const q = await readQuestion(db, ctx, id, body, entryId);
      const current = parts.questions.find((x) => x.id === entryId)!;
      return change(db, ctx, id, async (tx) => {
        // Moving under another question (or out from under one) puts it last there; otherwise it keeps its place.
        const position = q.parentId === current.parentId ? current.position : await repo.nextPosition(tx, ctx.tenantId, 'questions', id, q.parentId);
        saved(await repo.updateQuestion(tx, ctx.tenantId, id, entryId, version, { ...q, position }));
      });
    }
    case 'editor': {
      const errors: FieldErrors = {};
      const role = optional(body, 'role', 'Their role', errors, 300);
      fail(errors);
      return change(db, ctx, id, async (tx) => saved(await repo.updateEditor(tx, ctx.tenantId, id, entryId, version, role)));
    }
    case 'evidence': {
      const e = await readEvidence(db, ctx, id, body, parts.evidence.find((x) => x.id === entryId) ?? null);
      return change(db, ctx, id, async (tx) => saved(await repo.updateEvidence(tx, ctx.tenantId, id, entryId, version, e)));
    }
    case 'comment': {
      const c = await readComment(db, ctx, id, body);
      return change(db, ctx, id, async (tx) => saved(await repo.updateComment(tx, ctx.tenantId, id, entryId, version, c)));
    }
    case 'step': {
      const { errors, step } = await readStep(db, ctx, body);
      fail(errors);
      return change(db, ctx, id, async (tx) => saved(await repo.updateStep(tx, ctx.tenantId, id, entryId, version, step)));
    }
  }
}

/** Removes an entry after its confirmation page; a step only while the board has not dealt with it. */
export async function removeEntry(db: Database, ctx: Ctx, id: string, kind: EntryKind, entryId: string, body: FormBody) {
  const { parts } = await entry(db, ctx, id, kind, entryId);
  const version = formVersion(body.version);
  if (kind === 'step') {
    const step = parts.steps.find((s) => s.id === entryId)!;
    if (!canRemoveStep(step.status))
      throw new ValidationError({
        _: `This step is ${STEP_STATUSES[step.status].toLowerCase()}, so it stays on the route as a record of what the board did. Only a step that is planned or whose paper is sent can be removed`,
      });
  }
  await change(db, ctx, id, async (tx) =>
    saved(
      kind === 'question'
        ? await repo.removeQuestion(tx, ctx.tenantId, id, entryId, version)
        : await repo.removeEntry(tx, ctx.tenantId, id, kind, entryId, version),
    ),
  );
}

/** A version's uploaded file, for download. */
export async function draftDownload(db: Queryable, tenantId: string, id: string, draftId: string) {
  const file = await repo.draftFile(db, tenantId, id, draftId);
  if (!file) throw new NotFoundError('file');
  return file;
}

export async function setStepStatus(db: Database, ctx: Ctx, id: string, stepId: string, body: FormBody) {
  await entry(db, ctx, id, 'step', stepId);
  const status = clean(body.status);
  if (!isStepStatus(status)) throw new ValidationError({ [`status-${stepId}`]: 'Select the status from the list' });
  await change(db, ctx, id, async (tx) => saved(await repo.setStepStatus(tx, ctx.tenantId, id, stepId, formVersion(body.version), status)));
}
