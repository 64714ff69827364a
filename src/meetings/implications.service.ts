// The council's implications sections per report type (issue 16): read them (the shipped seed sets when a
// tenant has none), and change one report type's sections from the administrator's settings form: every
// error at once, nothing saved unless all is well, at the configuration the form was read from, audited.
import type { Database, Queryable } from '../db/database.ts';
import { changeContext, type RequestContext } from '../web/context.ts';
import { ConflictError, ValidationError } from '../web/errors.ts';
import { type FormBody, text } from '../web/forms.ts';
import {
  checkSections,
  DEFAULT_SECTIONS,
  type ImplicationSection,
  MAX_SECTIONS,
  type ReportType,
  type SectionRowInput,
  sectionsVersion,
} from './implications.ts';
import * as repo from './implications.repository.ts';

/** The sections a report of this type prints now, in order. */
export async function implicationSections(db: Queryable, tenantId: string, type: ReportType): Promise<ImplicationSection[]> {
  const rows = await repo.listSections(db, tenantId, type);
  return rows.length ? rows : DEFAULT_SECTIONS[type].map((s) => ({ ...s }));
}

const str = (v: unknown) => (text(v) ?? '').replace(/\r\n?/g, '\n');

/** The settings form's rows as posted: `count` rows, each field suffixed with its row number. */
export function sectionRowsFromForm(body: FormBody): SectionRowInput[] {
  const count = Math.min(Math.max(Number.parseInt(str(body.count), 10) || 0, 0), MAX_SECTIONS + 1);
  return Array.from({ length: count }, (_, i) => ({
    key: str(body[`key-${i}`]).trim(),
    heading: str(body[`heading-${i}`]),
    order: str(body[`order-${i}`]),
    question: str(body[`question-${i}`]),
    clearedBy: str(body[`clearedBy-${i}`]),
    clearanceRequired: str(body[`required-${i}`]) === 'yes',
    defaultText: str(body[`defaultText-${i}`]),
    remove: str(body[`remove-${i}`]) === 'yes',
  }));
}

/** The settings form's values for a configuration: its sections then one empty row for a new section. */
export function sectionsToForm(sections: readonly ImplicationSection[]): FormBody {
  const form: FormBody = { count: String(sections.length + 1), version: sectionsVersion(sections) };
  sections.forEach((s, i) => {
    Object.assign(form, {
      [`key-${i}`]: s.key,
      [`heading-${i}`]: s.heading,
      [`order-${i}`]: String(i + 1),
      [`question-${i}`]: s.question,
      [`clearedBy-${i}`]: s.clearedBy,
      [`required-${i}`]: s.clearanceRequired ? 'yes' : '',
      [`defaultText-${i}`]: s.defaultText,
    });
  });
  return form;
}

export async function saveImplicationSections(db: Database, ctx: RequestContext, type: ReportType, body: FormBody) {
  await db.transaction(changeContext(ctx), async (tx) => {
    const current = await implicationSections(tx, ctx.tenantId, type);
    if (str(body.version) !== sectionsVersion(current)) throw new ConflictError();
    const { sections, errors } = checkSections(sectionRowsFromForm(body), new Set(current.map((s) => s.key)));
    if (Object.keys(errors).length) throw new ValidationError(errors);
    await repo.replaceSections(tx, ctx.tenantId, type, sections);
  });
}
