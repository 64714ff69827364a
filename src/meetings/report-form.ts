// The report template as a web form and back: numbered paragraphs are separated by a blank line,
// recommendations are one per line, source documents are "Title | Location" lines. Pure functions.
import type { FormBody } from '../web/forms.ts';
import { lines, text } from '../web/forms.ts';
import type { ImplicationSection } from './implications.ts';
import { CORPORATE_PRIORITIES, IMPLICATIONS, sectionsOf, type Contact, type ReportContent } from './report-template.ts';

const str = (v: unknown) => (text(v) ?? '').replace(/\r\n?/g, '\n');

/** Paragraphs separated by blank lines; line breaks inside a paragraph are kept (bullets are "- " lines). */
export function splitParagraphs(value: string): string[] {
  return value
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n+/)
    .map((p) => p.replace(/[ \t]+$/gm, '').trim())
    .filter(Boolean);
}

/** Inside one numbered paragraph, a blank line would read as a new paragraph in the form: keep single breaks. */
export function normaliseParagraph(p: string): string {
  return p
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]*\n+/g, '\n')
    .trim();
}

function contactFrom(body: FormBody, prefix: string): Contact | null {
  const c = {
    name: str(body[`${prefix}Name`]).trim(),
    post: str(body[`${prefix}Post`]).trim(),
    email: str(body[`${prefix}Email`]).trim(),
    phone: str(body[`${prefix}Phone`]).trim(),
  };
  return c.name || c.post || c.email || c.phone ? c : null;
}

/** The report as posted; its implications are those of the sections the form showed (the council's configuration). */
export function reportFromForm(body: FormBody, sections: readonly ImplicationSection[] = IMPLICATIONS): unknown {
  return {
    title: str(body.title),
    from: str(body.from),
    electoralDivisions: str(body.electoralDivisions),
    forwardPlanRef: str(body.forwardPlanRef),
    keyDecision: text(body.keyDecision) === 'yes',
    purpose: str(body.purpose),
    recommendations: str(body.recommendations)
      .split('\n')
      .map((l) => l.replace(/^\s*(?:\(?[a-z]\)|[-•*])\s+/i, '').trim())
      .filter(Boolean),
    officerContacts: [contactFrom(body, 'officer1'), contactFrom(body, 'officer2')].filter(Boolean),
    memberContacts: [contactFrom(body, 'member1'), contactFrom(body, 'member2')].filter(Boolean),
    background: splitParagraphs(str(body.background)).map(normaliseParagraph),
    mainIssues: splitParagraphs(str(body.mainIssues)).map(normaliseParagraph),
    alignment: CORPORATE_PRIORITIES.map((_p, i) => str(body[`alignment${i}`]).trim()),
    implications: Object.fromEntries(sections.map((i) => [i.key, str(body[`implication-${i.key}`]).trim()])),
    clearances: Object.fromEntries(
      sections.map((i) => [
        i.key,
        {
          status: text(body[`clearance-${i.key}`]) || 'pending',
          officer: str(body[`clearanceOfficer-${i.key}`]),
          note: str(body[`clearanceNote-${i.key}`]),
        },
      ]),
    ),
    sourceDocuments: lines(body.sourceDocuments).map((l) => {
      const [title, ...rest] = l.split('|');
      return { title: title!.trim(), location: rest.join('|').trim() };
    }),
  };
}

export function reportToForm(c: ReportContent, sections: readonly ImplicationSection[] = sectionsOf(c)): FormBody {
  const form: FormBody = {
    title: c.title,
    from: c.from,
    electoralDivisions: c.electoralDivisions,
    forwardPlanRef: c.forwardPlanRef,
    keyDecision: c.keyDecision ? 'yes' : 'no',
    purpose: c.purpose,
    recommendations: c.recommendations.join('\n'),
    background: c.background.map(normaliseParagraph).join('\n\n'),
    mainIssues: c.mainIssues.map(normaliseParagraph).join('\n\n'),
    sourceDocuments: c.sourceDocuments.map((d) => (d.location ? `${d.title} | ${d.location}` : d.title)).join('\n'),
  };
  c.alignment.forEach((a, i) => {
    form[`alignment${i}`] = a;
  });
  for (const [prefix, list] of [
    ['officer', c.officerContacts],
    ['member', c.memberContacts],
  ] as const) {
    list.slice(0, 2).forEach((contact, i) => {
      form[`${prefix}${i + 1}Name`] = contact.name;
      form[`${prefix}${i + 1}Post`] = contact.post;
      form[`${prefix}${i + 1}Email`] = contact.email;
      form[`${prefix}${i + 1}Phone`] = contact.phone;
    });
  }
  for (const i of sections) {
    const clearance = c.clearances[i.key];
    form[`implication-${i.key}`] = c.implications[i.key] ?? '';
    form[`clearance-${i.key}`] = clearance?.status ?? 'pending';
    form[`clearanceOfficer-${i.key}`] = clearance?.officer ?? '';
    form[`clearanceNote-${i.key}`] = clearance?.note ?? '';
  }
  return form;
}

/** Maps schema error paths (recommendations.0, clearances.resource.officer) to form fields. */
export function reportFieldFor(path: string): string {
  const [head, second, third] = path.split('.');
  if (head === 'clearances' && second)
    return third === 'officer' ? `clearanceOfficer-${second}` : third === 'note' ? `clearanceNote-${second}` : `clearance-${second}`;
  if (head === 'implications' && second) return `implication-${second}`;
  if (head === 'alignment') return `alignment${second ?? 0}`;
  if (head === 'officerContacts' || head === 'memberContacts') return `${head === 'officerContacts' ? 'officer' : 'member'}${Number(second ?? 0) + 1}Name`;
  return head ?? '_';
}
