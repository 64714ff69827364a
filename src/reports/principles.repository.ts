// SQL for the Principles of Partnership Working, their versions, and the health check's stored
// judgements, Principle 1 tests and settings.
import type { Queryable } from '../db/database.ts';
import type { Rag } from './health-rules.ts';

export interface VersionRow {
  id: string;
  adoptedOn: string;
  adoptedBy: string;
  note: string;
}

export async function listVersions(db: Queryable, tenantId: string) {
  return db.query<VersionRow>(
    `select id, adopted_on as "adoptedOn", adopted_by as "adoptedBy", note from principle_versions
     where tenant_id = $1 and deleted_at is null order by adopted_on desc`,
    [tenantId],
  );
}

export interface CriterionRow {
  principleId: string;
  number: number;
  heading: string;
  statement: string;
  letter: string;
  text: string;
}

/** A version's principles with their criteria, in order. */
export async function criteriaOf(db: Queryable, tenantId: string, versionId: string) {
  return db.query<CriterionRow>(
    `select p.id as "principleId", p.number, p.heading, p.statement, c.letter, c.text
     from principles p join principle_criteria c on c.principle_id = p.id and c.deleted_at is null
     where p.tenant_id = $1 and p.version_id = $2 and p.deleted_at is null order by p.number, c.letter`,
    [tenantId, versionId],
  );
}

export async function insertVersion(tx: Queryable, tenantId: string, v: { adoptedOn: string; adoptedBy: string; note: string }) {
  const [row] = await tx.query<{ id: string }>(
    'insert into principle_versions (tenant_id, adopted_on, adopted_by, note) values ($1, $2, $3, $4) returning id',
    [tenantId, v.adoptedOn, v.adoptedBy, v.note],
  );
  return row!.id;
}

export async function insertPrinciple(tx: Queryable, tenantId: string, versionId: string, p: { number: number; heading: string; statement: string }) {
  const [row] = await tx.query<{ id: string }>(
    'insert into principles (tenant_id, version_id, number, heading, statement) values ($1, $2, $3, $4, $5) returning id',
    [tenantId, versionId, p.number, p.heading, p.statement],
  );
  return row!.id;
}

export async function insertCriterion(tx: Queryable, tenantId: string, principleId: string, c: { letter: string; text: string }) {
  await tx.query('insert into principle_criteria (tenant_id, principle_id, letter, text) values ($1, $2, $3, $4)', [tenantId, principleId, c.letter, c.text]);
}

export interface SettingsRow {
  councilOrganisationId: string | null;
  minutesWorkingDays: number;
}

export async function getSettings(db: Queryable, tenantId: string): Promise<SettingsRow> {
  const [row] = await db.query<SettingsRow>(
    `select council_organisation_id as "councilOrganisationId", minutes_working_days as "minutesWorkingDays"
     from health_check_settings where tenant_id = $1 and deleted_at is null`,
    [tenantId],
  );
  return row ?? { councilOrganisationId: null, minutesWorkingDays: 10 };
}

export async function saveSettings(tx: Queryable, tenantId: string, s: SettingsRow) {
  await tx.query(
    `insert into health_check_settings (tenant_id, council_organisation_id, minutes_working_days) values ($1, $2, $3)
     on conflict (tenant_id) do update set council_organisation_id = excluded.council_organisation_id, minutes_working_days = excluded.minutes_working_days`,
    [tenantId, s.councilOrganisationId, s.minutesWorkingDays],
  );
}

export interface JudgementRow {
  partnershipId: string;
  year: number;
  criterion: string;
  rag: Rag;
  evidence: string;
}

/** Officers' judgements for the partnerships, every year (for the trend) or one. */
export async function judgementsOf(db: Queryable, tenantId: string, partnershipIds: string[], year: number | null) {
  return db.query<JudgementRow>(
    `select partnership_id as "partnershipId", year, criterion, rag, evidence from health_check_judgements
     where tenant_id = $1 and partnership_id = any($2::uuid[]) and ($3::int is null or year = $3::int) and deleted_at is null
     order by year, criterion`,
    [tenantId, partnershipIds, year],
  );
}

/** Sets a judgement, changing only what differs so the audit trail records real changes. */
export async function upsertJudgement(tx: Queryable, tenantId: string, j: JudgementRow) {
  await tx.query(
    `insert into health_check_judgements (tenant_id, partnership_id, year, criterion, rag, evidence) values ($1, $2, $3, $4, $5, $6)
     on conflict (tenant_id, partnership_id, year, criterion) where deleted_at is null do update set rag = excluded.rag, evidence = excluded.evidence`,
    [tenantId, j.partnershipId, j.year, j.criterion, j.rag, j.evidence],
  );
}

export interface TestRow {
  letter: string;
  met: boolean;
  reason: string;
}

export async function principleOneTest(db: Queryable, tenantId: string, partnershipId: string, year: number) {
  return db.query<TestRow>(
    `select letter, met, reason from principle_one_tests
     where tenant_id = $1 and partnership_id = $2 and year = $3 and deleted_at is null order by letter`,
    [tenantId, partnershipId, year],
  );
}

export async function upsertTestAnswer(tx: Queryable, tenantId: string, partnershipId: string, year: number, t: TestRow) {
  await tx.query(
    `insert into principle_one_tests (tenant_id, partnership_id, year, letter, met, reason) values ($1, $2, $3, $4, $5, $6)
     on conflict (tenant_id, partnership_id, year, letter) where deleted_at is null do update set met = excluded.met, reason = excluded.reason`,
    [tenantId, partnershipId, year, t.letter, t.met, t.reason],
  );
}
