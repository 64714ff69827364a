// Self-assessments (seed 000): reads an assessment with what it links to through the other capabilities' front
// doors (people, partnerships, indicators, decisions, papers, plan actions, meetings and their deadlines), and
// the commands that change it: every error at once, nothing saved on an error, in a transaction (audited).
import type { ChangeContext, Database, Queryable } from '../db/database.ts';
import { formatDate } from '../calendar/format.ts';
import { personChoices } from '../directory/index.ts';
import { holidays, itemsOfMeetings, listMeetings } from '../meetings/index.ts';
import { searchDecisions } from '../minutes/index.ts';
import { quarterlyPartnerships } from '../partnerships/index.ts';
import { indicatorChoices } from '../performance/index.ts';
import { actionsOfPlan, listPlans } from '../plans/index.ts';
import { checkUpload, isUpload } from '../documents/file-types.ts';
import { insertFile } from '../files/index.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../web/errors.ts';
import { readDate, text, type FormBody } from '../web/forms.ts';
import { formVersion, isUuid } from '../web/schema.ts';
import * as repo from './assessment-data.repository.ts';
import {
  ASSESSMENT_STATES,
  canRemoveStep,
  currentStep,
  inReadingOrder,
  isDraftFileType,
  isLocked,
  isStepStatus,
  lockedMessage,
  parentProblem,
  judgeStep,
  questionLabels,
  STEP_STATUSES,
  stepDeadlines,
  type AssessmentState,
  versionBy,
} from './assessment-rules.ts';

export type Ctx = ChangeContext & { tenantId: string };
export const MAX_TEXT = 2000;
export const MAX_DRAFT = 200000;

export interface LinkTarget {
  kind: repo.LinkKind;
  id: string;
  label: string;
  href: string;
}
export const LINK_KINDS: Record<repo.LinkKind, string> = { indicator: 'Indicator', decision: 'Decision', paper: 'Paper', action: 'Plan action' };

