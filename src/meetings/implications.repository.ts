// SQL for the implications sections each report type prints (migration 0034), and the snapshot of them a
// committee report keeps when it is published.
import type { Queryable } from '../db/database.ts';
import type { ImplicationSection, ReportType } from './implications.ts';

interface SectionRow {
  key: string;
  heading: string;
  question: string;
  clearedBy: string;
  clearanceRequired: boolean;
  defaultText: string;
}

/** The sections of one report type, in order; empty when the tenant has none configured. */
export async function listSections(db: Queryable, tenantId: string, type: ReportType): Promise<ImplicationSection[]> {
  return db.query<SectionRow>(
    `select key, heading, clearance_question as question, cleared_by as "clearedBy", clearance_required as "clearanceRequired",
            default_text as "defaultText"
     from implication_sections where tenant_id = $1 and report_type = $2 order by position, key`,
    [tenantId, type],
  );
}

/**
 * Makes the report type's sections exactly these, in this order: removed sections are deleted, kept ones
 * updated only where they changed (so the audit trail records each real change), new ones inserted.
 */
export async function replaceSections(tx: Queryable, tenantId: string, type: ReportType, sections: readonly ImplicationSection[]) {
  const keys = sections.map((s) => s.key);
  await tx.query(`delete from implication_sections where tenant_id = $1 and report_type = $2 and not (key = any($3::text[]))`, [tenantId, type, keys]);
  for (const [i, s] of sections.entries()) {
    await tx.query(
      `insert into implication_sections (tenant_id, report_type, position, key, heading, clearance_question, cleared_by, clearance_required, default_text)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       on conflict (tenant_id, report_type, key) do update set
         position = excluded.position, heading = excluded.heading, clearance_question = excluded.clearance_question,
         cleared_by = excluded.cleared_by, clearance_required = excluded.clearance_required, default_text = excluded.default_text,
         modified = clock_timestamp()
       where (implication_sections.position, implication_sections.heading, implication_sections.clearance_question, implication_sections.cleared_by,
              implication_sections.clearance_required, implication_sections.default_text)
         is distinct from (excluded.position, excluded.heading, excluded.clearance_question, excluded.cleared_by, excluded.clearance_required,
              excluded.default_text)`,
      [tenantId, type, i + 1, s.key, s.heading, s.question, s.clearedBy, s.clearanceRequired, s.defaultText],
    );
  }
}

/** Records in a committee report's document the sections it is published with, so it keeps printing them. */
export async function setReportSections(tx: Queryable, tenantId: string, reportId: string, sections: readonly ImplicationSection[]) {
  await tx.query(
    `update reports set document = jsonb_set(document, '{sections}', $3::jsonb) where tenant_id = $1 and id = $2 and kind = 'template' and document is not null`,
    [tenantId, reportId, JSON.stringify(sections)],
  );
}
