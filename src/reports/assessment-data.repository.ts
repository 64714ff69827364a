// SQL for self-assessments (seed 000): the assessment, its questions, editing group, evidence, draft versions
// with boards' comments, and its sign-off route. Records of other capabilities are named by id and read
// through their front doors.
import type { Queryable } from '../db/database.ts';
import type { AssessmentState, StepStatus } from './assessment-rules.ts';

export interface AssessmentRow {
  id: string;
  title: string;
  partnershipId: string | null;
  submittedTo: string;
  state: AssessmentState;
  submittedOn: string | null;
  version: number;
}
export interface QuestionRow {
  id: string;
  parentId: string | null;
  position: number;
  text: string;
  raisedBy: string;
}
export interface EditorRow {
  id: string;
  personId: string;
  role: string;
}
export type LinkKind = 'indicator' | 'decision' | 'paper' | 'action';
export interface EvidenceRow {
  id: string;
  questionId: string;
  note: string;
  linkKind: LinkKind | null;
  linkId: string | null;
  linkLabel: string;
}
export interface DraftRow {
  id: string;
  number: number;
  draftedOn: string;
  summary: string;
  content: string;
}
export interface CommentRow {
  id: string;
  draftId: string;
  board: string;
  meetingId: string | null;
  saidOn: string;
  comment: string;
}
export interface StepRow {
  id: string;
  position: number;
  purpose: string;
  agendaItemId: string | null;
  board: string;
  stepDate: string | null;
  status: StepStatus;
  version: number;
}

const ASSESSMENT = `id, title, partnership_id as "partnershipId", submitted_to as "submittedTo", state,
  to_char(submitted_on, 'YYYY-MM-DD') as "submittedOn", version`;

export async function listAssessments(db: Queryable, tenantId: string) {
  return db.query<AssessmentRow>(`select ${ASSESSMENT} from assessments where tenant_id = $1 and deleted_at is null order by created desc, id`, [tenantId]);
}

export async function getAssessment(db: Queryable, tenantId: string, id: string) {
  const rows = await db.query<AssessmentRow>(`select ${ASSESSMENT} from assessments where tenant_id = $1 and id = $2 and deleted_at is null`, [tenantId, id]);
  return rows[0] ?? null;
}

