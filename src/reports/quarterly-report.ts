// The quarterly update to Cabinet as one structure (seed 001's layout), printed by the HTML page, the Word
// file and the PDF alike: front matter, contact table, one lettered section per partnership, source
// documents and the implications sections.
import { formatDate } from '../calendar/format.ts';
import { paragraphs } from '../documents/text.ts';
import { DEFAULT_IMPLICATION_SECTIONS, type ImplicationSection } from '../meetings/index.ts';
import type { Quarter } from './quarterly-rules.ts';
import type { PartnershipQuarter } from './quarterly.service.ts';

export interface ReportSection {
  letter: string;
  name: string;
  responsibilities: { paragraphs: string[]; bullets: string[] };
  summary: string[];
  summaryState: string;
  indicators: { label: string; baseline: string; target: string; actual: string }[];
  exceptions: { indicatorTitle: string; cause: string; actions: string; cost: string | null }[];
  funding: { organisation: string; amount: string }[];
  fundingTotal: string | null;
}

export interface QuarterlyReport {
  title: string;
  quarter: Quarter;
  date: string;
  dateText: string;
  purpose: string;
  recommendation: string;
  contacts: { name: string; officer: Contact; member: Contact }[];
  sections: ReportSection[];
  sources: { partnership: string; title: string; where: string }[];
  implications: { heading: string; text: string[] }[];
}
type Contact = { name: string; post: string; email: string; phone: string } | null;

const contact = (c: PartnershipQuarter['officer'], member: boolean): Contact =>
  c ? { name: c.name, post: (member ? c.portfolio : c.post) ?? '', email: c.email ?? '', phone: c.phone ?? '' } : null;
const dash = (v: string | null) => v ?? '–';

/**
 * The implications as the council configures them for the quarterly update (seed 001's five by default), in
 * their order: each section prints its default wording, except that the section keyed "resources" lists each
 * partnership's contributions for the year (its default wording when no partnership is covered).
 */
export function quarterlyImplications(sections: readonly ImplicationSection[], financial: string[]): { heading: string; text: string[] }[] {
  return sections.map((s) => ({
    heading: s.heading,
    text: s.key === 'resources' && financial.length ? financial : s.defaultText ? [s.defaultText] : [],
  }));
}

export function buildReport(
  q: Quarter,
  date: string,
  rows: PartnershipQuarter[] & { implicationSections?: readonly ImplicationSection[] },
  implicationSet: readonly ImplicationSection[] = rows.implicationSections ?? DEFAULT_IMPLICATION_SECTIONS.quarterly_update,
): QuarterlyReport {
  const sections = rows.map((r, i): ReportSection => {
    const u = r.update;
    return {
      letter: String.fromCharCode(65 + (i % 26)),
      name: r.partnership.name,
      responsibilities: { paragraphs: [...paragraphs(r.partnership.purpose), ...paragraphs(r.partnership.mission)], bullets: r.partnership.responsibilities },
      // Only what the lead member approved goes to Cabinet; a missing or draft update is said plainly.
      summary: u?.state === 'approved' ? paragraphs(u.summary) : [],
      summaryState:
        u?.state === 'approved'
          ? ''
          : u
            ? 'The summary of activity for this quarter has not yet been approved by the lead member.'
            : 'No summary of activity has been written for this quarter.',
      indicators: r.indicators.map((x) => ({ label: x.label, baseline: dash(x.baseline), target: dash(x.target), actual: dash(x.actual) })),
      exceptions: r.exceptions.map((e) => ({ indicatorTitle: e.indicatorTitle, cause: e.cause, actions: e.actions, cost: e.cost })),
      funding: r.funding,
      fundingTotal: r.fundingTotal,
    };
  });
  const count = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'][rows.length] ?? String(rows.length);
  const financial = rows.map((r) =>
    r.fundingTotal
      ? `Contributions to ${r.partnership.name} for ${q.financialYear}/${String((q.financialYear + 1) % 100).padStart(2, '0')}: ${r.fundingTotal}.`
      : `There are no contributions recorded to ${r.partnership.name} for the year.`,
  );
  return {
    title: `Quarterly update report on key partnerships: ${q.label}`,
    quarter: q,
    date,
    dateText: formatDate(date),
    purpose: `In order to update Cabinet and enhance accountability of the activities of key strategic partnerships it has been agreed that a quarterly report should be produced. This paper provides the latest quarterly update report on the following ${count} partnership${rows.length === 1 ? '' : 's'}:`,
    recommendation: 'Cabinet is asked to note the content of the report.',
    contacts: rows.map((r) => ({ name: r.partnership.name, officer: contact(r.officer, false), member: contact(r.member, true) })),
    sections,
    sources: rows.flatMap((r) => r.sources.map((s) => ({ partnership: r.partnership.name, title: s.title, where: s.url ?? s.note ?? '' }))),
    implications: quarterlyImplications(implicationSet, financial),
  };
}
