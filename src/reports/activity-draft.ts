// The drafting rule of a partnership's quarterly summary of activity (issue 16, seed 001): from the facts
// recorded between the last update (or the quarter's start) and the quarter's end, a plain, editable draft in the
// register of seed 001's summaries ("Since the last report to Cabinet, the Children and Young People Steering
// Group met on 20 May..."; "There has been no meeting since the 24 March 2009... The next meeting ... is to be
// held on 30 July 2009"), with the records it used as sources. Paragraphs are separated by a blank line, as the
// activity update form stores them; a list is lines starting "- ". Pure: the facts come in, text goes out.
import { formatDate } from '../calendar/format.ts';
import { formatPence } from '../web/format.ts';
import { labelFor } from '../web/labels.ts';

export interface MeetingFact {
  id: string;
  bodyName: string;
  meetingDate: string;
  held: boolean;
}

export interface ActivityFacts {
  partnershipId: string;
  partnershipName: string;
  /** First and last day of the window (England's dates). */
  from: string;
  to: string;
  /** Whether an earlier update was written: the draft then speaks of "the last report to Cabinet". */
  sinceLastReport: boolean;
  meetings: MeetingFact[];
  previousMeeting: MeetingFact | null;
  nextMeeting: MeetingFact | null;
  decisions: { meetingId: string; minuteNumber: number; title: string; position: number; text: string; outcome: string }[];
  indicators: {
    indicatorId: string;
    label: string;
    period: string;
    value: string;
    target: string | null;
    ragText: string;
    rag: string | null;
  }[];
  exceptions: {
    indicatorId: string;
    indicatorTitle: string;
    cause: string;
    actions: string;
    cost: number | null;
    status: string;
    meetingDate: string | null;
    considerer: string | null;
  }[];
  events: { kind: string; eventDate: string; description: string }[];
  planActions: { planId: string; planTitle: string; actionId: string; reference: string; description: string; state: 'completed' | 'late'; date: string }[];
  money: { kind: 'agreed' | 'paid' | 'funding'; who: string; title: string | null; amountPence: number; financialYear: number | null; date: string }[];
}

export interface DraftSource {
  label: string;
  href: string;
}

export interface ActivityDraft {
  text: string;
  sources: DraftSource[];
}

/** "20 May" within the window's year, "20 May 2008" otherwise (seed 001 writes "met on 27 May", "since the 24 March 2009"). */
const dateIn = (iso: string, year: string) => (iso.slice(0, 4) === year ? formatDate(iso).replace(/ \d{4}$/, '') : formatDate(iso));
const sentence = (text: string) => {
  const t = text.trim().replace(/\s+/g, ' ');
  return t ? `${t[0]!.toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}` : '';
};
const joined = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);
const letter = (position: number) => String.fromCharCode(96 + Math.min(Math.max(position, 1), 26));
const yearLabel = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;

function meetingsParagraphs(f: ActivityFacts, year: string, out: string[]) {
  const opening = f.sinceLastReport ? 'Since the last report to Cabinet' : `Between ${formatDate(f.from)} and ${formatDate(f.to)}`;
  const held = f.meetings.filter((m) => m.held);
  const due = f.meetings.filter((m) => !m.held);
  if (held.length) out.push(`${opening}, ${joined(held.map((m) => `the ${m.bodyName} met on ${dateIn(m.meetingDate, year)}`))}.`);
  else if (f.previousMeeting) out.push(`There has been no meeting since the ${formatDate(f.previousMeeting.meetingDate)}.`);
  else out.push(`There has been no meeting ${f.sinceLastReport ? 'since the last report to Cabinet' : 'in the period'}.`);
  if (due.length) out.push(`${joined(due.map((m) => `The ${m.bodyName} is due to meet on ${formatDate(m.meetingDate)}`))}.`);
  else if (f.nextMeeting) out.push(`The next meeting of the ${f.nextMeeting.bodyName} is to be held on ${formatDate(f.nextMeeting.meetingDate)}.`);
}

function decisionParagraphs(f: ActivityFacts, year: string, out: string[]) {
  for (const m of f.meetings) {
    const mine = f.decisions.filter((d) => d.meetingId === m.id);
    if (!mine.length) continue;
    const lines = mine.map((d) => `- ${sentence(d.text)}${d.outcome === 'lost' ? ' (not carried)' : ''} (minute ${d.minuteNumber}${letter(d.position)})`);
    out.push([`At its meeting on ${dateIn(m.meetingDate, year)} the ${m.bodyName} agreed:`, ...lines].join('\n'));
  }
}