export async function insertAssessment(
  tx: Queryable,
  tenantId: string,
  a: { title: string; partnershipId: string | null; submittedTo: string; state?: AssessmentState; submittedOn?: string | null },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into assessments (tenant_id, title, partnership_id, submitted_to, state, submitted_on) values ($1, $2, $3, $4, $5, $6) returning id`,
    [tenantId, a.title, a.partnershipId, a.submittedTo, a.state ?? 'open', a.submittedOn ?? null],
  );
  return rows[0]!.id;
}

export async function setAssessmentState(tx: Queryable, tenantId: string, id: string, version: number, state: AssessmentState, submittedOn: string | null) {
  const rows = await tx.query<{ id: string }>(
    `update assessments set state = $4, submitted_on = $5 where tenant_id = $1 and id = $2 and version = $3 and deleted_at is null returning id`,
    [tenantId, id, version, state, submittedOn],
  );
  return rows.length === 1;
}

/** Everything hung on an assessment, in one round of queries. */
export async function partsOf(db: Queryable, tenantId: string, assessmentId: string) {
  const live = 'tenant_id = $1 and assessment_id = $2 and deleted_at is null';
  const args = [tenantId, assessmentId];
  const [questions, editors, evidence, drafts, comments, steps] = await Promise.all([
    db.query<QuestionRow>(
      `select id, parent_id as "parentId", position, text, raised_by as "raisedBy" from assessment_questions where ${live} order by position, id`,
      args,
    ),
    db.query<EditorRow>(`select id, person_id as "personId", role from assessment_editors where ${live} order by created, id`, args),
    db.query<EvidenceRow>(
      `select id, question_id as "questionId", note, link_kind as "linkKind", link_id as "linkId", link_label as "linkLabel"
       from assessment_evidence where ${live} order by created, id`,
      args,
    ),
    db.query<DraftRow>(
      `select id, number, to_char(drafted_on, 'YYYY-MM-DD') as "draftedOn", summary, content from assessment_drafts where ${live} order by number desc`,
      args,
    ),
    db.query<CommentRow>(
      `select c.id, c.draft_id as "draftId", c.board, c.meeting_id as "meetingId", to_char(c.said_on, 'YYYY-MM-DD') as "saidOn", c.comment
       from assessment_comments c join assessment_drafts d on d.id = c.draft_id
       where c.tenant_id = $1 and d.assessment_id = $2 and c.deleted_at is null and d.deleted_at is null order by c.said_on, c.created, c.id`,
      args,
    ),
    db.query<StepRow>(
      `select id, position, purpose, agenda_item_id as "agendaItemId", board, to_char(step_date, 'YYYY-MM-DD') as "stepDate", status, version
       from assessment_steps where ${live} order by position, id`,
      args,
    ),
  ]);
  return { questions, editors, evidence, drafts, comments, steps };
}

/** The next place at the end of a list (questions under a parent, or steps). */
export async function nextPosition(tx: Queryable, tenantId: string, table: 'questions' | 'steps', assessmentId: string, parentId: string | null = null) {
  const sql =
    table === 'questions'
      ? `select coalesce(max(position), 0) + 1 as n from assessment_questions where tenant_id = $1 and assessment_id = $2 and deleted_at is null
           and parent_id is not distinct from $3::uuid`
      : `select coalesce(max(position), 0) + 1 as n from assessment_steps where tenant_id = $1 and assessment_id = $2 and deleted_at is null and $3::uuid is null`;
  const rows = await tx.query<{ n: number }>(sql, [tenantId, assessmentId, parentId]);
  return Number(rows[0]?.n ?? 1);
}

export async function insertQuestion(tx: Queryable, tenantId: string, assessmentId: string, q: { parentId: string | null; text: string; raisedBy: string }) {
  const position = await nextPosition(tx, tenantId, 'questions', assessmentId, q.parentId);
  const rows = await tx.query<{ id: string }>(
    `insert into assessment_questions (tenant_id, assessment_id, parent_id, position, text, raised_by) values ($1, $2, $3, $4, $5, $6) returning id`,
    [tenantId, assessmentId, q.parentId, position, q.text, q.raisedBy],
  );
  return rows[0]!.id;
}

/** Adds a person to the editing group; false when they are in it already. */
export async function insertEditor(tx: Queryable, tenantId: string, assessmentId: string, e: { personId: string; role: string }) {
  const rows = await tx.query<{ id: string }>(
    `insert into assessment_editors (tenant_id, assessment_id, person_id, role) values ($1, $2, $3, $4)
     on conflict (tenant_id, assessment_id, person_id) where deleted_at is null do nothing returning id`,
    [tenantId, assessmentId, e.personId, e.role],
  );
  return rows.length === 1;
}

export async function insertEvidence(
  tx: Queryable,
  tenantId: string,
  assessmentId: string,
  e: { questionId: string; note: string; linkKind: LinkKind | null; linkId: string | null; linkLabel: string },
) {
  await tx.query(
    `insert into assessment_evidence (tenant_id, assessment_id, question_id, note, link_kind, link_id, link_label) values ($1, $2, $3, $4, $5, $6, $7)`,
    [tenantId, assessmentId, e.questionId, e.note, e.linkKind, e.linkId, e.linkLabel],
  );
}

/** A new version, numbered one after the last. */
export async function insertDraft(tx: Queryable, tenantId: string, assessmentId: string, d: { draftedOn: string; summary: string; content: string }) {
  const rows = await tx.query<{ id: string; number: number }>(
    `insert into assessment_drafts (tenant_id, assessment_id, number, drafted_on, summary, content)
     values ($1, $2, (select coalesce(max(number), 0) + 1 from assessment_drafts where assessment_id = $2 and deleted_at is null), $3, $4, $5)
     returning id, number`,
    [tenantId, assessmentId, d.draftedOn, d.summary, d.content],
  );
  return rows[0]!;
}

/** A version as loaded by the demo, with the number it had. */
export async function loadDraft(
  tx: Queryable,
  tenantId: string,
  assessmentId: string,
  d: { number: number; draftedOn: string; summary: string; content: string },
) {
  const rows = await tx.query<{ id: string }>(
    `insert into assessment_drafts (tenant_id, assessment_id, number, drafted_on, summary, content) values ($1, $2, $3, $4, $5, $6) returning id`,
    [tenantId, assessmentId, d.number, d.draftedOn, d.summary, d.content],
  );
  return rows[0]!.id;
}

export async function insertComment(
  tx: Queryable,
  tenantId: string,
  c: { draftId: string; board: string; meetingId: string | null; saidOn: string; comment: string },
) {
  await tx.query(`insert into assessment_comments (tenant_id, draft_id, board, meeting_id, said_on, comment) values ($1, $2, $3, $4, $5, $6)`, [
    tenantId,
    c.draftId,
    c.board,
    c.meetingId,
    c.saidOn,
    c.comment,
  ]);
}

export async function insertStep(
  tx: Queryable,
  tenantId: string,
  assessmentId: string,
  s: { purpose: string; agendaItemId: string | null; board: string; stepDate: string | null; status: StepStatus },
) {
  const position = await nextPosition(tx, tenantId, 'steps', assessmentId);
  const rows = await tx.query<{ id: string }>(
    `insert into assessment_steps (tenant_id, assessment_id, position, purpose, agenda_item_id, board, step_date, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
    [tenantId, assessmentId, position, s.purpose, s.agendaItemId, s.board, s.stepDate, s.status],
  );
  return rows[0]!.id;
}

export async function setStepStatus(tx: Queryable, tenantId: string, assessmentId: string, stepId: string, version: number, status: StepStatus) {
  const rows = await tx.query<{ id: string }>(
    `update assessment_steps set status = $5 where tenant_id = $1 and assessment_id = $2 and id = $3 and version = $4 and deleted_at is null returning id`,
    [tenantId, assessmentId, stepId, version, status],
  );
  return rows.length === 1;
}