const clip = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Every meeting with its agenda items (the route's steps and the papers evidence can link to). */
async function meetingsWithItems(db: Queryable, tenantId: string) {
  const { rows } = await listMeetings(db, tenantId, { publicOnly: false, limit: 5000, offset: 0 });
  const items = await itemsOfMeetings(
    db,
    tenantId,
    rows.map((m) => m.id),
  );
  return rows.map((meeting) => ({ meeting, items: items.get(meeting.id) ?? [] }));
}
type MeetingEntry = Awaited<ReturnType<typeof meetingsWithItems>>[number];

/** What evidence may link to, each with its title and its page. */
async function linkTargets(db: Queryable, tenantId: string, meetings: MeetingEntry[]): Promise<LinkTarget[]> {
  const [indicators, decisions, actions] = await Promise.all([
    indicatorChoices(db, tenantId),
    searchDecisions(db, tenantId, { publicOnly: false, limit: 5000, offset: 0 }),
    listPlans(db, tenantId).then(async (plans) => (await Promise.all(plans.map((p) => actionsOfPlan(db, tenantId, p.id)))).flat()),
  ]);
  return [
    ...indicators
      .map((i) => ({ kind: 'indicator' as const, id: i.id, label: i.code ? `${i.code} ${i.title}` : i.title, href: `/performance/indicators/${i.id}` }))
      .sort((a, b) => a.label.localeCompare(b.label)),
    ...decisions.rows.map((d) => ({
      kind: 'decision' as const,
      id: d.id,
      label: `${d.bodyName}, ${formatDate(d.meetingDate)}, minute ${d.minuteNumber}: ${clip(d.text)}`,
      href: `/meetings/${d.meetingId}/minutes#minute-${d.minuteNumber}`,
    })),
    ...meetings.flatMap(({ meeting: m, items }) =>
      items
        .filter((i) => i.reportId)
        .map((i) => ({
          kind: 'paper' as const,
          id: i.id,
          label: `${m.bodyName}, ${formatDate(m.meetingDate)}: ${i.reportTitle ?? i.title}`,
          href: `/meetings/${m.id}/items/${i.id}/report`,
        })),
    ),
    ...actions.map((a) => ({
      kind: 'action' as const,
      id: a.id,
      label: `${a.planTitle}, action ${a.reference}: ${clip(a.description)}`,
      href: `/plans/${a.planId}/actions/${a.id}`,
    })),
  ];
}

export async function assessmentList(db: Queryable, tenantId: string) {
  const [rows, partnerships] = await Promise.all([repo.listAssessments(db, tenantId), quarterlyPartnerships(db, tenantId, null)]);
  const names = new Map(partnerships.map((p) => [p.id, p.name]));
  return rows.map((a) => ({ ...a, partnership: a.partnershipId ? (names.get(a.partnershipId) ?? null) : null, stateLabel: ASSESSMENT_STATES[a.state] }));
}

/** An assessment with its questions lettered, evidence linked, versions with comments, and its route judged against today. */
export async function assessmentView(db: Queryable, tenantId: string, id: string, today: string) {
  const a = await repo.getAssessment(db, tenantId, id);
  if (!a) throw new NotFoundError('self-assessment');
  const [parts, people, partnerships, meetings, calendar] = await Promise.all([
    repo.partsOf(db, tenantId, id),
    personChoices(db, tenantId),
    quarterlyPartnerships(db, tenantId, a.partnershipId ? [a.partnershipId] : []),
    meetingsWithItems(db, tenantId),
    holidays(db, tenantId),
  ]);
  const targets = await linkTargets(db, tenantId, meetings);
  const labels = questionLabels(parts.questions);
  const personName = new Map(people.map((p) => [p.id, p]));
  const meetingOf = new Map(meetings.map((e) => [e.meeting.id, e.meeting]));
  const itemOf = new Map(meetings.flatMap((e) => e.items.map((i) => [i.id, { item: i, meeting: e.meeting }] as const)));
  const target = new Map(targets.map((t) => [`${t.kind}:${t.id}`, t]));

  const steps = parts.steps.map((s) => {
    const at = s.agendaItemId ? itemOf.get(s.agendaItemId) : undefined;
    const deadlines = at ? stepDeadlines(at.meeting, calendar) : null;
    const date = at ? at.meeting.meetingDate : s.stepDate;
    const judged = judgeStep({ status: s.status, date, deadlines }, today, a.state, formatDate);
    return {
      ...s,
      removable: canRemoveStep(s.status),
      board: at ? at.meeting.bodyName : s.board,
      itemTitle: at ? `Item ${at.item.position}: ${at.item.title}` : null,
      href: at ? `/meetings/${at.meeting.id}` : null,
      date,
      deadlines,
      statusLabel: STEP_STATUSES[s.status],
      version: deadlines ? versionBy(parts.drafts, deadlines.paperDue) : null,
      ...judged,
    };
  });
  const evidence = parts.evidence.map((e) => {
    const t = e.linkKind && e.linkId ? target.get(`${e.linkKind}:${e.linkId}`) : undefined;
    return {
      ...e,
      kindLabel: e.linkKind ? LINK_KINDS[e.linkKind] : null,
      link: t ? { label: t.label, href: t.href } : e.linkKind ? { label: `${e.linkLabel} (no longer listed)`, href: null } : null,
    };
  });
  const questions = inReadingOrder(parts.questions).map((q) => ({
    ...q,
    label: labels.get(q.id) ?? '',
    evidence: evidence.filter((e) => e.questionId === q.id),
  }));
  return {
    assessment: { ...a, stateLabel: ASSESSMENT_STATES[a.state] },
    locked: isLocked(a.state) ? lockedMessage(a.state, a.submittedOn, formatDate) : null,
    partnership: partnerships[0] ?? null,
    questions,
    editors: parts.editors.map((e) => ({
      ...e,
      name: personName.get(e.personId)?.name ?? 'Unknown person',
      organisation: personName.get(e.personId)?.organisationName ?? null,
    })),
    drafts: parts.drafts.map((d) => ({
      ...d,
      comments: parts.comments
        .filter((c) => c.draftId === d.id)
        .map((c) => ({ ...c, href: c.meetingId && meetingOf.has(c.meetingId) ? `/meetings/${c.meetingId}` : null })),
    })),
    steps,
    waitingOn: waitingOn(a.state, currentStep(steps)),
    overdue: steps.filter((s) => s.overdue).length,
    choices: {
      people,
      targets,
      items: meetings.flatMap(({ meeting: m, items }) =>
        items.map((i) => ({ value: i.id, text: `${m.bodyName}, ${formatDate(m.meetingDate)}: item ${i.position}, ${clip(i.title, 70)}` })),
      ),
      meetings: meetings.map(({ meeting: m }) => ({ value: m.id, text: `${m.bodyName}, ${formatDate(m.meetingDate)}` })),
    },
  };
}
export type AssessmentView = Awaited<ReturnType<typeof assessmentView>>;

/** What the route waits on: its first step not yet dealt with, while the assessment is open. */
function waitingOn(state: AssessmentState, step: { purpose: string; board: string } | null) {
  if (state !== 'open') return `Nothing: the assessment is ${ASSESSMENT_STATES[state].toLowerCase()}`;
  return step ? `${step.purpose} (${step.board})` : 'Nothing: every step has been dealt with';
}

// ---- Reading forms ----------------------------------------------------------------------------------

export const clean = (v: unknown) => (text(v) ?? '').replace(/\r\n/g, '\n').trim();
function required(body: FormBody, field: string, what: string, errors: FieldErrors, max = MAX_TEXT) {
  const v = clean(body[field]);
  if (!v) errors[field] = `Enter ${what}`;
  else if (v.length > max) errors[field] = `${what[0]!.toUpperCase()}${what.slice(1)} must be ${max.toLocaleString('en-GB')} characters or fewer`;
  return v;
}
export function optional(body: FormBody, field: string, what: string, errors: FieldErrors, max = MAX_TEXT) {
  const v = clean(body[field]);
  if (v.length > max) errors[field] = `${what} must be ${max.toLocaleString('en-GB')} characters or fewer`;
  return v;
}
/** A choice from a list: an id that is in it, or an error. */
function choice(body: FormBody, field: string, allowed: ReadonlySet<string>, message: string, errors: FieldErrors, opts: { optional?: boolean } = {}) {
  const v = clean(body[field]).toLowerCase();
  if (!v && opts.optional) return null;
  if (!v || !allowed.has(v)) {
    errors[field] = message;
    return null;
  }
  return v;
}
export const fail = (errors: FieldErrors) => {
  if (Object.keys(errors).length) throw new ValidationError(errors);
};

export async function existing(db: Queryable, ctx: Ctx, id: string) {
  const a = await repo.getAssessment(db, ctx.tenantId, id);
  if (!a) throw new NotFoundError('self-assessment');
  return a;
}

/** The assessment, when it may be changed: a submitted or closed one is locked (400, saying so). */
async function open(db: Queryable, ctx: Ctx, id: string) {
  const a = await existing(db, ctx, id);
  if (isLocked(a.state)) throw new ValidationError({ _: lockedMessage(a.state, a.submittedOn, formatDate) });
  return a;
}

/**
 * Runs a change in one transaction, with the assessment's state held (for share) so that it cannot be submitted
 * while the change is made, and refused if it was submitted or closed since the form was read.
 */
export function change<T>(db: Database, ctx: Ctx, id: string, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(ctx, async (tx) => {
    const a = await repo.lockAssessment(tx, ctx.tenantId, id);
    if (!a) throw new NotFoundError('self-assessment');
    if (isLocked(a.state)) throw new ValidationError({ _: lockedMessage(a.state, a.submittedOn, formatDate) });
    return fn(tx);
  });
}

// ---- Commands ---------------------------------------------------------------------------------------

export async function createAssessment(db: Database, ctx: Ctx, body: FormBody) {
  const errors: FieldErrors = {};
  const title = required(body, 'title', 'the title', errors, 300);
  const partnerships = await quarterlyPartnerships(db, ctx.tenantId, null);
  const partnershipId = choice(body, 'partnershipId', new Set(partnerships.map((p) => p.id)), 'Select the partnership from the list', errors, {
    optional: true,
  });
  const submittedTo = optional(body, 'submittedTo', 'The body it is submitted to', errors, 300);
  fail(errors);
  return db.transaction(ctx, (tx) => repo.insertAssessment(tx, ctx.tenantId, { title, partnershipId, submittedTo }));
}

// Each form's reading is shared by adding and changing: every error at once, nothing saved on an error.

export async function readQuestion(db: Queryable, ctx: Ctx, id: string, body: FormBody, questionId: string | null) {
  const errors: FieldErrors = {};
  const q = required(body, 'question', 'the question', errors);
  const { questions } = await repo.partsOf(db, ctx.tenantId, id);
  const parentId = choice(body, 'parentId', new Set(questions.map((x) => x.id)), 'Select the question this sits under from the list', errors, {
    optional: true,
  });
  if (parentId && !errors.parentId) {
    const problem = questionId
      ? parentProblem(questionId, parentId, questions)
      : questions.find((x) => x.id === parentId)?.parentId
        ? 'Select the question this sits under from the list'
        : null;
    if (problem) errors.parentId = problem;
  }
  const raisedBy = optional(body, 'raisedBy', 'Who raised it', errors, 300);
  fail(errors);
  return { text: q, parentId, raisedBy };
}

export async function addQuestion(db: Database, ctx: Ctx, id: string, body: FormBody) {
  await open(db, ctx, id);
  const q = await readQuestion(db, ctx, id, body, null);
  await change(db, ctx, id, (tx) => repo.insertQuestion(tx, ctx.tenantId, id, q));
}

export async function addEditor(db: Database, ctx: Ctx, id: string, body: FormBody) {
  await open(db, ctx, id);
  const errors: FieldErrors = {};
  const people = await personChoices(db, ctx.tenantId);
  const personId = choice(body, 'personId', new Set(people.map((p) => p.id)), 'Select the person from the list', errors);
  const role = optional(body, 'role', 'Their role', errors, 300);
  fail(errors);
  const added = await change(db, ctx, id, (tx) => repo.insertEditor(tx, ctx.tenantId, id, { personId: personId!, role }));
  if (!added) throw new ValidationError({ personId: 'This person is already in the editing group' });
}

/** `kept` is the link an entry has now: it may stay even when its record is no longer listed. */
export async function readEvidence(db: Queryable, ctx: Ctx, id: string, body: FormBody, kept: repo.EvidenceRow | null = null) {
  const errors: FieldErrors = {};
  const { questions } = await repo.partsOf(db, ctx.tenantId, id);
  const questionId = choice(body, 'questionId', new Set(questions.map((q) => q.id)), 'Select the question this is evidence for', errors);
  const note = optional(body, 'note', 'The evidence', errors);
  const raw = clean(body.link);
  let link: LinkTarget | undefined;
  if (raw) {
    const [kind, target] = raw.split(':');
    if (kind && target && isUuid(target)) {
      const meetings = await meetingsWithItems(db, ctx.tenantId);
      link = (await linkTargets(db, ctx.tenantId, meetings)).find((t) => t.kind === kind && t.id === target.toLowerCase());
      if (!link && kept?.linkKind && kept.linkId && kept.linkKind === kind && kept.linkId === target.toLowerCase())
        link = { kind: kept.linkKind, id: kept.linkId, label: kept.linkLabel, href: '' };
    }
    if (!link) errors.link = 'Select the record from the list';
  }
  if (!note && !raw && !errors.note) errors.note = 'Enter the evidence, or select a record it links to';
  fail(errors);
  return { questionId: questionId!, note, linkKind: link?.kind ?? null, linkId: link?.id ?? null, linkLabel: link?.label ?? '' };
}

export async function addEvidence(db: Database, ctx: Ctx, id: string, body: FormBody) {
  await open(db, ctx, id);
  const e = await readEvidence(db, ctx, id, body);
  await change(db, ctx, id, (tx) => repo.insertEvidence(tx, ctx.tenantId, id, e));
}

/**
 * A new version of the draft: its text, a Word (.docx) or PDF file, or both. The file is checked by its content
 * (src/documents) and stored through the files capability; who added it is kept with the version.
 */
export async function addDraft(db: Database, ctx: Ctx, id: string, body: FormBody, addedBy: string) {
  await open(db, ctx, id);
  const errors: FieldErrors = {};
  const draftedOn = readDate(body, 'draftedOn', 'Date of the draft', errors, { required: true });
  const summary = optional(body, 'summary', 'What changed', errors);
  const content = optional(body, 'content', 'The text of the draft', errors, MAX_DRAFT);
  let file: { filename: string; contentType: string; data: Buffer } | null = null;
  if (isUpload(body.file)) {
    const checked = checkUpload(body.file, 'The draft');
    if (!checked.ok) errors.file = checked.error;
    else if (!isDraftFileType(checked.type.contentType)) errors.file = 'The draft must be a Word (.docx) or PDF file';
    else file = { filename: checked.filename, contentType: checked.type.contentType, data: body.file.data };
  } else if (body.file !== undefined && body.file !== '') errors.file = 'Select the draft as a Word (.docx) or PDF file';
  if (!content && !file && !errors.content && !errors.file) errors.content = 'Enter the text of the draft, or choose its Word or PDF file';
  // A file cannot be shown again: when something else is wrong, the officer chooses it again.
  if (file && Object.keys(errors).length) errors.file = 'Choose the file again';
  fail(errors);
  return change(db, ctx, id, async (tx) => {
    const fileId = file ? await insertFile(tx, ctx.tenantId, file) : null;
    return repo.insertDraft(tx, ctx.tenantId, id, { draftedOn: draftedOn!, summary, content, fileId, addedBy });
  });
}

export async function readComment(db: Queryable, ctx: Ctx, id: string, body: FormBody) {
  const errors: FieldErrors = {};
  const { drafts } = await repo.partsOf(db, ctx.tenantId, id);
  const draftId = choice(body, 'draftId', new Set(drafts.map((d) => d.id)), 'Select the version the comments are on', errors);
  const meetings = await meetingsWithItems(db, ctx.tenantId);
  const meetingId = choice(body, 'meetingId', new Set(meetings.map((m) => m.meeting.id)), 'Select the meeting from the list', errors, { optional: true });
  const meeting = meetings.find((m) => m.meeting.id === meetingId)?.meeting;
  let board = optional(body, 'board', 'The board', errors, 300);
  const comment = required(body, 'comment', 'what the board said', errors, MAX_TEXT * 5);
  let saidOn: string | undefined;
  if (meeting) {
    board ||= meeting.bodyName;
    saidOn = meeting.meetingDate;
  } else {
    if (!board && !errors.board && !errors.meetingId) errors.board = 'Enter the board, or select its meeting';
    if (!errors.meetingId) saidOn = readDate(body, 'saidOn', 'Date of the comments', errors, { required: true }) ?? undefined;
  }
  fail(errors);
  return { draftId: draftId!, board, meetingId: meeting?.id ?? null, saidOn: saidOn!, comment };
}

export async function addComment(db: Database, ctx: Ctx, id: string, body: FormBody) {
  await open(db, ctx, id);
  const c = await readComment(db, ctx, id, body);
  await change(db, ctx, id, (tx) => repo.insertComment(tx, ctx.tenantId, c));
}

export async function readStep(db: Queryable, ctx: Ctx, body: FormBody) {
  const errors: FieldErrors = {};
  const purpose = required(body, 'purpose', 'what the step is for', errors, 300);
  const meetings = await meetingsWithItems(db, ctx.tenantId);
  const itemIds = new Set(meetings.flatMap((m) => m.items.map((i) => i.id)));
  const agendaItemId = choice(body, 'agendaItemId', itemIds, 'Select the agenda item from the list', errors, { optional: true });
  const board = optional(body, 'board', 'The board or body', errors, 300);
  let stepDate: string | null = null;
  if (!agendaItemId && !errors.agendaItemId) {
    if (!board) errors.board = 'Enter who the step is with, or select a meeting’s agenda item';
    stepDate = readDate(body, 'stepDate', 'Date of the step', errors) ?? null;
  }
  return { errors, step: { purpose, agendaItemId, board: agendaItemId ? '' : board, stepDate } };
}

export async function addStep(db: Database, ctx: Ctx, id: string, body: FormBody) {
  await open(db, ctx, id);
  const { errors, step } = await readStep(db, ctx, body);
  const status = clean(body.status) || 'planned';
  if (!isStepStatus(status)) errors.status = 'Select the status from the list';
  fail(errors);
  await change(db, ctx, id, (tx) => repo.insertStep(tx, ctx.tenantId, id, { ...step, status: status as repo.StepRow['status'] }));
}

export async function setState(db: Database, ctx: Ctx, id: string, body: FormBody) {
  const a = await existing(db, ctx, id);
  const errors: FieldErrors = {};
  const state = clean(body.state);
  if (!Object.hasOwn(ASSESSMENT_STATES, state)) errors.state = 'Select whether the assessment is open, submitted or closed';
  const submittedOn = state === 'submitted' ? (readDate(body, 'submittedOn', 'Date submitted', errors) ?? null) : null;
  fail(errors);
  const ok = await db.transaction(ctx, (tx) =>
    repo.setAssessmentState(tx, ctx.tenantId, a.id, formVersion(body.version), state as AssessmentState, submittedOn),
  );
  if (!ok) throw new ConflictError();
}
