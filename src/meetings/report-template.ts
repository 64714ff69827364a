// The council's standard committee report template (seed 004: every report in the 31 May 2018
// pack follows it), and the publication rule: no report is published until every one of the seven
// implication categories is cleared by a named officer, or marked not applicable.

export const IMPLICATIONS = [
  { key: 'resource', heading: 'Resource Implications', question: 'Have the resource implications been cleared by Finance?' },
  {
    key: 'procurement',
    heading: 'Procurement/Contractual/Council Contract Procedure Rules Implications',
    question: 'Have the procurement/contractual/Council Contract Procedure Rules implications been cleared by Finance?',
  },
  {
    key: 'legal',
    heading: 'Statutory, Legal and Risk Implications',
    question: 'Has the impact on statutory, legal and risk implications been cleared by Legal?',
  },
  {
    key: 'equality',
    heading: 'Equality and Diversity Implications',
    question: 'Have the equality and diversity implications been cleared by your Service Contact?',
  },
  {
    key: 'engagement',
    heading: 'Engagement and Communications Implications',
    question: 'Have any engagement and communication implications been cleared by Communications?',
  },
  {
    key: 'localism',
    heading: 'Localism and Local Member Involvement',
    question: 'Have any localism and Local Member involvement issues been cleared by your Service Contact?',
  },
  { key: 'publicHealth', heading: 'Public Health Implications', question: 'Have any Public Health implications been cleared by Public Health?' },
] as const;
export type ImplicationKey = (typeof IMPLICATIONS)[number]['key'];

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
  /** Empty text prints NO_SIGNIFICANT_IMPLICATIONS. */
  implications: Record<ImplicationKey, string>;
  clearances: Record<ImplicationKey, Clearance>;
  sourceDocuments: { title: string; location: string }[];
}

/** What the report header shows from the meeting and agenda, not typed into the report. */
export interface ReportSetting {
  bodyName: string;
  meetingDate: string; // ISO yyyy-mm-dd
  itemNumber: number | null;
}

export function emptyReport(title = ''): ReportContent {
  const byKey = <T>(f: () => T) => Object.fromEntries(IMPLICATIONS.map((i) => [i.key, f()])) as Record<ImplicationKey, T>;
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

/** Each implication that stops publication, as a message naming it; empty when the report may be published. */
export function clearanceProblems(content: ReportContent): { key: ImplicationKey; message: string }[] {
  const problems: { key: ImplicationKey; message: string }[] = [];
  for (const { key, heading } of IMPLICATIONS) {
    const c = content.clearances[key];
    const name = heading.replace(/ Implications$/, '').replace(/^Localism and Local Member Involvement$/, 'Localism and local member involvement');
    if (!c || c.status === 'pending')
      problems.push({ key, message: `${name} implications have not been cleared: record the officer who cleared them, or mark them not applicable` });
    else if (c.status === 'cleared' && !c.officer.trim())
      problems.push({ key, message: `${name} implications are marked cleared but no officer is named: enter the name of the officer who cleared them` });
  }
  return problems;
}

/** How a clearance reads in the table, e.g. "Yes. Name of officer: Tom Kelly", "Not applicable". */
export function clearanceText(c: Clearance): string {
  const note = c.note.trim() ? ` ${c.note.trim()}` : '';
  if (c.status === 'cleared') return `Yes. Name of officer: ${c.officer.trim()}${note}`;
  if (c.status === 'not_applicable') return c.note.trim() || 'Not applicable';
  return 'Not yet cleared';
}
