// The implications sections of each kind of report, as the council configures them (issue 16): pure rules
// with no I/O. The shipped sets are the seed papers' own (seed 004's seven for committee reports, each cleared
// by an officer; seed 001's for the quarterly update to Cabinet; seed 002's for the annual review); migration
// 0034 seeds the same sets for every tenant, and an administrator changes them at /admin/implications.
import type { FieldErrors } from '../web/errors.ts';

export const REPORT_TYPES = ['committee_report', 'quarterly_update', 'annual_review'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const REPORT_TYPE_NAMES: Record<ReportType, string> = {
  committee_report: 'Committee reports',
  quarterly_update: 'Quarterly update to Cabinet',
  annual_review: 'Annual review of strategic partnerships',
};
export const REPORT_TYPE_HINTS: Record<ReportType, string> = {
  committee_report:
    'Reports written on the standard template for an agenda item, the Finance and Performance Report among them. A report cannot be published until every section that needs clearance is cleared by a named officer or marked not applicable.',
  quarterly_update:
    'The implications at the end of the quarterly update to Cabinet. The section with the key “resources” also lists each partnership’s contributions for the year.',
  annual_review: 'The implications the officer writes in the annual review. A review keeps the sections it was started with.',
};

export interface ImplicationSection {
  key: string;
  heading: string;
  /** The question in the officer clearance table, e.g. "Have the resource implications been cleared by Finance?". */
  question: string;
  /** Who clears it, e.g. Finance, Legal. */
  clearedBy: string;
  /** The report cannot be published until a named officer clears it or it is marked not applicable. */
  clearanceRequired: boolean;
  /** Printed when the author leaves the section empty. */
  defaultText: string;
}

const NO_SIGNIFICANT = 'There are no significant implications within this category.';
const committee = (key: string, heading: string, question: string, clearedBy: string): ImplicationSection => ({
  key,
  heading,
  question,
  clearedBy,
  clearanceRequired: true,
  defaultText: NO_SIGNIFICANT,
});
const plain = (key: string, heading: string, defaultText: string): ImplicationSection => ({
  key,
  heading,
  question: '',
  clearedBy: '',
  clearanceRequired: false,
  defaultText,
});

/** The sets the seed papers use, as migration 0034 seeds them for every tenant. */
export const DEFAULT_SECTIONS: Record<ReportType, readonly ImplicationSection[]> = {
  committee_report: [
    committee('resource', 'Resource Implications', 'Have the resource implications been cleared by Finance?', 'Finance'),
    committee(
      'procurement',
      'Procurement/Contractual/Council Contract Procedure Rules Implications',
      'Have the procurement/contractual/Council Contract Procedure Rules implications been cleared by Finance?',
      'Finance',
    ),
    committee('legal', 'Statutory, Legal and Risk Implications', 'Has the impact on statutory, legal and risk implications been cleared by Legal?', 'Legal'),
    committee(
      'equality',
      'Equality and Diversity Implications',
      'Have the equality and diversity implications been cleared by your Service Contact?',
      'Service Contact',
    ),
    committee(
      'engagement',
      'Engagement and Communications Implications',
      'Have any engagement and communication implications been cleared by Communications?',
      'Communications',
    ),
    committee(
      'localism',
      'Localism and Local Member Involvement',
      'Have any localism and Local Member involvement issues been cleared by your Service Contact?',
      'Service Contact',
    ),
    committee('publicHealth', 'Public Health Implications', 'Have any Public Health implications been cleared by Public Health?', 'Public Health'),
  ],
  quarterly_update: [
    plain('resources', 'Resources and performance information', 'There are no financial implications arising from this report.'),
    plain(
      'statutory',
      'Statutory duties requirements and partnership working',
      'The report as a whole deals with partnership working arrangements and any statutory requirements.',
    ),
    plain('climate', 'Climate change', 'There are no climate change implications arising from this report.'),
    plain('access', 'Access and inclusion', 'There are no access and inclusion implications arising from this report.'),
    plain('engagement', 'Engagement and consultation', 'There are no engagement and consultation implications arising from this report.'),
  ],
  annual_review: [
    plain('financial', 'Financial Implications', ''),
    plain('staffing', 'Staffing Implications', ''),
    plain('equalities', 'Equal Opportunities Implications', ''),
    plain('environmental', 'Environmental Implications', ''),
    plain('consultation', 'Consultation', ''),
    plain('communitySafety', 'Community Safety', ''),
  ],
};

export const isReportType = (v: unknown): v is ReportType => typeof v === 'string' && (REPORT_TYPES as readonly string[]).includes(v);

export const MAX_SECTIONS = 30;
const KEY = /^[a-z][A-Za-z0-9]{0,39}$/;

/** A key for a new section from its heading: "Climate change implications" → "climateChangeImplications". */
export function keyFromHeading(heading: string, taken: ReadonlySet<string>): string {
  const words = heading
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 ]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  let base = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('');
  if (!/^[a-z]/.test(base)) base = `section${base}`;
  base = base.slice(0, 36);
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}${n}`;
  return key;
}

/** One row of the settings form as posted, before it is checked. */
export interface SectionRowInput {
  key: string;
  heading: string;
  order: string;
  question: string;
  clearedBy: string;
  clearanceRequired: boolean;
  defaultText: string;
  remove: boolean;
}

/**
 * Checks the settings form of one report type: every error at once, keyed by the form's field names
 * (`heading-<n>`, `order-<n>`, `question-<n>`, ...), so that nothing changes unless the whole form is good.
 * Rows are the existing sections in their posted order and, last, the new section (empty = none added).
 * Returns the sections in their new order.
 */
export function checkSections(rows: SectionRowInput[], known: ReadonlySet<string>): { sections: ImplicationSection[]; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const kept: { section: ImplicationSection; order: number; index: number }[] = [];
  const taken = new Set<string>();
  for (const r of rows) if (r.key && !r.remove) taken.add(r.key);
  rows.forEach((r, i) => {
    const isNew = !r.key;
    const heading = r.heading.trim();
    if (isNew && !heading && !r.question.trim() && !r.clearedBy.trim() && !r.defaultText.trim() && !r.clearanceRequired) return;
    if (!isNew && r.remove) return;
    if (!isNew && (!KEY.test(r.key) || !known.has(r.key))) {
      errors[`heading-${i}`] = 'This section is no longer configured: reload the page and make your changes again';
      return;
    }
    const name = heading || (isNew ? 'the new section' : `section ${i + 1}`);
    if (!heading) errors[`heading-${i}`] = isNew ? 'Enter the heading of the new section' : `Enter the heading of section ${i + 1}`;
    else if (heading.length > 200) errors[`heading-${i}`] = 'The heading must be 200 characters or fewer';
    const orderText = r.order.trim();
    let order = i + 1;
    if (orderText) {
      if (!/^\d{1,3}$/.test(orderText) || Number(orderText) < 1) errors[`order-${i}`] = `Enter the order of ${name} as a whole number, like 3`;
      else order = Number(orderText);
    } else if (isNew) order = Number.MAX_SAFE_INTEGER;
    const question = r.question.trim();
    if (question.length > 500) errors[`question-${i}`] = 'The clearance question must be 500 characters or fewer';
    else if (r.clearanceRequired && !question)
      errors[`question-${i}`] = `Enter the clearance question of ${name}, or say that it does not need an officer’s clearance`;
    const clearedBy = r.clearedBy.trim();
    if (clearedBy.length > 100) errors[`clearedBy-${i}`] = 'Who clears it must be 100 characters or fewer';
    const defaultText = r.defaultText.trim();
    if (defaultText.length > 2000) errors[`defaultText-${i}`] = 'The wording when there is nothing to say must be 2,000 characters or fewer';
    const key = isNew ? keyFromHeading(heading || 'section', taken) : r.key;
    taken.add(key);
    kept.push({ section: { key, heading, question, clearedBy, clearanceRequired: r.clearanceRequired, defaultText }, order, index: i });
  });
  const lower = new Map<string, number>();
  for (const k of kept) {
    const h = k.section.heading.toLocaleLowerCase('en-GB');
    if (!h) continue;
    if (lower.has(h)) errors[`heading-${k.index}`] = `Another section is already headed “${k.section.heading}”: give each section its own heading`;
    else lower.set(h, k.index);
  }
  if (!kept.length && !Object.keys(errors).length) errors.sections = 'Keep at least one section: a report with no implications sections cannot be cleared';
  if (kept.length > MAX_SECTIONS) errors.sections = `A report can have at most ${MAX_SECTIONS} implications sections`;
  const sections = kept.sort((a, b) => a.order - b.order || a.index - b.index).map((k) => k.section);
  return { sections, errors };
}

/** A fingerprint of a configuration, posted with the settings form so a change made meanwhile is not overwritten. */
export function sectionsVersion(sections: readonly ImplicationSection[]): string {
  const text = JSON.stringify(sections.map((s) => [s.key, s.heading, s.question, s.clearedBy, s.clearanceRequired, s.defaultText]));
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
