// The annual review of strategic partnerships as one structure in seed 002's order, printed alike by the HTML
// page, the PDF and the Word file: summary, lettered recommendations, the landscape's changes, a numbered
// section per partnership, the implications and the background papers (numbered i), ii), iii)).
import { financialYearLabel, formatDate } from '../calendar/format.ts';
import { letter, paragraphs } from '../documents/text.ts';
import { formatPence } from '../web/format.ts';
import type { ChangeGroup } from './annual-rules.ts';
import type { ReviewContent } from './annual-review.service.ts';
import type { Rag } from './health-rules.ts';

export interface AnnualSection {
  number: number;
  id: string;
  name: string;
  ended: boolean;
  purpose: string[];
  members: string[];
  officers: string[];
  representativesNote: string;
  subGroups: string[];
  contributions: { year: string; rows: string[]; total: string }[];
  direction: string[];
  health: { text: string; href: string } | null;
}
export interface AnnualReport {
  id: string;
  title: string;
  dateText: string;
  periodText: string;
  author: string;
  summary: string[];
  recommendations: string[];
  changes: { heading: string; items: string[] }[];
  expected: { heading: string; items: string[] }[];
  sections: AnnualSection[];
  implications: { heading: string; text: string[] }[];
  backgroundPapers: string[];
}

const ROMAN: [number, string][] = [
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];
/** 1 → "i", 4 → "iv", 12 → "xii": background papers are numbered as seed 002 numbers them. */
export function roman(n: number): string {
  let rest = n;
  let out = '';
  for (const [value, numeral] of ROMAN)
    while (rest >= value) {
      out += numeral;
      rest -= value;
    }
  return out;
}

const changeLines = (groups: ChangeGroup[]) =>
  groups.map((g) => ({
    heading: g.heading,
    items: g.changes.map((c) => {
      const when = formatDate(c.date, c.datePrecision);
      const related = c.related ? ` (${g.kind === 'merged_into' ? 'into' : 'by'} ${c.related})` : '';
      return `${c.name}${related}, ${when}${c.description ? `: ${c.description}` : ''}`;
    }),
  }));

const RAG_WORDS: Record<Rag, string> = { green: 'green', amber: 'amber', red: 'red', not_assessed: 'not assessed' };
const person = (r: { name: string; post: string; roles: string[] }) => `${r.name}${r.post ? `, ${r.post}` : ''} (${r.roles.join(', ')})`;

export function buildAnnualReport(c: ReviewContent): AnnualReport {
  const r = c.review;
  const first = 4;
  const defaults = new Map((c.implicationSections ?? []).filter((s) => s.defaultText).map((s) => [s.heading.toLocaleLowerCase('en-GB'), s.defaultText]));
  const sections = c.sections.map((s, i): AnnualSection => {
    const { members, officers } = s.representatives;
    return {
      number: first + i,
      id: s.partnership.id,
      name: s.partnership.name,
      ended: !s.active,
      purpose: [...paragraphs(s.partnership.purpose), ...paragraphs(s.partnership.mission)],
      members: members.map(person),
      officers: officers.map(person),
      representativesNote:
        members.length || officers.length
          ? ''
          : `No representatives of the council are recorded on ${formatDate(r.reportDate)}${c.councilSet ? '' : ' (the council is not set in the health check settings)'}.`,
      subGroups: s.subGroups.map((g) => (g.expectedFrom ? `${g.name} (expected from ${formatDate(g.expectedFrom, g.expectedPrecision)})` : g.name)),
      contributions: s.contributions.map((y) => ({
        year: y.label,
        rows: y.contributions.map((x) => `${x.organisation}: ${formatPence(x.amountPence)}${x.inKind ? ' in kind' : ''} (${x.status})`),
        total: formatPence(y.committedPence),
      })),
      direction: paragraphs(s.direction),
      health: s.health
        ? {
            text: `Health check ${financialYearLabel(s.health.year)}: ${(['green', 'amber', 'red', 'not_assessed'] as const)
              .map((k) => `${s.health!.counts[k]} ${RAG_WORDS[k]}`)
              .join(', ')}.`,
            href: `/health-checks/${s.partnership.id}?year=${s.health.year}`,
          }
        : null,
    };
  });
  return {
    id: r.id,
    title: r.title,
    dateText: formatDate(r.reportDate),
    periodText: `${formatDate(r.periodStart)} to ${formatDate(r.periodEnd)}`,
    author: r.author,
    summary: paragraphs(r.summary),
    recommendations: r.recommendations.map((text, i) => `${letter(i)}) ${text}`),
    changes: changeLines(c.changes.inPeriod),
    expected: changeLines(c.changes.expected),
    sections,
    // The sections the review was written with; one left empty prints the wording the council configures for it.
    implications: r.implications.map((imp) => {
      const text = paragraphs(imp.text);
      const wording = defaults.get(imp.heading.toLocaleLowerCase('en-GB'));
      return { heading: imp.heading, text: text.length || !wording ? text : [wording] };
    }),
    backgroundPapers: r.backgroundPapers.map((p, i) => `${roman(i + 1)}) ${p}`),
  };
}
