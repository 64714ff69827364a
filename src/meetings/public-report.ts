// A report written in the council's template as the public read it on the web (issue 17: "papers as HTML
// first"): the same content as its PDF (src/meetings/pack/report-pdf.ts), in the same order and with the same
// numbering, words and defaults, shaped for an accessible page (headings, lists and tables). Pure.
import { formatLongDate } from '../calendar/format.ts';
import { letter } from '../documents/text.ts';
import {
  CORPORATE_PRIORITIES,
  NO_PRIORITY_IMPLICATIONS,
  NO_SIGNIFICANT_IMPLICATIONS,
  clearanceText,
  sectionsOf,
  type Contact,
  type ReportContent,
  type ReportSetting,
} from './report-template.ts';

export interface ReportPage {
  title: string;
  itemNumber: number | null;
  header: { key: string; value: string }[];
  purpose: string;
  recommendations: { letter: string; text: string }[];
  officerContacts: Contact[];
  memberContacts: Contact[];
  /** Sections 1 and 2: numbered paragraphs ('1.1'); each text may hold "- " bullets. */
  sections: { number: string; title: string; paragraphs: { number: string; text: string }[] }[];
  /** Sections 3 and 4: a numbered heading per priority or implication, with its text or the template's default. */
  headed: { number: string; title: string; entries: { number: string; heading: string; text: string }[] }[];
  clearances: { question: string; answer: string }[];
  sourceDocuments: { title: string; location: string }[];
}

const trimmed = (values: readonly string[]) => values.map((v) => v.trim()).filter(Boolean);

const contacts = (list: readonly Contact[]) =>
  list
    .map((c) => ({ name: c.name.trim(), post: c.post.trim(), email: c.email.trim(), phone: c.phone.trim() }))
    .filter((c) => c.name || c.post || c.email || c.phone);

export function reportPage(content: ReportContent, setting: ReportSetting): ReportPage {
  // The sections the report was written with (the council's configuration), as its PDF prints them.
  const sections = sectionsOf(content);
  const numbered = (n: number, title: string, paras: readonly string[]) => ({
    number: String(n),
    title,
    paragraphs: trimmed(paras).map((text, i) => ({ number: `${n}.${i + 1}`, text })),
  });
  return {
    title: content.title.trim() || 'Untitled report',
    itemNumber: setting.itemNumber,
    header: [
      { key: 'To', value: setting.bodyName },
      { key: 'Meeting date', value: formatLongDate(setting.meetingDate) },
      { key: 'From', value: content.from.trim() || 'Not stated' },
      { key: 'Electoral division(s)', value: content.electoralDivisions.trim() || 'All' },
      { key: 'Forward Plan ref', value: content.forwardPlanRef.trim() || 'Not applicable' },
      { key: 'Key decision', value: content.keyDecision ? 'Yes' : 'No' },
    ],
    purpose: content.purpose.trim() || 'Not stated',
    recommendations: trimmed(content.recommendations).map((text, i) => ({ letter: `${letter(i)})`, text })),
    officerContacts: contacts(content.officerContacts),
    memberContacts: contacts(content.memberContacts),
    sections: [numbered(1, 'Background', content.background), numbered(2, 'Main issues', content.mainIssues)],
    headed: [
      {
        number: '3',
        title: 'Alignment with corporate priorities',
        entries: CORPORATE_PRIORITIES.map((heading, i) => ({
          number: `3.${i + 1}`,
          heading,
          text: content.alignment[i]?.trim() || NO_PRIORITY_IMPLICATIONS,
        })),
      },
      {
        number: '4',
        title: 'Significant implications',
        entries: sections.map((imp, i) => ({
          number: `4.${i + 1}`,
          heading: imp.heading,
          text: content.implications[imp.key]?.trim() || imp.defaultText || NO_SIGNIFICANT_IMPLICATIONS,
        })),
      },
    ],
    // A section with no clearance question has no row, as in the PDF.
    clearances: sections
      .filter((imp) => imp.clearanceRequired || imp.question.trim())
      .map((imp) => {
        const c = content.clearances[imp.key];
        return { question: imp.question, answer: clearanceText(c) };
      }),
    sourceDocuments: content.sourceDocuments.map((d) => ({ title: d.title.trim(), location: d.location.trim() })).filter((d) => d.title || d.location),
  };
}