function performanceParagraphs(f: ActivityFacts, year: string, out: string[]) {
  if (f.indicators.length) {
    const lines = f.indicators.map(
      (i) => `- ${i.label} (${i.period}): ${i.value}${i.target ? ` against a target of ${i.target}` : ''}, ${i.ragText.toLowerCase()}`,
    );
    out.push(['Performance results recorded in the period:', ...lines].join('\n'));
  }
  for (const e of f.exceptions) {
    const where = e.considerer && e.meetingDate ? ` by the ${e.considerer} at its meeting on ${dateIn(e.meetingDate, year)}` : '';
    const head =
      e.status === 'considered' || where
        ? `An exception report for ${e.indicatorTitle} was considered${where}.`
        : `An exception report for ${e.indicatorTitle} was submitted.`;
    const cost = e.cost !== null ? ` (estimated cost ${formatPence(e.cost)})` : '';
    const actions = e.actions.trim() ? ` Actions proposed to improve performance: ${sentence(e.actions).replace(/\.$/, '')}${cost}.` : '';
    out.push(`${head}${e.cause.trim() ? ` ${sentence(e.cause)}` : ''}${actions}`);
  }
}

function landscapeAndPlans(f: ActivityFacts, out: string[]) {
  if (f.events.length) {
    const lines = f.events.map(
      (e) => `- ${formatDate(e.eventDate)}: ${labelFor('eventKind', e.kind).toLowerCase()}${e.description.trim() ? `. ${sentence(e.description)}` : '.'}`,
    );
    out.push([`Changes to the partnership landscape:`, ...lines].join('\n'));
  }
  const done = f.planActions.filter((a) => a.state === 'completed');
  const late = f.planActions.filter((a) => a.state === 'late');
  const action = (a: (typeof f.planActions)[number]) => `- ${a.reference} ${sentence(a.description)} (${a.planTitle})`;
  if (done.length) out.push([`Plan actions completed:`, ...done.map(action)].join('\n'));
  if (late.length) out.push([`Plan actions past their date and not complete:`, ...late.map((a) => `${action(a)}, due ${formatDate(a.date)}`)].join('\n'));
}

function moneyParagraph(f: ActivityFacts, out: string[]) {
  if (!f.money.length) return;
  const line = (m: (typeof f.money)[number]) => {
    const amount = formatPence(m.amountPence);
    const year = m.financialYear === null ? '' : ` for ${yearLabel(m.financialYear)}`;
    const inKind = m.title && m.kind !== 'funding' ? ` in kind (${m.title})` : '';
    if (m.kind === 'agreed') return `- ${m.who} agreed a contribution of ${amount}${inKind}${year} on ${formatDate(m.date)}`;
    if (m.kind === 'paid') return `- ${m.who} paid its contribution of ${amount}${inKind}${year} on ${formatDate(m.date)}`;
    return `- ${m.who}: ${m.title ?? 'funding'} of ${amount}, from ${formatDate(m.date)}`;
  };
  out.push(['Money:', ...f.money.map(line)].join('\n'));
}

/** The records the draft used, each with its page in the back office. */
function sourcesOf(f: ActivityFacts): DraftSource[] {
  const seen = new Set<string>();
  const out: DraftSource[] = [];
  const add = (label: string, href: string) => {
    if (seen.has(href)) return;
    seen.add(href);
    out.push({ label, href });
  };
  const shown = [...f.meetings, ...(f.meetings.some((m) => m.held) ? [] : [f.previousMeeting]), ...(f.meetings.some((m) => !m.held) ? [] : [f.nextMeeting])];
  for (const m of shown) if (m) add(`Meeting: ${m.bodyName}, ${formatDate(m.meetingDate)}`, `/meetings/${m.id}`);
  for (const d of f.decisions) {
    const m = f.meetings.find((x) => x.id === d.meetingId);
    if (m) add(`Minutes: ${m.bodyName}, ${formatDate(m.meetingDate)}`, `/meetings/${m.id}/minutes`);
  }
  for (const i of f.indicators) add(`Indicator: ${i.label}`, `/performance/indicators/${i.indicatorId}`);
  for (const e of f.exceptions) add(`Indicator: ${e.indicatorTitle} (exception report)`, `/performance/indicators/${e.indicatorId}`);
  if (f.events.length || f.money.length) add(`Register: ${f.partnershipName} (landscape and money)`, `/partnerships/${f.partnershipId}`);
  for (const a of f.planActions) add(`Plan action ${a.reference}: ${a.planTitle}`, `/plans/${a.planId}/actions/${a.actionId}`);
  return out;
}

export function draftActivity(f: ActivityFacts): ActivityDraft {
  const year = f.to.slice(0, 4);
  const out: string[] = [];
  meetingsParagraphs(f, year, out);
  decisionParagraphs(f, year, out);
  performanceParagraphs(f, year, out);
  landscapeAndPlans(f, out);
  moneyParagraph(f, out);
  const recorded = f.meetings.length + f.decisions.length + f.indicators.length + f.exceptions.length + f.events.length + f.planActions.length + f.money.length;
  if (!recorded) out.push(`Nothing else was recorded for ${f.partnershipName} between ${formatDate(f.from)} and ${formatDate(f.to)}.`);
  return { text: out.join('\n\n'), sources: sourcesOf(f) };
}
