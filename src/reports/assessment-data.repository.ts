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
  version: number;
}
export interface EditorRow {
  id: string;
  personId: string;
  role: string;
  version: number;
}
export type LinkKind = 'indicator' | 'decision' | 'paper' | 'action';
export interface EvidenceRow {
  id: string;
  questionId: string;
  note: string;
  linkKind: LinkKind | null;
  linkId: string | null;
  linkLabel: string;
  version: number;
}
export interface DraftRow {
  id: string;
  number: number;
  draftedOn: string;
  summary: string;
  content: string;
  addedBy: string;
  /** When the version was added (a timestamp). */
  added: string;
  fileId: string | null;
  filename: string | null;
  contentType: string | null;
  sizeBytes: number | null;
}
export interface CommentRow {
  id: string;
  draftId: string;
  board: string;
  meetingId: string | null;
  saidOn: string;
  comment: string;
  version: number;
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
      `select id, parent_id as "parentId", position, text, raised_by as "raisedBy", version from assessment_questions where ${live} order by position, id`,
      args,
    ),
    db.query<EditorRow>(`select id, person_id as "personId", role, version from assessment_editors where ${live} order by created, id`, args),
    db.query<EvidenceRow>(
      `select id, question_id as "questionId", note, link_kind as "linkKind", link_id as "linkId", link_label as "linkLabel", version
       from assessment_evidence where ${live} order by created, id`,
      args,
    ),
    db.query<DraftRow>(
      `select d.id, d.number, to_char(d.drafted_on, 'YYYY-MM-DD') as "draftedOn", d.summary, d.content, d.added_by as "addedBy",
         to_char(d.created at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as added, d.file_id as "fileId", f.filename,
         f.content_type as "contentType", f.size_bytes as "sizeBytes"
       from assessment_drafts d left join files f on f.tenant_id = d.tenant_id and f.id = d.file_id and f.deleted_at is null
       where d.tenant_id = $1 and d.assessment_id = $2 and d.deleted_at is null order by d.number desc`,
      args,
    ),
    db.query<CommentRow>(
      `select c.id, c.draft_id as "draftId", c.board, c.meeting_id as "meetingId", to_char(c.said_on, 'YYYY-MM-DD') as "saidOn", c.comment, c.version
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

/** A new version, numbered one after the last: its text, its file (stored through the files capability), or both. */
export async function insertDraft(
  tx: Queryable,
  tenantId: string,
  assessmentId: string,
  d: { draftedOn: string; summary: string; content: string; fileId?: string | null; addedBy?: string },
) {
  const rows = await tx.query<{ id: string; number: number }>(
    `insert into assessment_drafts (tenant_id, assessment_id, number, drafted_on, summary, content, file_id, added_by)
     values ($1, $2, (select coalesce(max(number), 0) + 1 from assessment_drafts where tenant_id = $1 and assessment_id = $2 and deleted_at is null),
       $3, $4, $5, $6, $7)
     returning id, number`,
    [tenantId, assessmentId, d.draftedOn, d.summary, d.content, d.fileId ?? null, d.addedBy ?? ''],
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

// ---- Changing and removing entries -------------------------------------------------------------------
// Every entry is found by its assessment as well as its id and tenant, so an id from another assessment (or
// another council) is not there. Removal marks the row deleted; the audit trigger keeps what it was.

/** The assessment's state, locked against a change of state until the transaction ends. */
export async function lockAssessment(tx: Queryable, tenantId: string, id: string) {
  const rows = await tx.query<{ state: AssessmentState; submittedOn: string | null }>(
    `select state, to_char(submitted_on, 'YYYY-MM-DD') as "submittedOn" from assessments where tenant_id = $1 and id = $2 and deleted_at is null for share`,
    [tenantId, id],
  );
  return rows[0] ?? null;
}

export async function updateQuestion(
  tx: Queryable,
  tenantId: string,
  assessmentId: string,
  questionId: string,
  version: number,
  q: { text: string; raisedBy: string; parentId: string | null; position: number },
) {
  const rows = await tx.query<{ id: string }>(
    `update assessment_questions set text = $5, raised_by = $6, parent_id = $7, position = $8
     where tenant_id = $1 and assessment_id = $2 and id = $3 and version = $4 and deleted_at is null returning id`,
    [tenantId, assessmentId, questionId, version, q.text, q.raisedBy, q.parentId, q.position],
  );
  return rows.length === 1;
}

/** Removes a question (at the version read) with its sub-queries and the evidence of each; false when it changed meanwhile. */
export async function removeQuestion(tx: Queryable, tenantId: string, assessmentId: string, questionId: string, version: number) {
  const rows = await tx.query<{ id: string }>(
    `update assessment_questions set deleted_at = clock_timestamp()
     where tenant_id = $1 and assessment_id = $2 and id = $3 and version = $4 and deleted_at is null returning id`,
    [tenantId, assessmentId, questionId, version],
  );
  if (rows.length !== 1) return false;
  await tx.query(
    `update assessment_questions set deleted_at = clock_timestamp() where tenant_id = $1 and assessment_id = $2 and parent_id = $3 and deleted_at is null`,
    [tenantId, assessmentId, questionId],
  );
  await tx.query(
    `update assessment_evidence e set deleted_at = clock_timestamp()
     from assessment_questions q
     where e.tenant_id = $1 and e.assessment_id = $2 and e.deleted_at is null and q.tenant_id = e.tenant_id and q.id = e.question_id
       and (q.id = $3 or q.parent_id = $3)`,
    [tenantId, assessmentId, questionId],
  );
  return true;
}

export async function updateEditor(tx: Queryable, tenantId: string, assessmentId: string, editorId: string, version: number, role: string) {
  const rows = await tx.query<{ id: string }>(
    `update assessment_editors set role = $5 where tenant_id = $1 and assessment_id = $2 and id = $3 and version = $4 and deleted_at is null returning id`,
    [tenantId, assessmentId, editorId, version, role],
  );
  return rows.length === 1;
}

export async function updateEvidence(
  tx: Queryable,
  tenantId: string,
  assessmentId: string,
  evidenceId: string,
  version: number,
  e: { questionId: string; note: string; linkKind: LinkKind | null; linkId: string | null; linkLabel: string },
) {
  const rows = await tx.query<{ id: string }>(
    `update assessment_evidence set question_id = $5, note = $6, link_kind = $7, link_id = $8, link_label = $9
     where tenant_id = $1 and assessment_id = $2 and id = $3 and version = $4 and deleted_at is null returning id`,
    [tenantId, assessmentId, evidenceId, version, e.questionId, e.note, e.linkKind, e.linkId, e.linkLabel],
  );
  return rows.length === 1;
}

/** A board's comments, found through the version they are on, which must be this assessment's. */
export async function updateComment(
  tx: Queryable,
  tenantId: string,
  assessmentId: string,
  commentId: string,
  version: number,
  c: { draftId: string; board: string; meetingId: string | null; saidOn: string; comment: string },
) {
  const rows = await tx.query<{ id: string }>(
    `update assessment_comments c set draft_id = $5, board = $6, meeting_id = $7, said_on = $8, comment = $9
     where c.tenant_id = $1 and c.id = $3 and c.version = $4 and c.deleted_at is null
       and exists (select 1 from assessment_drafts d where d.tenant_id = c.tenant_id and d.id = c.draft_id and d.assessment_id = $2 and d.deleted_at is null)
     returning c.id`,
    [tenantId, assessmentId, commentId, version, c.draftId, c.board, c.meetingId, c.saidOn, c.comment],
  );
  return rows.length === 1;
}

export async function updateStep(
  tx: Queryable,
  tenantId: string,
  assessmentId: string,
  stepId: string,
  version: number,
  s: { purpose: string; agendaItemId: string | null; board: string; stepDate: string | null },
) {
  const rows = await tx.query<{ id: string }>(
    `update assessment_steps set purpose = $5, agenda_item_id = $6, board = $7, step_date = $8
     where tenant_id = $1 and assessment_id = $2 and id = $3 and version = $4 and deleted_at is null returning id`,
    [tenantId, assessmentId, stepId, version, s.purpose, s.agendaItemId, s.board, s.stepDate],
  );
  return rows.length === 1;
}

/** Removes one entry at the version read; false when it is gone or changed meanwhile. A step goes only while not dealt with. */
export async function removeEntry(
  tx: Queryable,
  tenantId: string,
  assessmentId: string,
  kind: 'editor' | 'evidence' | 'comment' | 'step',
  entryId: string,
  version: number,
) {
  const sql = {
    editor: `update assessment_editors set deleted_at = clock_timestamp()
       where tenant_id = $1 and assessment_id = $2 and id = $3 and version = $4 and deleted_at is null returning id`,
    evidence: `update assessment_evidence set deleted_at = clock_timestamp()
       where tenant_id = $1 and assessment_id = $2 and id = $3 and version = $4 and deleted_at is null returning id`,
    comment: `update assessment_comments c set deleted_at = clock_timestamp()
       where c.tenant_id = $1 and c.id = $3 and c.version = $4 and c.deleted_at is null
         and exists (select 1 from assessment_drafts d where d.tenant_id = c.tenant_id and d.id = c.draft_id and d.assessment_id = $2 and d.deleted_at is null)
       returning c.id`,
    step: `update assessment_steps set deleted_at = clock_timestamp()
       where tenant_id = $1 and assessment_id = $2 and id = $3 and version = $4 and deleted_at is null and status in ('planned', 'paper_sent') returning id`,
  }[kind];
  const rows = await tx.query<{ id: string }>(sql, [tenantId, assessmentId, entryId, version]);
  return rows.length === 1;
}

/** A version's uploaded file, with its bytes, when the version is this assessment's. */
export async function draftFile(db: Queryable, tenantId: string, assessmentId: string, draftId: string) {
  const rows = await db.query<{ number: number; filename: string; contentType: string; content: Buffer }>(
    `select d.number, f.filename, f.content_type as "contentType", f.content
     from assessment_drafts d join files f on f.tenant_id = d.tenant_id and f.id = d.file_id and f.deleted_at is null
     where d.tenant_id = $1 and d.assessment_id = $2 and d.id = $3 and d.deleted_at is null`,
    [tenantId, assessmentId, draftId],
  );
  return rows[0] ?? null;
}
