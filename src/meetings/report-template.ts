// The council's standard committee report template (seed 004: every report in the 31 May 2018
// pack follows it), and the publication rule: no report is published until every implications section the
// council configures as needing clearance (seed 004's seven by default) is cleared by a named officer, or
// marked not applicable.
import { DEFAULT_SECTIONS, type ImplicationSection } from './implications.ts';

/**
 * Seed 004's seven implication categories, each cleared by an officer: the committee report's shipped set. The
 * council configures its own (migration 0034, /admin/implications); a report written before then, with no
 * sections of its own, is read with these.
 */
export const IMPLICATIONS: readonly ImplicationSection[] = DEFAULT_SECTIONS.committee_report;
/** A section's key, e.g. "resource", "legal"; the council's configuration may add others. */
export type ImplicationKey = string;

/** The council's corporate priorities, against which every report states its alignment (seed 004). */
export const CORPORATE_PRIORITIES = [
  'Developing the local economy for the benefit of all',
  'Helping people live healthy and independent lives',
  'Supporting and protecting vulnerable people',
] as const;

export const NO_SIGNIFICANT_IMPLICATIONS = 'There are no significant implications within this category.';
export const NO_PRIORITY_IMPLICATIONS = 'There are no significant implications for this priority.';

export interface Contact {
  name: string;
  post: string;
  email: string;
  phone: string;
}

export interface Clearance {
  /** pending: not yet cleared; cleared: a named officer has cleared it; not_applicable: nothing to clear. */
  status: 'pending' | 'cleared' | 'not_applicable';
  officer: string;
  /** Optional words printed with the clearance, e.g. "No implications at this stage - proposals still in development." */
  note: string;
}

/**
 * The text of a report written in the product. Paragraph strings hold plain text: a line starting
 * "- " is a bullet; a blank line separates paragraphs within one numbered paragraph.
 */
export interface ReportContent {
  title: string;
  from: string;
  electoralDivisions: string;
  forwardPlanRef: string;
  keyDecision: boolean;
  purpose: string;
  recommendations: string[];
  officerContacts: Contact[];
  memberContacts: Contact[];
  background: string[];
  mainIssues: string[];
  /** One entry per corporate priority, in CORPORATE_PRIORITIES order; empty text prints NO_PRIORITY_IMPLICATIONS. */
  alignment: string[];
  /** By section key; empty text prints the section's default wording. Entries of sections since removed are kept. */
  implications: Record<ImplicationKey, string>;
  clearances: Record<ImplicationKey, Clearance>;
  sourceDocuments: { title: string; location: string }[];
  /** The implications sections configured when the report was last saved (or published); none: seed 004's seven. */
  sections?: ImplicationSection[];
}

/** What the report header shows from the meeting and agenda, not typed into the report. */
export interface ReportSetting {
  bodyName: string;
  meetingDate: string; // ISO yyyy-mm-dd
  itemNumber: number | null;
}

/** The sections a report prints: those it was written with, or seed 004's seven for a report older than the configuration. */
export function sectionsOf(content: Pick<ReportContent, 'sections'>): readonly ImplicationSection[] {
  return content.sections?.length ? content.sections : IMPLICATIONS;
}

export function emptyReport(title = '', sections: readonly ImplicationSection[] = IMPLICATIONS): ReportContent {
  const byKey = <T>(f: () => T) => Object.fromEntries(sections.map((i) => [i.key, f()])) as Record<ImplicationKey, T>;
  return {
    title,
    from: '',
    electoralDivisions: 'All',
    forwardPlanRef: '',
    keyDecision: false,
    purpose: '',
    recommendations: [],
    officerContacts: [],
    memberContacts: [],
    background: [],
    mainIssues: [],
    alignment: CORPORATE_PRIORITIES.map(() => ''),
    implications: byKey(() => ''),
    clearances: byKey(() => ({ status: 'pending' as const, officer: '', note: '' })),
    sourceDocuments: [],
  };
}

/**
 * Each implication that stops publication, as a message naming it; empty when the report may be published.
 * Only the sections configured as needing an officer's clearance are checked: each must be cleared by a named
 * officer or marked not applicable.
 */
export function clearanceProblems(
  content: Pick<ReportContent, 'clearances' | 'sections'>,
  sections: readonly ImplicationSection[] = sectionsOf(content),
): { key: ImplicationKey; message: string }[] {
  const problems: { key: ImplicationKey; message: string }[] = [];
  for (const { key, heading, clearanceRequired } of sections) {
    if (!clearanceRequired) continue;
    const c = content.clearances[key];
    const name = heading.replace(/ Implications$/i, '').replace(/^Localism and Local Member Involvement$/, 'Localism and local member involvement');
    if (!c || c.status === 'pending')
      problems.push({ key, message: `${name} implications have not been cleared: record the officer who cleared them, or mark them not applicable` });
    else if (c.status === 'cleared' && !c.officer.trim())
      problems.push({ key, message: `${name} implications are marked cleared but no officer is named: enter the name of the officer who cleared them` });
  }
  return problems;
}

/** How a clearance reads in the table, e.g. "Yes. Name of officer: Tom Kelly", "Not applicable". */
export function clearanceText(c: Clearance | undefined): string {
  if (!c) return 'Not yet cleared';
  const note = c.note.trim() ? ` ${c.note.trim()}` : '';
  if (c.status === 'cleared') return `Yes. Name of officer: ${c.officer.trim()}${note}`;
  if (c.status === 'not_applicable') return c.note.trim() || 'Not applicable';
  return 'Not yet cleared';
}
